using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

public sealed record ClinicianOption(string Id, string Name);
