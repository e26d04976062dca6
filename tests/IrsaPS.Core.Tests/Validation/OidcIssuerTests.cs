using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Validation;

public class OidcIssuerTests
{
    [Theory]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/AbC/", "oidc.eks.us-east-1.amazonaws.com/id/AbC")]
    [InlineData("oidc.eks.us-east-1.amazonaws.com/id/AbC", "oidc.eks.us-east-1.amazonaws.com/id/AbC")]
    [InlineData("HTTPS://issuer.example.com", "issuer.example.com")]
    public void Issuers_KeepHostAndPathExactly(string value, string hostPath)
    {
        var issuer = OidcIssuer.Parse(value);
        Assert.Equal(hostPath, issuer.HostPath);
        Assert.Equal("https://" + hostPath, issuer.Url);
        Assert.Equal(hostPath + ":aud", issuer.AudKey);
    }

    [Theory]
    [InlineData("http://oidc.eks.us-east-1.amazonaws.com/id/X", "https")]
    [InlineData("https://oidc.example.com:8443/id/X", "port")]
    [InlineData("https://oidc.example.com/id/X?x=1", "query")]
    [InlineData("https://oidc.example.com/id/X#f", "query or fragment")]
    [InlineData("https://user@oidc.example.com/id/X", "user information")]
    [InlineData("https://", "no host")]
    [InlineData("https://oidc.example.com//x", "empty segment")]
    [InlineData("https://oidc example.com/x", "U+0020")]
    [InlineData("", "empty")]
    [InlineData("oidc", "fully qualified")]
    [InlineData("web/app", "fully qualified")]
    public void BadIssuers_FailWithTheReason(string value, string reason)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => OidcIssuer.Parse(value));
        Assert.Equal(ErrorIds.InvalidIssuerUrl, ex.ErrorId);
        Assert.Contains(reason, ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderArn_IsPartitionAware()
    {
        var issuer = OidcIssuer.Parse("https://oidc.eks.cn-north-1.amazonaws.com.cn/id/X");
        Assert.Equal("arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/X", issuer.ProviderArn("aws-cn", "123456789012"));
        Assert.Throws<IrsaValidationException>(() => issuer.ProviderArn("aws", "12"));
    }
}
