using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

public class TrustEditingTests : IClassFixture<IrsaWorld>
{
    private readonly IrsaWorld _world;

    public TrustEditingTests(IrsaWorld world) => _world = world;

    private async Task<string> CreateRoleAsync(params string[] serviceAccounts)
    {
        var role = Names.Unique("trust");
        using var session = _world.Session(new RecordingHost());
        await IrsaRoles.NewAsync(
            session,
            new NewRoleRequest
            {
                RoleName = role,
                ClusterName = IrsaWorld.ClusterName,
                ServiceAccounts = serviceAccounts.Select(s => new ServiceAccountRef(s.Split('/')[0], s.Split('/')[1])).ToList(),
            },
            default);
        return role;
    }

    private async Task<List<string>> SubjectsAsync(string role)
    {
        using var aws = _world.Connect();
        var trust = PolicyDocument.Parse((await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role.AssumeRolePolicyDocument!);
        return TrustPolicyInspector.ListSubjects(trust).Select(s => s.Namespace + "/" + s.ServiceAccountName).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task AddingASubjectKeepsTheOthersAndAddingItAgainChangesNothing()
    {
        var role = await CreateRoleAsync("web/app");
        var host = new RecordingHost();
        using (var session = _world.Session(host))
        {
            var result = Assert.Single(await IrsaRoleTrusts.AddAsync(session, role, IrsaWorld.ClusterName, [new ServiceAccountRef("payments", "api")], null, false, default));
            Assert.Equal(("payments", "api"), (result.Namespace, result.ServiceAccountName));
            Assert.True(Assert.Single(result.Changes).Applied);
        }

        Assert.Equal(["payments/api", "web/app"], await SubjectsAsync(role));
        var question = Assert.Single(host.Asked);
        Assert.True(question.HighImpact); // one more exact service account may now assume the role: a broadening change
        Assert.Contains("Trust policy before:", question.Detail, StringComparison.Ordinal);

        var again = new RecordingHost();
        using var second = _world.Session(again);
        var unchanged = Assert.Single(await IrsaRoleTrusts.AddAsync(second, role, IrsaWorld.ClusterName, [new ServiceAccountRef("payments", "api")], null, false, default));
        Assert.Empty(unchanged.Changes);
        Assert.Empty(again.Asked);
    }

    [Fact]
    public async Task AWholeNamespaceIsAWildcardThatMustBeAllowedAndConfirmedAsHighImpact()
    {
        var role = await CreateRoleAsync("web/app");
        using (var refused = _world.Session(new RecordingHost()))
        {
            var ex = await Assert.ThrowsAsync<IrsaValidationException>(() =>
                IrsaRoleTrusts.AddAsync(refused, role, IrsaWorld.ClusterName, [new ServiceAccountRef("batch", "*", true)], null, false, default));
            Assert.Equal(ErrorIds.WildcardNotAllowed, ex.ErrorId);
        }

        var host = new RecordingHost();
        using var session = _world.Session(host);
        await IrsaRoleTrusts.AddAsync(session, role, IrsaWorld.ClusterName, [new ServiceAccountRef("batch", "*", true)], null, true, default);
        Assert.True(Assert.Single(host.Asked).HighImpact);
        Assert.Equal(["batch/*", "web/app"], await SubjectsAsync(role));
    }

    [Fact]
    public async Task DecliningTheChangeWritesNothing_AndDescribesNothing()
    {
        var role = await CreateRoleAsync("web/app", "web/worker");
        var host = RecordingHost.WhatIf();
        using var session = _world.Session(host);

        Assert.Empty(await IrsaRoleTrusts.AddAsync(session, role, IrsaWorld.ClusterName, [new ServiceAccountRef("web", "other")], null, false, default));
        Assert.Null(await IrsaRoleTrusts.RemoveAsync(session, role, IrsaWorld.ClusterName, [new ServiceAccountRef("web", "app")], default));

        Assert.Equal(2, host.Asked.Count);
        Assert.Equal(["web/app", "web/worker"], await SubjectsAsync(role));
    }

    [Fact]
    public async Task RemovingOneSubjectKeepsTheOtherAndRemovingTheLastIsRefused()
    {
        var role = await CreateRoleAsync("web/app", "web/worker");
        using (var session = _world.Session(new RecordingHost()))
        {
            await IrsaRoleTrusts.RemoveAsync(session, role, IrsaWorld.ClusterName, [new ServiceAccountRef("web", "worker")], default);
        }

        Assert.Equal(["web/app"], await SubjectsAsync(role));
        using var last = _world.Session(new RecordingHost());
        var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoleTrusts.RemoveAsync(last, role, IrsaWorld.ClusterName, [new ServiceAccountRef("web", "app")], default));
        Assert.Equal(ErrorIds.TrustWouldBeEmpty, ex.ErrorId);
        Assert.Equal(["web/app"], await SubjectsAsync(role));
    }

    [Fact]
    public async Task RemovingAClusterKeepsOtherClustersAndOtherPrincipals()
    {
        var role = Names.Unique("multi-cluster");
        var other = "oidc.eks.eu-west-1.amazonaws.com/id/OTHERCLUSTER";
        var trust = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::ACCOUNT:oidc-provider/ISSUER"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"ISSUER:sub":["system:serviceaccount:web:app","system:serviceaccount:web:worker"],"ISSUER:aud":"sts.amazonaws.com"}}},
             {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::ACCOUNT:oidc-provider/OTHER"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"OTHER:sub":"system:serviceaccount:web:app","OTHER:aud":"sts.amazonaws.com"}}},
             {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
            """.Replace("ACCOUNT", IrsaWorld.AccountId, StringComparison.Ordinal).Replace("ISSUER", _world.IssuerHostPath, StringComparison.Ordinal).Replace("OTHER", other, StringComparison.Ordinal);
        using var aws = _world.Connect();
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = trust });

        var host = new RecordingHost();
        using var session = _world.Session(host);
        var result = await IrsaRoleTrusts.RemoveAsync(session, role, IrsaWorld.ClusterName, null, default);

        var after = PolicyDocument.Parse((await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role.AssumeRolePolicyDocument!);
        Assert.Equal(2, after.Statements.Count);
        Assert.DoesNotContain(_world.IssuerHostPath, after.ToJson(), StringComparison.Ordinal);
        Assert.Contains(other + ":sub", after.ToJson(), StringComparison.Ordinal);
        Assert.Contains("ec2.amazonaws.com", after.ToJson(), StringComparison.Ordinal);
        Assert.Equal(["web/app"], result!.Subjects.Select(s => s.Namespace + "/" + s.ServiceAccountName));
    }

    [Fact]
    public async Task TenParallelAdditionsToOneRoleAllEndInTheTrust()
    {
        var role = await CreateRoleAsync("web/app");
        var accounts = Enumerable.Range(0, 10).Select(i => new ServiceAccountRef("team" + i, "svc")).ToList();

        // Ten independent writers (as ten CI jobs would be), each with its own session and connection.
        await Task.WhenAll(accounts.Select(async account =>
        {
            using var session = _world.Session(new RecordingHost());
            await IrsaRoleTrusts.AddAsync(session, role, IrsaWorld.ClusterName, [account], null, false, default);
        }));

        var subjects = await SubjectsAsync(role);
        Assert.Equal(accounts.Select(a => a.Target).Append("web/app").OrderBy(s => s, StringComparer.Ordinal), subjects);
    }

    [Fact]
    public async Task ATrustThatWouldExceedTheQuotaIsRefusedBeforeWriting()
    {
        var role = await CreateRoleAsync("web/app");
        var many = Enumerable.Range(0, 60).Select(i => new ServiceAccountRef("namespace-number-" + i, "service-account-with-a-long-name")).ToList();
        using var session = _world.Session(new RecordingHost());
        var ex = await Assert.ThrowsAsync<TrustPolicyTooLargeException>(() => IrsaRoleTrusts.AddAsync(session, role, IrsaWorld.ClusterName, many, null, false, default));
        Assert.Equal(ErrorIds.TrustPolicyTooLarge, ex.ErrorId);
        Assert.Contains("2048", ex.Message.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["web/app"], await SubjectsAsync(role));
    }

    [Fact]
    public async Task AnUnknownRoleIsRoleNotFound()
    {
        using var session = _world.Session(new RecordingHost());
        var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoleTrusts.AddAsync(session, "no-such-role", IrsaWorld.ClusterName, [new ServiceAccountRef("web", "app")], null, false, default));
        Assert.Equal(ErrorIds.RoleNotFound, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
    }
}
