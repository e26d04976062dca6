using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Validation;

public class KubernetesNamesTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("kube-system")]
    [InlineData("a")]
    [InlineData("0web9")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")] // 63
    public void ValidNamespaces_AreAccepted(string value) =>
        Assert.Equal(value, KubernetesNames.ValidateNamespace(value));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Web", "uppercase letter 'W'")]
    [InlineData("-web", "starts or ends with '-'")]
    [InlineData("web-", "starts or ends with '-'")]
    [InlineData("web.app", "character '.'")]
    [InlineData("web app", "character '\\u0020'")]
    [InlineData("web_app", "character '_'")]
    [InlineData("web*", "wildcard")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234", "64 characters")]
    public void InvalidNamespaces_FailWithTheReason(string value, string reason)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => KubernetesNames.ValidateNamespace(value));
        Assert.Equal(ErrorIds.InvalidNamespace, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains(reason, ex.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("aws-load-balancer-controller")]
    [InlineData("app.v2")]
    [InlineData("a.b.c")]
    public void ValidServiceAccountNames_AreAccepted(string value) =>
        Assert.Equal(value, KubernetesNames.ValidateServiceAccountName(value));

    [Theory]
    [InlineData("")]
    [InlineData("App")]
    [InlineData("app..v2")]
    [InlineData(".app")]
    [InlineData("app.")]
    [InlineData("app.-x")]
    [InlineData("app/x")]
    [InlineData("app:x")]
    public void InvalidServiceAccountNames_Fail(string value)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => KubernetesNames.ValidateServiceAccountName(value));
        Assert.Equal(ErrorIds.InvalidServiceAccountName, ex.ErrorId);
    }

    [Fact]
    public void ServiceAccountName_Of254Characters_Fails()
    {
        var name = new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 63);
        Assert.Equal(255, name.Length);
        Assert.Throws<IrsaValidationException>(() => KubernetesNames.ValidateServiceAccountName(name));
    }

    [Theory]
    [InlineData("web-*")]
    [InlineData("*")]
    [InlineData("app-?")]
    public void Wildcards_AreAcceptedOnlyWhenAllowed(string value)
    {
        Assert.Throws<IrsaValidationException>(() => KubernetesNames.ValidateServiceAccountName(value));
        Assert.Equal(value, KubernetesNames.ValidateServiceAccountName(value, allowWildcards: true));
        Assert.Equal(value, KubernetesNames.ValidateNamespace(value, allowWildcards: true));
    }
}
