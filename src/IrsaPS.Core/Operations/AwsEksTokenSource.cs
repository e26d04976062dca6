using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Mints EKS bearer tokens with IrsaPS's own AWS connection, so neither the aws CLI nor aws-iam-authenticator is needed.
/// A kubeconfig exec plugin may name its own profile or region; those get their own (cached) credentials.
/// </summary>
internal sealed class AwsEksTokenSource : IEksTokenSource, IDisposable
{
    private readonly Lazy<AwsConnection> _connection;
    private readonly AwsConnectionSettings _settings;
    private readonly ConcurrentDictionary<string, AwsConnection> _profiles = new(StringComparer.Ordinal);

    /// <param name="connection">Resolved only when a token is needed: a kubeconfig with its own credentials must work without AWS settings.</param>
    public AwsEksTokenSource(Lazy<AwsConnection> connection, AwsConnectionSettings settings)
    {
        _connection = connection;
        _settings = settings;
    }

    public async Task<KubernetesBearerToken> GetTokenAsync(EksTokenRequest request, CancellationToken cancellationToken)
    {
        var connection = ConnectionFor(request.ProfileName);
        var token = await EksTokenGenerator.CreateAsync(
            connection.Credentials, request.Region ?? connection.Region, request.ClusterName, null, cancellationToken).ConfigureAwait(false);
        return new KubernetesBearerToken(token.Token, new DateTimeOffset(DateTime.SpecifyKind(token.ExpiresAt, DateTimeKind.Utc)));
    }

    private AwsConnection ConnectionFor(string? profileName)
    {
        // The plugin's profile only matters when the caller did not choose credentials explicitly.
        var explicitCredentials = _settings.Credential is not null || _settings.AccessKey is not null || _settings.ProfileName is not null;
        if (profileName is null || explicitCredentials)
        {
            return _connection.Value;
        }

        return _profiles.GetOrAdd(profileName, name => AwsConnection.Create(new AwsConnectionSettings
        {
            ProfileName = name,
            ProfileLocation = _settings.ProfileLocation,
            Region = _connection.Value.Region,
        }));
    }

    public void Dispose()
    {
        foreach (var connection in _profiles.Values)
        {
            connection.Dispose();
        }
    }
}
