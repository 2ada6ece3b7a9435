using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>How many sittings were booked, or the interval warnings the user must confirm first.</summary>
public sealed record CourseBookingOutcome(int Booked, string? Warning)
{
    public bool NeedsConfirmation => Warning is not null;
}
