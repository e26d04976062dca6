using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>
/// Creates resources IrsaPS itself never creates (EKS clusters) straight in moto. moto routes by the credential scope
/// of the Authorization header and checks no signature, so a fixed header naming <c>eks</c> and the region suffices.
/// </summary>
public static class MotoSeed
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task CreateClusterAsync(Uri moto, string name, string region = MotoFixture.Region, string tagsJson = "{\"team\":\"web\"}", string? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(moto, "/clusters"));
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/{region}/eks/aws4_request, SignedHeaders=host, Signature=0");
        var versionMember = version is null ? string.Empty : $"\"version\":\"{version}\",";
        var body = $"{{{versionMember}\"name\":\"{name}\",\"roleArn\":\"arn:aws:iam::123456789012:role/eks\",\"resourcesVpcConfig\":{{\"subnetIds\":[\"subnet-1\"]}},\"tags\":{tagsJson}}}";
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
