using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>What the front desk asks for when proposing the rest of a course.</summary>
public sealed class CoursePreferences
{
    public List<Weekdays> Days { get; set; } = [];

    public TimeOfDayPreference TimeOfDay { get; set; }

    /// <summary>Empty: the clinician of the latest booked sitting, if any.</summary>
    public string? ClinicianId { get; set; }
}
