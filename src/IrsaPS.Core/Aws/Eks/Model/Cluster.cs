using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Eks.Model;

/// <summary>An EKS cluster as DescribeCluster returns it, with what IRSA needs (names mirror AWSSDK.EKS).</summary>
internal sealed class Cluster
{
    public string Name { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public DateTime? CreatedAt { get; set; }

    /// <summary>The Kubernetes version, e.g. <c>1.31</c>.</summary>
    public string? Version { get; set; }

    /// <summary>The API server URL.</summary>
    public string? Endpoint { get; set; }

    public string? RoleArn { get; set; }

    /// <summary><c>CREATING</c>, <c>ACTIVE</c>, <c>DELETING</c>, <c>FAILED</c>, <c>UPDATING</c> or <c>PENDING</c>.</summary>
    public string? Status { get; set; }

    public string? PlatformVersion { get; set; }

    public Certificate? CertificateAuthority { get; set; }

    public Identity? Identity { get; set; }

    public VpcConfigResponse? ResourcesVpcConfig { get; set; }

    /// <summary>Absent on clusters (and emulators) that do not report it.</summary>
    public AccessConfigResponse? AccessConfig { get; set; }

    /// <summary>Present only for an Amazon EKS local cluster on AWS Outposts, which has no IAM OIDC issuer for IRSA.</summary>
    public OutpostConfigResponse? OutpostConfig { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The OIDC issuer URL, or null when the cluster has none.</summary>
    public string? OidcIssuer => Identity?.Oidc?.Issuer;

    /// <summary>True for an EKS local cluster on Outposts (IRSA is not available there).</summary>
    public bool IsOutpostsLocalCluster => OutpostConfig is not null;

    public override string ToString() => Arn.Length > 0 ? Arn : Name;
}

/// <summary>The cluster's certificate authority: <see cref="Data"/> is the base64 PEM bundle, as in a kubeconfig.</summary>
internal sealed class Certificate
{
    public string? Data { get; set; }
}

/// <summary>The cluster's identity providers.</summary>
internal sealed class Identity
{
    public OIDC? Oidc { get; set; }
}

/// <summary>The cluster's OIDC issuer.</summary>
internal sealed class OIDC
{
    public string? Issuer { get; set; }
}

/// <summary>How the API server endpoint is reachable.</summary>
internal sealed class VpcConfigResponse
{
    public bool EndpointPublicAccess { get; set; }

    public bool EndpointPrivateAccess { get; set; }

    public string? VpcId { get; set; }

    public List<string> SubnetIds { get; set; } = [];

    public List<string> PublicAccessCidrs { get; set; } = [];
}

/// <summary>How the cluster authenticates IAM principals: <c>CONFIG_MAP</c>, <c>API</c> or <c>API_AND_CONFIG_MAP</c>.</summary>
internal sealed class AccessConfigResponse
{
    public string? AuthenticationMode { get; set; }

    public bool? BootstrapClusterCreatorAdminPermissions { get; set; }
}

/// <summary>An Outposts local cluster's placement.</summary>
internal sealed class OutpostConfigResponse
{
    public List<string> OutpostArns { get; set; } = [];

    public string? ControlPlaneInstanceType { get; set; }
}
