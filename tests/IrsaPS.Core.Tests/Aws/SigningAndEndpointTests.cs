using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>Endpoints and SigV4 signing scopes per partition, and the SDK's handling of body-less error answers.</summary>
public sealed class SigningAndEndpointTests
{
    [Theory]
    [InlineData("us-east-1", "https://iam.amazonaws.com", "https://eks.us-east-1.amazonaws.com", "https://sts.us-east-1.amazonaws.com")]
    [InlineData("eu-west-1", "https://iam.amazonaws.com", "https://eks.eu-west-1.amazonaws.com", "https://sts.eu-west-1.amazonaws.com")]
    [InlineData("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "https://eks.cn-northwest-1.amazonaws.com.cn", "https://sts.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-east-1", "https://iam.us-gov.amazonaws.com", "https://eks.us-gov-east-1.amazonaws.com", "https://sts.us-gov-east-1.amazonaws.com")]
    public void DefaultEndpoints_FollowThePartition(string region, string iam, string eks, string sts)
    {
        Assert.Equal(iam, ServiceEndpoints.DefaultUrl(ServiceDescription.Iam, region));
        Assert.Equal(eks, ServiceEndpoints.DefaultUrl(ServiceDescription.Eks, region));
        Assert.Equal(sts, ServiceEndpoints.StsUrl(region));
    }

    [Theory]
    [InlineData("eu-west-1", "us-east-1")]
    [InlineData("cn-northwest-1", "cn-north-1")]
    [InlineData("us-gov-east-1", "us-gov-west-1")]
    public async Task Requests_AreSignedForTheRightScope(string region, string iamSigningRegion)
    {
        using var server = new CannedAwsServer(r => r.Path.StartsWith("/clusters", StringComparison.Ordinal)
            ? (200, "application/json", "{\"clusters\":[]}")
            : r.Form("Action") == "GetCallerIdentity"
                ? (200, "text/xml", "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws-cn:iam::123456789012:user/x</Arn><UserId>AID</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>")
                : (200, "text/xml", "<ListOpenIDConnectProvidersResponse><ListOpenIDConnectProvidersResult><OpenIDConnectProviderList/></ListOpenIDConnectProvidersResult></ListOpenIDConnectProvidersResponse>"));
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = region, AccessKey = "AKIAEXAMPLE", SecretKey = "secret", EndpointUrl = server.Endpoint.AbsoluteUri });

        await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());
        await aws.Eks.ListClustersAsync(new ListClustersRequest());
        var caller = await aws.Sts.GetCallerIdentityAsync();

        var scopes = server.Received.Select(r => r.Authorization!.Split("Credential=AKIAEXAMPLE/")[1].Split(',')[0].Substring(9)).ToList();
        Assert.Equal([$"{iamSigningRegion}/iam/aws4_request", $"{region}/eks/aws4_request", $"{region}/sts/aws4_request"], scopes);
        Assert.Equal("aws-cn", caller.Partition);
    }

    [Fact]
    public async Task BodylessServiceUnavailable_IsRetried_ThenReportedWithItsStatus()
    {
        var answers = 0;
        using var server = new CannedAwsServer(_ => Interlocked.Increment(ref answers) <= 2
            ? (503, "text/plain", string.Empty)
            : (200, "text/xml", "<GetRoleResponse><GetRoleResult><Role><RoleName>app</RoleName><Arn>arn:aws:iam::123456789012:role/app</Arn></Role></GetRoleResult></GetRoleResponse>"));
        var counter = new AwsCallCounter();
        using var aws = AwsConnection.Create(new AwsConnectionSettings
        {
            Region = "eu-west-1",
            AccessKey = "AKIAEXAMPLE",
            SecretKey = "secret",
            EndpointUrl = server.Endpoint.AbsoluteUri,
            Observer = counter,
            MaxErrorRetry = 2,
        });

        var role = await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = "app" });

        Assert.Equal("arn:aws:iam::123456789012:role/app", role.Role.Arn);
        Assert.Equal([503, 503, 200], counter.AttemptLog().Select(a => a.StatusCode));
    }
}
