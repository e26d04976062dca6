using System;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Policy;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Validation;
using IrsaPS.Core.Verification;
using Xunit;

namespace IrsaPS.Core.Tests.Validation;

/// <summary>One audience rule for the trust (New-IrsaRole, Add-IrsaRoleTrust, New-IrsaTrustPolicy) and the annotation (Set-IrsaServiceAccount).</summary>
public class TokenAudienceTests
{
    [Theory]
    [InlineData("sts.amazonaws.com")]
    [InlineData("sts.amazonaws.com.cn")]
    [InlineData("https://app.example.com/api")]
    [InlineData("api://AzureADTokenExchange")]
    [InlineData("vault:role=web&x=1")]
    public void RealAudiences_PassEverywhere(string audience)
    {
        Assert.Equal(audience, TokenAudience.Validate(audience));
        Assert.Equal(audience, IrsaSubject.ValidateAudience(audience));
        ServiceAccountAnnotationChange.ForIrsa("web", "app", null, "arn:aws:iam::123456789012:role/app", audience);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\"sts.amazonaws.com\"", "'\"'")]
    [InlineData("'sts.amazonaws.com'", "'''")]
    [InlineData("sts.amazonaws.com`", "'`'")]
    [InlineData("sts\\amazonaws", "'\\'")]
    [InlineData("${aws:username}", "'$'")]
    [InlineData("sts.*.com", "wildcard")]
    [InlineData("sts amazonaws", "U+0020")]
    [InlineData("stś.amazonaws.com", "U+015B")]
    public void BadAudiences_AreRefusedWithTheSameIdEverywhere(string audience, string reason)
    {
        var direct = Assert.Throws<IrsaValidationException>(() => TokenAudience.Validate(audience));
        Assert.Equal(ErrorIds.InvalidAudience, direct.ErrorId);
        Assert.Contains(reason, direct.Message, StringComparison.Ordinal);

        var annotation = Assert.Throws<IrsaValidationException>(() =>
            ServiceAccountAnnotationChange.ForIrsa("web", "app", null, "arn:aws:iam::123456789012:role/app", audience));
        Assert.Equal(ErrorIds.InvalidAudience, annotation.ErrorId);

        var role = Assert.Throws<IrsaValidationException>(() => new NewRoleRequest
        {
            RoleName = "app",
            ClusterName = "demo",
            ServiceAccounts = [new ServiceAccountRef("web", "app")],
            Audience = audience,
        }.Validate());
        Assert.Equal(ErrorIds.InvalidAudience, role.ErrorId);
    }

    [Fact]
    public void TooLong_IsRefused()
    {
        Assert.Throws<IrsaValidationException>(() => TokenAudience.Validate(new string('a', TokenAudience.MaxLength + 1)));
        Assert.True(TokenAudience.IsValid(new string('a', TokenAudience.MaxLength)));
    }

    [Theory]
    [InlineData("garbage", ErrorIds.InvalidArn)]
    [InlineData("arn:aws:iam::123456789012:policy/x", ErrorIds.InvalidArn)]
    [InlineData("arn:aws:iam::123:role/x", ErrorIds.InvalidArn)]
    public void TestIrsaTrustOptions_RefuseABadRoleArn_WithoutAnyCall(string roleArn, string errorId)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => new TrustTestOptions { RoleArn = roleArn }.Validate("web", "app"));
        Assert.Equal(errorId, ex.ErrorId);
        new TrustTestOptions { RoleArn = "arn:aws:iam::123456789012:role/app" }.Validate("web", "app");
    }
}
