using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

internal sealed class CreateRoleRequest
{
    public string RoleName { get; set; } = string.Empty;

    /// <summary>Defaults to <c>/</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The trust policy JSON.</summary>
    public string AssumeRolePolicyDocument { get; set; } = string.Empty;

    public string? Description { get; set; }

    /// <summary>3600-43200 seconds; IAM's default is 3600.</summary>
    public int? MaxSessionDuration { get; set; }

    /// <summary>The ARN of a managed policy used as permissions boundary.</summary>
    public string? PermissionsBoundary { get; set; }

    public List<Tag> Tags { get; set; } = [];
}

internal sealed class CreateRoleResponse : IamResponse
{
    public Role Role { get; set; } = new();
}

internal sealed class GetRoleRequest
{
    public string RoleName { get; set; } = string.Empty;
}

internal sealed class GetRoleResponse : IamResponse
{
    public Role Role { get; set; } = new();
}

internal sealed class ListRolesRequest : PagedIamRequest
{
    /// <summary>Only roles whose path starts with this (e.g. <c>/irsa/</c>); all roles when null.</summary>
    public string? PathPrefix { get; set; }
}

internal sealed class ListRolesResponse : PagedIamResponse
{
    public List<Role> Roles { get; set; } = [];
}

/// <summary>Changes a role's description and/or maximum session duration; null leaves a value as it is.</summary>
internal sealed class UpdateRoleRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string? Description { get; set; }

    public int? MaxSessionDuration { get; set; }
}

internal sealed class UpdateRoleResponse : IamResponse
{
}

/// <summary>Replaces a role's trust policy.</summary>
internal sealed class UpdateAssumeRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyDocument { get; set; } = string.Empty;
}

internal sealed class UpdateAssumeRolePolicyResponse : IamResponse
{
}

/// <summary>Deletes a role; IAM refuses (DeleteConflict) while policies are attached or inline policies exist.</summary>
internal sealed class DeleteRoleRequest
{
    public string RoleName { get; set; } = string.Empty;
}

internal sealed class DeleteRoleResponse : IamResponse
{
}
