using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Config;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// A kubeconfig <c>exec</c> credential plugin: runs it when there is no cached credential or the cached one has expired,
/// and again once after the server rejected its credential (401). One run at a time per plugin configuration.
/// IrsaPS never gives a plugin a terminal, so <c>interactiveMode: Always</c> is refused up front.
/// </summary>
internal sealed class ExecCredentialProvider : IKubernetesCredentialProvider
{
    private readonly KubeExecConfig _exec;
    private readonly string _userName;
    private readonly string _execInfo;
    private readonly string _key;
    private readonly ExecCredentialCache _cache;
    private readonly Func<DateTimeOffset> _clock;
    private readonly TimeSpan _timeout;

    public ExecCredentialProvider(KubeExecConfig exec, string userName, ExecClusterInfo? cluster, ExecCredentialCache cache, Func<DateTimeOffset> clock, TimeSpan timeout)
    {
        if (exec.InteractiveMode == "Always")
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeExecPluginInteractive,
                IrsaErrorKind.NotSupported,
                $"The credential plugin '{exec.Describe()}' of kubeconfig user '{userName}' requires a terminal (interactiveMode: Always), which IrsaPS never gives a plugin. "
                + "Log in once in a terminal (e.g. run 'kubectl get namespaces'), set interactiveMode to IfAvailable, or use another credential.",
                userName);
        }

        _exec = exec;
        _userName = userName;
        _execInfo = ExecCredentialParser.BuildExecInfo(exec, cluster);
        _key = string.Join(
            "\u0000",
            new[] { exec.ApiVersion, exec.Command }
                .Concat(exec.Args)
                .Concat(exec.Env.Select(e => e.Key + "=" + e.Value))
                .Concat([_execInfo]));
        _cache = cache;
        _clock = clock;
        _timeout = timeout;
        Description = $"exec plugin '{exec.Describe()}' (kubeconfig user '{userName}')";
    }

    public string Description { get; }

    public bool CanRefresh => true;

    public async Task<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var cached = _cache.TryGet(_key);
        if (cached is not null && !cached.IsExpired(_clock()))
        {
            return cached;
        }

        var gate = _cache.GateFor(_key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cache.TryGet(_key);
            if (cached is not null && !cached.IsExpired(_clock()))
            {
                return cached;
            }

            var output = await ExecPluginRunner.RunAsync(_exec, _userName, _execInfo, _timeout, cancellationToken).ConfigureAwait(false);
            var credential = ExecCredentialParser.Parse(output, _exec, _userName);
            _cache.Set(_key, credential);
            return credential;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate(KubernetesCredential rejected) => _cache.Remove(_key, rejected);
}
