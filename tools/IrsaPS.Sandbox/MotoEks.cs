using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Emulators.Moto;

namespace IrsaPS.Sandbox;

/// <summary>What the sandbox needs to know about its EKS cluster.</summary>
public sealed record EksCluster(string Name, string Arn, string Issuer, string Endpoint, string CertificateAuthorityData);

/// <summary>
/// Creates and describes the sandbox's EKS cluster through moto's real EKS REST API (<c>POST /clusters</c>,
/// <c>GET /clusters/{name}</c>), signed with SigV4 for the <c>eks</c> service: moto routes on the credential scope.
/// No aws CLI and no AWS SDK needed.
/// </summary>
public sealed class MotoEks(Uri endpoint, string region)
{
    private const string Service = "eks";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Creates the cluster, or describes it when it already exists.</summary>
    public async Task<EksCluster> EnsureClusterAsync(string name, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new
        {
            name,
            version = "1.31",
            roleArn = $"arn:aws:iam::{MotoServer.AccountId}:role/irsaps-sandbox-eks-cluster",
            resourcesVpcConfig = new { subnetIds = Array.Empty<string>(), securityGroupIds = Array.Empty<string>() },
            tags = new { purpose = "irsaps-sandbox" },
        });
        using var created = await SendAsync(HttpMethod.Post, "/clusters", body, cancellationToken);
        if (created.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest && (await created.Content.ReadAsStringAsync(cancellationToken)).Contains("ResourceInUse", StringComparison.Ordinal))
        {
            using var described = await SendAsync(HttpMethod.Get, "/clusters/" + Uri.EscapeDataString(name), null, cancellationToken);
            return await ReadClusterAsync(described, cancellationToken);
        }

        return await ReadClusterAsync(created, cancellationToken);
    }

    private static async Task<EksCluster> ReadClusterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto's EKS API answered {(int)response.StatusCode}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        var cluster = document.RootElement.GetProperty("cluster");
        return new EksCluster(
            cluster.GetProperty("name").GetString()!,
            cluster.GetProperty("arn").GetString()!,
            cluster.GetProperty("identity").GetProperty("oidc").GetProperty("issuer").GetString()!,
            cluster.GetProperty("endpoint").GetString()!,
            cluster.GetProperty("certificateAuthority").GetProperty("data").GetString()!);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var host = endpoint.Authority;
        var payload = body ?? string.Empty;
        var contentType = body is null ? null : "application/json";
        var headers = new[] { ("content-type", contentType), ("host", (string?)host), ("x-amz-date", (string?)amzDate) }
            .Where(h => h.Item2 is not null)
            .ToArray();
        var signedHeaders = string.Join(";", headers.Select(h => h.Item1));
        var canonicalRequest = string.Join(
            "\n",
            method.Method,
            path,
            string.Empty,
            string.Concat(headers.Select(h => h.Item1 + ":" + h.Item2 + "\n")),
            signedHeaders,
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload))));
        var scope = $"{date}/{region}/{Service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + MotoServer.SecretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={MotoServer.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType!);
        }

        return await Http.SendAsync(request, cancellationToken);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] data) => Convert.ToHexStringLower(data);
}
