using System.Linq;
using System.Xml.Linq;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Iam.Internal;

/// <summary>Reads a GetAccountAuthorizationDetails result (roles and managed policies; users and groups are not read).</summary>
internal static class IamAuthorizationDetailsReader
{
    public static GetAccountAuthorizationDetailsResponse Read(XElement? result) => IamXmlReader.Page(
        new GetAccountAuthorizationDetailsResponse
        {
            RoleDetailList = result.Members("RoleDetailList").Select(Role).ToList(),
            Policies = result.Members("Policies").Select(Policy).ToList(),
        },
        result);

    private static RoleDetail Role(XElement role)
    {
        var boundaryArn = role.Child("PermissionsBoundary").Text("PermissionsBoundaryArn");
        return new RoleDetail
        {
            Path = role.Text("Path") ?? "/",
            RoleName = role.Text("RoleName") ?? string.Empty,
            RoleId = role.Text("RoleId") ?? string.Empty,
            Arn = role.Text("Arn") ?? string.Empty,
            CreateDate = role.Date("CreateDate"),
            AssumeRolePolicyDocument = PolicyDocumentText.Decode(role.Text("AssumeRolePolicyDocument")),
            RolePolicyList = role.Members("RolePolicyList")
                .Select(p => new PolicyDetail { PolicyName = p.Text("PolicyName") ?? string.Empty, PolicyDocument = PolicyDocumentText.Decode(p.Text("PolicyDocument")) })
                .ToList(),
            AttachedManagedPolicies = role.Members("AttachedManagedPolicies")
                .Select(p => new AttachedPolicy { PolicyName = p.Text("PolicyName") ?? string.Empty, PolicyArn = p.Text("PolicyArn") ?? string.Empty })
                .ToList(),
            PermissionsBoundary = boundaryArn is null ? null : new AttachedPermissionsBoundary { PermissionsBoundaryArn = boundaryArn },
            Tags = IamXmlReader.Tags(role, "Tags"),
            RoleLastUsed = IamXmlReader.LastUsed(role.Child("RoleLastUsed")),
        };
    }

    private static ManagedPolicyDetail Policy(XElement policy) => new()
    {
        PolicyName = policy.Text("PolicyName") ?? string.Empty,
        Arn = policy.Text("Arn") ?? string.Empty,
        Path = policy.Text("Path") ?? "/",
        DefaultVersionId = policy.Text("DefaultVersionId"),
        AttachmentCount = policy.Int("AttachmentCount"),
        PolicyVersionList = policy.Members("PolicyVersionList").Select(Version).ToList(),
    };

    private static PolicyVersion Version(XElement version) => new()
    {
        Document = PolicyDocumentText.Decode(version.Text("Document")),
        VersionId = version.Text("VersionId") ?? string.Empty,
        IsDefaultVersion = version.Bool("IsDefaultVersion"),
    };
}
