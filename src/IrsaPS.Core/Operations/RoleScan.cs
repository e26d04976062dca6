using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Hosting;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Reads every IAM role of the account, page by page (1,000 per ListRoles call, each carrying the trust document), and
/// reports progress per page: accounts with thousands of roles take a few seconds. The progress is always completed.
/// </summary>
internal static class RoleScan
{
    public const int PageSize = 1000;

    public static async Task<List<Role>> ListAllAsync(IrsaSession session, string activity, CancellationToken cancellationToken)
    {
        var roles = new List<Role>();
        var pages = 0;
        try
        {
            await AwsPaging.ForEachPageAsync(
                marker =>
                {
                    session.Host.WriteProgress(new OperationProgress(
                        ProgressActivities.RoleScan,
                        activity,
                        pages++ == 0 ? "Listing IAM roles" : string.Format(CultureInfo.InvariantCulture, "{0} roles read", roles.Count)));
                    return session.Aws.Iam.ListRolesAsync(new ListRolesRequest { Marker = marker, MaxItems = PageSize }, cancellationToken);
                },
                page => roles.AddRange(page.Roles),
                "IAM",
                "ListRoles").ConfigureAwait(false);
        }
        finally
        {
            session.Host.WriteProgress(OperationProgress.Complete(ProgressActivities.RoleScan, activity));
        }

        return roles;
    }
}
