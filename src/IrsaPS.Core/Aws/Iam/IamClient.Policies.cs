using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Internal;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Iam;

/// <summary>A role's permissions: managed policies, the permissions boundary and inline policies.</summary>
internal sealed partial class IamClient
{
    public Task<AttachRolePolicyResponse> AttachRolePolicyAsync(AttachRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("AttachRolePolicy");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PolicyArn", Arn.ParsePolicy(request.PolicyArn).ToString());
        return RunAsync(call, $"{request.RoleName} {request.PolicyArn}", _ => new AttachRolePolicyResponse(), cancellationToken);
    }

    public Task<DetachRolePolicyResponse> DetachRolePolicyAsync(DetachRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("DetachRolePolicy");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PolicyArn", Arn.ParsePolicy(request.PolicyArn).ToString());
        return RunAsync(call, $"{request.RoleName} {request.PolicyArn}", _ => new DetachRolePolicyResponse(), cancellationToken);
    }

    public Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("ListAttachedRolePolicies");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PathPrefix", IamInputs.PathPrefix(request.PathPrefix))
            .Add("Marker", request.Marker)
            .Add("MaxItems", IamInputs.PageSize(request.MaxItems));
        return RunAsync(
            call,
            request.RoleName,
            r => IamXmlReader.Page(new ListAttachedRolePoliciesResponse { AttachedPolicies = IamXmlReader.AttachedPolicies(r) }, r),
            cancellationToken);
    }

    public Task<List<AttachedPolicy>> ListAllAttachedRolePoliciesAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        IamNames.ValidateRoleName(roleName);
        IamInputs.PageSize(pageSize);
        return AllPagesAsync(
            "ListAttachedRolePolicies",
            marker => ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest { RoleName = roleName, Marker = marker, MaxItems = pageSize }, cancellationToken),
            page => page.AttachedPolicies);
    }

    public Task<PutRolePermissionsBoundaryResponse> PutRolePermissionsBoundaryAsync(PutRolePermissionsBoundaryRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("PutRolePermissionsBoundary");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PermissionsBoundary", Arn.ParsePolicy(request.PermissionsBoundary).ToString());
        return RunAsync(call, request.RoleName, _ => new PutRolePermissionsBoundaryResponse(), cancellationToken);
    }

    public Task<DeleteRolePermissionsBoundaryResponse> DeleteRolePermissionsBoundaryAsync(DeleteRolePermissionsBoundaryRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("DeleteRolePermissionsBoundary");
        call.Writer.Add("RoleName", IamNames.ValidateRoleName(request.RoleName));
        return RunAsync(call, request.RoleName, _ => new DeleteRolePermissionsBoundaryResponse(), cancellationToken);
    }

    public Task<PutRolePolicyResponse> PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("PutRolePolicy");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PolicyName", IamInputs.InlinePolicyName(request.PolicyName))
            .Add("PolicyDocument", IamInputs.PolicyDocument(request.PolicyDocument, nameof(request.PolicyDocument)));
        return RunAsync(call, $"{request.RoleName} {request.PolicyName}", _ => new PutRolePolicyResponse(), cancellationToken);
    }

    public Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("GetRolePolicy");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PolicyName", IamInputs.InlinePolicyName(request.PolicyName));
        return RunAsync(
            call,
            $"{request.RoleName} {request.PolicyName}",
            r => new GetRolePolicyResponse
            {
                RoleName = r.Text("RoleName") ?? request.RoleName,
                PolicyName = r.Text("PolicyName") ?? request.PolicyName,
                PolicyDocument = PolicyDocumentText.Decode(r.Text("PolicyDocument")) ?? string.Empty,
            },
            cancellationToken);
    }

    public Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("ListRolePolicies");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("Marker", request.Marker)
            .Add("MaxItems", IamInputs.PageSize(request.MaxItems));
        return RunAsync(call, request.RoleName, r => IamXmlReader.Page(new ListRolePoliciesResponse { PolicyNames = r.Strings("PolicyNames") }, r), cancellationToken);
    }

    public Task<List<string>> ListAllRolePoliciesAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        IamNames.ValidateRoleName(roleName);
        IamInputs.PageSize(pageSize);
        return AllPagesAsync(
            "ListRolePolicies",
            marker => ListRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = roleName, Marker = marker, MaxItems = pageSize }, cancellationToken),
            page => page.PolicyNames);
    }

    public Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("DeleteRolePolicy");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PolicyName", IamInputs.InlinePolicyName(request.PolicyName));
        return RunAsync(call, $"{request.RoleName} {request.PolicyName}", _ => new DeleteRolePolicyResponse(), cancellationToken);
    }
}
