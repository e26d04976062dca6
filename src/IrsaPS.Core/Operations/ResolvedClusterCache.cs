using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Clusters resolved by any <see cref="IrsaSession"/> of this process, so that the cmdlets of a pipeline, and pipelines
/// run one after another in the same PowerShell session, describe a cluster once rather than once per cmdlet
/// (<c>Get-IrsaCluster | New-IrsaRole | Set-IrsaServiceAccount | Test-IrsaTrust</c> went from 4 resolutions to 1).
/// Entries live <see cref="Lifetime"/> and are keyed by everything that decides what AWS answers: region, endpoint,
/// profile, keys (hashed, never kept), credential object, and the AWS environment variables.
/// A cluster whose OIDC provider was missing is never served from here: registering it with another tool must show
/// at once. IrsaPS's own register/unregister forget the entry. Thread-safe.
/// </summary>
internal sealed class ResolvedClusterCache
{
    private static readonly string[] EnvironmentKeys =
    [
        "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EKS", "AWS_ENDPOINT_URL_IAM",
        "AWS_ENDPOINT_URL_STS",
    ];

    private static readonly ConditionalWeakTable<object, string> CredentialIds = new();

    private readonly ConcurrentDictionary<string, (IrsaCluster Cluster, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _clock;

    public ResolvedClusterCache(TimeSpan lifetime, Func<DateTimeOffset>? clock = null)
    {
        Lifetime = lifetime;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>The one every session uses.</summary>
    public static ResolvedClusterCache Shared { get; } = new(TimeSpan.FromMinutes(2));

    public TimeSpan Lifetime { get; }

    public bool TryGet(string key, out IrsaCluster cluster)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Until > _clock() && entry.Cluster.OidcProviderExists)
        {
            cluster = entry.Cluster;
            return true;
        }

        cluster = null!;
        return false;
    }

    public void Store(string key, IrsaCluster cluster) => _entries[key] = (cluster, _clock() + Lifetime);

    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets every cluster resolved with the OIDC provider <paramref name="providerArn"/>, whoever resolved it.</summary>
    public void ForgetProvider(string providerArn)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Value.Cluster.OidcProviderArn, providerArn, StringComparison.Ordinal))
            {
                _entries.TryRemove(entry.Key, out _);
            }
        }
    }

    /// <summary>
    /// The key of <paramref name="clusterName"/> as seen through <paramref name="settings"/> from <paramref name="region"/>.
    /// Secrets enter only as a SHA-256 digest.
    /// </summary>
    public static string KeyOf(AwsConnectionSettings settings, string region, string clusterName, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var text = new StringBuilder()
            .Append(region).Append('\n')
            .Append(settings.EndpointUrl).Append('\n')
            .Append(settings.ProfileName).Append('\n')
            .Append(settings.ProfileLocation).Append('\n')
            .Append(settings.AccessKey).Append('\n')
            .Append(settings.SecretKey).Append('\n')
            .Append(settings.SessionToken).Append('\n')
            .Append(settings.Credential is null ? string.Empty : CredentialIds.GetValue(settings.Credential, _ => Guid.NewGuid().ToString("N"))).Append('\n');
        foreach (var name in EnvironmentKeys)
        {
            text.Append(environment(name)).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))) + "/" + clusterName;
    }
}
