using System;
using System.Collections.Generic;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Eks.Model;

// The five Pod Identity operations' requests and responses, member for member as botocore's eks 2017-11-01 model
// defines them (CreatePodIdentityAssociationRequest...), named as AWSSDK.EKS names them.

internal sealed class CreatePodIdentityAssociationRequest
{
    /// <summary>The cluster (path: <c>/clusters/{name}/pod-identity-associations</c>).</summary>
    public string ClusterName { get; set; } = string.Empty;

    public string Namespace { get; set; } = string.Empty;

    public string ServiceAccount { get; set; } = string.Empty;

    public string RoleArn { get; set; } = string.Empty;

    /// <summary>Makes a retried create idempotent; IrsaPS sends one per call.</summary>
    public string? ClientRequestToken { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public bool? DisableSessionTags { get; set; }

    public string? TargetRoleArn { get; set; }

    public string? Policy { get; set; }
}

internal sealed class CreatePodIdentityAssociationResponse : EksResponse
{
    public PodIdentityAssociation Association { get; set; } = new();
}

internal sealed class DescribePodIdentityAssociationRequest
{
    public string ClusterName { get; set; } = string.Empty;

    public string AssociationId { get; set; } = string.Empty;
}

internal sealed class DescribePodIdentityAssociationResponse : EksResponse
{
    public PodIdentityAssociation Association { get; set; } = new();
}

/// <summary>Only the members that are set are sent (null: unchanged). An empty <see cref="TargetRoleArn"/> or <see cref="Policy"/> removes it.</summary>
internal sealed class UpdatePodIdentityAssociationRequest
{
    public string ClusterName { get; set; } = string.Empty;

    public string AssociationId { get; set; } = string.Empty;

    public string? RoleArn { get; set; }

    public string? ClientRequestToken { get; set; }

    public bool? DisableSessionTags { get; set; }

    public string? TargetRoleArn { get; set; }

    public string? Policy { get; set; }
}

internal sealed class UpdatePodIdentityAssociationResponse : EksResponse
{
    public PodIdentityAssociation Association { get; set; } = new();
}

internal sealed class DeletePodIdentityAssociationRequest
{
    public string ClusterName { get; set; } = string.Empty;

    public string AssociationId { get; set; } = string.Empty;
}

internal sealed class DeletePodIdentityAssociationResponse : EksResponse
{
    public PodIdentityAssociation Association { get; set; } = new();
}

internal sealed class ListPodIdentityAssociationsRequest
{
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>Only this namespace's associations (query <c>namespace</c>).</summary>
    public string? Namespace { get; set; }

    /// <summary>Only this service account's (query <c>serviceAccount</c>).</summary>
    public string? ServiceAccount { get; set; }

    /// <summary>1-100 per page (EKS's default and maximum is 100).</summary>
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListPodIdentityAssociationsResponse : EksResponse, IAwsPage
{
    public List<PodIdentityAssociationSummary> Associations { get; set; } = [];

    /// <summary>Null when this was the last page.</summary>
    public string? NextToken { get; set; }

    string? IAwsPage.NextPageToken => string.IsNullOrEmpty(NextToken) ? null : NextToken;
}
