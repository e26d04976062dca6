using System.Collections.Generic;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Verification;

/// <summary>
/// What a trust test is about, worked out before anything is fetched: the service account, the exact token it would
/// carry (<see cref="Subject"/>, <see cref="Audience"/>), the role to test and the OIDC provider that validates the
/// token, plus the reasons already known (no annotation, malformed ARN...). Built by <see cref="TrustVerifier.Plan"/>.
/// </summary>
internal sealed class TrustTarget
{
    internal TrustTarget(TrustClusterContext cluster, string ns, string serviceAccountName)
    {
        Cluster = cluster;
        Namespace = ns;
        ServiceAccountName = serviceAccountName;
        Subject = IrsaSubject.SubjectPrefix + ns + ":" + serviceAccountName;
    }

    public TrustClusterContext Cluster { get; }

    public string Namespace { get; }

    public string ServiceAccountName { get; }

    /// <summary><c>system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c>.</summary>
    public string Subject { get; }

    /// <summary>The annotation's audience, else <c>sts.amazonaws.com</c>.</summary>
    public string Audience { get; internal set; } = IrsaSubject.DefaultAudience;

    internal bool AudienceIsValid { get; set; } = true;

    /// <summary>The role ARN as given (-RoleArn, else the annotation).</summary>
    public string? RoleArnText { get; internal set; }

    /// <summary>The parsed role ARN, or null when there is none or it is malformed.</summary>
    public RoleArn? Role { get; internal set; }

    /// <summary>The IAM OIDC provider for the cluster's issuer in the role's account.</summary>
    public string? ProviderArn { get; internal set; }

    /// <summary>True when the role lives in the caller's account (so IrsaPS can read it and its provider).</summary>
    public bool RoleInCallerAccount => Role is not null && Role.Account == Cluster.CallerAccountId;

    /// <summary>True when the role must be fetched (GetRole) to finish the verdict.</summary>
    public bool NeedsRole => Role is not null && RoleInCallerAccount && Cluster.Issuer is not null && AudienceIsValid;

    internal List<IrsaTrustReason> Reasons { get; } = [];

    /// <summary>The reasons known before anything was fetched.</summary>
    public IReadOnlyList<IrsaTrustReason> EarlyReasons => Reasons;

    /// <summary><c>ns/name</c>.</summary>
    public string Key => Namespace + "/" + ServiceAccountName;

    /// <summary><c>ns:name</c>, how messages name a subject briefly.</summary>
    internal string ShortSubject => Namespace + ":" + ServiceAccountName;
}
