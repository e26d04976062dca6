using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Internal;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws.Iam;

/// <summary>GetAccountAuthorizationDetails: the whole account's roles and managed policies, paged.</summary>
internal sealed partial class IamClient
{
    private static readonly HashSet<string> AuthorizationFilters = new(System.StringComparer.Ordinal) { "User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy" };

    /// <summary>One page of the account's roles (with trust, inline and attached policies, boundary) and/or managed policies.</summary>
    public Task<GetAccountAuthorizationDetailsResponse> GetAccountAuthorizationDetailsAsync(GetAccountAuthorizationDetailsRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        foreach (var filter in request.Filter)
        {
            if (!AuthorizationFilters.Contains(filter))
            {
                throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"'{filter}' is not a GetAccountAuthorizationDetails filter: use User, Role, Group, LocalManagedPolicy or AWSManagedPolicy.", filter);
            }
        }

        var call = Query("GetAccountAuthorizationDetails");
        call.Writer
            .AddList("Filter", request.Filter)
            .Add("Marker", request.Marker)
            .Add("MaxItems", IamInputs.PageSize(request.MaxItems));
        return RunAsync(call, null, IamAuthorizationDetailsReader.Read, cancellationToken);
    }
}
