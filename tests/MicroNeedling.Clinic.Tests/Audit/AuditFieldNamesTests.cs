using MicroNeedling.Clinic.Audit;

namespace MicroNeedling.Clinic.Tests.Audit;

/// <summary>The audit page's words for changed fields: known names translated, bookkeeping hidden beside the real field.</summary>
public sealed class AuditFieldNamesTests
{
    [Theory]
    [InlineData("AccessFailedCount,ConcurrencyStamp", "failed sign-in count")]
    [InlineData("AccessFailedCount,ConcurrencyStamp,LockoutEnd", "failed sign-in count, lockout end")]
    [InlineData("ConcurrencyStamp,PasswordHash,SecurityStamp", "password, security stamp (signs out other sessions)")]
    [InlineData("ConcurrencyStamp,Email,NormalizedEmail", "e-mail")]
    [InlineData("NormalizedEmail", "e-mail (search copy)")]
    [InlineData("ConcurrencyStamp", "version stamp")]
    [InlineData("FirstName,NormalizedFirstName,UpdatedAtUtc,UpdatedBy", "first name, updated at, updated by")]
    [InlineData("ClinicianId,RoomId,StartUtc", "clinician, room, start")]
    [InlineData("Phone,...", "phone, and more")]
    [InlineData(null, "")]
    [InlineData("", "")]
    public void Fields_read_as_words_without_the_bookkeeping_that_comes_with_them(string? changedFields, string expected) =>
        Assert.Equal(expected, AuditFieldNames.Describe(changedFields));
}
