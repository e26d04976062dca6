using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// The cluster's ServiceAccount token issuer: RS256 JWTs like kube-apiserver's (iss, sub
/// <c>system:serviceaccount:ns:name</c>, aud, exp/iat/nbf, jti, <c>kubernetes.io</c>), and the OIDC discovery
/// document and JWKS that let a verifier (or IAM) check them.
/// </summary>
public sealed class KubeTokenIssuer : IDisposable
{
    // The key is made on first use: most stand-ins never issue a token, and RSA key generation is slow.
    private readonly Lazy<RSA> _key = new(() => RSA.Create(2048));

    public KubeTokenIssuer(string issuer) => Issuer = issuer.TrimEnd('/');

    public string Issuer { get; }

    public string KeyId => Base64Url(SHA256.HashData(_key.Value.ExportSubjectPublicKeyInfo()));

    private string Modulus => Base64Url(_key.Value.ExportParameters(false).Modulus!);

    private string Exponent => Base64Url(_key.Value.ExportParameters(false).Exponent!);

    /// <summary>Where the JWKS is published: <c>{issuer}/keys</c> for EKS-style issuers, else <c>{issuer}/openid/v1/jwks</c>.</summary>
    public string JwksUri => Issuer.Contains("://oidc.eks.", StringComparison.Ordinal) ? Issuer + "/keys" : Issuer + "/openid/v1/jwks";

    public string Issue(string ns, string serviceAccount, string serviceAccountUid, IReadOnlyList<string> audiences, DateTimeOffset issuedAt, long expirationSeconds)
    {
        var header = Json(w =>
        {
            w.WriteString("alg", "RS256");
            w.WriteString("kid", KeyId);
        });
        var payload = Json(w =>
        {
            w.WriteStartArray("aud");
            foreach (var audience in audiences)
            {
                w.WriteStringValue(audience);
            }

            w.WriteEndArray();
            w.WriteNumber("exp", issuedAt.ToUnixTimeSeconds() + expirationSeconds);
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteString("iss", Issuer);
            w.WriteString("jti", Guid.NewGuid().ToString());
            w.WriteStartObject("kubernetes.io");
            w.WriteString("namespace", ns);
            w.WriteStartObject("serviceaccount");
            w.WriteString("name", serviceAccount);
            w.WriteString("uid", serviceAccountUid);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteNumber("nbf", issuedAt.ToUnixTimeSeconds());
            w.WriteString("sub", $"system:serviceaccount:{ns}:{serviceAccount}");
        });
        var signingInput = Base64Url(header) + "." + Base64Url(payload);
        var signature = _key.Value.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    public byte[] DiscoveryDocument() => Json(w =>
    {
        w.WriteString("issuer", Issuer);
        w.WriteString("jwks_uri", JwksUri);
        w.WriteStartArray("response_types_supported");
        w.WriteStringValue("id_token");
        w.WriteEndArray();
        w.WriteStartArray("subject_types_supported");
        w.WriteStringValue("public");
        w.WriteEndArray();
        w.WriteStartArray("id_token_signing_alg_values_supported");
        w.WriteStringValue("RS256");
        w.WriteEndArray();
    });

    public byte[] Jwks() => Json(w =>
    {
        w.WriteStartArray("keys");
        w.WriteStartObject();
        w.WriteString("use", "sig");
        w.WriteString("kty", "RSA");
        w.WriteString("kid", KeyId);
        w.WriteString("alg", "RS256");
        w.WriteString("n", Modulus);
        w.WriteString("e", Exponent);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    public static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
