using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// Where EC2 calls go: the partition's regional endpoint by default, -EndpointUrl like the other services, and the SDK's
/// AWS_ENDPOINT_URL_EC2 (found through the client's ServiceId "EC2") without it. Runs alone: it changes the environment.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class Ec2EndpointTests : IClassFixture<MotoFixture>, System.IDisposable
{
    private readonly MotoFixture _moto;
    private readonly EnvironmentScope _environment;

    public Ec2EndpointTests(MotoFixture moto)
    {
        _moto = moto;
        _environment = new EnvironmentScope().ClearAws();
    }

    public void Dispose() => _environment.Dispose();

    [Theory]
    [InlineData("us-east-1", "https://ec2.us-east-1.amazonaws.com")]
    [InlineData("cn-northwest-1", "https://ec2.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "https://ec2.us-gov-west-1.amazonaws.com")]
    public void DefaultEndpoint_IsRegional_AndSignedForTheRegion(string region, string url)
    {
        Assert.Equal(url, ServiceEndpoints.DefaultUrl(ServiceDescription.Ec2, region));
        Assert.Equal(region, ServiceEndpoints.SigningRegion(ServiceDescription.Ec2, region));
    }

    [Fact]
    public async Task AwsEndpointUrlEc2_RoutesEc2Calls()
    {
        var ids = await MotoEc2Seed.RunInstancesAsync(_moto.Endpoint, new SeedInstance(HttpTokens: "required"));
        _environment.Set("AWS_ENDPOINT_URL_EC2", _moto.Endpoint.AbsoluteUri);
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = MotoFixture.Region, AccessKey = "AKIAIOSFODNN7EXAMPLE", SecretKey = "secret" });

        var found = Assert.Single(await aws.Ec2.FindInstancesAsync(ids));

        Assert.Equal("required", found.MetadataOptions!.HttpTokens);
    }

    [Fact]
    public async Task EndpointUrl_WinsOverAwsEndpointUrlEc2()
    {
        var ids = await MotoEc2Seed.RunInstancesAsync(_moto.Endpoint, new SeedInstance());
        _environment.Set("AWS_ENDPOINT_URL_EC2", $"http://127.0.0.1:{Loopback.FreePort()}/");
        using var aws = AwsConnection.Create(new AwsConnectionSettings
        {
            Region = MotoFixture.Region,
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "secret",
            EndpointUrl = _moto.Endpoint.AbsoluteUri,
        });

        Assert.Equal(ids[0], Assert.Single(await aws.Ec2.FindInstancesAsync(ids)).InstanceId);
    }
}
