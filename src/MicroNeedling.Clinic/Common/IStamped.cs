namespace MicroNeedling.Clinic.Common;

/// <summary>An entity that records who created it and when (UTC). Set by <see cref="Data.StampingInterceptor"/>.</summary>
public interface IStamped
{
    DateTime CreatedAtUtc { get; set; }

    string CreatedBy { get; set; }
}

/// <summary>An entity that can change after creation and records who changed it last.</summary>
public interface IUpdateStamped : IStamped
{
    DateTime? UpdatedAtUtc { get; set; }

    string? UpdatedBy { get; set; }
}
