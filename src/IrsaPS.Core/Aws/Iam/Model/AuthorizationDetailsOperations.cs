using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>
/// GetAccountAuthorizationDetails: roles with their trust policy, inline policies, attached managed policies and
/// permissions boundary, and customer-managed policies with their versions, in pages of up to 1,000 entries. The audit
/// reads it instead of ListRoles plus two or three calls per role when a check needs roles' policies or boundaries.
/// </summary>
internal sealed class GetAccountAuthorizationDetailsRequest : PagedIamRequest
{
    /// <summary><c>User</c>, <c>Role</c>, <c>Group</c>, <c>LocalManagedPolicy</c>, <c>AWSManagedPolicy</c>; empty for all.</summary>
    public List<string> Filter { get; set; } = [];
}

internal sealed class GetAccountAuthorizationDetailsResponse : PagedIamResponse
{
    public List<RoleDetail> RoleDetailList { get; set; } = [];

    public List<ManagedPolicyDetail> Policies { get; set; } = [];
}

/// <summary>A role with everything IAM knows about its permissions. Policy documents are decoded JSON.</summary>
internal sealed class RoleDetail
{
    public string Path { get; set; } = "/";

    public string RoleName { get; set; } = string.Empty;

    public string RoleId { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public DateTime? CreateDate { get; set; }

    public string? AssumeRolePolicyDocument { get; set; }

    public List<PolicyDetail> RolePolicyList { get; set; } = [];

    public List<AttachedPolicy> AttachedManagedPolicies { get; set; } = [];

    public AttachedPermissionsBoundary? PermissionsBoundary { get; set; }

    public List<Tag> Tags { get; set; } = [];

    /// <summary>When and in which region the role was last used; empty or null when IAM has no record.</summary>
    public RoleLastUsed? RoleLastUsed { get; set; }

    public override string ToString() => Arn;
}

/// <summary>An inline policy: its name and document (decoded JSON).</summary>
internal sealed class PolicyDetail
{
    public string PolicyName { get; set; } = string.Empty;

    public string? PolicyDocument { get; set; }
}

/// <summary>A managed policy with its versions.</summary>
internal sealed class ManagedPolicyDetail
{
    public string PolicyName { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public string? DefaultVersionId { get; set; }

    public int? AttachmentCount { get; set; }

    public List<PolicyVersion> PolicyVersionList { get; set; } = [];

    /// <summary>The default version's document, or null.</summary>
    public string? DefaultDocument => PolicyVersionList.Find(v => v.IsDefaultVersion)?.Document;

    public override string ToString() => Arn;
}

/// <summary>One version of a managed policy (document decoded).</summary>
internal sealed class PolicyVersion
{
    public string? Document { get; set; }

    public string VersionId { get; set; } = string.Empty;

    public bool IsDefaultVersion { get; set; }
}
