using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.PodIdentity;

/// <summary>
/// Undo-IrsaPodIdentityMigration: takes a service account back to IRSA: gives the OIDC subject back to the trust if
/// Complete removed it, restores the IRSA annotations, deletes the association and removes the Pod Identity statement,
/// the last two only if IrsaPS added them. Confirms as high impact (it deletes the association).
/// </summary>
[Cmdlet(VerbsCommon.Undo, "IrsaPodIdentityMigration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(IrsaPodIdentityMigration))]
public sealed class UndoIrsaPodIdentityMigrationCommand : PodIdentityMigrationCmdlet
{
    internal override Task<IrsaPodIdentityMigration> RunStageAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken) =>
        IrsaPodIdentityMigrations.UndoAsync(session, request, cancellationToken);
}
