using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Emulators.Aws;

/// <summary>
/// An AWS API moto does not implement, emulated by the project in front of moto (<see cref="Faults.FaultProxy"/> hosts
/// the services): it answers its own operations with the real wire shapes and lets everything else through to moto.
/// Services may also observe what moto answered (e.g. to record a CloudTrail event for each STS call), and amend it.
/// </summary>
public interface IAwsEmulatedService
{
    /// <summary>The answer when <paramref name="request"/> is one of this service's operations; null lets it go on to moto.</summary>
    Task<AwsEmulatedResponse?> TryHandleAsync(AwsEmulatedRequest request, CancellationToken cancellationToken);

    /// <summary>Sees a request moto answered, with moto's status and body. The default does nothing.</summary>
    void Observe(AwsEmulatedRequest request, int statusCode, byte[] responseBody)
    {
    }

    /// <summary>
    /// Amends the body moto answered before the client sees it (e.g. a field moto leaves empty, such as IAM's
    /// RoleLastUsed region), after every service observed it. The default returns it unchanged.
    /// </summary>
    byte[] Rewrite(AwsEmulatedRequest request, int statusCode, byte[] responseBody) => responseBody;
}
