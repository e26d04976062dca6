using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Emulators.Moto;

namespace IrsaPS.Sandbox;

/// <summary>
/// One SigV4-signed request to moto with its fake keys: moto routes on the credential scope's service name. The sandbox
/// writes through it (EKS CreateCluster, EC2 RunInstances) because IrsaPS itself only reads those services.
/// </summary>
internal static class MotoRequest
{
    public static async Task<HttpResponseMessage> SendSignedAsync(
        HttpClient http, Uri endpoint, string region, string service, HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var payload = body ?? string.Empty;
        var headers = new[] { ("content-type", contentType), ("host", (string?)endpoint.Authority), ("x-amz-date", (string?)amzDate) }
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
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + MotoServer.SecretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={MotoServer.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] data) => Convert.ToHexStringLower(data);
}
