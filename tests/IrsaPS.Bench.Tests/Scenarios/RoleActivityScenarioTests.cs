using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Bench.Scenarios;
using Xunit;

namespace IrsaPS.Bench.Tests.Scenarios;

/// <summary>The role-activity scenario at a small size (a sandbox of its own; about 5 s of it is CloudTrail's pacing).</summary>
public sealed class RoleActivityScenarioTests
{
    [Fact]
    public async Task LookupEvents_PagesCeilOfMatchingOver50_AtNoMoreThanTwoPerSecond_AndTheFilesGiveTheSameRows()
    {
        var m = await RoleActivityScenario.MeasureAsync(events: 500, roles: 10, apiEvents: 500, _ => { });

        Assert.InRange(m.ApiMatching, 401, 499);
        Assert.Equal((m.ApiMatching + 49) / 50, m.WirePages);
        Assert.Equal(m.WirePages, m.CorePages);
        Assert.Equal(0, m.WireThrottled);
        Assert.InRange(m.AchievedRate, 1.5, 2.05);
        Assert.Equal(m.ApiMatching, m.ApiEventsMatched);
        Assert.Equal(m.ApiEventsMatched, m.FileEventsMatched);
        Assert.True(m.SameAnswer);
        Assert.Equal(["DescribeCluster", "GetAccountAuthorizationDetails", "GetCallerIdentity", "GetOpenIDConnectProvider"], m.OtherWireCalls.Keys.Order().ToArray());
    }
}
