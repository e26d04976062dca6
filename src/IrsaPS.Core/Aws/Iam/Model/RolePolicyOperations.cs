using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

public sealed class AttachRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyArn { get; set; } = string.Empty;
}

public sealed class AttachRolePolicyResponse : IamResponse
{
}

public sealed class DetachRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyArn { get; set; } = string.Empty;
}

public sealed class DetachRolePolicyResponse : IamResponse
{
}

public sealed class ListAttachedRolePoliciesRequest : PagedIamRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string? PathPrefix { get; set; }
}

public sealed class ListAttachedRolePoliciesResponse : PagedIamResponse
{
    public List<AttachedPolicy> AttachedPolicies { get; set; } = [];
}

/// <summary>Creates or replaces an inline policy of a role.</summary>
public sealed class PutRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;

    public string PolicyDocument { get; set; } = string.Empty;
}

public sealed class PutRolePolicyResponse : IamResponse
{
}

public sealed class GetRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;
}

public sealed class GetRolePolicyResponse : IamResponse
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;

    /// <summary>The inline policy, decoded JSON.</summary>
    public string PolicyDocument { get; set; } = string.Empty;
}

public sealed class ListRolePoliciesRequest : PagedIamRequest
{
    public string RoleName { get; set; } = string.Empty;
}

public sealed class ListRolePoliciesResponse : PagedIamResponse
{
    public List<string> PolicyNames { get; set; } = [];
}

public sealed class DeleteRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyName { get; set; } = string.Empty;
}

public sealed class DeleteRolePolicyResponse : IamResponse
{
}

public sealed class PutRolePermissionsBoundaryRequest
{
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The managed policy ARN to use as boundary.</summary>
    public string PermissionsBoundary { get; set; } = string.Empty;
}

public sealed class PutRolePermissionsBoundaryResponse : IamResponse
{
}

public sealed class DeleteRolePermissionsBoundaryRequest
{
    public string RoleName { get; set; } = string.Empty;
}

public sealed class DeleteRolePermissionsBoundaryResponse : IamResponse
{
}
