using System;
using System.Text;
using System.Text.Json;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>Unsigned JWTs with the claims a projected service account token carries (moto checks no signature).</summary>
public static class WebIdentityTokens
{
    public static string For(string issuer, string ns, string serviceAccount, string audience = "sts.amazonaws.com")
    {
        var header = Encode(new { alg = "RS256", kid = "test" });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = Encode(new { iss = issuer, sub = $"system:serviceaccount:{ns}:{serviceAccount}", aud = new[] { audience }, iat = now, exp = now + 3600 });
        return header + "." + payload + ".c2lnbmF0dXJl";
    }

    private static string Encode(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
