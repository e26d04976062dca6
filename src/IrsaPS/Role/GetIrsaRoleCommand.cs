using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Role;

/// <summary>
/// Get-IrsaRole: every IAM role whose trust names a cluster's OIDC issuer (or any OIDC provider) — created by IrsaPS,
/// eksctl, terraform or by hand — with the service accounts each admits. One paged ListRoles, not one call per role.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IrsaRole")]
[OutputType(typeof(IrsaRole))]
public sealed class GetIrsaRoleCommand : IrsaAwsCmdlet
{
    /// <summary>A role name or pattern (* and ?); an exact name is read directly, with its policies.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string? RoleName { get; set; }

    /// <summary>Only roles that trust this EKS cluster's issuer.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    protected override void ProcessRecord()
    {
        var clusterName = ParameterConversion.EmptyAsNull(ClusterName);
        var roleName = ParameterConversion.EmptyAsNull(RoleName);
        if (TryRun(roleName ?? clusterName, (session, ct) => IrsaRoles.GetAsync(session, clusterName, roleName, ct), out var roles))
        {
            WriteResults(roles);
        }
    }
}
