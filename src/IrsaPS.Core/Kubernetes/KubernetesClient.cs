using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Transport;
using IrsaPS.Core.Kubernetes.Wire;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// The small Kubernetes REST client IrsaPS needs: ServiceAccounts (read, list, create, annotate, delete), Pods and Nodes (list),
/// TokenRequest, SelfSubjectAccessReview, namespaces and version. Names are validated before anything is sent;
/// errors are typed (<see cref="KubernetesApiException"/> and subclasses, <see cref="KubernetesConnectionException"/>).
/// Thread-safe; dispose it to release its connections.
/// </summary>
public sealed partial class KubernetesClient : IDisposable
{
    private const int MaxPageSize = 10000;
    private readonly KubernetesTransport _transport;
    private readonly KubernetesClientOptions _options;

    public KubernetesClient(KubernetesConnection connection, KubernetesClientOptions? options = null)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? KubernetesClientOptions.Default;
        if (_options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        }

        _transport = new KubernetesTransport(connection, _options);
    }

    /// <summary>Resolves the connection as kubectl would (<see cref="KubernetesConnection.FromKubeConfig(KubernetesConnectionOptions?)"/>) and opens a client on it.</summary>
    public static KubernetesClient Connect(KubernetesConnectionOptions? connectionOptions = null, KubernetesClientOptions? clientOptions = null) =>
        new(KubernetesConnection.FromKubeConfig(connectionOptions), clientOptions);

    /// <summary>Where this client sends its requests and how it authenticates.</summary>
    public KubernetesConnection Connection { get; }

    /// <summary>The server's <c>/version</c>: a cheap way to check that the connection and credentials work.</summary>
    public async Task<KubeServerVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetJsonAsync(new KubeRequest(HttpMethod.Get, "/version"), cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new KubeServerVersion(
            KubeJsonReader.GetString(root, "gitVersion") ?? "unknown",
            KubeJsonReader.GetString(root, "major"),
            KubeJsonReader.GetString(root, "minor"),
            KubeJsonReader.GetString(root, "platform"));
    }

    /// <summary>Every namespace (all pages).</summary>
    public async Task<IReadOnlyList<KubeNamespace>> ListNamespacesAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<KubeNamespace>();
        string? continueToken = null;
        do
        {
            var path = "/api/v1/namespaces" + Query(KubeListOptions.None, continueToken);
            using var document = await GetJsonAsync(new KubeRequest(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
            var page = KubeJsonReader.ReadList(document.RootElement, KubeJsonReader.ReadNamespace);
            result.AddRange(page.Items);
            continueToken = page.Continue;
        }
        while (continueToken is not null);

        return result;
    }

    /// <summary>Asks the server (SelfSubjectAccessReview) whether the current identity may do <paramref name="check"/>.</summary>
    public async Task<KubeAccessResult> CheckAccessAsync(KubeAccessCheck check, CancellationToken cancellationToken = default)
    {
        if (check is null)
        {
            throw new ArgumentNullException(nameof(check));
        }

        var request = new KubeRequest(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", check.ToString())
        {
            Body = KubeJsonWriter.SelfSubjectAccessReview(check),
        };
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var status = KubeJsonReader.Child(document.RootElement, "status");
        return new KubeAccessResult(
            check,
            status.ValueKind == JsonValueKind.Object && status.TryGetProperty("allowed", out var allowed) && allowed.ValueKind == JsonValueKind.True,
            status.ValueKind == JsonValueKind.Object && status.TryGetProperty("denied", out var denied) && denied.ValueKind == JsonValueKind.True,
            KubeJsonReader.GetString(status, "reason"),
            KubeJsonReader.GetString(status, "evaluationError"));
    }

    public void Dispose() => _transport.Dispose();

    /// <summary>Sends the request and parses the successful answer; the caller disposes the document.</summary>
    private async Task<JsonDocument> GetJsonAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        try
        {
            return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new IrsaException(
                ErrorIds.KubeInvalidResponse,
                IrsaErrorKind.InvalidData,
                $"The Kubernetes API server {Connection.DisplayName} answered {request.Method} {request.Path} with something that is not JSON. Is the kubeconfig's server URL really a Kubernetes API server?",
                request.Target,
                ex);
        }
    }

    private int PageSize(KubeListOptions options)
    {
        var size = options.PageSize ?? _options.DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw new IrsaValidationException(ErrorIds.InvalidPageSize, $"The page size {size} is not valid: it must be between 1 and {MaxPageSize}.", size.ToString(CultureInfo.InvariantCulture));
        }

        return size;
    }

    private string Query(KubeListOptions options, string? continueToken)
    {
        var query = new StringBuilder("?limit=").Append(PageSize(options).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(continueToken))
        {
            query.Append("&continue=").Append(Uri.EscapeDataString(continueToken));
        }

        if (!string.IsNullOrEmpty(options.LabelSelector))
        {
            query.Append("&labelSelector=").Append(Uri.EscapeDataString(options.LabelSelector));
        }

        if (!string.IsNullOrEmpty(options.FieldSelector))
        {
            query.Append("&fieldSelector=").Append(Uri.EscapeDataString(options.FieldSelector));
        }

        return query.ToString();
    }

    private static async Task ForEachPageAsync<T>(
        Func<string?, Task<KubeListPage<T>>> fetch,
        Func<KubeListPage<T>, Task> onPage,
        CancellationToken cancellationToken)
    {
        if (onPage is null)
        {
            throw new ArgumentNullException(nameof(onPage));
        }

        string? continueToken = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(continueToken).ConfigureAwait(false);
            await onPage(page).ConfigureAwait(false);
            continueToken = page.Continue;
        }
        while (continueToken is not null);
    }

    private static Task Collect<T>(List<T> target, KubeListPage<T> page)
    {
        target.AddRange(page.Items);
        return Task.CompletedTask;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
