using FluentValidation.Results;

namespace MicroNeedling.Clinic.Common;

/// <summary>One problem with a command. An empty <see cref="Field"/> means it concerns the whole form.</summary>
public sealed record ServiceError(string Field, string Message);

/// <summary>
/// What a service command returns: either success, or the reasons it refused.
/// Services return refusals instead of throwing so that every entry point (pages, CLI, tests) can show them next to the fields.
/// </summary>
public class ServiceResult
{
    protected ServiceResult(IReadOnlyList<ServiceError> errors) => Errors = errors;

    public IReadOnlyList<ServiceError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static ServiceResult Ok() => new([]);

    public static ServiceResult Fail(string field, string message) => new([new ServiceError(field, message)]);

    public static ServiceResult Fail(ValidationResult validation) => new(ToErrors(validation));

    public static ServiceResult Fail(IReadOnlyList<ServiceError> errors) => new(errors);

    protected static ServiceError[] ToErrors(ValidationResult validation) =>
        validation.Errors.Select(e => new ServiceError(e.PropertyName, e.ErrorMessage)).ToArray();
}

public sealed class ServiceResult<T> : ServiceResult
{
    private ServiceResult(T? value, IReadOnlyList<ServiceError> errors)
        : base(errors) => Value = value;

    public T? Value { get; }

    public static ServiceResult<T> Ok(T value) => new(value, []);

    public static new ServiceResult<T> Fail(string field, string message) => new(default, [new ServiceError(field, message)]);

    public static new ServiceResult<T> Fail(ValidationResult validation) => new(default, ToErrors(validation));

    public static new ServiceResult<T> Fail(IReadOnlyList<ServiceError> errors) => new(default, errors);
}
