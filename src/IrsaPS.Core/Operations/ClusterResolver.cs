using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Resolves an EKS cluster into what IRSA needs: DescribeCluster (issuer, endpoint, flags), the caller's account and
/// partition (where the provider and roles live), and whether IAM already has the issuer's OIDC provider.
/// Three calls: DescribeCluster, GetCallerIdentity (cached per connection), GetOpenIDConnectProvider.
/// </summary>
internal static class ClusterResolver
{
    /// <summary>The first Kubernetes version whose EKS clusters all support IRSA (1.13 needed platform eks.3+).</summary>
    public static readonly Version MinimumIrsaVersion = new(1, 14);

    public static Task<IrsaCluster> ResolveAsync(AwsConnection aws, string clusterName, CancellationToken cancellationToken) =>
        ResolveAsync(aws, clusterName, readProvider: true, cancellationToken);

    /// <summary>As above; without <paramref name="readProvider"/> the OIDC provider is not read (OidcProviderExists stays false, client IDs null).</summary>
    public static async Task<IrsaCluster> ResolveAsync(AwsConnection aws, string clusterName, bool readProvider, CancellationToken cancellationToken)
    {
        EksNames.ValidateClusterName(clusterName);
        Cluster cluster;
        try
        {
            cluster = (await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = clusterName }, cancellationToken).ConfigureAwait(false)).Cluster;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            throw new IrsaException(
                ErrorIds.ClusterNotFound,
                IrsaErrorKind.NotFound,
                $"EKS cluster '{clusterName}' was not found in region {aws.Region}. Check the name and -Region (Get-IrsaCluster lists the clusters of a region).",
                clusterName,
                ex);
        }

        var identity = await aws.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        var issuer = cluster.OidcIssuer is { Length: > 0 } url ? OidcIssuer.Parse(url) : null;
        string? providerArn = null;
        IReadOnlyList<string>? clientIds = null;
        if (issuer is not null)
        {
            providerArn = issuer.ProviderArn(identity.Partition, identity.Account);
        }

        if (providerArn is not null && readProvider)
        {
            clientIds = await ProviderClientIdsAsync(aws, providerArn, cancellationToken).ConfigureAwait(false);
        }

        return new IrsaCluster
        {
            ClusterName = cluster.Name.Length > 0 ? cluster.Name : clusterName,
            Arn = cluster.Arn,
            Region = aws.Region,
            AccountId = identity.Account,
            Partition = identity.Partition,
            Issuer = issuer?.Url,
            OidcProviderArn = providerArn,
            OidcProviderExists = clientIds is not null,
            OidcProviderClientIds = clientIds,
            Version = cluster.Version,
            PlatformVersion = cluster.PlatformVersion,
            Status = cluster.Status,
            Endpoint = cluster.Endpoint,
            EndpointPublicAccess = cluster.ResourcesVpcConfig?.EndpointPublicAccess ?? true,
            EndpointPrivateAccess = cluster.ResourcesVpcConfig?.EndpointPrivateAccess ?? false,
            IsOutpostsLocalCluster = cluster.IsOutpostsLocalCluster,
            AuthenticationMode = cluster.AccessConfig?.AuthenticationMode,
            CreatedAt = cluster.CreatedAt is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            CertificateAuthorityData = cluster.CertificateAuthority?.Data,
            Warnings = Warnings(cluster, issuer),
        };
    }

    /// <summary>True when IAM has the provider; NotFound is an answer here, not an error.</summary>
    public static async Task<bool> ProviderExistsAsync(AwsConnection aws, string providerArn, CancellationToken cancellationToken) =>
        await ProviderClientIdsAsync(aws, providerArn, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The provider's client IDs (audiences), or null when IAM has no such provider.</summary>
    private static async Task<IReadOnlyList<string>?> ProviderClientIdsAsync(AwsConnection aws, string providerArn, CancellationToken cancellationToken)
    {
        try
        {
            var response = await aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = providerArn }, cancellationToken).ConfigureAwait(false);
            return response.ClientIDList ?? [];
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Throws unless IRSA can work on this cluster: Outposts local clusters have no IAM OIDC integration, and a cluster
    /// without an issuer has nothing to trust.
    /// </summary>
    public static OidcIssuer RequireIrsaIssuer(IrsaCluster cluster)
    {
        if (cluster.IsOutpostsLocalCluster)
        {
            throw new IrsaException(
                ErrorIds.IrsaNotSupportedOnOutposts,
                IrsaErrorKind.NotSupported,
                $"Cluster '{cluster.ClusterName}' is an Amazon EKS local cluster on AWS Outposts, which does not support IAM roles for service accounts. Use node or instance credentials there.",
                cluster.ClusterName);
        }

        if (cluster.Issuer is null)
        {
            throw new IrsaException(
                ErrorIds.ClusterHasNoIssuer,
                IrsaErrorKind.NotSupported,
                $"Cluster '{cluster.ClusterName}' reports no OIDC issuer, so IAM has nothing to trust.",
                cluster.ClusterName);
        }

        return OidcIssuer.Parse(cluster.Issuer);
    }

    private static List<string> Warnings(Cluster cluster, OidcIssuer? issuer)
    {
        var warnings = new List<string>();
        if (cluster.IsOutpostsLocalCluster)
        {
            warnings.Add($"Cluster '{cluster.Name}' is an Outposts local cluster: IAM roles for service accounts are not supported there.");
        }
        else if (issuer is null)
        {
            warnings.Add($"Cluster '{cluster.Name}' reports no OIDC issuer.");
        }

        if (cluster.ResourcesVpcConfig is { EndpointPublicAccess: false, EndpointPrivateAccess: true })
        {
            warnings.Add($"Cluster '{cluster.Name}' has only a private API endpoint. IRSA still works (STS fetches the issuer's keys from the public OIDC endpoint), but IrsaPS and kubectl must run inside the VPC to change ServiceAccounts, and workloads that fetch the issuer's discovery document from inside the VPC cannot reach it.");
        }

        if (TryParseVersion(cluster.Version, out var version) && version < MinimumIrsaVersion)
        {
            warnings.Add($"Cluster '{cluster.Name}' runs Kubernetes {cluster.Version}; IRSA needs EKS 1.14 or later (1.13 only from platform version eks.3). Upgrade the cluster.");
        }

        return warnings;
    }

    internal static bool TryParseVersion(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text!.Split('.');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new Version(major, minor);
        return true;
    }
}
