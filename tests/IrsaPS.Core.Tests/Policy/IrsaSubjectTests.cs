using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

public class IrsaSubjectTests
{
    private static readonly OidcIssuer Issuer = PolicyTestData.Issuer(PolicyTestData.EksctlIssuer);

    [Fact]
    public void SubjectValue_IsTheServiceAccountTokenSubject()
    {
        var subject = new IrsaSubject(Issuer, "kube-system", "aws-load-balancer-controller");

        Assert.Equal("system:serviceaccount:kube-system:aws-load-balancer-controller", subject.SubjectValue);
        Assert.Equal("sts.amazonaws.com", subject.Audience);
        Assert.Equal("kube-system/aws-load-balancer-controller", subject.Target);
        Assert.False(subject.HasWildcard);
    }

    [Theory]
    [InlineData("system:serviceaccount:web:app", "web", "app")]
    [InlineData("system:serviceaccount:web:app.v2", "web", "app.v2")]
    [InlineData("system:serviceaccount:team-*:*", "team-*", "*")]
    public void SubValues_ParseBackIntoNamespaceAndName(string value, string ns, string sa)
    {
        Assert.True(IrsaSubject.TryParseSubjectValue(value, out var parsedNs, out var parsedSa));
        Assert.Equal(ns, parsedNs);
        Assert.Equal(sa, parsedSa);

        var subject = IrsaSubject.FromSubjectValue(Issuer, value);
        Assert.Equal(value, subject.SubjectValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("system:serviceaccount:web")]
    [InlineData("system:serviceaccount::app")]
    [InlineData("system:serviceaccount:web:")]
    [InlineData("system:serviceaccount:web:app:extra")]
    [InlineData("system:serviceaccount:*")]
    [InlineData("System:ServiceAccount:web:app")]
    [InlineData("system:node:ip-10-0-0-1")]
    public void OtherValues_DoNotParse(string? value)
    {
        Assert.False(IrsaSubject.TryParseSubjectValue(value, out _, out _));
        if (value is not null)
        {
            var ex = Assert.Throws<IrsaValidationException>(() => IrsaSubject.FromSubjectValue(Issuer, value));
            Assert.Equal(ErrorIds.InvalidSubject, ex.ErrorId);
        }
    }

    [Theory]
    [InlineData("Web", "app", "InvalidNamespace")]
    [InlineData("web", "App", "InvalidServiceAccountName")]
    [InlineData("web", "", "InvalidServiceAccountName")]
    [InlineData("-web", "app", "InvalidNamespace")]
    public void BadNames_AreRejectedWithTheNameErrorIds(string ns, string sa, string errorId)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => new IrsaSubject(Issuer, ns, sa));
        Assert.Equal(errorId, ex.ErrorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sts.*.com")]
    [InlineData("has space")]
    public void BadAudiences_AreInvalidAudience(string audience)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => new IrsaSubject(Issuer, "web", "app", audience));
        Assert.Equal(ErrorIds.InvalidAudience, ex.ErrorId);
    }

    [Fact]
    public void WildcardNames_ArePatterns()
    {
        var subject = new IrsaSubject(Issuer, "batch", "job-?-*");
        Assert.True(subject.HasWildcard);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(new IrsaSubject(Issuer, "web", "app"), new IrsaSubject(PolicyTestData.Issuer(PolicyTestData.EksctlIssuer), "web", "app", "sts.amazonaws.com"));
        Assert.NotEqual(new IrsaSubject(Issuer, "web", "app"), new IrsaSubject(Issuer, "web", "app", "other"));
    }
}
