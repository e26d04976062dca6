using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Eks.Internal;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Eks;

// EKS Pod Identity associations: the five operations of botocore's eks 2017-11-01 model, with their routes
// (POST/GET /clusters/{name}/pod-identity-associations, GET/POST/DELETE .../{associationId}), and every page of List.
internal sealed partial class EksClient
{
    private const string Associations = "/clusters/{name}/pod-identity-associations";
    private const string OneAssociation = Associations + "/{associationId}";
    private static readonly Regex AssociationIdPattern = new("^a-[a-z0-9]{1,64}$", RegexOptions.CultureInvariant);

    public Task<CreatePodIdentityAssociationResponse> CreatePodIdentityAssociationAsync(CreatePodIdentityAssociationRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        KubernetesNames.ValidateNamespace(request.Namespace);
        KubernetesNames.ValidateServiceAccountName(request.ServiceAccount);
        Arn.ParseRole(request.RoleArn);
        if (request.TargetRoleArn is not null)
        {
            Arn.ParseRole(request.TargetRoleArn);
        }

        ValidateTags(request.Tags);
        var call = new RestJsonRequest(ServiceDescription.Eks, "CreatePodIdentityAssociation", "POST", Associations)
        {
            Body = EksJsonReader.CreateBody(request),
        };
        call.PathValues["{name}"] = EksNames.ValidateClusterName(request.ClusterName);
        return RunAsync(
            call,
            request.Namespace + "/" + request.ServiceAccount,
            body => new CreatePodIdentityAssociationResponse { Association = EksJsonReader.Association(body) },
            cancellationToken);
    }

    public Task<DescribePodIdentityAssociationResponse> DescribePodIdentityAssociationAsync(DescribePodIdentityAssociationRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var call = AssociationCall("DescribePodIdentityAssociation", "GET", request.ClusterName, request.AssociationId);
        return RunAsync(call, request.AssociationId, body => new DescribePodIdentityAssociationResponse { Association = EksJsonReader.Association(body) }, cancellationToken);
    }

    public Task<UpdatePodIdentityAssociationResponse> UpdatePodIdentityAssociationAsync(UpdatePodIdentityAssociationRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (request.RoleArn is not null)
        {
            Arn.ParseRole(request.RoleArn);
        }

        if (!string.IsNullOrEmpty(request.TargetRoleArn))
        {
            Arn.ParseRole(request.TargetRoleArn);
        }

        var call = AssociationCall("UpdatePodIdentityAssociation", "POST", request.ClusterName, request.AssociationId);
        call.Body = EksJsonReader.UpdateBody(request);
        return RunAsync(call, request.AssociationId, body => new UpdatePodIdentityAssociationResponse { Association = EksJsonReader.Association(body) }, cancellationToken);
    }

    public Task<DeletePodIdentityAssociationResponse> DeletePodIdentityAssociationAsync(DeletePodIdentityAssociationRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var call = AssociationCall("DeletePodIdentityAssociation", "DELETE", request.ClusterName, request.AssociationId);
        return RunAsync(call, request.AssociationId, body => new DeletePodIdentityAssociationResponse { Association = EksJsonReader.Association(body) }, cancellationToken);
    }

    public Task<ListPodIdentityAssociationsResponse> ListPodIdentityAssociationsAsync(ListPodIdentityAssociationsRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var call = new RestJsonRequest(ServiceDescription.Eks, "ListPodIdentityAssociations", "GET", Associations);
        call.PathValues["{name}"] = EksNames.ValidateClusterName(request.ClusterName);
        if (request.Namespace is not null)
        {
            call.Query["namespace"] = KubernetesNames.ValidateNamespace(request.Namespace);
        }

        if (request.ServiceAccount is not null)
        {
            call.Query["serviceAccount"] = KubernetesNames.ValidateServiceAccountName(request.ServiceAccount);
        }

        if (PageSize(request.MaxResults) is { } max)
        {
            call.Query["maxResults"] = max.ToString(CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrEmpty(request.NextToken))
        {
            call.Query["nextToken"] = request.NextToken!;
        }

        return RunAsync(call, request.ClusterName, EksJsonReader.ListPodIdentityAssociations, cancellationToken);
    }

    /// <summary>
    /// Every association summary of a cluster (optionally one namespace / service account), following every page:
    /// ceil(n / page size) ListPodIdentityAssociations calls (page size 100 by default, EKS's maximum).
    /// </summary>
    public Task<List<PodIdentityAssociationSummary>> ListAllPodIdentityAssociationsAsync(
        string clusterName, string? @namespace = null, string? serviceAccount = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        PageSize(pageSize);
        return AwsPaging.ReadAllAsync(
            token => ListPodIdentityAssociationsAsync(
                new ListPodIdentityAssociationsRequest { ClusterName = clusterName, Namespace = @namespace, ServiceAccount = serviceAccount, MaxResults = pageSize, NextToken = token },
                cancellationToken),
            page => page.Associations,
            Service,
            "ListPodIdentityAssociations",
            clusterName);
    }

    /// <summary>Checks an association id (<c>a-</c> and lowercase letters and digits) before it goes into a URL.</summary>
    public static string ValidateAssociationId(string? associationId) =>
        associationId is not null && AssociationIdPattern.IsMatch(associationId)
            ? associationId
            : throw new IrsaValidationException(
                ErrorIds.InvalidAssociationId,
                $"'{associationId}' is not a Pod Identity association id: expected a- followed by lowercase letters and digits (e.g. a-1a2b3c4d5e6f7g8h9).",
                associationId);

    private static RestJsonRequest AssociationCall(string operation, string method, string clusterName, string associationId)
    {
        var call = new RestJsonRequest(ServiceDescription.Eks, operation, method, OneAssociation);
        call.PathValues["{name}"] = EksNames.ValidateClusterName(clusterName);
        call.PathValues["{associationId}"] = ValidateAssociationId(associationId);
        return call;
    }

    private static void ValidateTags(Dictionary<string, string> tags)
    {
        if (tags.Count > 50)
        {
            throw new IrsaValidationException(ErrorIds.InvalidTag, $"{tags.Count} tags given; EKS allows at most 50 per association.");
        }

        foreach (var tag in tags)
        {
            IamNames.ValidateTag(tag.Key, tag.Value);
        }
    }
}
