using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Validation;

public class EksIssuerHostTests
{
    [Theory]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", "us-east-1")]
    [InlineData("oidc.eks.eu-central-2.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3", "eu-central-2")]
    [InlineData("https://oidc.eks.us-gov-west-1.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3", "us-gov-west-1")]
    [InlineData("https://oidc.eks.cn-northwest-1.amazonaws.com.cn/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3", "cn-northwest-1")]
    [InlineData("https://oidc-eks.ap-southeast-3.api.aws/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3", "ap-southeast-3")]
    [InlineData("https://oidc-eks.cn-north-1.api.amazonwebservices.com.cn/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3", "cn-north-1")]
    [InlineData("https://OIDC.EKS.US-EAST-1.AMAZONAWS.COM/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3", "us-east-1")]
    public void EksIssuers_AreRecognisedWithTheirRegion(string issuer, string region)
    {
        Assert.True(EksIssuerHost.TryGetRegion(issuer, out var actual));
        Assert.Equal(region, actual);
        Assert.True(EksIssuerHost.IsEksIssuer(issuer));
    }

    [Theory]
    [InlineData("https://token.actions.githubusercontent.com")]
    [InlineData("https://gitlab.com")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com.example.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3/x")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/")]
    [InlineData("https://oidc.eks.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc.eks.us-east-1.example.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc-eks.us-west-2.api.aws.example.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com.cn.example/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("http://oidc.eks.us-east-1.amazonaws.com/id/B6E9D0C1A2F3E4D5C6B7A8E9F0A1B2C3")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherIssuersAndLookAlikes_AreNot(string? issuer)
    {
        Assert.False(EksIssuerHost.IsEksIssuer(issuer));
        Assert.False(EksIssuerHost.TryGetRegion(issuer, out _));
    }
}
