using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Trust;

/// <summary>
/// Add-IrsaRoleTrust: lets more service accounts of a cluster assume an existing role, touching nothing else in its
/// trust policy (other statements, clusters and principals stay). Wildcards need -AllowWildcard, and broadening changes
/// confirm like high-impact ones unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Add, "IrsaRoleTrust", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaRole))]
public sealed class AddIrsaRoleTrustCommand : IrsaTrustSubjectCmdlet
{
    /// <summary>The service account name(s) (or namespace/name).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public override string[]? ServiceAccountName { get; set; } = [];

    protected override void ProcessRecord()
    {
        var roleName = RoleName;
        var clusterName = ClusterName;
        var audience = AudienceOrNull;
        var allowWildcard = AllowWildcard.IsPresent;
        if (TryRun(
            roleName,
            (session, ct) => IrsaRoleTrusts.AddAsync(session, roleName, clusterName, ServiceAccounts(), audience, allowWildcard, ct),
            out var roles))
        {
            WriteResults(roles);
        }
    }
}
