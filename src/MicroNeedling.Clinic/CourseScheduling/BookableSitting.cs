using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>The next sitting of a patient's active course that still needs a booking.</summary>
public sealed record BookableSitting(int PatientId, int SittingId, int Number, int SittingCount);
