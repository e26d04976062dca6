using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>
/// An IAM role as IAM describes it. <see cref="AssumeRolePolicyDocument"/> is always plain JSON here (IAM's
/// URL encoding is undone). <see cref="Tags"/>, <see cref="PermissionsBoundary"/> and <see cref="RoleLastUsed"/>
/// are filled by GetRole; ListRoles leaves them empty, as IAM does.
/// </summary>
internal sealed class Role
{
    public string Path { get; set; } = "/";

    public string RoleName { get; set; } = string.Empty;

    public string RoleId { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public DateTime? CreateDate { get; set; }

    /// <summary>The trust policy, decoded JSON.</summary>
    public string? AssumeRolePolicyDocument { get; set; }

    public string? Description { get; set; }

    public int? MaxSessionDuration { get; set; }

    public AttachedPermissionsBoundary? PermissionsBoundary { get; set; }

    public List<Tag> Tags { get; set; } = [];

    public RoleLastUsed? RoleLastUsed { get; set; }

    public override string ToString() => Arn;
}

/// <summary>The permissions boundary set on a role.</summary>
internal sealed class AttachedPermissionsBoundary
{
    public string PermissionsBoundaryArn { get; set; } = string.Empty;

    /// <summary>Always <c>PermissionsBoundaryPolicy</c> (a managed policy).</summary>
    public string PermissionsBoundaryType { get; set; } = "PermissionsBoundaryPolicy";
}

/// <summary>When and where a role was last assumed; empty when IAM has no record.</summary>
internal sealed class RoleLastUsed
{
    public DateTime? LastUsedDate { get; set; }

    public string? Region { get; set; }
}
