using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

public class RoleArnPartitionTests
{
    private static readonly IrsaCluster Commercial = new() { ClusterName = "demo", Partition = "aws" };

    [Theory]
    [InlineData("arn:aws-cn:iam::123456789012:role/app")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/app")]
    public void ARoleOfAnotherPartitionIsRefused(string roleArn)
    {
        var error = Assert.Throws<IrsaValidationException>(() => RoleArnPartition.Ensure(roleArn, Commercial));

        Assert.Equal(ErrorIds.InvalidPartition, error.ErrorId);
        Assert.Equal(roleArn, error.Target);
        Assert.Contains("cluster 'demo' is in aws", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ARoleOfTheClustersPartitionPasses()
    {
        RoleArnPartition.Ensure("arn:aws:iam::123456789012:role/app", Commercial);
        RoleArnPartition.Ensure("arn:aws-cn:iam::123456789012:role/app", new IrsaCluster { ClusterName = "bj", Partition = "aws-cn" });
    }
}
