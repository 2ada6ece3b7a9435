using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>A booking made, or a warning the user must confirm before it is made.</summary>
public sealed record BookingOutcome(int? BookingId, string? Warning)
{
    public bool NeedsConfirmation => BookingId is null && Warning is not null;

    /// <summary>The patient's name, for the confirmation the front desk reads.</summary>
    public string PatientName { get; init; } = "";

    /// <summary>A new booking was written (not the quiet success of a second press on "Book"), so the patient is owed a confirmation.</summary>
    public bool Created { get; init; }
}
