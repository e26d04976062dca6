using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>Adds tags to a role, replacing the value of keys it already has.</summary>
internal sealed class TagRoleRequest
{
    public string RoleName { get; set; } = string.Empty;

    public List<Tag> Tags { get; set; } = [];
}

internal sealed class TagRoleResponse : IamResponse
{
}

internal sealed class UntagRoleRequest
{
    public string RoleName { get; set; } = string.Empty;

    public List<string> TagKeys { get; set; } = [];
}

internal sealed class UntagRoleResponse : IamResponse
{
}

internal sealed class ListRoleTagsRequest : PagedIamRequest
{
    public string RoleName { get; set; } = string.Empty;
}

internal sealed class ListRoleTagsResponse : PagedIamResponse
{
    public List<Tag> Tags { get; set; } = [];
}
