using System;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// Where calls go: -EndpointUrl for IAM, EKS and STS together; otherwise the SDK's own AWS_ENDPOINT_URL,
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt; and profile endpoint_url (found through each client's ServiceId). Runs alone: it
/// changes the process environment.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EndpointConfigurationTests : IClassFixture<MotoFixture>, IDisposable
{
    private readonly MotoFixture _moto;
    private readonly EnvironmentScope _environment;

    public EndpointConfigurationTests(MotoFixture moto)
    {
        _moto = moto;
        _environment = new EnvironmentScope().ClearAws();
    }

    public void Dispose()
    {
        _environment.Dispose();
    }

    [Fact]
    public async Task PerServiceEnvironmentVariables_RouteEachService()
    {
        var cluster = Names.Unique("env");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        _environment
            .Set("AWS_ENDPOINT_URL_IAM", _moto.Endpoint.AbsoluteUri)
            .Set("AWS_ENDPOINT_URL_EKS", _moto.Endpoint.AbsoluteUri)
            .Set("AWS_ENDPOINT_URL_STS", _moto.Endpoint.AbsoluteUri);
        var counter = new AwsCallCounter();
        using var aws = Connect(counter);

        await AssertEveryServiceAnswersAsync(aws, cluster);

        Assert.Equal(3, counter.TotalAttempts);
    }

    [Fact]
    public async Task GlobalEnvironmentVariable_RoutesEveryService()
    {
        var cluster = Names.Unique("global");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        _environment.Set("AWS_ENDPOINT_URL", _moto.Endpoint.AbsoluteUri);
        using var aws = Connect();

        await AssertEveryServiceAnswersAsync(aws, cluster);
    }

    [Fact]
    public async Task EndpointUrl_WinsOverTheEnvironment()
    {
        var cluster = Names.Unique("explicit");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        var closed = $"http://127.0.0.1:{Loopback.FreePort()}/";
        _environment.Set("AWS_ENDPOINT_URL", closed).Set("AWS_ENDPOINT_URL_IAM", closed).Set("AWS_ENDPOINT_URL_EKS", closed).Set("AWS_ENDPOINT_URL_STS", closed);
        using var aws = AwsConnection.Create(new AwsConnectionSettings
        {
            Region = MotoFixture.Region,
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "secret",
            EndpointUrl = _moto.Endpoint.AbsoluteUri,
        });

        await AssertEveryServiceAnswersAsync(aws, cluster);
    }

    [Fact]
    public async Task ProfileEndpointUrl_RoutesTheNamedProfilesCalls()
    {
        var cluster = Names.Unique("profile");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, cluster);
        _environment.WriteAwsConfig($"[profile sandbox]\nregion = {MotoFixture.Region}\nendpoint_url = {_moto.Endpoint.AbsoluteUri}\n");
        _environment.WriteAwsCredentials("[sandbox]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n");
        using var aws = AwsConnection.Create(new AwsConnectionSettings { ProfileName = "sandbox" });

        Assert.Equal(MotoFixture.Region, aws.Region);
        await AssertEveryServiceAnswersAsync(aws, cluster);
    }

    [Fact]
    public async Task ProfileServicesSection_RoutesOnlyTheNamedService()
    {
        _environment.WriteAwsConfig($"[profile split]\nregion = {MotoFixture.Region}\nservices = local\n\n[services local]\niam =\n  endpoint_url = {_moto.Endpoint.AbsoluteUri}\n");
        _environment.WriteAwsCredentials("[split]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n");
        using var aws = AwsConnection.Create(new AwsConnectionSettings { ProfileName = "split" });

        var providers = await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());

        Assert.NotNull(providers.RequestId);
    }

    private static AwsConnection Connect(IAwsCallObserver? observer = null) =>
        AwsConnection.Create(new AwsConnectionSettings
        {
            Region = MotoFixture.Region,
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "secret",
            Observer = observer,
        });

    private static async Task AssertEveryServiceAnswersAsync(AwsConnection aws, string cluster)
    {
        var role = Names.Unique("routed");
        var created = await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = TestPolicies.Trust });
        var described = await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = cluster });
        var caller = await aws.Sts.GetCallerIdentityAsync();

        Assert.Equal(role, created.Role.RoleName);
        Assert.Equal(cluster, described.Cluster.Name);
        Assert.Equal("123456789012", caller.Account);
    }
}
