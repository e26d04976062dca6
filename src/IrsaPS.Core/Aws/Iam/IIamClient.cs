using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;

namespace IrsaPS.Core.Aws.Iam;

/// <summary>
/// The IAM operations IrsaPS needs, named and shaped like AWSSDK.IdentityManagement's client. Inputs are checked
/// before anything is sent (<see cref="Errors.IrsaValidationException"/>); service failures surface as
/// <see cref="AwsServiceException"/> after the SDK's retries. The <c>ListAll*</c> methods follow every page.
/// Thread-safe.
/// </summary>
public interface IIamClient
{
    // Roles.
    Task<CreateRoleResponse> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken = default);

    Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default);

    Task<ListRolesResponse> ListRolesAsync(ListRolesRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every role (under <paramref name="pathPrefix"/>), following every page: ceil(n / page size) ListRoles calls.</summary>
    Task<List<Role>> ListAllRolesAsync(string? pathPrefix = null, int? pageSize = null, CancellationToken cancellationToken = default);

    Task<UpdateRoleResponse> UpdateRoleAsync(UpdateRoleRequest request, CancellationToken cancellationToken = default);

    /// <summary>One page of the account's roles (with trust, inline and attached policies, boundary) and/or managed policies.</summary>
    Task<GetAccountAuthorizationDetailsResponse> GetAccountAuthorizationDetailsAsync(GetAccountAuthorizationDetailsRequest request, CancellationToken cancellationToken = default);

    Task<UpdateAssumeRolePolicyResponse> UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken cancellationToken = default);

    Task<DeleteRoleResponse> DeleteRoleAsync(DeleteRoleRequest request, CancellationToken cancellationToken = default);

    // Managed policies and the permissions boundary.
    Task<AttachRolePolicyResponse> AttachRolePolicyAsync(AttachRolePolicyRequest request, CancellationToken cancellationToken = default);

    Task<DetachRolePolicyResponse> DetachRolePolicyAsync(DetachRolePolicyRequest request, CancellationToken cancellationToken = default);

    Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default);

    Task<List<AttachedPolicy>> ListAllAttachedRolePoliciesAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default);

    Task<PutRolePermissionsBoundaryResponse> PutRolePermissionsBoundaryAsync(PutRolePermissionsBoundaryRequest request, CancellationToken cancellationToken = default);

    Task<DeleteRolePermissionsBoundaryResponse> DeleteRolePermissionsBoundaryAsync(DeleteRolePermissionsBoundaryRequest request, CancellationToken cancellationToken = default);

    // Inline policies.
    Task<PutRolePolicyResponse> PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken cancellationToken = default);

    Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default);

    Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default);

    Task<List<string>> ListAllRolePoliciesAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default);

    Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default);

    // Role tags.
    Task<TagRoleResponse> TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default);

    Task<UntagRoleResponse> UntagRoleAsync(UntagRoleRequest request, CancellationToken cancellationToken = default);

    Task<ListRoleTagsResponse> ListRoleTagsAsync(ListRoleTagsRequest request, CancellationToken cancellationToken = default);

    Task<List<Tag>> ListAllRoleTagsAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default);

    // OpenID Connect providers.
    Task<CreateOpenIDConnectProviderResponse> CreateOpenIDConnectProviderAsync(CreateOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default);

    Task<GetOpenIDConnectProviderResponse> GetOpenIDConnectProviderAsync(GetOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default);

    Task<ListOpenIDConnectProvidersResponse> ListOpenIDConnectProvidersAsync(ListOpenIDConnectProvidersRequest request, CancellationToken cancellationToken = default);

    Task<DeleteOpenIDConnectProviderResponse> DeleteOpenIDConnectProviderAsync(DeleteOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default);

    Task<TagOpenIDConnectProviderResponse> TagOpenIDConnectProviderAsync(TagOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default);

    Task<UntagOpenIDConnectProviderResponse> UntagOpenIDConnectProviderAsync(UntagOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default);

    Task<UpdateOpenIDConnectProviderThumbprintResponse> UpdateOpenIDConnectProviderThumbprintAsync(UpdateOpenIDConnectProviderThumbprintRequest request, CancellationToken cancellationToken = default);

    Task<AddClientIDToOpenIDConnectProviderResponse> AddClientIDToOpenIDConnectProviderAsync(AddClientIDToOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default);

    Task<RemoveClientIDFromOpenIDConnectProviderResponse> RemoveClientIDFromOpenIDConnectProviderAsync(RemoveClientIDFromOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default);

    // Managed policy metadata and a role's instance profiles (New-IrsaRole's existence check, Remove-IrsaRole).
    Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default);

    Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every instance profile the role is in, following every page.</summary>
    Task<List<InstanceProfile>> ListAllInstanceProfilesForRoleAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default);

    Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default);
}
