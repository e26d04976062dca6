namespace IrsaPS.Core.Models;

/// <summary>What an <see cref="IrsaTrustReason"/> means for the verdict.</summary>
public enum IrsaTrustReasonKind
{
    /// <summary>This makes the service account unable to assume the role.</summary>
    Failure,

    /// <summary>Something IrsaPS could not check from here; the verdict cannot be Allowed while it stands.</summary>
    Unverified,

    /// <summary>Worth knowing; does not change the verdict.</summary>
    Note,
}

/// <summary>
/// One reason in a Test-IrsaTrust verdict: a stable <see cref="Code"/> (see <c>TrustReasonCodes</c>), what is wrong,
/// and the fix (a concrete command where there is one).
/// </summary>
public sealed class IrsaTrustReason
{
    public IrsaTrustReason(string code, IrsaTrustReasonKind kind, string message, string? fix = null)
    {
        Code = code;
        Kind = kind;
        Message = message;
        Fix = fix;
    }

    /// <summary>Stable, e.g. <c>SubjectNotAdmitted</c>, <c>ProviderNotFound</c>.</summary>
    public string Code { get; }

    public IrsaTrustReasonKind Kind { get; }

    public string Message { get; }

    /// <summary>How to fix it; null for notes that need no fix.</summary>
    public string? Fix { get; }

    public override string ToString() => Fix is null ? $"{Code}: {Message}" : $"{Code}: {Message} Fix: {Fix}";
}
