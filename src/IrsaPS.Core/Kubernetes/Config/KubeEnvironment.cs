using System;
using System.IO;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>
/// Where the Kubernetes side looks things up in the outside world: environment variables (<c>KUBECONFIG</c>,
/// <c>HOME</c>, <c>KUBERNETES_SERVICE_HOST</c>), the home directory and the in-cluster service account directory.
/// <see cref="Process"/> is the real process environment; tests pass their own.
/// </summary>
public sealed record KubeEnvironment
{
    /// <summary>The default location of a pod's service account token, CA and namespace.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The real environment of this process.</summary>
    public static KubeEnvironment Process { get; } = new();

    /// <summary>Reads an environment variable (null when unset).</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The home directory holding <c>.kube/config</c>; null means HOME, else the user profile.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>The in-cluster service account directory (token, ca.crt, namespace).</summary>
    public string ServiceAccountDirectory { get; init; } = DefaultServiceAccountDirectory;

    /// <summary>The separator of the <c>KUBECONFIG</c> list: ':' on Unix, ';' on Windows.</summary>
    public char PathListSeparator { get; init; } = Path.PathSeparator;

    /// <summary>The directory whose <c>.kube/config</c> is the default kubeconfig.</summary>
    public string ResolveHomeDirectory()
    {
        if (!string.IsNullOrEmpty(HomeDirectory))
        {
            return HomeDirectory!;
        }

        var home = GetVariable("HOME");
        if (!string.IsNullOrEmpty(home))
        {
            return home!;
        }

        var profile = GetVariable("USERPROFILE");
        return !string.IsNullOrEmpty(profile) ? profile! : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    /// <summary><c>~/.kube/config</c> for this environment.</summary>
    public string DefaultKubeConfigPath => Path.Combine(ResolveHomeDirectory(), ".kube", "config");
}
