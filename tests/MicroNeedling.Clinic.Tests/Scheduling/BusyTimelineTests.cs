using MicroNeedling.Clinic.Calendar;
using static MicroNeedling.Clinic.Tests.Scheduling.Scenario;

namespace MicroNeedling.Clinic.Tests.Scheduling;

public sealed class BusyTimelineTests
{
    private static readonly DateTime LongAgo = Utc("2000-01-01 00:00");

    [Theory]
    [InlineData("2026-02-02 12:00", 60, true)] // inside the long span, after the short one
    [InlineData("2026-02-02 08:00", 60, false)] // ends as the long span starts
    [InlineData("2026-02-02 17:00", 60, false)] // starts as the long span ends
    [InlineData("2026-02-02 16:59", 60, true)]
    public void Finds_an_overlap_with_a_long_span_that_covers_later_short_ones(string start, int minutes, bool overlaps)
    {
        var timeline = new BusyTimeline([Busy("2026-02-02 09:30", 30), Busy("2026-02-02 09:00", 480), Busy("2026-02-02 10:00", 15)], LongAgo);

        Assert.Equal(overlaps, timeline.Overlaps(Busy(start, minutes)));
    }

    [Fact]
    public void Answers_like_a_scan_of_every_span_for_unsorted_overlapping_input()
    {
        var random = new Random(20260202);
        var origin = Utc("2026-02-02 00:00");
        var spans = Enumerable.Range(0, 2_000)
            .Select(_ => origin.AddMinutes(random.Next(0, 60 * 24 * 30)))
            .Select(start => new UtcSpan(start, start.AddMinutes(random.Next(0, 240))))
            .ToArray();
        var timeline = new BusyTimeline(spans, LongAgo);

        for (var i = 0; i < 2_000; i++)
        {
            var start = origin.AddMinutes(random.Next(-60, 60 * 24 * 31));
            var query = new UtcSpan(start, start.AddMinutes(random.Next(1, 120)));
            Assert.Equal(spans.Any(s => s.Overlaps(query)), timeline.Overlaps(query));
        }
    }

    [Fact]
    public void Counts_spans_added_during_the_call_and_ignores_spans_that_ended_before_the_cutoff()
    {
        var timeline = new BusyTimeline([Busy("2026-02-02 09:00", 60)], ignoreEndingBy: ToUtc("2026-02-02 10:00"));

        Assert.False(timeline.Overlaps(Busy("2026-02-02 09:00", 60)));
        timeline.Add(Busy("2026-02-02 11:00", 60));
        Assert.True(timeline.Overlaps(Busy("2026-02-02 11:30", 60)));
    }
}
