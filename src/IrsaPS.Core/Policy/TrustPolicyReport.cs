using System.Collections.Generic;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Policy;

/// <summary>What a trust document grants, by structure: IRSA grants, the subjects they admit, and broad AssumeRole grants.</summary>
internal sealed class TrustPolicyReport
{
    internal TrustPolicyReport(IReadOnlyList<IrsaGrant> grants, IReadOnlyList<AdmittedSubject> subjects, IReadOnlyList<BroadAssumeRoleGrant> unconditionalAssumeRole)
    {
        Grants = grants;
        Subjects = subjects;
        UnconditionalAssumeRole = unconditionalAssumeRole;
    }

    /// <summary>Every web-identity statement (Allow and Deny), in document order.</summary>
    public IReadOnlyList<IrsaGrant> Grants { get; }

    /// <summary>The service accounts (or patterns) Allow statements admit, de-duplicated.</summary>
    public IReadOnlyList<AdmittedSubject> Subjects { get; }

    /// <summary>Allow statements that let <c>"*"</c> or an account root call <c>sts:AssumeRole</c> without any condition.</summary>
    public IReadOnlyList<BroadAssumeRoleGrant> UnconditionalAssumeRole { get; }

    /// <summary>True when <see cref="UnconditionalAssumeRole"/> is not empty.</summary>
    public bool AllowsUnconditionalAssumeRole => UnconditionalAssumeRole.Count > 0;
}

/// <summary>One (issuer, namespace, service account) an Allow statement admits; <see cref="IsPattern"/> for StringLike wildcards.</summary>
internal sealed record AdmittedSubject(
    OidcIssuer Issuer,
    string Namespace,
    string ServiceAccountName,
    bool IsPattern,
    IReadOnlyList<string> Audiences,
    int StatementIndex)
{
    /// <summary><c>system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c>.</summary>
    public string SubjectValue => IrsaSubject.SubjectPrefix + Namespace + ":" + ServiceAccountName;
}

/// <summary>An Allow statement that lets a broad principal call <c>sts:AssumeRole</c> unconditionally.</summary>
internal sealed record BroadAssumeRoleGrant(int StatementIndex, string? Sid, string Principal, IReadOnlyList<string> Actions);
