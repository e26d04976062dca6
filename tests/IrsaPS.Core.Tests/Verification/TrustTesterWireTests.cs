using System;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Tests.Audit;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Core.Verification;
using Xunit;

namespace IrsaPS.Core.Tests.Verification;

/// <summary>Test-IrsaTrust's core against moto and the API stand-in, -Live included.</summary>
public sealed class TrustTesterWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public TrustTesterWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task Allowed_AndLive_AssumesTheRoleAndProvesItWithGetCallerIdentity()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await world.CreateRoleAsync("app", world.Trust("system:serviceaccount:web:app"));
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        world.Calls.Reset();

        var result = await new IrsaTrustTester(world.Aws, world.Client).TestAsync(world.Cluster, "web", "app", new TrustTestOptions { Live = true });

        Assert.True(result.Allowed, string.Join(" | ", result.Reasons));
        Assert.Equal("Allowed", result.Decision);
        Assert.Equal(world.ProviderArn, result.OidcProviderArn);
        var live = result.Live!;
        Assert.True(live.Succeeded);
        Assert.Null(live.FailedStep);
        Assert.Equal("sts.amazonaws.com", live.TokenAudience);
        Assert.Contains(":assumed-role/app/irsaps-test-web-app", live.CallerArn, StringComparison.Ordinal);
        Assert.Equal("123456789012", live.CallerAccount);
        Assert.Equal(1, world.Calls.Calls("IAM", "GetRole"));
        Assert.Equal(1, world.Calls.Calls("IAM", "GetOpenIDConnectProvider"));
        Assert.Equal(1, world.Calls.Calls("STS", "AssumeRoleWithWebIdentity"));
        Assert.Equal(1, world.Calls.Calls("STS", "GetCallerIdentity"));
        lock (world.Kube.Events)
        {
            Assert.Single(world.Kube.Events, e => e.Method == "POST" && e.Path == "/api/v1/namespaces/web/serviceaccounts/app/token");
        }
    }

    [Fact]
    public async Task WrongSubject_IsDenied_WithTheFix_AndALivePassInMotoIsOnlyNoted()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await world.CreateRoleAsync("api-role", world.Trust("system:serviceaccount:web:api"));
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("api-role"));

        var result = await new IrsaTrustTester(world.Aws, world.Client).TestAsync(world.Cluster, "web", "app", new TrustTestOptions { Live = true });

        Assert.False(result.Allowed);
        var subject = Assert.Single(result.Reasons, r => r.Code == TrustReasonCodes.SubjectNotAdmitted);
        Assert.Equal("The subject is system:serviceaccount:web:app but the trust only admits web:api.", subject.Message);
        Assert.Equal("Run Add-IrsaRoleTrust -RoleName api-role -ClusterName prod -Namespace web -ServiceAccountName app", subject.Fix);
        Assert.True(result.Live!.Succeeded);
        Assert.Contains(result.Reasons, r => r.Code == TrustReasonCodes.LiveDisagrees);
    }

    [Fact]
    public async Task TestAll_TestsEveryAnnotatedServiceAccount_ReadingEachRoleOnce()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await world.CreateRoleAsync("shared", world.Trust("system:serviceaccount:web:a", "system:serviceaccount:web:b"));
        await world.CreateRoleAsync("batch", world.Trust("system:serviceaccount:batch:job"));
        world.ServiceAccount("web", "b", AuditWorld.RoleArn("shared"));
        world.ServiceAccount("web", "a", AuditWorld.RoleArn("shared"));
        world.ServiceAccount("batch", "job", AuditWorld.RoleArn("batch"));
        world.ServiceAccount("batch", "other", AuditWorld.RoleArn("batch"));
        world.ServiceAccount("web", "plain");
        world.Calls.Reset();
        var host = new AuditorTests.RecordingHost();

        var results = await new IrsaTrustTester(world.Aws, world.Client, host).TestAllAsync(world.Cluster);

        Assert.Equal(["batch/job", "batch/other", "web/a", "web/b"], results.Select(r => r.Namespace + "/" + r.ServiceAccountName));
        Assert.Equal([true, false, true, true], results.Select(r => r.Allowed));
        Assert.Equal(2, world.Calls.Calls("IAM", "GetRole"));
        Assert.Equal(1, world.Calls.Calls("IAM", "GetOpenIDConnectProvider"));
        Assert.True(host.Progress[^1].Completed);
    }

    [Fact]
    public async Task MissingRole_MissingProvider_AndMissingServiceAccount_AreReasons()
    {
        await using var world = await AuditWorld.StartAsync(_moto, registerProvider: false);
        await world.CreateRoleAsync("app", world.Trust("system:serviceaccount:web:app"));
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));
        world.ServiceAccount("web", "ghost", AuditWorld.RoleArn("nothing"));
        var tester = new IrsaTrustTester(world.Aws, world.Client);

        var noProvider = await tester.TestAsync(world.Cluster, "web", "app");
        var noRole = await tester.TestAsync(world.Cluster, "web", "ghost");
        var noAccount = await tester.TestAsync(world.Cluster, "web", "nobody", new TrustTestOptions { Live = true });

        Assert.Equal(TrustReasonCodes.ProviderNotFound, Assert.Single(noProvider.Reasons).Code);
        Assert.Equal("Allowed", noProvider.Decision);
        Assert.False(noProvider.Allowed);
        Assert.Contains(noRole.Reasons, r => r.Code == TrustReasonCodes.RoleNotFound);
        Assert.Equal(TrustReasonCodes.ServiceAccountNotFound, Assert.Single(noAccount.Reasons).Code);
        Assert.Null(noAccount.Live);
    }

    [Fact]
    public async Task BadInput_FailsBeforeAnyCall()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        world.Calls.Reset();
        var tester = new IrsaTrustTester(world.Aws, world.Client);

        var badName = await Assert.ThrowsAsync<IrsaValidationException>(() => tester.TestAsync(world.Cluster, "web", "Not_Valid"));
        var badArn = await Assert.ThrowsAsync<IrsaValidationException>(() => tester.TestAsync(world.Cluster, "web", "app", new TrustTestOptions { RoleArn = "app" }));
        var badTtl = await Assert.ThrowsAsync<IrsaValidationException>(() => tester.TestAsync(world.Cluster, "web", "app", new TrustTestOptions { Live = true, LiveTokenExpirationSeconds = 60 }));
        var combo = await Assert.ThrowsAsync<IrsaValidationException>(() => tester.TestAllAsync(world.Cluster, null, new TrustTestOptions { RoleArn = AuditWorld.RoleArn("x") }));

        Assert.Equal(ErrorIds.InvalidServiceAccountName, badName.ErrorId);
        Assert.Equal(ErrorIds.InvalidArn, badArn.ErrorId);
        Assert.Equal(ErrorIds.InvalidAuditOption, badTtl.ErrorId);
        Assert.Equal(ErrorIds.InvalidParameterCombination, combo.ErrorId);
        Assert.Equal(0, world.Calls.TotalCalls);
        Assert.Equal(0, world.KubeRequestCount);
    }

    [Fact]
    public async Task LiveResult_NeverCarriesTheTokenOrKeys()
    {
        await using var world = await AuditWorld.StartAsync(_moto);
        await world.CreateRoleAsync("app", world.Trust("system:serviceaccount:web:app"));
        world.ServiceAccount("web", "app", AuditWorld.RoleArn("app"));

        var result = await new IrsaTrustTester(world.Aws, world.Client).TestAsync(world.Cluster, "web", "app", new TrustTestOptions { Live = true });

        var text = string.Join("\n", result.Reasons.Select(r => r.ToString())) + result.Live + result.Explanation
            + string.Join("\n", typeof(IrsaLiveTrustResult).GetProperties().Select(p => p.GetValue(result.Live)?.ToString()));
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);   // a JWT's header
        Assert.DoesNotContain("FQoG", text, StringComparison.Ordinal);  // moto's session tokens
        Assert.DoesNotContain("ASIA", text, StringComparison.Ordinal);  // temporary access keys
    }
}
