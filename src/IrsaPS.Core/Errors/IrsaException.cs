using System;

namespace IrsaPS.Core.Errors;

/// <summary>
/// The base of every exception IrsaPS.Core throws on purpose. It carries a stable PascalCase
/// <see cref="ErrorId"/> (see <see cref="ErrorIds"/>), a <see cref="Kind"/> and, when there is one,
/// the <see cref="Target"/> (an ARN, a <c>namespace/name</c>, a file path) the error is about.
/// Messages never contain secrets.
/// </summary>
public class IrsaException : Exception
{
    public IrsaException(string errorId, IrsaErrorKind kind, string message, string? target = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>Stable identifier for scripts and ErrorRecords, e.g. <c>InvalidNamespace</c>.</summary>
    public string ErrorId { get; }

    /// <summary>What kind of failure this is.</summary>
    public IrsaErrorKind Kind { get; }

    /// <summary>The resource or input the error is about, when there is one.</summary>
    public string? Target { get; }
}

/// <summary>Bad input, detected before anything is written anywhere.</summary>
public class IrsaValidationException : IrsaException
{
    public IrsaValidationException(string errorId, string message, string? target = null)
        : base(errorId, IrsaErrorKind.InvalidArgument, message, target)
    {
    }
}
