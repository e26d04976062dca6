using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Faults;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>The fault proxy's own contract, which the operation tests build on: action names, counting, rules, recovery.</summary>
public sealed class FaultProxyTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public FaultProxyTests(MotoFixture moto) => _moto = moto;

    [Theory]
    [InlineData("POST", "/", null, "application/x-www-form-urlencoded; charset=utf-8", "Action=CreateRole&Version=2010-05-08&RoleName=x", "CreateRole", true)]
    [InlineData("GET", "/", "?Action=GetCallerIdentity&Version=2011-06-15", null, "", "GetCallerIdentity", true)]
    [InlineData("GET", "/clusters", "?maxResults=2", null, "", "ListClusters", false)]
    [InlineData("GET", "/clusters/prod", null, null, "", "DescribeCluster", false)]
    [InlineData("DELETE", "/clusters/prod", null, null, "", "DeleteCluster", false)]
    [InlineData("GET", "/other", null, null, "", "GET /other", false)]
    public void RequestKind_NamesTheActionAndProtocol(string method, string path, string? query, string? contentType, string body, string action, bool queryProtocol)
    {
        var kind = AwsRequestKind.Of(method, path, query, contentType, Encoding.UTF8.GetBytes(body));

        Assert.Equal(action, kind.Action);
        Assert.Equal(queryProtocol, kind.IsQueryProtocol);
    }

    [Fact]
    public async Task HardFailureMidway_ThenRecovery_LetsARerunComplete()
    {
        await using var proxy = await _moto.StartProxyAsync();
        using var aws = _moto.Connect(endpoint: proxy.Endpoint, maxErrorRetry: 1);
        var first = Names.Unique("before");
        var second = Names.Unique("after");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = first, AssumeRolePolicyDocument = TestPolicies.Trust });

        proxy.FailEverything(FaultKind.ServiceUnavailable);
        var failed = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = second, AssumeRolePolicyDocument = TestPolicies.Trust }));
        proxy.ClearRules();
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = second, AssumeRolePolicyDocument = TestPolicies.Trust });

        Assert.Equal(ErrorIds.AwsServiceError, failed.ErrorId);
        Assert.Equal(503, failed.HttpStatusCode);
        Assert.Equal(4, proxy.Received("CreateRole")); // first role, two attempts during the outage, the re-run
        Assert.Equal(2, proxy.Forwarded("CreateRole"));
        Assert.Equal(second, (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = second })).Role.RoleName);
    }

    [Fact]
    public async Task Rules_SkipThenFireTheirNumberOfTimes_AndOnlyForTheirAction()
    {
        await using var proxy = await _moto.StartProxyAsync();
        proxy.AddRule(new FaultRule("ListRoles", FaultKind.Throttle, FaultPhase.BeforeForward, Times: 1, Skip: 1));
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint);

        await aws.Iam.ListRolesAsync(new ListRolesRequest());
        await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());
        await aws.Iam.ListRolesAsync(new ListRolesRequest());
        await aws.Iam.ListRolesAsync(new ListRolesRequest());

        var fault = Assert.Single(proxy.Faults);
        Assert.Equal("ListRoles", fault.Action);
        Assert.Equal(4, proxy.Received("ListRoles"));
        Assert.Equal(3, proxy.Forwarded("ListRoles"));
        Assert.Equal(4, counter.Attempts("IAM", "ListRoles"));
        Assert.Equal(3, counter.Calls("IAM", "ListRoles"));
    }

    [Fact]
    public async Task MotoApi_PassesUntouched_AndUncounted()
    {
        await using var proxy = await _moto.StartProxyAsync();
        proxy.FailEverything();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(proxy.Endpoint, "/moto-api/data.json"));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(0, proxy.TotalRequests);
        Assert.Empty(proxy.Faults);
    }

    [Fact]
    public async Task SamePlanAndSeed_InjectTheSameFaults()
    {
        var plan = FaultPlan.Failures(0.5, seed: 42) with { Kinds = [FaultKind.Throttle, FaultKind.ServerError] };

        async Task<string> RunAsync()
        {
            await using var proxy = await _moto.StartProxyAsync(plan);
            using var aws = _moto.Connect(endpoint: proxy.Endpoint, maxErrorRetry: 10);
            for (var i = 0; i < 6; i++)
            {
                await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());
            }

            return string.Join(",", proxy.Faults);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }
}
