using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Config;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// Reads the <c>ExecCredential</c> a plugin printed: <c>status.token</c> and/or <c>status.clientCertificateData</c> +
/// <c>status.clientKeyData</c>, and <c>status.expirationTimestamp</c>. Its <c>apiVersion</c> must be the one the kubeconfig asked for.
/// Error messages never quote the output (it holds the credential).
/// </summary>
internal static class ExecCredentialParser
{
    public static KubernetesCredential Parse(string output, KubeExecConfig exec, string userName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            throw Invalid(exec, userName, "its output is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(exec, userName, "its output is not a JSON object");
            }

            var kind = GetString(root, "kind");
            if (kind != "ExecCredential")
            {
                throw Invalid(exec, userName, $"its output has kind '{kind}', expected ExecCredential");
            }

            var apiVersion = GetString(root, "apiVersion");
            if (apiVersion != exec.ApiVersion)
            {
                throw Invalid(exec, userName, $"its output has apiVersion '{apiVersion}' but the kubeconfig asks for '{exec.ApiVersion}'");
            }

            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(exec, userName, "its output has no 'status'");
            }

            var token = GetString(status, "token");
            var certificate = GetString(status, "clientCertificateData");
            var key = GetString(status, "clientKeyData");
            if (string.IsNullOrEmpty(token) && string.IsNullOrEmpty(certificate))
            {
                throw Invalid(exec, userName, "its status holds neither a token nor clientCertificateData");
            }

            if (string.IsNullOrEmpty(certificate) != string.IsNullOrEmpty(key))
            {
                throw Invalid(exec, userName, "its status holds only one of clientCertificateData and clientKeyData");
            }

            DateTimeOffset? expires = null;
            var expiration = GetString(status, "expirationTimestamp");
            if (!string.IsNullOrEmpty(expiration))
            {
                if (!DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    throw Invalid(exec, userName, $"its expirationTimestamp '{expiration}' is not an RFC 3339 time");
                }

                expires = parsed;
            }

            var clientCertificate = string.IsNullOrEmpty(certificate)
                ? null
                : PemCertificates.CreateClientCertificate(certificate!, key!, $"the credential plugin of kubeconfig user '{userName}'");
            return new KubernetesCredential
            {
                BearerToken = string.IsNullOrEmpty(token) ? null : token,
                ClientCertificate = clientCertificate,
                ExpiresAt = expires,
            };
        }
    }

    /// <summary>The <c>KUBERNETES_EXEC_INFO</c> value: the ExecCredential request, with the cluster when <c>provideClusterInfo</c> is set.</summary>
    public static string BuildExecInfo(KubeExecConfig exec, ExecClusterInfo? cluster)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "ExecCredential");
            writer.WriteString("apiVersion", exec.ApiVersion);
            writer.WriteStartObject("spec");
            if (exec.ProvideClusterInfo && cluster is not null)
            {
                writer.WriteStartObject("cluster");
                writer.WriteString("server", cluster.Server);
                if (cluster.TlsServerName is not null)
                {
                    writer.WriteString("tls-server-name", cluster.TlsServerName);
                }

                if (cluster.InsecureSkipTlsVerify)
                {
                    writer.WriteBoolean("insecure-skip-tls-verify", true);
                }

                if (cluster.CertificateAuthorityData is not null)
                {
                    writer.WriteString("certificate-authority-data", Convert.ToBase64String(cluster.CertificateAuthorityData));
                }

                if (cluster.ProxyUrl is not null)
                {
                    writer.WriteString("proxy-url", cluster.ProxyUrl);
                }

                writer.WriteEndObject();
            }

            writer.WriteBoolean("interactive", false);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static KubernetesConfigException Invalid(KubeExecConfig exec, string userName, string problem) =>
        new(
            ErrorIds.KubeExecCredentialInvalid,
            IrsaErrorKind.AuthenticationFailed,
            $"The credential plugin '{exec.Describe()}' of kubeconfig user '{userName}' returned no usable ExecCredential: {problem}.",
            userName);
}

/// <summary>The cluster an exec plugin is told about when it asks for it (<c>provideClusterInfo: true</c>).</summary>
internal sealed record ExecClusterInfo(string Server, byte[]? CertificateAuthorityData, string? TlsServerName, bool InsecureSkipTlsVerify, string? ProxyUrl);
