using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Validation;

public class IamNamesTests
{
    [Theory]
    [InlineData("app")]
    [InlineData("AmazonEKS_EBS_CSI_DriverRole")]
    [InlineData("a+=,.@_-b")]
    public void RoleNames_Valid(string value) => Assert.Equal(value, IamNames.ValidateRoleName(value));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void RoleNames_Invalid(string value) =>
        Assert.Equal(ErrorIds.InvalidRoleName, Assert.Throws<IrsaValidationException>(() => IamNames.ValidateRoleName(value)).ErrorId);

    [Theory]
    [InlineData("/")]
    [InlineData("/irsa/")]
    [InlineData("/irsa/team-a/")]
    public void Paths_Valid(string value) => Assert.Equal(value, IamNames.ValidatePath(value));

    [Theory]
    [InlineData("")]
    [InlineData("irsa/")]
    [InlineData("/irsa")]
    [InlineData("/ir sa/")]
    [InlineData("/a//b/")]
    public void Paths_Invalid(string value) =>
        Assert.Equal(ErrorIds.InvalidRolePath, Assert.Throws<IrsaValidationException>(() => IamNames.ValidatePath(value)).ErrorId);

    [Theory]
    [InlineData(3599)]
    [InlineData(43201)]
    public void SessionDurationOutOfRange_Fails(int seconds) =>
        Assert.Equal(ErrorIds.InvalidMaxSessionDuration, Assert.Throws<IrsaValidationException>(() => IamNames.ValidateMaxSessionDuration(seconds)).ErrorId);

    [Theory]
    [InlineData("aws:cloudformation:stack-name", "x")]
    [InlineData("", "x")]
    [InlineData("team", "a;b")]
    public void BadTags_Fail(string key, string value) =>
        Assert.Equal(ErrorIds.InvalidTag, Assert.Throws<IrsaValidationException>(() => IamNames.ValidateTag(key, value)).ErrorId);

    [Fact]
    public void GoodTag_Passes() => IamNames.ValidateTag("team", "platform/irsa:v1");
}
