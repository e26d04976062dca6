using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

public sealed class CreateRoleRequest
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

public sealed class CreateRoleResponse : IamResponse
{
    public Role Role { get; set; } = new();
}

public sealed class GetRoleRequest
{
    public string RoleName { get; set; } = string.Empty;
}

public sealed class GetRoleResponse : IamResponse
{
    public Role Role { get; set; } = new();
}

public sealed class ListRolesRequest : PagedIamRequest
{
    /// <summary>Only roles whose path starts with this (e.g. <c>/irsa/</c>); all roles when null.</summary>
    public string? PathPrefix { get; set; }
}

public sealed class ListRolesResponse : PagedIamResponse
{
    public List<Role> Roles { get; set; } = [];
}

/// <summary>Changes a role's description and/or maximum session duration; null leaves a value as it is.</summary>
public sealed class UpdateRoleRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string? Description { get; set; }

    public int? MaxSessionDuration { get; set; }
}

public sealed class UpdateRoleResponse : IamResponse
{
}

/// <summary>Replaces a role's trust policy.</summary>
public sealed class UpdateAssumeRolePolicyRequest
{
    public string RoleName { get; set; } = string.Empty;

    public string PolicyDocument { get; set; } = string.Empty;
}

public sealed class UpdateAssumeRolePolicyResponse : IamResponse
{
}

/// <summary>Deletes a role; IAM refuses (DeleteConflict) while policies are attached or inline policies exist.</summary>
public sealed class DeleteRoleRequest
{
    public string RoleName { get; set; } = string.Empty;
}

public sealed class DeleteRoleResponse : IamResponse
{
}
