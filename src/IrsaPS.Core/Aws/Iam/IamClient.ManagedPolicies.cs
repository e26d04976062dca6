using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using IrsaPS.Core.Aws.Iam.Internal;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Iam;

/// <summary>Managed policy metadata (GetPolicy) and a role's instance profiles (list, remove).</summary>
internal sealed partial class IamClient
{
    private const int MaxInstanceProfileNameLength = 128;

    public Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("GetPolicy");
        call.Writer.Add("PolicyArn", Arn.ParsePolicy(request.PolicyArn).ToString());
        return RunAsync(call, request.PolicyArn, r => new GetPolicyResponse { Policy = ReadPolicy(r.Child("Policy")) }, cancellationToken);
    }

    public Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("ListInstanceProfilesForRole");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("Marker", request.Marker)
            .Add("MaxItems", IamInputs.PageSize(request.MaxItems));
        return RunAsync(
            call,
            request.RoleName,
            r => IamXmlReader.Page(new ListInstanceProfilesForRoleResponse { InstanceProfiles = r.Members("InstanceProfiles").Select(ReadInstanceProfile).ToList() }, r),
            cancellationToken);
    }

    /// <summary>Every instance profile the role is in, following every page.</summary>
    public Task<List<InstanceProfile>> ListAllInstanceProfilesForRoleAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        IamNames.ValidateRoleName(roleName);
        IamInputs.PageSize(pageSize);
        return AllPagesAsync(
            "ListInstanceProfilesForRole",
            marker => ListInstanceProfilesForRoleAsync(new ListInstanceProfilesForRoleRequest { RoleName = roleName, Marker = marker, MaxItems = pageSize }, cancellationToken),
            page => page.InstanceProfiles);
    }

    public Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("RemoveRoleFromInstanceProfile");
        call.Writer
            .Add("InstanceProfileName", InstanceProfileName(request.InstanceProfileName))
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName));
        return RunAsync(call, $"{request.RoleName} {request.InstanceProfileName}", _ => new RemoveRoleFromInstanceProfileResponse(), cancellationToken);
    }

    private static ManagedPolicy ReadPolicy(XElement? policy) => new()
    {
        PolicyName = policy.Text("PolicyName") ?? string.Empty,
        PolicyId = policy.Text("PolicyId") ?? string.Empty,
        Arn = policy.Text("Arn") ?? string.Empty,
        Path = policy.Text("Path") ?? "/",
        DefaultVersionId = policy.Text("DefaultVersionId"),
        AttachmentCount = policy.Int("AttachmentCount"),
        IsAttachable = policy.Text("IsAttachable") is null || policy.Bool("IsAttachable"),
        CreateDate = policy.Date("CreateDate"),
    };

    private static InstanceProfile ReadInstanceProfile(XElement profile) => new()
    {
        InstanceProfileName = profile.Text("InstanceProfileName") ?? string.Empty,
        InstanceProfileId = profile.Text("InstanceProfileId") ?? string.Empty,
        Arn = profile.Text("Arn") ?? string.Empty,
        Path = profile.Text("Path") ?? "/",
    };

    /// <summary>Instance profile names: 1-128 letters, digits and <c>+=,.@_-</c> (as IAM's instanceProfileNameType).</summary>
    private static string InstanceProfileName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name!.Length > MaxInstanceProfileNameLength
            || name.Any(c => !(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '+' or '=' or ',' or '.' or '@' or '_' or '-')))
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidParameter,
                $"Instance profile name '{name}' is not valid: 1-{MaxInstanceProfileNameLength} letters, digits and +=,.@_- characters.",
                name);
        }

        return name;
    }
}
