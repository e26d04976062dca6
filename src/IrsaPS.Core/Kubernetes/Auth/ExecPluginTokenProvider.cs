using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Linq;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Security;
using k8s;
using k8s.KubeConfigModels;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// A kubeconfig exec credential plugin (<c>client.authentication.k8s.io/v1</c> and <c>v1beta1</c>), run the way kubectl
/// runs it: KubernetesClient builds the process (its environment and <c>KUBERNETES_EXEC_INFO</c>) and reads the
/// <c>ExecCredential</c> it prints; IrsaPS passes the arguments one by one, never offers a terminal, bounds the run,
/// caches the credential until it expires (one run per session for every client with the same plugin), runs it again
/// after a 401, and reports failures with the exit code and the plugin's stderr, secrets removed.
/// </summary>
internal sealed class ExecPluginTokenProvider(ExternalExecution exec, string userName, string execInfo, KubernetesConnectionOptions options)
    : IRenewableTokenProvider
{
    private readonly string _key = string.Join("\n", [exec.ApiVersion, exec.Command, .. exec.Arguments ?? [], .. (exec.EnvironmentVariables ?? []).SelectMany(v => v.Values), execInfo]);
    private ExecCredential? _current;

    /// <summary>The client certificate of the current credential, for the TLS handshake (null when the plugin gives a token).</summary>
    public X509Certificate2? Certificate => Volatile.Read(ref _current)?.Certificate;

    public static string Describe(ExternalExecution exec) =>
        string.Join(" ", [exec.Command, .. SecretRedactor.RedactArguments(exec.Arguments?.ToList() ?? [])]);

    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        var credential = await options.ExecCredentialCache.GetAsync(_key, options.Clock, () => RunAsync(cancellationToken)).ConfigureAwait(false);
        Volatile.Write(ref _current, credential);
        return credential.Token is null ? null! : new AuthenticationHeaderValue("Bearer", credential.Token);
    }

    public void Invalidate() => options.ExecCredentialCache.Remove(_key, Volatile.Read(ref _current));

    private async Task<ExecCredential> RunAsync(CancellationToken cancellationToken)
    {
        var plugin = $"The exec plugin '{Describe(exec)}' of kubeconfig user '{userName}'";

        using var process = KubernetesClientConfiguration.CreateRunnableExternalProcess(exec);
        process.StartInfo.Arguments = string.Empty;
        foreach (var argument in exec.Arguments ?? [])
        {
            process.StartInfo.ArgumentList.Add(argument);
        }

        process.StartInfo.Environment["KUBERNETES_EXEC_INFO"] = execInfo;
        process.StartInfo.RedirectStandardError = true;
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw Failure(ErrorIds.KubeExecPluginNotFound, IrsaErrorKind.NotFound, $"{plugin} could not be started: {ex.Message}. {exec.InstallHint}".TrimEnd(), ex);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.ExecTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw Failure(ErrorIds.KubeExecPluginFailed, IrsaErrorKind.Timeout, $"{plugin} did not finish within {options.ExecTimeout.TotalSeconds:0} s.");
            }
        }

        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw Failure(ErrorIds.KubeExecPluginFailed, IrsaErrorKind.AuthenticationFailed, $"{plugin} failed with exit code {process.ExitCode}: {SecretRedactor.Redact(await stderr.ConfigureAwait(false), 1000)}");
        }

        ExecCredentialResponse? response;
        try
        {
            response = KubernetesJson.Deserialize<ExecCredentialResponse>(output);
        }
        catch (JsonException)
        {
            throw Invalid($"{plugin} printed something that is not JSON.");
        }

        var status = response?.Status ?? throw Invalid($"{plugin} printed an ExecCredential with no 'status'.");
        if (response.ApiVersion != exec.ApiVersion)
        {
            throw Invalid($"{plugin} answered with apiVersion '{response.ApiVersion}', but the kubeconfig asks for '{exec.ApiVersion}'.");
        }

        if (!status.IsValid())
        {
            throw Invalid($"{plugin} printed an ExecCredential with neither a token nor a client certificate and key.");
        }

        X509Certificate2? certificate = null;
        if (!string.IsNullOrEmpty(status.ClientCertificateData))
        {
            using var pem = X509Certificate2.CreateFromPem(status.ClientCertificateData, status.ClientKeyData);
            certificate = new X509Certificate2(pem.Export(X509ContentType.Pkcs12)); // a persisted key, which Windows' TLS needs
        }
        var expires = status.ExpirationTimestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        return new ExecCredential(string.IsNullOrEmpty(status.Token) ? null : status.Token, certificate, expires);
    }

    private KubernetesConfigException Invalid(string message) => Failure(ErrorIds.KubeExecCredentialInvalid, IrsaErrorKind.InvalidData, message);

    private KubernetesConfigException Failure(string errorId, IrsaErrorKind kind, string message, Exception? inner = null) => new(errorId, kind, message, userName, inner);
}

/// <summary>A credential an exec plugin printed: a token or a client certificate, and when it expires (null: until rejected).</summary>
internal sealed record ExecCredential(string? Token, X509Certificate2? Certificate, DateTimeOffset? ExpiresAt);

/// <summary>Exec plugin credentials by plugin configuration, process-wide by default: a plugin runs once until its credential expires or is rejected.</summary>
internal sealed class ExecCredentialCache
{
    public static ExecCredentialCache Shared { get; } = new();

    private readonly ConcurrentDictionary<string, Lazy<Task<ExecCredential>>> _entries = new(StringComparer.Ordinal);

    /// <summary>The number of cached credentials.</summary>
    public int Count => _entries.Count;

    internal async Task<ExecCredential> GetAsync(string key, Func<DateTimeOffset> clock, Func<Task<ExecCredential>> run)
    {
        // At most one re-run: a plugin that answers with an already expired credential (a skewed clock) must not be run
        // in a loop; its credential is used and the server's 401 then says what is wrong.
        for (var attempt = 1; ; attempt++)
        {
            var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<ExecCredential>>(run));
            try
            {
                var credential = await entry.Value.ConfigureAwait(false);
                if (attempt == 1 && credential.ExpiresAt is { } expires && clock() >= expires - TimeSpan.FromSeconds(30))
                {
                    _entries.TryRemove(new(key, entry));
                    continue;
                }

                return credential;
            }
            catch
            {
                _entries.TryRemove(new(key, entry)); // a failure is not remembered
                throw;
            }
        }
    }

    internal void Remove(string key, ExecCredential? rejected)
    {
        if (rejected is not null && _entries.TryGetValue(key, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result == rejected)
        {
            _entries.TryRemove(new(key, entry));
        }
    }
}
