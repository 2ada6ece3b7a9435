using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>One line of "Book remaining sittings", as proposed and then possibly changed by the front desk.</summary>
public sealed class CourseLine
{
    public int SittingId { get; set; }

    public int Number { get; set; }

    public string ClinicianId { get; set; } = "";

    public int? RoomId { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    /// <summary>Why the scheduler could not place this sitting; such a line is left out of the booking.</summary>
    public string? Problem { get; set; }
}
