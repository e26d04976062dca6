using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using IrsaPS.Core.Aws.Iam.Internal;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Iam;

/// <summary>
/// IAM over the Query protocol on AWSSDK.Core. Roles here; managed and inline policies, tags and OIDC providers
/// in the other parts of this partial class. Get one from <see cref="AwsConnection.Iam"/>. Operations are named and shaped
/// like AWSSDK.IdentityManagement's client; inputs are checked before anything is sent
/// (<see cref="Errors.IrsaValidationException"/>); service failures surface as <see cref="AwsServiceException"/> after
/// the SDK's retries. The <c>ListAll*</c> methods follow every page. Thread-safe.
/// </summary>
internal sealed partial class IamClient
{
    private const string Service = "IAM";
    private readonly Lazy<ServiceClient> _service;
    private readonly AwsCallRunner _runner;

    internal IamClient(Lazy<ServiceClient> service, IAwsCallObserver observer, TimeSpan? callTimeout = null)
    {
        _service = service;
        _runner = new AwsCallRunner(Service, observer, callTimeout);
    }

    public Task<CreateRoleResponse> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("CreateRole");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("Path", request.Path is null ? null : IamNames.ValidatePath(request.Path))
            .Add("AssumeRolePolicyDocument", IamInputs.PolicyDocument(request.AssumeRolePolicyDocument, nameof(request.AssumeRolePolicyDocument)))
            .Add("Description", request.Description is null ? null : IamNames.ValidateDescription(request.Description))
            .Add("MaxSessionDuration", request.MaxSessionDuration is { } max ? IamNames.ValidateMaxSessionDuration(max) : null)
            .Add("PermissionsBoundary", request.PermissionsBoundary is null ? null : Arn.ParsePolicy(request.PermissionsBoundary).ToString())
            .AddTags("Tags", IamInputs.Tags(request.Tags));
        return RunAsync(call, request.RoleName, r => new CreateRoleResponse { Role = IamXmlReader.Role(r.Child("Role")) }, cancellationToken);
    }

    public Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("GetRole");
        call.Writer.Add("RoleName", IamNames.ValidateRoleName(request.RoleName));
        return RunAsync(call, request.RoleName, r => new GetRoleResponse { Role = IamXmlReader.Role(r.Child("Role")) }, cancellationToken);
    }

    public Task<ListRolesResponse> ListRolesAsync(ListRolesRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("ListRoles");
        call.Writer
            .Add("PathPrefix", IamInputs.PathPrefix(request.PathPrefix))
            .Add("Marker", request.Marker)
            .Add("MaxItems", IamInputs.PageSize(request.MaxItems));
        return RunAsync(call, request.PathPrefix, r => IamXmlReader.Page(new ListRolesResponse { Roles = IamXmlReader.Roles(r) }, r), cancellationToken);
    }

    /// <summary>Every role (under <paramref name="pathPrefix"/>), following every page: ceil(n / page size) ListRoles calls.</summary>
    public Task<List<Role>> ListAllRolesAsync(string? pathPrefix = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        IamInputs.PathPrefix(pathPrefix);
        IamInputs.PageSize(pageSize);
        return AllPagesAsync(
            "ListRoles",
            marker => ListRolesAsync(new ListRolesRequest { PathPrefix = pathPrefix, Marker = marker, MaxItems = pageSize }, cancellationToken),
            page => page.Roles);
    }

    public Task<UpdateRoleResponse> UpdateRoleAsync(UpdateRoleRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("UpdateRole");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("Description", request.Description is null ? null : IamNames.ValidateDescription(request.Description))
            .Add("MaxSessionDuration", request.MaxSessionDuration is { } max ? IamNames.ValidateMaxSessionDuration(max) : null);
        return RunAsync(call, request.RoleName, _ => new UpdateRoleResponse(), cancellationToken);
    }

    public Task<UpdateAssumeRolePolicyResponse> UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("UpdateAssumeRolePolicy");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("PolicyDocument", IamInputs.PolicyDocument(request.PolicyDocument, nameof(request.PolicyDocument)));
        return RunAsync(call, request.RoleName, _ => new UpdateAssumeRolePolicyResponse(), cancellationToken);
    }

    public Task<DeleteRoleResponse> DeleteRoleAsync(DeleteRoleRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("DeleteRole");
        call.Writer.Add("RoleName", IamNames.ValidateRoleName(request.RoleName));
        return RunAsync(call, request.RoleName, _ => new DeleteRoleResponse(), cancellationToken);
    }

    private static QueryRequest Query(string action) => new(ServiceDescription.Iam, action);

    /// <summary>Sends one call through the SDK pipeline and reads its result element with <paramref name="read"/>.</summary>
    private Task<T> RunAsync<T>(QueryRequest call, string? target, Func<XElement?, T> read, CancellationToken cancellationToken)
        where T : IamResponse =>
        _runner.RunAsync(
            call.Operation,
            target,
            async token =>
            {
                var response = await _service.Value.QueryAsync(call, token).ConfigureAwait(false);
                var result = read(response.Result);
                result.RequestId = response.ResponseMetadata?.RequestId;
                return result;
            },
            cancellationToken);

    /// <summary>Follows <c>Marker</c> until IAM says the list is complete.</summary>
    private static Task<List<TItem>> AllPagesAsync<TPage, TItem>(string operation, Func<string?, Task<TPage>> fetch, Func<TPage, List<TItem>> items)
        where TPage : PagedIamResponse =>
        AwsPaging.ReadAllAsync(fetch, items, Service, operation);
}
