using System;
using System.IO;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Tests.Policy;

/// <summary>Test documents under TestData/Policy and the identities they use.</summary>
internal static class PolicyTestData
{
    public const string Account = "111122223333";
    public const string EksctlIssuer = "https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public const string TerraformIssuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9";
    public const string SecondIssuer = "https://oidc.eks.us-east-2.amazonaws.com/id/99887766554433221100AABBCCDDEEFF";
    public const string DocsIssuer = "https://oidc.eks.region-code.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public const string TeamIssuer = "https://oidc.eks.us-east-1.amazonaws.com/id/AAAABBBBCCCCDDDDEEEEFFFF00001111";

    public static readonly string[] AllFiles =
    [
        "eksctl.json",
        "terraform-irsa-module.json",
        "terraform-irsa-module-no-aud.json",
        "terraform-multi-cluster.json",
        "aws-docs.json",
        "aws-docs-wildcard.json",
        "deny-and-negated.json",
        "hand-written-extras.json",
        "broad-assume-role.json",
    ];

    public static string Load(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Policy", name));

    public static OidcIssuer Issuer(string url) => OidcIssuer.Parse(url);

    public static string Provider(string issuerUrl) => OidcIssuer.Parse(issuerUrl).ProviderArn("aws", Account);
}
