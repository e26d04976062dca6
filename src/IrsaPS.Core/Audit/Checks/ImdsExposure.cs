using System;
using System.Collections.Generic;
using System.Globalization;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>What an instance's metadata options mean for the pods on it.</summary>
internal enum ImdsVerdict
{
    /// <summary>Pods off the host network cannot take the node role's credentials from IMDS.</summary>
    Blocked,

    /// <summary>They can.</summary>
    Exposed,

    /// <summary>The answer did not say enough to judge.</summary>
    Unknown,
}

/// <summary>A verdict and the facts behind it, in words (e.g. "IMDSv1 is allowed (HttpTokens=optional)").</summary>
internal sealed record ImdsAccess(ImdsVerdict Verdict, string Reason);

/// <summary>
/// The rules IRSA011's IMDS half applies. A pod off the host network reaches 169.254.169.254 through the node, one network
/// hop further than the node itself. It gets the node role's credentials when the endpoint is enabled, the instance has
/// an instance profile, and either IMDSv1 is allowed (<c>HttpTokens=optional</c>: plain GETs, no session token, so the
/// hop limit does not apply) or the IMDSv2 token answer may travel that extra hop (<c>HttpPutResponseHopLimit</c> ≥ 2).
/// IMDSv2 required with a hop limit of 1 (EKS's recommendation) keeps the token answer on the node.
/// </summary>
internal static class ImdsExposure
{
    /// <summary>
    /// A pod whose reach to IMDS depends on its node's metadata options: scheduled on a node, not finished, and not on the
    /// host network (host-network pods reach IMDS whatever the options; IRSA011 reports them on their own). The gatherer
    /// reads nodes and instances only for these, and the check judges exactly these.
    /// </summary>
    public static bool IsCandidate(KubePod pod) =>
        !pod.HostNetwork
        && !string.IsNullOrEmpty(pod.NodeName)
        && !string.Equals(pod.Phase, "Succeeded", StringComparison.Ordinal)
        && !string.Equals(pod.Phase, "Failed", StringComparison.Ordinal);

    public static ImdsAccess Assess(AuditInstance instance)
    {
        if (instance is null)
        {
            throw new ArgumentNullException(nameof(instance));
        }

        if (instance.State is "terminated" or "shutting-down" or "stopped" or "stopping")
        {
            return new ImdsAccess(ImdsVerdict.Blocked, $"the instance is {instance.State}");
        }

        if (string.Equals(instance.HttpEndpoint, "disabled", StringComparison.Ordinal))
        {
            return new ImdsAccess(ImdsVerdict.Blocked, "the metadata endpoint is disabled (HttpEndpoint=disabled)");
        }

        if (string.IsNullOrEmpty(instance.InstanceProfileArn))
        {
            return new ImdsAccess(ImdsVerdict.Blocked, "the instance has no instance profile, so IMDS holds no role credentials");
        }

        var reasons = new List<string>(2);
        switch (instance.HttpTokens)
        {
            case "optional":
                reasons.Add("IMDSv1 is allowed (HttpTokens=optional)");
                break;
            case "required":
                break;
            default:
                return new ImdsAccess(ImdsVerdict.Unknown, "EC2 returned no metadata options for it");
        }

        if (instance.HttpPutResponseHopLimit is { } hops && hops >= 2)
        {
            reasons.Add($"IMDSv2 tokens reach the pod network (HttpPutResponseHopLimit={hops.ToString(CultureInfo.InvariantCulture)})");
        }
        else if (instance.HttpPutResponseHopLimit is null && reasons.Count == 0)
        {
            return new ImdsAccess(ImdsVerdict.Unknown, "EC2 returned no hop limit for it");
        }

        return reasons.Count == 0
            ? new ImdsAccess(ImdsVerdict.Blocked, "IMDSv2 is required with a hop limit of 1")
            : new ImdsAccess(ImdsVerdict.Exposed, string.Join(" and ", reasons));
    }
}
