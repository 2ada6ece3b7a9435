using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>When the next unbooked sitting should be: from the earliest allowed day to the recommended latest day.</summary>
public sealed record NextSittingWindow(int Number, DateOnly Earliest, DateOnly? LatestRecommended);
