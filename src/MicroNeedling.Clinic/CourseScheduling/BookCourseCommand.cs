using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

public sealed class BookCourseCommand
{
    public int PlanId { get; set; }

    public List<CourseLine> Lines { get; set; } = [];

    public bool ConfirmLongInterval { get; set; }
}
