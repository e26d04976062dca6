using System;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Validation;

/// <summary>Only URL characters reach a provider ARN or a condition key (New-IrsaTrustPolicy -Issuer, and every issuer IrsaPS reads).</summary>
public class OidcIssuerCharacterTests
{
    [Theory]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/\"X\"", "'\"'")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/X'", "'''")]
    [InlineData("https://issuer.example.com/{tenant}", "'{'")]
    [InlineData("https://issuer.example.com/a|b", "'|'")]
    [InlineData("https://issuer.example.com/a*", "'*'")]
    [InlineData("https://issuer.example.com/$x", "'$'")]
    [InlineData("https://issuer.example.com/a\\b", "'\\'")]
    [InlineData("https://issuer.example.com/%zz", "percent-encoded")]
    public void IssuersWithCharactersNoUrlHolds_AreRefused(string issuer, string reason)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => OidcIssuer.Parse(issuer));
        Assert.Equal(ErrorIds.InvalidIssuerUrl, ex.ErrorId);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewIrsaTrustPolicy_RefusesAQuoteLadenIssuer_BeforeBuildingAnything()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => IrsaTrustPolicies.New(
            ["https://oidc.eks.us-east-1.amazonaws.com/id/AB\"CD"], "123456789012", [new ServiceAccountRef("web", "app")], null, false, null, 2048));
        Assert.Equal(ErrorIds.InvalidIssuerUrl, ex.ErrorId);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0")]
    [InlineData("https://issuer.example.com/realms/a%20b")]
    [InlineData("https://accounts.google.com")]
    public void RealIssuers_StillPass(string issuer) => OidcIssuer.Parse(issuer);

    [Fact]
    public void AnIssuerLongerThanIamAllows_IsRefused()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => OidcIssuer.Parse("https://issuer.example.com/" + new string('a', 240)));
        Assert.Contains("255", ex.Message, StringComparison.Ordinal);
    }
}
