using System;
using System.Collections.Generic;
using System.Globalization;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>IRSA016: the cluster cannot use IRSA (Outposts local, no issuer, too old) or has only a private endpoint.</summary>
internal sealed class ClusterSupportCheck : AuditCheck
{
    /// <summary>IRSA reached 1.13 and 1.14 clusters updated on or after this day (AWS announcement, 2019-09-03).</summary>
    private static readonly DateTimeOffset IrsaLaunch = new(2019, 9, 3, 0, 0, 0, TimeSpan.Zero);

    public ClusterSupportCheck()
        : base(new AuditCheckInfo(
            "IRSA016",
            "ClusterSupport",
            IrsaSeverity.High,
            "Cluster cannot use IRSA, or is reachable only privately",
            "High when the cluster cannot use IRSA: an Amazon EKS local cluster on AWS Outposts (no OIDC issuer), a cluster without an OIDC "
            + "issuer, or a Kubernetes version older than 1.13 (IRSA arrived with 1.14 and 1.13 clusters updated after 2019-09-03; a 1.13 "
            + "cluster created before that day is Medium). Info when the API server endpoint is private only: IRSA works (EKS hosts the "
            + "issuer's discovery document publicly), but IrsaPS, kubectl and CI runners must run inside the VPC.",
            "Use a cloud EKS cluster of a supported version for IRSA (upgrade the cluster), or give the workloads credentials another way.",
            inDefaultSet: true,
            AuditNeeds.None))
    {
    }

    public override IEnumerable<IrsaFinding> Run(AuditContext context)
    {
        var cluster = context.Snapshot.Cluster;
        if (string.IsNullOrEmpty(cluster.Name))
        {
            yield break;
        }

        var resource = string.IsNullOrEmpty(cluster.Arn) ? cluster.Name : cluster.Arn!;
        if (cluster.IsOutpostsLocalCluster)
        {
            yield return Finding(
                context,
                IrsaSeverity.High,
                resource,
                "outposts",
                $"Cluster {cluster.Name} is an Amazon EKS local cluster on AWS Outposts: it has no IAM OIDC issuer, so IRSA is not available.",
                "Give its workloads AWS credentials another way (the node's instance role), or run them on a cloud EKS cluster.");
        }
        else if (cluster.Issuer is null)
        {
            yield return Finding(
                context,
                IrsaSeverity.High,
                resource,
                "no-issuer",
                $"Cluster {cluster.Name} reports no OIDC issuer, so IRSA is not available on it.",
                "Check the cluster (aws eks describe-cluster --name " + cluster.Name + " --query cluster.identity) and upgrade it to a supported version.");
        }

        if (TryParseVersion(cluster.Version, out var major, out var minor))
        {
            if (major == 1 && minor < 13)
            {
                yield return Finding(
                    context,
                    IrsaSeverity.High,
                    resource,
                    "version",
                    $"Cluster {cluster.Name} runs Kubernetes {cluster.Version}, older than IRSA support (1.13 updated after 2019-09-03, 1.14 and later).",
                    $"Upgrade the cluster: aws eks update-cluster-version --name {cluster.Name} --kubernetes-version <supported version>.");
            }
            else if (major == 1 && minor == 13 && cluster.CreatedAt is { } created && created < IrsaLaunch)
            {
                yield return Finding(
                    context,
                    IrsaSeverity.Medium,
                    resource,
                    "version",
                    $"Cluster {cluster.Name} runs Kubernetes 1.13 and was created on {created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: it supports IRSA only if it was updated after 2019-09-03.",
                    $"Upgrade the cluster: aws eks update-cluster-version --name {cluster.Name} --kubernetes-version <supported version>.");
            }
        }

        if (!cluster.EndpointPublicAccess && cluster.EndpointPrivateAccess)
        {
            yield return Finding(
                context,
                IrsaSeverity.Info,
                resource,
                "private-endpoint",
                $"The API server of cluster {cluster.Name} is reachable only through its private endpoint: IRSA works (the issuer's discovery document is public), but IrsaPS, kubectl and CI runners must run inside the VPC.",
                "Run IrsaPS from inside the VPC (or through a VPN or bastion), or enable the public endpoint with an allow-list of CIDRs.");
        }
    }

    private static bool TryParseVersion(string? version, out int major, out int minor)
    {
        major = 0;
        minor = 0;
        if (string.IsNullOrEmpty(version))
        {
            return false;
        }

        var parts = version!.Split('.');
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }
}
