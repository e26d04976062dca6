using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>The instance profiles a role is in (IAM refuses DeleteRole with DeleteConflict while there are any).</summary>
internal sealed class ListInstanceProfilesForRoleRequest : PagedIamRequest
{
    public string RoleName { get; set; } = string.Empty;
}

internal sealed class ListInstanceProfilesForRoleResponse : PagedIamResponse
{
    public List<InstanceProfile> InstanceProfiles { get; set; } = [];
}

internal sealed class InstanceProfile
{
    public string InstanceProfileName { get; set; } = string.Empty;

    public string InstanceProfileId { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public override string ToString() => Arn;
}

internal sealed class RemoveRoleFromInstanceProfileRequest
{
    public string InstanceProfileName { get; set; } = string.Empty;

    public string RoleName { get; set; } = string.Empty;
}

internal sealed class RemoveRoleFromInstanceProfileResponse : IamResponse
{
}
