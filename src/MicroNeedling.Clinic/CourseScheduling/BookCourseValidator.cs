using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

public sealed class BookCourseValidator : AbstractValidator<BookCourseCommand>
{
    public BookCourseValidator()
    {
        RuleFor(c => c.Lines).Must(lines => lines.Any(l => l.Problem is null)).WithMessage("There is no sitting to book.");
        RuleForEach(c => c.Lines).Where(l => l.Problem is null).ChildRules(line =>
        {
            line.RuleFor(l => l.ClinicianId).NotEmpty().WithMessage("Choose a clinician.");
            line.RuleFor(l => l.RoomId).NotNull().WithMessage("Choose a room.");
            line.RuleFor(l => l.Date).NotNull().WithMessage("Enter the date.").WithinClinicYears();
            line.RuleFor(l => l.Time).NotNull().WithMessage("Enter the start time.");
        });
    }
}
