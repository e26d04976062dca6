using System;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Iam;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// IAM's RoleLastUsed through the emulator layer: moto 5.2.1 records the date a role's session keys were used but no
/// region; the layer adds the region it saw, and seeded dates, to GetRole and GetAccountAuthorizationDetails.
/// </summary>
public sealed class RoleLastUsedWireTests : IClassFixture<MotoFixture>
{
    private const string Issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/LASTUSED00000000000000000000000";
    private readonly MotoFixture _moto;

    public RoleLastUsedWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task ARoleWhoseSessionCallsAws_ShowsWhenAndWhere_InGetRoleAndAuthorizationDetails()
    {
        var lastUsed = new RoleLastUsedEmulation();
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [lastUsed], port: 0);
        using var aws = _moto.Connect(endpoint: proxy.Endpoint);
        var used = Names.Unique("used");
        var unused = Names.Unique("unused");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = used, AssumeRolePolicyDocument = TestPolicies.Trust });
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = unused, AssumeRolePolicyDocument = TestPolicies.Trust });
        var before = DateTime.UtcNow.AddSeconds(-2);

        var credentials = await aws.Sts.AssumeRoleWithWebIdentityAsync("arn:aws:iam::123456789012:role/" + used, WebIdentityTokens.For(Issuer, "web", "app"), "s1");
        using (var session = AwsConnection.Create(new AwsConnectionSettings
        {
            Region = "eu-west-1",
            AccessKey = credentials.AccessKeyId,
            SecretKey = credentials.SecretAccessKey,
            SessionToken = credentials.SessionToken,
            EndpointUrl = proxy.Endpoint.AbsoluteUri,
        }))
        {
            await session.Sts.GetCallerIdentityAsync();
        }

        var role = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = used })).Role;
        Assert.NotNull(role.RoleLastUsed?.LastUsedDate);
        Assert.InRange(role.RoleLastUsed!.LastUsedDate!.Value.ToUniversalTime(), before, DateTime.UtcNow.AddSeconds(2));
        Assert.Equal("eu-west-1", role.RoleLastUsed.Region);
        var never = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = unused })).Role;
        Assert.Null(never.RoleLastUsed?.LastUsedDate);

        var details = await aws.Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { Filter = ["Role"] });
        var detail = details.RoleDetailList.Single(r => r.RoleName == used);
        Assert.Equal("eu-west-1", detail.RoleLastUsed?.Region);
        Assert.Equal(role.RoleLastUsed.LastUsedDate, detail.RoleLastUsed?.LastUsedDate);
        Assert.Null(details.RoleDetailList.Single(r => r.RoleName == unused).RoleLastUsed?.LastUsedDate);
    }

    [Fact]
    public async Task ASeededLastUse_IsWhatIamReports_UntilALaterUse()
    {
        var lastUsed = new RoleLastUsedEmulation();
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [lastUsed], port: 0);
        using var aws = _moto.Connect(endpoint: proxy.Endpoint);
        var stale = Names.Unique("stale");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = stale, AssumeRolePolicyDocument = TestPolicies.Trust });
        var longAgo = new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        using (var http = new System.Net.Http.HttpClient())
        {
            var body = $"{{\"roles\":[{{\"roleName\":\"{stale}\",\"lastUsedDate\":\"2024-03-01T12:00:00Z\",\"region\":\"ap-south-1\"}}]}}";
            using var response = await http.PostAsync(new Uri(proxy.Endpoint, RoleLastUsedEmulation.AdminPath), new System.Net.Http.StringContent(body));
            Assert.True(response.IsSuccessStatusCode);
        }

        var role = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = stale })).Role;
        Assert.Equal(longAgo, role.RoleLastUsed?.LastUsedDate?.ToUniversalTime());
        Assert.Equal("ap-south-1", role.RoleLastUsed?.Region);

        lastUsed.Seed(stale, longAgo.AddDays(-30), "eu-north-1");
        Assert.Equal("ap-south-1", (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = stale })).Role.RoleLastUsed?.Region);
    }
}
