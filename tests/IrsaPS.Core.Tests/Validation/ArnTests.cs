using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Validation;

public class ArnTests
{
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/app", "aws", "/", "app")]
    [InlineData("arn:aws-cn:iam::123456789012:role/irsa/team/app", "aws-cn", "/irsa/team/", "app")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/x+=,.@_-y", "aws-us-gov", "/", "x+=,.@_-y")]
    public void RoleArns_Parse(string value, string partition, string path, string name)
    {
        var arn = Arn.ParseRole(value);
        Assert.Equal(partition, arn.Partition);
        Assert.Equal("123456789012", arn.Account);
        Assert.Equal(path, arn.Path);
        Assert.Equal(name, arn.Name);
        Assert.Equal(value, arn.ToString());
    }

    [Theory]
    [InlineData("", ErrorIds.InvalidArn)]
    [InlineData("arn:aws:iam::123456789012", ErrorIds.InvalidArn)]
    [InlineData("arn:aws-iso:iam::123456789012:role/app", ErrorIds.InvalidPartition)]
    [InlineData("arn:azure:iam::123456789012:role/app", ErrorIds.InvalidPartition)]
    [InlineData("arn:aws:iam::12345678901:role/app", ErrorIds.InvalidArn)]
    [InlineData("arn:aws:iam::123456789012:user/app", ErrorIds.InvalidArn)]
    [InlineData("arn:aws:iam:us-east-1:123456789012:role/app", ErrorIds.InvalidArn)]
    [InlineData("arn:aws:s3:::bucket", ErrorIds.InvalidArn)]
    [InlineData("arn:aws:iam::123456789012:role/", ErrorIds.InvalidRoleName)]
    [InlineData("arn:aws:iam::123456789012:role/a b", ErrorIds.InvalidRoleName)]
    [InlineData(" arn:aws:iam::123456789012:role/app", ErrorIds.InvalidArn)]
    [InlineData("role/app", ErrorIds.InvalidArn)]
    public void BadRoleArns_FailWithSpecificIds(string value, string errorId)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => Arn.ParseRole(value));
        Assert.Equal(errorId, ex.ErrorId);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")]
    [InlineData("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy")]
    [InlineData("arn:aws-cn:iam::123456789012:policy/team/app-read")]
    public void PolicyArns_Parse(string value) => Assert.Equal(value, Arn.ParsePolicy(value).ToString());

    [Theory]
    [InlineData("arn:aws:iam::aws:role/x")]
    [InlineData("arn:aws:iam::aws:policy/")]
    [InlineData("arn:aws:iam::abc:policy/x")]
    public void BadPolicyArns_Fail(string value) =>
        Assert.Equal(ErrorIds.InvalidArn, Assert.Throws<IrsaValidationException>(() => Arn.ParsePolicy(value)).ErrorId);

    [Fact]
    public void OidcProviderArn_YieldsTheIssuer()
    {
        var issuer = OidcIssuer.FromProviderArn("arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123");
        Assert.Equal("oidc.eks.eu-west-1.amazonaws.com/id/ABC123", issuer.HostPath);
        Assert.Equal("oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub", issuer.SubKey);
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public void PartitionFollowsTheRegion(string region, string partition) =>
        Assert.Equal(partition, AwsPartition.FromRegion(region));
}
