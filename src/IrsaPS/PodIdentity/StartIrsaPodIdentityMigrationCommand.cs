using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Infrastructure;

namespace IrsaPS.PodIdentity;

/// <summary>
/// Start-IrsaPodIdentityMigration: moves one service account from IRSA to EKS Pod Identity, keeping its role: adds the Pod
/// Identity trust (the OIDC statements stay), creates the association, removes IRSA's annotations (which would shadow it)
/// and records what it did on the ServiceAccount; lists the pods to restart. Re-running converges; the whole plan shows
/// under -WhatIf and is applied only when every step is confirmed. Add-on service accounts are skipped; service accounts
/// whose pods cannot use Pod Identity (Fargate, Windows, no agent on their node) are refused; a cluster without the agent
/// stops the run. Nothing is written in any of those cases.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "IrsaPodIdentityMigration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaPodIdentityMigration))]
public sealed class StartIrsaPodIdentityMigrationCommand : PodIdentityMigrationCmdlet
{
    /// <summary>The role the service account is expected to use (e.g. piped from Get-IrsaServiceAccount); another one is refused.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    /// <summary>How narrowly the trust statement admits Pod Identity: ServiceAccount (default), Cluster, or Any.</summary>
    [Parameter]
    [ValidateSet(PodIdentityParameters.ServiceAccount, PodIdentityParameters.Cluster, PodIdentityParameters.Any)]
    public string TrustScope { get; set; } = PodIdentityParameters.ServiceAccount;

    /// <summary>Also pin aws:SourceAccount in the trust statement.</summary>
    [Parameter]
    public SwitchParameter RequireSourceAccount { get; set; }

    internal override PodIdentityMigrationRequest Request() => base.Request() with
    {
        RoleArn = ParameterConversion.EmptyAsNull(RoleArn),
        TrustScope = PodIdentityParameters.Scope(TrustScope),
        RequireSourceAccount = RequireSourceAccount.IsPresent,
    };

    internal override Task<IrsaPodIdentityMigration> RunStageAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken) =>
        IrsaPodIdentityMigrations.StartAsync(session, request, cancellationToken);
}
