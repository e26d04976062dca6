using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IrsaPS.Core.Errors;
using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// The kubeconfig files kubectl would read, each loaded by KubernetesClient and merged by kubectl's rules: an explicit
/// path (<c>-KubeConfig</c>) alone, and it must exist; else every existing file in <c>KUBECONFIG</c>; else
/// <c>~/.kube/config</c>. The first file that names a cluster, user or context wins, <c>current-context</c> comes from
/// the first file that sets one, and relative paths are relative to the file that declared them. The few fields the
/// library's model does not carry (<c>tokenFile</c>, <c>proxy-url</c>, exec <c>interactiveMode</c>) are read beside it.
/// </summary>
internal sealed partial class KubeConfig
{
    private static readonly IDeserializer Extras = new DeserializerBuilder().WithNamingConvention(YamlDotNet.Serialization.NamingConventions.CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    private KubeConfig(K8SConfiguration model, IReadOnlyList<string> sourceFiles, Dictionary<string, Dictionary<string, object>> extras)
    {
        Model = model;
        SourceFiles = sourceFiles;
        _extras = extras;
    }

    private readonly Dictionary<string, Dictionary<string, object>> _extras;

    /// <summary>The files that were read, in merge order. Empty when no kubeconfig was found.</summary>
    public IReadOnlyList<string> SourceFiles { get; }

    /// <summary>The <c>current-context</c> of the first file that set one.</summary>
    public string? CurrentContext => string.IsNullOrEmpty(Model.CurrentContext) ? null : Model.CurrentContext;

    /// <summary>The context names, in file order.</summary>
    public IReadOnlyList<string> ContextNames => Model.Contexts.Select(c => c.Name).ToList();

    internal K8SConfiguration Model { get; }

    /// <summary>Loads and merges the kubeconfig files selected by <paramref name="explicitPath"/> or the environment.</summary>
    public static KubeConfig Load(string? explicitPath, KubeEnvironment? environment = null)
    {
        var model = new K8SConfiguration { Clusters = [], Users = [], Contexts = [] };
        var files = SelectFiles(explicitPath, environment ?? KubeEnvironment.Process);
        var extras = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var file = LoadFile(path, extras);
            model.CurrentContext ??= string.IsNullOrEmpty(file.CurrentContext) ? null : file.CurrentContext;
            model.Clusters = Merge(model.Clusters, file.Clusters, c => c.Name);
            model.Users = Merge(model.Users, file.Users, u => u.Name);
            model.Contexts = Merge(model.Contexts, file.Contexts, c => c.Name);
        }

        return new KubeConfig(model, files, extras);
    }

    /// <summary>The files kubectl would read, in merge order.</summary>
    internal static IReadOnlyList<string> SelectFiles(string? explicitPath, KubeEnvironment environment)
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

