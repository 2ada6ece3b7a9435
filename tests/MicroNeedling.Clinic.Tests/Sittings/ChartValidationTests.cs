using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Tests.Sittings;

/// <summary>What the chart form must hold before any rule looks at it.</summary>
public sealed class ChartValidationTests
{
    private static ChartSittingCommand Valid() => new()
    {
        BookingId = 1,
        NumbingProduct = "Lidocaine 5%",
        NumbingApplied = new TimeOnly(10, 0),
        NumbingRemoved = new TimeOnly(10, 30),
        Device = "Pen A6",
        CartridgeLot = "LOT-123",
        Areas = [new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = 0.75m, Passes = 3 }, new ChartAreaRow()],
        SerumProduct = "Hyaluronic serum",
        ProcedureStart = new TimeOnly(10, 30),
        ProcedureEnd = new TimeOnly(10, 45),
        Reaction = ImmediateReaction.Redness,
    };

    public static TheoryData<string, string, string> Refusals => new()
    {
        // case, field, message
        { "no numbing product", "NumbingProduct", "Enter the numbing cream used." },
        { "long device", "Device", "At most 200 characters." },
        { "removed before applied", "NumbingRemoved", "The numbing cream must come off after it went on." },
        { "end before start", "ProcedureEnd", "The needling must end after it started." },
        { "only blank rows", "Areas", "Record at least one treated area." },
        { "too shallow", "Areas[0].DepthMm", "The depth must be between 0.1 and 3.0 mm." },
        { "too deep", "Areas[0].DepthMm", "The depth must be between 0.1 and 3.0 mm." },
        { "no passes", "Areas[0].Passes", "Enter the number of passes." },
        { "eleven passes", "Areas[0].Passes", "Between 1 and 10 passes." },
        { "row without area", "Areas[1].Area", "Choose the area." },
        { "same area twice", "Areas[1].Area", "Cheeks and chin is already listed. Record each area once." },
        { "other without text", "ReactionOther", "Describe the reaction." },
        { "no reaction", "Reaction", "Choose the immediate reaction (\"None\" if there was none)." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_chart_missing_something_is_refused_on_its_field(string @case, string field, string message)
    {
        var command = Valid();
        switch (@case)
        {
            case "no numbing product": command.NumbingProduct = " "; break;
            case "long device": command.Device = new string('x', 201); break;
            case "removed before applied": command.NumbingRemoved = new TimeOnly(9, 50); break;
            case "end before start": command.ProcedureEnd = new TimeOnly(10, 30); break;
            case "only blank rows": command.Areas = [new ChartAreaRow(), new ChartAreaRow()]; break;
            case "too shallow": command.Areas[0].DepthMm = 0.05m; break;
            case "too deep": command.Areas[0].DepthMm = 3.5m; break;
            case "no passes": command.Areas[0].Passes = null; break;
            case "eleven passes": command.Areas[0].Passes = 11; break;
            case "row without area": command.Areas[1] = new ChartAreaRow { DepthMm = 0.5m, Passes = 2 }; break;
            case "same area twice": command.Areas[1] = new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = 0.5m, Passes = 2 }; break;
            case "other without text": command.Reaction = ImmediateReaction.Other; break;
            case "no reaction": command.Reaction = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(@case));
        }

        var result = new ChartSittingValidator().Validate(command);

        Assert.Contains(result.Errors, e => e.PropertyName == field && e.ErrorMessage == message);
    }

    [Fact]
    public void A_complete_chart_with_spare_blank_rows_is_valid()
    {
        var result = new ChartSittingValidator().Validate(Valid());

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }
}
