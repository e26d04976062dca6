using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IrsaPS.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>
/// Finds and merges kubeconfig files the way kubectl does:
/// an explicit path (<c>-KubeConfig</c>) alone, and it must exist; else every file listed in <c>KUBECONFIG</c>
/// (separated by <see cref="Path.PathSeparator"/>; missing files skipped); else <c>~/.kube/config</c> when it exists.
/// For clusters, users and contexts the first file that defines a name wins; <c>current-context</c> comes from
/// the first file that sets it; relative paths are relative to the file that declared them.
/// </summary>
public static class KubeConfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>Loads and merges the kubeconfig files selected by <paramref name="explicitPath"/> or the environment.</summary>
    public static KubeConfig Load(string? explicitPath, KubeEnvironment? environment = null)
    {
        environment ??= KubeEnvironment.Process;
        var files = new List<(string Path, KubeConfigDocument Document)>();
        foreach (var path in SelectFiles(explicitPath, environment))
        {
            files.Add((path, ReadDocument(path)));
        }

        return Merge(files);
    }

    /// <summary>Parses kubeconfig text as if it were the file <paramref name="sourcePath"/> (relative paths resolve against its directory).</summary>
    public static KubeConfig Parse(string yaml, string sourcePath)
    {
        var fullPath = Path.GetFullPath(sourcePath);
        return Merge([(fullPath, Deserialize(yaml, fullPath))]);
    }

    /// <summary>The files kubectl would read, in merge order.</summary>
    public static IReadOnlyList<string> SelectFiles(string? explicitPath, KubeEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            if (Directory.Exists(full))
            {
                // Not "does not exist": the path is there, it just cannot be read as a file.
                throw new KubernetesConfigException(
                    ErrorIds.KubeConfigInvalid,
                    IrsaErrorKind.InvalidData,
                    $"The kubeconfig file '{full}' cannot be read: it is a directory. Give the path of the kubeconfig file itself.",
                    full);
            }

            if (!File.Exists(full))
            {
                throw new IrsaValidationException(
                    ErrorIds.KubeConfigNotFound,
                    $"The kubeconfig file '{full}' does not exist. Check the -KubeConfig path, or leave it out to use KUBECONFIG or ~/.kube/config.",
                    full);
            }

            return [full];
        }

        var list = environment.GetVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(list))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var files = new List<string>();
            foreach (var entry in list!.Split(environment.PathListSeparator))
            {
                if (string.IsNullOrWhiteSpace(entry))
                {
                    continue;
                }

                var full = Path.GetFullPath(entry);
                if (seen.Add(full) && File.Exists(full))
                {
                    files.Add(full);
                }
            }

            return files;
        }

        var home = environment.DefaultKubeConfigPath;
        return File.Exists(home) ? [Path.GetFullPath(home)] : [];
    }

    private static KubeConfigDocument ReadDocument(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException(
                ErrorIds.KubeConfigInvalid,
                IrsaErrorKind.InvalidData,
                $"The kubeconfig file '{path}' cannot be read: {ex.Message}",
                path,
                ex);
        }

        return Deserialize(text, path);
    }

    private static KubeConfigDocument Deserialize(string text, string path)
    {
        try
        {
            return Deserializer.Deserialize<KubeConfigDocument?>(text) ?? new KubeConfigDocument();
        }
        catch (YamlException ex)
        {
            // YamlDotNet messages quote the offending token; for a kubeconfig that may be a secret, so say only where.
            throw new KubernetesConfigException(
                ErrorIds.KubeConfigInvalid,
                IrsaErrorKind.InvalidData,
                $"The kubeconfig file '{path}' is not valid YAML or has an unexpected shape near line {ex.Start.Line}, column {ex.Start.Column}. "
                + "Check it with 'kubectl config view --kubeconfig <file>'.",
                path);
        }
    }

    private static KubeConfig Merge(IReadOnlyList<(string Path, KubeConfigDocument Document)> files)
    {
        string? currentContext = null;
        var clusters = new Dictionary<string, KubeConfigCluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, KubeConfigUser>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, KubeConfigContext>(StringComparer.Ordinal);

        foreach (var (path, document) in files)
        {
            var directory = Path.GetDirectoryName(path) ?? ".";
            if (currentContext is null && !string.IsNullOrEmpty(document.CurrentContext))
            {
                currentContext = document.CurrentContext;
            }

            foreach (var entry in document.Clusters ?? [])
            {
                if (entry?.Name is { Length: > 0 } name && !clusters.ContainsKey(name))
                {
                    clusters[name] = ToCluster(name, entry.Cluster ?? new ClusterDocument(), path, directory);
                }
            }

            foreach (var entry in document.Users ?? [])
            {
                if (entry?.Name is { Length: > 0 } name && !users.ContainsKey(name))
                {
                    users[name] = ToUser(name, entry.User ?? new UserDocument(), path, directory);
                }
            }

            foreach (var entry in document.Contexts ?? [])
            {
                if (entry?.Name is { Length: > 0 } name && !contexts.ContainsKey(name))
                {
                    var context = entry.Context ?? new ContextDocument();
                    contexts[name] = new KubeConfigContext
                    {
                        Name = name,
                        SourceFile = path,
                        Cluster = NullIfEmpty(context.Cluster),
                        User = NullIfEmpty(context.User),
                        Namespace = NullIfEmpty(context.Namespace),
                    };
                }
            }
        }

        return new KubeConfig(files.Select(f => f.Path).ToList(), currentContext, clusters, users, contexts);
    }

    private static KubeConfigCluster ToCluster(string name, ClusterDocument cluster, string path, string directory) => new()
    {
        Name = name,
        SourceFile = path,
        Server = NullIfEmpty(cluster.Server),
        CertificateAuthorityFile = ResolvePath(directory, cluster.CertificateAuthority),
        CertificateAuthorityData = DecodeBase64(cluster.CertificateAuthorityData, "certificate-authority-data", "cluster", name, path),
        InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
        TlsServerName = NullIfEmpty(cluster.TlsServerName),
        ProxyUrl = NullIfEmpty(cluster.ProxyUrl),
    };

    private static KubeConfigUser ToUser(string name, UserDocument user, string path, string directory) => new()
    {
        Name = name,
        SourceFile = path,
        Token = NullIfEmpty(user.Token),
        TokenFile = ResolvePath(directory, user.TokenFile),
        ClientCertificateFile = ResolvePath(directory, user.ClientCertificate),
        ClientCertificateData = DecodeBase64(user.ClientCertificateData, "client-certificate-data", "user", name, path),
        ClientKeyFile = ResolvePath(directory, user.ClientKey),
        ClientKeyData = DecodeBase64(user.ClientKeyData, "client-key-data", "user", name, path),
        Username = NullIfEmpty(user.Username),
        Password = NullIfEmpty(user.Password),
        Impersonate = NullIfEmpty(user.Impersonate),
        ImpersonateGroups = user.ImpersonateGroups?.Where(g => !string.IsNullOrEmpty(g)).ToList() ?? [],
        Exec = user.Exec is null ? null : ToExec(user.Exec, name, path, directory),
        AuthProviderName = user.AuthProvider is null ? null : (user.AuthProvider.Name ?? "(unnamed)"),
    };

    private static KubeExecConfig ToExec(ExecDocument exec, string userName, string path, string directory)
    {
        if (string.IsNullOrWhiteSpace(exec.Command))
        {
            throw Invalid(path, $"user '{userName}' has an exec plugin without a 'command'.");
        }

        var apiVersion = exec.ApiVersion;
        if (apiVersion != KubeExecConfig.ApiVersionV1 && apiVersion != KubeExecConfig.ApiVersionV1Beta1)
        {
            throw Invalid(
                path,
                $"user '{userName}' has an exec plugin with apiVersion '{apiVersion}'. IrsaPS supports {KubeExecConfig.ApiVersionV1} and {KubeExecConfig.ApiVersionV1Beta1} "
                + "(client.authentication.k8s.io/v1alpha1 was removed from kubectl in 1.24; update the kubeconfig, e.g. with 'aws eks update-kubeconfig').");
        }

        var interactive = exec.InteractiveMode;
        if (string.IsNullOrEmpty(interactive))
        {
            if (apiVersion == KubeExecConfig.ApiVersionV1)
            {
                throw Invalid(path, $"user '{userName}' has a {KubeExecConfig.ApiVersionV1} exec plugin without 'interactiveMode' (Never, IfAvailable or Always), which that version requires.");
            }

            interactive = "IfAvailable";
        }
        else if (interactive != "Never" && interactive != "IfAvailable" && interactive != "Always")
        {
            throw Invalid(path, $"user '{userName}' has an exec plugin with interactiveMode '{interactive}'; expected Never, IfAvailable or Always.");
        }

        var env = new List<KeyValuePair<string, string>>();
        foreach (var variable in exec.Env ?? [])
        {
            if (variable is null || string.IsNullOrEmpty(variable.Name))
            {
                throw Invalid(path, $"user '{userName}' has an exec plugin env entry without a 'name'.");
            }

            env.Add(new KeyValuePair<string, string>(variable.Name!, variable.Value ?? string.Empty));
        }

        var command = exec.Command!;
        var hasSeparator = command.IndexOf(Path.DirectorySeparatorChar) >= 0 || command.IndexOf(Path.AltDirectorySeparatorChar) >= 0;
        if (hasSeparator && !Path.IsPathRooted(command))
        {
            command = Path.GetFullPath(Path.Combine(directory, command));
        }

        return new KubeExecConfig
        {
            Command = command,
            Args = exec.Args?.Select(a => a ?? string.Empty).ToList() ?? [],
            Env = env,
            ApiVersion = apiVersion!,
            InstallHint = NullIfEmpty(exec.InstallHint),
            ProvideClusterInfo = exec.ProvideClusterInfo,
            InteractiveMode = interactive!,
        };
    }

    private static string? ResolvePath(string directory, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return Path.IsPathRooted(value) ? value : Path.GetFullPath(Path.Combine(directory, value));
    }

    private static byte[]? DecodeBase64(string? value, string field, string kind, string name, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value!.Trim());
        }
        catch (FormatException)
        {
            throw Invalid(path, $"{kind} '{name}' has a '{field}' that is not valid base64.");
        }
    }

    private static KubernetesConfigException Invalid(string path, string problem) =>
        new(ErrorIds.KubeConfigInvalid, IrsaErrorKind.InvalidData, $"The kubeconfig file '{path}' is not valid: {problem}", path);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
