using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

internal sealed class AttachRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyArn { get; set; } = string.Empty;
}

internal sealed class AttachRolePolicyResponse : IamResponse
{
}

internal sealed class DetachRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyArn { get; set; } = string.Empty;
}

internal sealed class DetachRolePolicyResponse : IamResponse
{
}

internal sealed class ListAttachedRolePoliciesRequest : PagedIamRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string? PathPrefix { get; set; }
}

internal sealed class ListAttachedRolePoliciesResponse : PagedIamResponse
{
    public List<AttachedPolicy> AttachedPolicies { get; set; } = [];
}

/// <summary>Creates or replaces an inline policy of a role.</summary>
internal sealed class PutRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;

    public string PolicyDocument { get; set; } = string.Empty;
}

internal sealed class PutRolePolicyResponse : IamResponse
{
}

internal sealed class GetRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;
}

internal sealed class GetRolePolicyResponse : IamResponse
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;

    /// <summary>The inline policy, decoded JSON.</summary>
    public string PolicyDocument { get; set; } = string.Empty;
}

internal sealed class ListRolePoliciesRequest : PagedIamRequest
{
    public string RoleName { get; set; } = string.Empty;
}

internal sealed class ListRolePoliciesResponse : PagedIamResponse
{
    public List<string> PolicyNames { get; set; } = [];
}

internal sealed class DeleteRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;
}

internal sealed class DeleteRolePolicyResponse : IamResponse
{
}

internal sealed class PutRolePermissionsBoundaryRequest
{
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The managed policy ARN to use as boundary.</summary>
    public string PermissionsBoundary { get; set; } = string.Empty;
}

internal sealed class PutRolePermissionsBoundaryResponse : IamResponse
{
}

internal sealed class DeleteRolePermissionsBoundaryRequest
{
    public string RoleName { get; set; } = string.Empty;
}

internal sealed class DeleteRolePermissionsBoundaryResponse : IamResponse
{
}
