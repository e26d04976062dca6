using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>Adds tags to a role, replacing the value of keys it already has.</summary>
public sealed class TagRoleRequest
{
    public string RoleName { get; set; } = string.Empty;

    public List<Tag> Tags { get; set; } = [];
}

public sealed class TagRoleResponse : IamResponse
{
}

public sealed class UntagRoleRequest
{
    public string RoleName { get; set; } = string.Empty;

    public List<string> TagKeys { get; set; } = [];
}

public sealed class UntagRoleResponse : IamResponse
{
}

public sealed class ListRoleTagsRequest : PagedIamRequest
{
    public string RoleName { get; set; } = string.Empty;
}

public sealed class ListRoleTagsResponse : PagedIamResponse
{
    public List<Tag> Tags { get; set; } = [];
}
