using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

public class RoleCreationTests : IClassFixture<IrsaWorld>
{
    private const string S3Read = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private const string Inline = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::app-bucket/*"}]}""";
    private readonly IrsaWorld _world;

    public RoleCreationTests(IrsaWorld world) => _world = world;

    private static NewRoleRequest Request(string role, params string[] serviceAccounts) => new()
    {
        RoleName = role,
        ClusterName = IrsaWorld.ClusterName,
        ServiceAccounts = serviceAccounts.Select(s => new ServiceAccountRef(s.Split('/')[0], s.Split('/')[1])).ToList(),
        PolicyArns = [S3Read],
        InlinePolicies = new Dictionary<string, string> { ["app-bucket"] = Inline },
        Tags = new Dictionary<string, string> { ["team"] = "web" },
        Description = "IRSA role for web/app",
        MaxSessionDuration = 7200,
    };

    private static Dictionary<string, int> Writes(AwsCallCounter counter) =>
        counter.CallsByOperation()
            .Where(c => !c.Key.Contains(" Get", StringComparison.Ordinal) && !c.Key.Contains(" List", StringComparison.Ordinal) && !c.Key.Contains("Describe", StringComparison.Ordinal))
            .ToDictionary(c => c.Key, c => c.Value);

    [Fact]
    public async Task ANewRoleGetsExactlyTheTrustPoliciesAndSettingsAsked()
    {
        var role = Names.Unique("app");
        var host = new RecordingHost();
        using var session = _world.Session(host);

        var result = await IrsaRoles.NewAsync(session, Request(role, "web/app"), default);

        var described = Assert.Single(result);
        Assert.True(described.Created);
        Assert.Equal(("demo", "web", "app"), (described.ClusterName, described.Namespace, described.ServiceAccountName));
        Assert.Equal($"arn:aws:iam::{IrsaWorld.AccountId}:role/{role}", described.RoleArn);
        Assert.All(described.Changes, c => Assert.True(c.Applied));
        Assert.Equal(["CreateRole", "AttachRolePolicy", "PutRolePolicy"], described.Changes.Select(c => c.Action));

        using var aws = _world.Connect();
        var stored = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role;
        var trust = PolicyDocument.Parse(stored.AssumeRolePolicyDocument!);
        var statement = Assert.Single(trust.Statements);
        Assert.Equal(_world.ProviderArn, statement.Principal!.Get("Federated")!.Items.Single().Text);
        Assert.Equal("sts:AssumeRoleWithWebIdentity", statement.Action!.Items.Single().Text);
        var equals = statement.Condition!.Find("StringEquals")!;
        Assert.Equal("system:serviceaccount:web:app", equals.Find(_world.IssuerHostPath + ":sub")!.Values.Items.Single().Text);
        Assert.Equal("sts.amazonaws.com", equals.Find(_world.IssuerHostPath + ":aud")!.Values.Items.Single().Text);
        Assert.Equal("IRSA role for web/app", stored.Description);
        Assert.Equal(7200, stored.MaxSessionDuration);
        Assert.Equal([S3Read], (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Select(p => p.PolicyArn));
        Assert.Equal(["app-bucket"], await aws.Iam.ListAllRolePoliciesAsync(role));
        Assert.Contains(await aws.Iam.ListAllRoleTagsAsync(role), t => t.Key == "team" && t.Value == "web");
        Assert.Contains(host.Asked, q => q.Action.StartsWith("Create IAM role", StringComparison.Ordinal) && q.Detail!.Contains(":sub", StringComparison.Ordinal));
        Assert.All(host.Asked, q => Assert.False(q.HighImpact));
    }

    [Fact]
    public async Task RunningTheSameRequestTwiceChangesNothingTheSecondTime()
    {
        var role = Names.Unique("twice");
        using (var first = _world.Session(new RecordingHost()))
        {
            await IrsaRoles.NewAsync(first, Request(role, "web/app"), default);
        }

        var counter = new AwsCallCounter();
        var host = new RecordingHost();
        using var second = _world.Session(host, observer: counter);
        var result = Assert.Single(await IrsaRoles.NewAsync(second, Request(role, "web/app"), default));

        Assert.False(result.Created);
        Assert.Empty(result.Changes);
        Assert.Empty(host.Asked);
        Assert.Empty(Writes(counter));
        Assert.Equal(1, counter.Calls("IAM", "GetRole"));
        Assert.Equal(1, counter.Calls("IAM", "ListAttachedRolePolicies"));
        Assert.Equal(1, counter.Calls("IAM", "GetRolePolicy"));
    }

    [Fact]
    public async Task WhatIfShowsThePlanAndWritesNothing()
    {
        var role = Names.Unique("whatif");
        var counter = new AwsCallCounter();
        var host = RecordingHost.WhatIf();
        using var session = _world.Session(host, observer: counter);

        var result = await IrsaRoles.NewAsync(session, Request(role, "web/app"), default);

        Assert.Empty(result);
        Assert.Empty(Writes(counter));
        var create = Assert.Single(host.Asked);
        Assert.Equal($"arn:aws:iam::{IrsaWorld.AccountId}:role/{role}", create.Target);
        Assert.Contains("system:serviceaccount:web:app", create.Detail, StringComparison.Ordinal);
        using var aws = _world.Connect();
        Assert.Null(await IrsaRoles.TryGetRoleAsync(aws, role, default));
    }

    [Fact]
    public async Task AdoptingARoleWrittenByEksctlKeepsEverythingThatWasThere()
    {
        var role = Names.Unique("adopt");
        var eksctlTrust = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"Federated":"PROVIDER"},"Action":"sts:AssumeRoleWithWebIdentity",
               "Condition":{"StringEquals":{"ISSUER:sub":"system:serviceaccount:web:old","ISSUER:aud":"sts.amazonaws.com"}}},
              {"Sid":"Ops","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::ACCOUNT:role/ops"},"Action":"sts:AssumeRole"}]}
            """.Replace("PROVIDER", _world.ProviderArn, StringComparison.Ordinal)
            .Replace("ISSUER", _world.IssuerHostPath, StringComparison.Ordinal)
            .Replace("ACCOUNT", IrsaWorld.AccountId, StringComparison.Ordinal);
        using var aws = _world.Connect();
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = eksctlTrust, Tags = [new Tag("owner", "eksctl")] });
        await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.ReadOnlyAccessArn });
        await aws.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = role, PolicyName = "legacy", PolicyDocument = Inline });

        var host = new RecordingHost();
        using var session = _world.Session(host);
        var result = Assert.Single(await IrsaRoles.NewAsync(session, Request(role, "web/app"), default));

        Assert.False(result.Created);
        var trust = PolicyDocument.Parse((await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role.AssumeRolePolicyDocument!);
        var subjects = TrustPolicyInspector.ListSubjects(trust).Select(s => s.Namespace + "/" + s.ServiceAccountName).OrderBy(s => s).ToList();
        Assert.Equal(["web/app", "web/old"], subjects);
        Assert.Contains(trust.Statements, s => s.Sid == "Ops" && s.Principal!.Get("AWS")!.Items.Single().Text.EndsWith(":role/ops", StringComparison.Ordinal));
        var attached = (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Select(p => p.PolicyArn).OrderBy(a => a).ToList();
        Assert.Equal(new[] { S3Read, TestPolicies.ReadOnlyAccessArn }.OrderBy(a => a), attached);
        Assert.Equal(["app-bucket", "legacy"], (await aws.Iam.ListAllRolePoliciesAsync(role)).OrderBy(n => n));
        var tags = await aws.Iam.ListAllRoleTagsAsync(role);
        Assert.Contains(tags, t => t.Key == "owner" && t.Value == "eksctl");
        Assert.Contains(tags, t => t.Key == "team" && t.Value == "web");
        var trustQuestion = Assert.Single(host.Asked, q => q.Action.StartsWith("Let web/app", StringComparison.Ordinal));
        Assert.Contains("Trust policy before:", trustQuestion.Detail, StringComparison.Ordinal);
        Assert.Contains("Trust policy after:", trustQuestion.Detail, StringComparison.Ordinal);
        Assert.Equal(["web/app", "web/old"], result.Subjects.Select(s => s.Namespace + "/" + s.ServiceAccountName).OrderBy(s => s));
    }

    [Fact]
    public async Task OneRolePerServiceAccountIsReturnedSoThePipelineAnnotatesEach()
    {
        var role = Names.Unique("multi");
        using var session = _world.Session(new RecordingHost());
        var result = await IrsaRoles.NewAsync(session, Request(role, "web/app", "web/worker"), default);

        Assert.Equal(["app", "worker"], result.Select(r => r.ServiceAccountName));
        Assert.All(result, r => Assert.Equal(2, r.Subjects.Count));
        Assert.Single(result.Select(r => r.RoleArn).Distinct());
    }

    [Fact]
    public async Task AWildcardSubjectNeedsAllowWildcardAndIsHighImpact()
    {
        var role = Names.Unique("wild");
        var counter = new AwsCallCounter();
        using (var session = _world.Session(new RecordingHost(), observer: counter))
        {
            var refused = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoles.NewAsync(
                session, Request(role) with { ServiceAccounts = [new ServiceAccountRef("web", "*", allowWildcards: true)] }, default));
            Assert.Equal(ErrorIds.WildcardNotAllowed, refused.ErrorId);
            Assert.Equal(0, counter.TotalCalls);
        }

        var host = new RecordingHost();
        using var allowed = _world.Session(host);
        await IrsaRoles.NewAsync(allowed, Request(role) with { ServiceAccounts = [new ServiceAccountRef("web", "*", allowWildcards: true)], AllowWildcard = true }, default);
        var create = Assert.Single(host.Asked, q => q.Action.StartsWith("Create IAM role", StringComparison.Ordinal));
        Assert.True(create.HighImpact);
        Assert.Contains("StringLike", create.Detail, StringComparison.Ordinal);
        Assert.Contains(":aud", create.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExistingRoleOnAnotherPathIsNotSilentlyAdopted()
    {
        var role = Names.Unique("path");
        using (var first = _world.Session(new RecordingHost()))
        {
            await IrsaRoles.NewAsync(first, Request(role, "web/app") with { Path = "/irsa/" }, default);
        }

        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), observer: counter);
        var ex = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoles.NewAsync(session, Request(role, "web/other") with { Path = "/teams/" }, default));
        Assert.Equal(ErrorIds.RolePathMismatch, ex.ErrorId);
        Assert.Empty(Writes(counter));
    }
}

