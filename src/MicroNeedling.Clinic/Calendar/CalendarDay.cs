using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

public sealed record CalendarDay(DateOnly Date, bool IsOpen, TimeOnly Opens, TimeOnly Closes, string? ClosedReason);
