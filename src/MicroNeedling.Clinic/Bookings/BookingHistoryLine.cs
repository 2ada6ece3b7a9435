using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

public sealed record BookingHistoryLine(
    BookingEventKind Kind, DateTime AtUtc, string By, DateTime? FromStartUtc, DateTime? ToStartUtc,
    string? FromClinician, string? ToClinician, string? FromRoom, string? ToRoom, string? Reason);
