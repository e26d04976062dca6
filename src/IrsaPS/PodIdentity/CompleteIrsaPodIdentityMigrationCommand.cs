using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;

namespace IrsaPS.PodIdentity;

/// <summary>
/// Complete-IrsaPodIdentityMigration: once no running pod of the service account still uses web identity, drops its OIDC
/// subject from the role's trust (other subjects and statements stay) and records the migration as complete. Refused while
/// such pods run, while the IRSA annotation is back, or when the association or its trust is gone.
/// </summary>
[Cmdlet(VerbsLifecycle.Complete, "IrsaPodIdentityMigration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaPodIdentityMigration))]
public sealed class CompleteIrsaPodIdentityMigrationCommand : PodIdentityMigrationCmdlet
{
    internal override Task<IrsaPodIdentityMigration> RunStageAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken) =>
        IrsaPodIdentityMigrations.CompleteAsync(session, request, cancellationToken);
}
