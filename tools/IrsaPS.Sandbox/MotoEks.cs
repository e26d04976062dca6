using System;
using System.Net;
using System.Net.Http;
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

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
        MotoRequest.SendSignedAsync(Http, endpoint, region, Service, method, path, body, body is null ? null : "application/json", cancellationToken);
}
