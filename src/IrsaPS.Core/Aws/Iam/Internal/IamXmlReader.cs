using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Iam.Internal;

/// <summary>Reads IAM's XML shapes (inside an action's <c>&lt;XxxResult&gt;</c>) into the model.</summary>
internal static class IamXmlReader
{
    public static Role Role(XElement? role) => new()
    {
        Path = role.Text("Path") ?? "/",
        RoleName = role.Text("RoleName") ?? string.Empty,
        RoleId = role.Text("RoleId") ?? string.Empty,
        Arn = role.Text("Arn") ?? string.Empty,
        CreateDate = role.Date("CreateDate"),
        AssumeRolePolicyDocument = PolicyDocumentText.Decode(role.Text("AssumeRolePolicyDocument")),
        Description = role.Text("Description"),
        MaxSessionDuration = role.Int("MaxSessionDuration"),
        PermissionsBoundary = Boundary(role.Child("PermissionsBoundary")),
        Tags = Tags(role, "Tags"),
        RoleLastUsed = LastUsed(role.Child("RoleLastUsed")),
    };

    public static List<Role> Roles(XElement? result) => result.Members("Roles").Select(Role).ToList();

    public static List<Tag> Tags(XElement? parent, string listName) =>
        parent.Members(listName).Select(t => new Tag(t.Text("Key") ?? string.Empty, t.Text("Value") ?? string.Empty)).ToList();

    public static List<AttachedPolicy> AttachedPolicies(XElement? result) =>
        result.Members("AttachedPolicies")
            .Select(p => new AttachedPolicy { PolicyName = p.Text("PolicyName") ?? string.Empty, PolicyArn = p.Text("PolicyArn") ?? string.Empty })
            .ToList();

    public static List<OpenIDConnectProviderListEntry> Providers(XElement? result) =>
        result.Members("OpenIDConnectProviderList").Select(p => new OpenIDConnectProviderListEntry { Arn = p.Text("Arn") ?? string.Empty }).ToList();

    /// <summary>Fills the paging fields of a list answer.</summary>
    public static T Page<T>(T response, XElement? result)
        where T : PagedIamResponse
    {
        response.IsTruncated = result.Bool("IsTruncated");
        response.Marker = result.Text("Marker");
        return response;
    }

    private static AttachedPermissionsBoundary? Boundary(XElement? boundary)
    {
        var arn = boundary.Text("PermissionsBoundaryArn");
        return arn is null
            ? null
            : new AttachedPermissionsBoundary { PermissionsBoundaryArn = arn, PermissionsBoundaryType = boundary.Text("PermissionsBoundaryType") ?? "PermissionsBoundaryPolicy" };
    }

    internal static RoleLastUsed? LastUsed(XElement? lastUsed) =>
        lastUsed is null ? null : new RoleLastUsed { LastUsedDate = lastUsed.Date("LastUsedDate"), Region = lastUsed.Text("Region") };
}
