using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Core.Kubernetes.Wire;
using IrsaPS.Core.Validation;
using k8s;
using k8s.Autorest;
using static IrsaPS.Core.Json.JsonElementReader;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// What IrsaPS asks of a Kubernetes API server (ServiceAccounts, Pods, Nodes, TokenRequest, SelfSubjectAccessReview,
/// namespaces, version), sent through KubernetesClient's configured HTTP pipeline (its TLS, credentials and
/// transport, plus IrsaPS's <see cref="RetryHandler"/>). Request bodies are the library's models; answers are read
/// with a projecting reader (<see cref="KubeJsonReader"/>), so a list page of 500 pods becomes 500 small
/// <see cref="KubePod"/>s, never 500 <c>V1Pod</c>s. Names are validated before anything is sent; errors are typed
/// (<see cref="KubernetesApiException"/> and subclasses, <see cref="KubernetesConnectionException"/>).
/// Thread-safe; dispose it to release its connections.
/// </summary>
internal sealed partial class KubernetesClient : IDisposable
{
    private const int MaxPageSize = 10000;
    private readonly Api _api;
    private readonly KubernetesClientOptions _options;

    public KubernetesClient(KubernetesConnection connection, KubernetesClientOptions? options = null)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? KubernetesClientOptions.Default;
        if (_options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        }

#pragma warning disable CA2000 // The Kubernetes object owns and disposes its handlers.
        _api = new Api(connection.Configuration, new RetryHandler(connection, _options));
#pragma warning restore CA2000
    }

    /// <summary>Resolves the connection as kubectl would (<see cref="KubernetesConnection.FromKubeConfig(KubernetesConnectionOptions?)"/>) and opens a client on it.</summary>
    public static KubernetesClient Connect(KubernetesConnectionOptions? connectionOptions = null, KubernetesClientOptions? clientOptions = null) =>
        new(KubernetesConnection.FromKubeConfig(connectionOptions), clientOptions);

    /// <summary>Where this client sends its requests and how it authenticates.</summary>
    public KubernetesConnection Connection { get; }

    /// <summary>The server's <c>/version</c>: a cheap way to check that the connection and credentials work.</summary>
    public Task<KubeServerVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "/version", null, null, root => new KubeServerVersion(
            GetString(root, "gitVersion") ?? "unknown",
            GetString(root, "major"),
            GetString(root, "minor"),
            GetString(root, "platform")), cancellationToken);

    /// <summary>Every namespace (all pages).</summary>
    public Task<IReadOnlyList<KubeNamespace>> ListNamespacesAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync("/api/v1/namespaces", null, KubeJsonReader.ReadNamespace, null, cancellationToken);

    /// <summary>One page of pods in <paramref name="ns"/>, or in all namespaces when it is null.</summary>
    public Task<KubeListPage<KubePod>> ListPodsPageAsync(string? ns, KubeListOptions? options = null, string? continueToken = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(ListPath(ns, "pods"), ns, KubeJsonReader.ReadPod, options, continueToken, cancellationToken);

    /// <summary>Calls <paramref name="onPage"/> for every page of pods in <paramref name="ns"/> (all namespaces when null), one page in memory at a time.</summary>
    public Task ForEachPodPageAsync(string? ns, Func<KubeListPage<KubePod>, Task> onPage, KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ForEachPageAsync(ListPath(ns, "pods"), ns, KubeJsonReader.ReadPod, onPage, options, cancellationToken);

    /// <summary>Every pod in <paramref name="ns"/> (all namespaces when null), all pages collected.</summary>
    public Task<IReadOnlyList<KubePod>> ListPodsAsync(string? ns, KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAllAsync(ListPath(ns, "pods"), ns, KubeJsonReader.ReadPod, options, cancellationToken);

    /// <summary>The pods running as one ServiceAccount (field selector <c>spec.serviceAccountName</c>): those to restart after an annotation change.</summary>
    public Task<IReadOnlyList<KubePod>> ListPodsForServiceAccountAsync(string ns, string serviceAccountName, CancellationToken cancellationToken = default) =>
        ListPodsAsync(ns, new KubeListOptions { FieldSelector = "spec.serviceAccountName=" + KubernetesNames.ValidateServiceAccountName(serviceAccountName) }, cancellationToken);

    /// <summary>Calls <paramref name="onPage"/> for every page of nodes, fetching the next page only after the callback returns.</summary>
    public Task ForEachNodePageAsync(Func<KubeListPage<KubeNode>, Task> onPage, KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ForEachPageAsync("/api/v1/nodes", null, KubeJsonReader.ReadNode, onPage, options, cancellationToken);

    /// <summary>Every node, all pages collected: ceil(n / page size) requests.</summary>
    public Task<IReadOnlyList<KubeNode>> ListNodesAsync(KubeListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAllAsync("/api/v1/nodes", null, KubeJsonReader.ReadNode, options, cancellationToken);

    /// <summary>The DaemonSet (apps/v1), e.g. the EKS Pod Identity Agent in kube-system, or null when it (or its namespace) does not exist.</summary>
    public Task<KubeDaemonSet?> FindDaemonSetAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        KubernetesNames.ValidateNamespace(ns);
        KubernetesNames.ValidateServiceAccountName(name);
        return NullIfNotFound(SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/" + Escape(ns) + "/daemonsets/" + Escape(name), null, ns + "/" + name, KubeJsonReader.ReadDaemonSet, cancellationToken));
    }

    public void Dispose() => _api.Dispose();

    /// <summary>
    /// Sends one request through the library's pipeline and projects the answer with <paramref name="read"/> straight
    /// from the response stream. <paramref name="body"/> is a library model (serialized by the library) or JSON text.
    /// </summary>
    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? target, Func<JsonElement, T> read, CancellationToken cancellationToken, string contentType = "application/json")
    {
        var attempts = RetryHandler.Attempts.Value = new StrongBox<int>();
        using var request = new HttpRequestMessage(method, new Uri(_api.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? KubernetesJson.Serialize(body), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        try
        {
            using var response = await _api.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
                return read(document.RootElement);
            }
        }
        catch (HttpOperationException ex)
        {
            throw KubernetesErrors.FromStatus(Connection, method.Method, path, (int)ex.Response.StatusCode, ex.Response.Content, target ?? path, attempts.Value);
        }
        catch (JsonException ex)
        {
            throw new IrsaException(
                ErrorIds.KubeInvalidResponse,
                IrsaErrorKind.InvalidData,
                $"The Kubernetes API server {Connection.DisplayName} answered {method.Method} {path} with something that is not JSON. Is the kubeconfig's server URL really a Kubernetes API server?",
                target ?? path,
                ex);
        }
    }

    /// <summary>
    /// Lists <paramref name="path"/> page by page (<c>limit</c>/<c>continue</c>), handing each projected page to
    /// <paramref name="onPage"/> before the next is fetched: memory stays at one page however large the cluster.
    /// </summary>
    private async Task ForEachPageAsync<T>(string path, string? target, Func<JsonElement, T> project, Func<KubeListPage<T>, Task> onPage, KubeListOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onPage);
        string? continueToken = null;
        do
        {
            var page = await ListPageAsync(path, target, project, options, continueToken, cancellationToken).ConfigureAwait(false);
            await onPage(page).ConfigureAwait(false);
            continueToken = page.Continue;
        }
        while (continueToken is not null);
    }

    private Task<KubeListPage<T>> ListPageAsync<T>(string path, string? target, Func<JsonElement, T> project, KubeListOptions? options, string? continueToken, CancellationToken cancellationToken)
    {
        options ??= KubeListOptions.None;
        var size = options.PageSize ?? _options.DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw new IrsaValidationException(ErrorIds.InvalidPageSize, $"The page size {size} is not valid: it must be between 1 and {MaxPageSize}.", size.ToString(CultureInfo.InvariantCulture));
        }

        var query = new StringBuilder(path).Append("?limit=").Append(size.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in new[] { ("continue", continueToken), ("labelSelector", options.LabelSelector), ("fieldSelector", options.FieldSelector) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return SendAsync(HttpMethod.Get, query.ToString(), null, target, root => KubeJsonReader.ReadList(root, project), cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ListAllAsync<T>(string path, string? target, Func<JsonElement, T> project, KubeListOptions? options, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        await ForEachPageAsync(path, target, project, page =>
        {
            result.AddRange(page.Items);
            return Task.CompletedTask;
        }, options, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The answer, or null when the server says the object (or its namespace) does not exist.</summary>
    private static async Task<T?> NullIfNotFound<T>(Task<T> request)
        where T : class
    {
        try
        {
            return await request.ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }

    private static string ListPath(string? ns, string resource) => (ns is null ? "/api/v1" : NamespacePath(ns)) + "/" + resource;

    private static string NamespacePath(string ns) => "/api/v1/namespaces/" + Escape(KubernetesNames.ValidateNamespace(ns));

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>KubernetesClient's client, with its request path (credentials, tls-server-name, HttpClient) open to IrsaPS's own requests.</summary>
    private sealed class Api(KubernetesClientConfiguration configuration, DelegatingHandler handler) : k8s.Kubernetes(configuration, handler)
    {
        public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            SendRequestRaw(string.Empty, request, cancellationToken);
    }
}
