using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Internal;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Iam;

/// <summary>Role tags.</summary>
internal sealed partial class IamClient
{
    public Task<TagRoleResponse> TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("TagRole");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .AddTags("Tags", IamInputs.Tags(request.Tags));
        return RunAsync(call, request.RoleName, _ => new TagRoleResponse(), cancellationToken);
    }

    public Task<UntagRoleResponse> UntagRoleAsync(UntagRoleRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("UntagRole");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .AddList("TagKeys", IamInputs.TagKeys(request.TagKeys));
        return RunAsync(call, request.RoleName, _ => new UntagRoleResponse(), cancellationToken);
    }

    public Task<ListRoleTagsResponse> ListRoleTagsAsync(ListRoleTagsRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = Query("ListRoleTags");
        call.Writer
            .Add("RoleName", IamNames.ValidateRoleName(request.RoleName))
            .Add("Marker", request.Marker)
            .Add("MaxItems", IamInputs.PageSize(request.MaxItems));
        return RunAsync(call, request.RoleName, r => IamXmlReader.Page(new ListRoleTagsResponse { Tags = IamXmlReader.Tags(r, "Tags") }, r), cancellationToken);
    }

    public Task<List<Tag>> ListAllRoleTagsAsync(string roleName, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        IamNames.ValidateRoleName(roleName);
        IamInputs.PageSize(pageSize);
        return AllPagesAsync(
            "ListRoleTags",
            marker => ListRoleTagsAsync(new ListRoleTagsRequest { RoleName = roleName, Marker = marker, MaxItems = pageSize }, cancellationToken),
            page => page.Tags);
    }
}