            return File.Exists(full) ? [full] : throw new IrsaValidationException(
                ErrorIds.KubeConfigNotFound,
                $"The kubeconfig file '{full}' does not exist. Check the -KubeConfig path, or leave it out to use KUBECONFIG or ~/.kube/config.",
                full);
        }

        var list = environment.GetVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(list))
        {
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Where(File.Exists).ToList();
        }

        var home = environment.DefaultKubeConfigPath;
        return File.Exists(home) ? [Path.GetFullPath(home)] : [];
    }

    /// <summary>True when the context evidently points at the EKS cluster: its cluster entry is named after the cluster or its ARN, its server is the endpoint, or its EKS exec plugin names the cluster.</summary>
    public bool ContextPointsAt(string contextName, string clusterName, string? clusterArn, string? endpoint)
    {
        var context = FindContext(contextName)?.ContextDetails;
        if (context is null)
        {
            return false;
        }

        bool Named(string? name) => name is not null && (name == clusterName || name == clusterArn);
        var cluster = Model.Clusters.FirstOrDefault(c => c.Name == context.Cluster)?.ClusterEndpoint;
        if (Named(context.Cluster) || SameServer(cluster?.Server, endpoint))
        {
            return true;
        }

        var exec = Model.Users.FirstOrDefault(u => u.Name == context.User)?.UserCredentials?.ExternalExecution;
        return exec is not null && Auth.EksExecCommand.TryParse(exec) is { } request && Named(request.ClusterName);
    }

    /// <summary>True when the merged kubeconfig has a context of that name.</summary>
    public bool HasContext(string contextName) => FindContext(contextName) is not null;

    /// <summary>A human description of where the configuration came from (file names, no contents).</summary>
    public string Describe() => SourceFiles.Count == 0 ? "(no kubeconfig)" : string.Join(", ", SourceFiles);

    private Context? FindContext(string name) => Model.Contexts.FirstOrDefault(c => c.Name == name);

    private static K8SConfiguration LoadFile(string path, Dictionary<string, Dictionary<string, object>> extras)
    {
        K8SConfiguration file;
        try
        {
            file = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path), useRelativePaths: true);
            var raw = Extras.Deserialize<RawFile?>(File.ReadAllText(path));
            foreach (var entry in (raw?.Users ?? []).Concat(raw?.Clusters ?? []))
            {
                if (entry.Name is { Length: > 0 } name && (entry.User ?? entry.Cluster) is { } body)
                {
                    extras.TryAdd((entry.User is null ? "cluster:" : "user:") + name, body);
                }
            }
        }
        catch (YamlException ex)
        {
            // YamlDotNet messages quote the offending token, which may be a secret: say only where.
            throw Invalid(path, $"it is not valid YAML or has an unexpected shape near line {ex.Start.Line}, column {ex.Start.Column}. Check it with 'kubectl config view --kubeconfig <file>'.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or k8s.Exceptions.KubeConfigException)
        {
            throw new KubernetesConfigException(ErrorIds.KubeConfigInvalid, IrsaErrorKind.InvalidData, $"The kubeconfig file '{path}' cannot be read: {ex.Message}", path, ex);
        }

        // Resolve relative paths against this file now: merged entries of several files keep their own directory.
        var directory = Path.GetDirectoryName(path)!;
        string? Full(string? value) => string.IsNullOrEmpty(value) || Path.IsPathRooted(value) ? value : Path.GetFullPath(Path.Combine(directory, value));
        foreach (var cluster in file.Clusters ?? [])
        {
            cluster.ClusterEndpoint ??= new ClusterEndpoint();
            cluster.ClusterEndpoint.CertificateAuthority = Full(cluster.ClusterEndpoint.CertificateAuthority);
        }

        foreach (var user in file.Users ?? [])
        {
            user.UserCredentials ??= new UserCredentials();
            user.UserCredentials.ClientCertificate = Full(user.UserCredentials.ClientCertificate);
            user.UserCredentials.ClientKey = Full(user.UserCredentials.ClientKey);
            if (user.UserCredentials.ExternalExecution is { Command: { } command } exec && command.IndexOfAny(['/', '\\']) >= 0)
            {
                exec.Command = Full(command);
            }

            if (extras.TryGetValue("user:" + user.Name, out var body) && body.TryGetValue("tokenFile", out var tokenFile) && tokenFile is string { Length: > 0 } relative)
            {
                body["tokenFile"] = Full(relative)!;
            }
        }

        return file;
    }

    private static IEnumerable<T> Merge<T>(IEnumerable<T> first, IEnumerable<T>? then, Func<T, string> name) =>
        then is null ? first : first.Concat(then.Where(t => !string.IsNullOrEmpty(name(t)) && first.All(f => name(f) != name(t)))).ToList();

    private static bool SameServer(string? server, string? endpoint) =>
        Uri.TryCreate(server, UriKind.Absolute, out var a) && Uri.TryCreate(endpoint, UriKind.Absolute, out var b)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private string? Extra(string kind, string name, string key) =>
        _extras.TryGetValue(kind + ":" + name, out var body) && body.TryGetValue(key, out var value) ? value as string : null;

    internal static KubernetesConfigException Invalid(string path, string problem) =>
        new(ErrorIds.KubeConfigInvalid, IrsaErrorKind.InvalidData, $"The kubeconfig file '{path}' is not valid: {problem}", path);

    private sealed class RawFile
    {
        public List<RawEntry>? Clusters { get; set; }

        public List<RawEntry>? Users { get; set; }
    }

    private sealed class RawEntry
    {
        public string? Name { get; set; }

        public Dictionary<string, object>? Cluster { get; set; }

        public Dictionary<string, object>? User { get; set; }
    }
}
