using System;
using System.Text.RegularExpressions;

namespace IrsaPS.Core.Validation;

/// <summary>
/// Whether an OIDC issuer is one that Amazon EKS runs for a cluster (the only issuers IRSA is about), judged from the
/// issuer alone: <c>oidc.eks.&lt;region&gt;.amazonaws.com/id/&lt;ID&gt;</c> (commercial and GovCloud, e.g.
/// <c>oidc.eks.us-gov-west-1.amazonaws.com</c>), <c>oidc.eks.&lt;region&gt;.amazonaws.com.cn/id/&lt;ID&gt;</c> (China),
/// and the dual-stack hosts EKS added in 2024, <c>oidc-eks.&lt;region&gt;.api.aws</c> (EKS user guide, "View Amazon EKS
/// networking requirements for VPC and subnets") and <c>oidc-eks.&lt;region&gt;.api.amazonwebservices.com.cn</c>.
/// Host names compare case-insensitively; the path must be exactly <c>id/&lt;letters and digits&gt;</c>, so look-alikes
/// (<c>oidc.eks.us-east-1.amazonaws.com.example.com</c>, an extra path segment) and other providers (GitHub Actions'
/// <c>token.actions.githubusercontent.com</c>, GitLab, Terraform Cloud) are not EKS issuers.
/// </summary>
internal static class EksIssuerHost
{
    private static readonly Regex Pattern = new(
        @"^(?:oidc\.eks\.(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)\.amazonaws\.com(?:\.cn)?"
        + @"|oidc-eks\.(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)\.api\.(?:aws|amazonwebservices\.com\.cn))"
        + @"/id/[A-Za-z0-9]{1,128}$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(1));

    /// <summary>True for an EKS cluster issuer given as <c>host/path</c> (an IAM provider URL or condition-key prefix) or as an https URL.</summary>
    public static bool IsEksIssuer(string? hostPathOrUrl) => TryGetRegion(hostPathOrUrl, out _);

    public static bool IsEksIssuer(OidcIssuer? issuer) => issuer is not null && IsEksIssuer(issuer.HostPath);

    /// <summary>The region of an EKS issuer (<c>us-east-1</c>); false for every other issuer.</summary>
    public static bool TryGetRegion(string? hostPathOrUrl, out string region)
    {
        region = string.Empty;
        if (!OidcIssuer.TryParse(hostPathOrUrl, out var issuer))
        {
            return false;
        }

        var hostPath = issuer.HostPath;
        var slash = hostPath.IndexOf('/');
        var text = slash < 0 ? hostPath.ToLowerInvariant() : hostPath.Substring(0, slash).ToLowerInvariant() + hostPath.Substring(slash);
        var match = Pattern.Match(text);
        if (!match.Success)
        {
            return false;
        }

        region = match.Groups["region"].Value;
        return true;
    }
}
