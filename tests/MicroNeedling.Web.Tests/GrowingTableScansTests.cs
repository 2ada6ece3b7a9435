using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The plan check that the booking and report plan tests rely on must itself tell a read no index can bound from one an
/// index bounds, on the engine of the test run, whatever rows the tests before it left behind.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class GrowingTableScansTests(ClinicAppFactory app)
{
    public static TheoryData<string, string> UnboundedReads() => new()
    {
        { "SideEffects", """SELECT "Id" FROM "SideEffects" WHERE "Description" = @text""" },
        { "Bookings", """SELECT b."Id" FROM "Rooms" AS "r" INNER JOIN "Bookings" AS "b" ON b."RoomId" + 0 = r."Id" WHERE r."Id" = @id""" },
    };

    public static TheoryData<string> BoundedReads() => new()
    {
        """SELECT "Id" FROM "SideEffects" WHERE "PatientId" = @id""",
        """SELECT "Id" FROM "Bookings" WHERE "StartUtc" >= @from AND "StartUtc" < @to AND "Status" = 2""",
        """SELECT c."Id", EXISTS (SELECT 1 FROM "DoctorClearances" AS "d" WHERE d."ScreeningId" = c."ScreeningId") FROM "CoursePlans" AS "c" WHERE c."Id" = @id""",
    };

    private static List<LoggedCommand> Query(string sql) =>
    [
        new(sql, [
            ("@text", "redness"), ("@id", 1),
            ("@from", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), ("@to", new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc)),
        ]),
    ];

    [Theory]
    [MemberData(nameof(UnboundedReads))]
    public async Task A_read_of_a_growing_table_that_no_index_can_bound_is_reported(string table, string sql)
    {
        await app.CreateBookablePatientAsync();

        var scans = await GrowingTableScans.InAsync(app.ConnectionString, Query(sql));

        Assert.Contains(scans, scan => scan.StartsWith(table + ":", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BoundedReads))]
    public async Task A_read_an_index_bounds_is_not_reported_however_few_rows_the_test_database_holds(string sql)
    {
        await app.CreateBookablePatientAsync();

        var scans = await GrowingTableScans.InAsync(app.ConnectionString, Query(sql));

        Assert.Empty(scans);
    }
}
