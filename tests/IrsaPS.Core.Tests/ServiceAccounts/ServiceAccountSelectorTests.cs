using IrsaPS.Core.Errors;
using IrsaPS.Core.ServiceAccounts;
using Xunit;

namespace IrsaPS.Core.Tests.ServiceAccounts;

/// <summary>The service account selection Get-IrsaServiceAccount and Get-IrsaWorkloadIdentity share, checked before any call.</summary>
public sealed class ServiceAccountSelectorTests
{
    [Theory]
    [InlineData(null, "web/app", false, "web", "app", true)]
    [InlineData("web", "app", false, "web", "app", true)]
    [InlineData(null, "app-*", true, null, "app-*", false)]
    [InlineData("web", null, false, "web", null, false)]
    public void Parses(string? ns, string? name, bool all, string? expectedNamespace, string? expectedName, bool exact)
    {
        var selector = ServiceAccountSelector.Parse(ns, name, all);

        Assert.Equal((expectedNamespace, expectedName, exact), (selector.Namespace, selector.NamePattern, selector.ExactName));
    }

    [Theory]
    [InlineData(null, "web/app", true, ErrorIds.InvalidParameterCombination)]
    [InlineData("web", null, true, ErrorIds.InvalidParameterCombination)]
    [InlineData("Web!", null, false, ErrorIds.InvalidNamespace)]
    [InlineData("web", "App_1", false, ErrorIds.InvalidServiceAccountName)]
    public void RefusesBadInput(string? ns, string? name, bool all, string errorId)
    {
        var error = Assert.Throws<IrsaValidationException>(() => ServiceAccountSelector.Parse(ns, name, all));

        Assert.Equal(errorId, error.ErrorId);
    }
}
