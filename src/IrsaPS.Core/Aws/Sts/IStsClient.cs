using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Core.Aws.Sts;

/// <summary>The STS operations IrsaPS needs. Thread-safe.</summary>
public interface IStsClient
{
    /// <summary>The account and ARN of the connection's credentials.</summary>
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Exchanges a web identity token (a Kubernetes service account token) for role credentials, as a pod does.
    /// The request is anonymous: the connection's own credentials are not used.
    /// </summary>
    Task<AssumedRoleCredentials> AssumeRoleWithWebIdentityAsync(
        string roleArn, string webIdentityToken, string roleSessionName, int? durationSeconds = null, CancellationToken cancellationToken = default);
}
