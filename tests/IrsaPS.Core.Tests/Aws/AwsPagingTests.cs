using System.Collections.Generic;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>The one loop that follows IAM's Marker and the NextToken of EKS, EC2 and CloudTrail.</summary>
public sealed class AwsPagingTests
{
    [Fact]
    public async Task FollowsNextTokenUntilThereIsNone_AnEmptyTokenEndsTheListToo()
    {
        var asked = new List<string?>();
        var pages = new Dictionary<string, ListClustersResponse>
        {
            ["<first>"] = new() { Clusters = ["a", "b"], NextToken = "t1" },
            ["t1"] = new() { Clusters = ["c"], NextToken = "t2" },
            ["t2"] = new() { Clusters = ["d"], NextToken = string.Empty },
        };

        var all = await AwsPaging.ReadAllAsync(
            token =>
            {
                asked.Add(token);
                return Task.FromResult(pages[token ?? "<first>"]);
            },
            page => page.Clusters,
            "EKS",
            "ListClusters");

        Assert.Equal(["a", "b", "c", "d"], all);
        Assert.Equal([null, "t1", "t2"], asked);
    }

    [Fact]
    public async Task FollowsIamMarkerWhileTruncated()
    {
        var all = await AwsPaging.ReadAllAsync(
            marker => Task.FromResult(marker is null
                ? new ListRolePoliciesResponse { PolicyNames = ["one"], IsTruncated = true, Marker = "m1" }
                : new ListRolePoliciesResponse { PolicyNames = ["two"], IsTruncated = false, Marker = "ignored" }),
            page => page.PolicyNames,
            "IAM",
            "ListRolePolicies");

        Assert.Equal(["one", "two"], all);
    }

    [Fact]
    public async Task ARepeatedToken_OrATruncatedPageWithoutMarker_IsAnInvalidResponse_NotAnEndlessLoop()
    {
        var repeated = await Assert.ThrowsAsync<AwsServiceException>(() => AwsPaging.ReadAllAsync(
            _ => Task.FromResult(new ListClustersResponse { Clusters = ["a"], NextToken = "same", RequestId = "r-1" }),
            page => page.Clusters,
            "EKS",
            "ListClusters"));
        Assert.Equal(ErrorIds.AwsInvalidResponse, repeated.ErrorId);
        Assert.Equal("r-1", repeated.RequestId);

        var noMarker = await Assert.ThrowsAsync<AwsServiceException>(() => AwsPaging.ReadAllAsync(
            _ => Task.FromResult(new ListRolePoliciesResponse { PolicyNames = ["one"], IsTruncated = true }),
            page => page.PolicyNames,
            "IAM",
            "ListRolePolicies"));
        Assert.Equal(ErrorIds.AwsInvalidResponse, noMarker.ErrorId);
    }

    [Fact]
    public async Task StopsAfterMaxPages()
    {
        var calls = 0;
        var counter = 0;
        await AwsPaging.ForEachPageAsync(
            _ =>
            {
                calls++;
                return Task.FromResult(new ListClustersResponse { NextToken = "t" + ++counter });
            },
            _ => { },
            "EKS",
            "ListClusters",
            maxPages: 3);

        Assert.Equal(3, calls);
    }
}
