using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Tests.Verification;

/// <summary>Trust documents and service accounts for verifier and audit tests, written out so each test reads plainly.</summary>
internal static class TrustDocs
{
    public const string Account = "123456789012";
    public const string OtherAccount = "210987654321";
    public const string Cluster = "prod";
    public const string IssuerUrl = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public const string OtherIssuerUrl = "https://oidc.eks.us-east-1.amazonaws.com/id/0THERC1USTER0000000000000000000A";

    public static string HostPath => OidcIssuer.Parse(IssuerUrl).HostPath;

    public static string Provider(string issuerUrl = IssuerUrl, string account = Account) => OidcIssuer.Parse(issuerUrl).ProviderArn("aws", account);

    public static string RoleArn(string name, string account = Account) => $"arn:aws:iam::{account}:role/{name}";

    /// <summary>A document with the given statements.</summary>
    public static string Document(params string[] statements) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

    /// <summary>One statement; <paramref name="condition"/> is the JSON of the Condition object (or null).</summary>
    public static string Statement(string? condition, string provider, string effect = "Allow", string action = "sts:AssumeRoleWithWebIdentity", string? sid = null) =>
        "{" + (sid is null ? string.Empty : $"\"Sid\":\"{sid}\",") + $"\"Effect\":\"{effect}\",\"Principal\":{{\"Federated\":\"{provider}\"}},\"Action\":\"{action}\""
        + (condition is null ? string.Empty : ",\"Condition\":" + condition) + "}";

    /// <summary><c>{"op":{"host:sub":subs,"host:aud":aud}}</c>; null audience leaves the aud key out.</summary>
    public static string Condition(string op, string[] subjects, string? audience = "sts.amazonaws.com", string issuerUrl = IssuerUrl)
    {
        var host = OidcIssuer.Parse(issuerUrl).HostPath;
        var subs = subjects.Length == 1 ? Quote(subjects[0]) : "[" + string.Join(",", subjects.Select(Quote)) + "]";
        var aud = audience is null ? string.Empty : $",\"{host}:aud\":{Quote(audience)}";
        return $"{{\"{op}\":{{\"{host}:sub\":{subs}{aud}}}}}";
    }

    /// <summary>The usual IRSA trust: StringEquals sub (one or more) and aud for the issuer's provider.</summary>
    public static string Irsa(string[] subjects, string issuerUrl = IssuerUrl, string account = Account, string audience = "sts.amazonaws.com") =>
        Document(Statement(Condition("StringEquals", subjects, audience, issuerUrl), Provider(issuerUrl, account)));

    public static string Sub(string ns, string sa) => $"system:serviceaccount:{ns}:{sa}";

    public static KubeServiceAccount ServiceAccount(string ns, string name, string? roleArn = null, string? audience = null)
    {
        var annotations = new Dictionary<string, string>();
        if (roleArn is not null)
        {
            annotations[IrsaAnnotationKeys.RoleArn] = roleArn;
        }

        if (audience is not null)
        {
            annotations[IrsaAnnotationKeys.Audience] = audience;
        }

        return new KubeServiceAccount { Namespace = ns, Name = name, Annotations = annotations };
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
