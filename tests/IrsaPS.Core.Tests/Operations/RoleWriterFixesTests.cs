using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Core.Validation;
using IrsaPS.Emulators.Moto;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>
/// New-IrsaRole and Remove-IrsaRole as a user first meets them: missing policies refused before any write (with one
/// GetPolicy per distinct ARN, none for what is attached), IAM's inline-policy rules, one confirmation for a role and
/// everything that goes with it, and trust additions to an existing role confirmed as broadening.
/// </summary>
public class RoleWriterFixesTests : IClassFixture<IrsaWorld>
{
    private const string S3Read = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private const string Missing = "arn:aws:iam::aws:policy/DoesNotExistPolicy";
    private readonly IrsaWorld _world;

    public RoleWriterFixesTests(IrsaWorld world) => _world = world;

    private static NewRoleRequest Request(string role, params string[] policies) => new()
    {
        RoleName = role,
        ClusterName = IrsaWorld.ClusterName,
        ServiceAccounts = [new ServiceAccountRef("web", "app")],
        PolicyArns = policies,
    };

    private static string PolicyOfSize(int resources) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":["
        + string.Join(",", Enumerable.Range(0, resources).Select(i => $"\"arn:aws:s3:::bucket-with-a-long-name-{i:D4}/*\""))
        + "]}]}";

    private static int Writes(AwsCallCounter counter) =>
        counter.CallsByOperation().Where(c => !c.Key.Contains(" Get", StringComparison.Ordinal) && !c.Key.Contains(" List", StringComparison.Ordinal) && !c.Key.Contains("Describe", StringComparison.Ordinal)).Sum(c => c.Value);

    [Fact]
    public async Task AMissingManagedPolicy_IsRefusedBeforeTheFirstWrite_WithOneGetPolicyPerDistinctArn()
    {
        var role = Names.Unique("nopolicy");
        var counter = new AwsCallCounter();
        var host = new RecordingHost();
        using var session = _world.Session(host, observer: counter);

        var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoles.NewAsync(session, Request(role, S3Read, Missing, Missing), default));

        Assert.Equal(ErrorIds.PolicyNotFound, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
        Assert.Equal(Missing, ex.Target);
        Assert.Contains(Missing, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(S3Read, ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, counter.Calls("IAM", "GetPolicy"));
        Assert.Equal(0, Writes(counter));
        Assert.Empty(host.Asked);
        using var aws = _world.Connect();
        Assert.Null(await IrsaRoles.TryGetRoleAsync(aws, role, default));
    }

    [Fact]
    public async Task AMissingPermissionsBoundary_IsRefusedTheSameWay()
    {
        var role = Names.Unique("noboundary");
        var boundary = $"arn:aws:iam::{IrsaWorld.AccountId}:policy/no-such-boundary";
        using var session = _world.Session(new RecordingHost());

        var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoles.NewAsync(session, Request(role, S3Read) with { PermissionsBoundary = boundary }, default));

        Assert.Equal(ErrorIds.PolicyNotFound, ex.ErrorId);
        Assert.Contains("permissions boundary policy " + boundary, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReRuns_CheckOnlyPoliciesNotAttachedYet()
    {
        var role = Names.Unique("rerun");
        using (var first = _world.Session(new RecordingHost()))
        {
            await IrsaRoles.NewAsync(first, Request(role, S3Read), default);
        }

        var same = new AwsCallCounter();
        using (var session = _world.Session(new RecordingHost(), observer: same))
        {
            await IrsaRoles.NewAsync(session, Request(role, S3Read), default);
        }

        Assert.Equal(0, same.Calls("IAM", "GetPolicy"));

        var more = new AwsCallCounter();
        using (var session = _world.Session(new RecordingHost(), observer: more))
        {
            var ex = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoles.NewAsync(session, Request(role, S3Read, Missing), default));
            Assert.Equal(ErrorIds.PolicyNotFound, ex.ErrorId);
        }

        Assert.Equal(1, more.Calls("IAM", "GetPolicy"));
        Assert.Equal(0, Writes(more));
    }

    [Fact]
    public async Task ANewRole_IsConfirmedOnce_WithEveryWriteListed()
    {
        var role = Names.Unique("once");
        var host = new RecordingHost();
        using var session = _world.Session(host);

        await IrsaRoles.NewAsync(session, Request(role, S3Read) with { InlinePolicies = new Dictionary<string, string> { ["read"] = PolicyOfSize(1) } }, default);

        var question = Assert.Single(host.Asked);
        Assert.Equal($"Create IAM role '{role}'", question.Action);
        Assert.Contains("1. CreateRole", question.Detail, StringComparison.Ordinal);
        Assert.Contains("2. AttachRolePolicy: Attach managed policy " + S3Read, question.Detail, StringComparison.Ordinal);
        Assert.Contains("3. PutRolePolicy: Add inline policy 'read'", question.Detail, StringComparison.Ordinal);
        Assert.False(question.HighImpact);
    }

    [Fact]
    public async Task AddingAServiceAccountToAnExistingRole_IsHighImpact()
    {
        var role = Names.Unique("broaden");
        using (var first = _world.Session(new RecordingHost()))
        {
            await IrsaRoles.NewAsync(first, Request(role), default);
        }

        var host = new RecordingHost();
        using var session = _world.Session(host);
        await IrsaRoles.NewAsync(session, Request(role) with { ServiceAccounts = [new ServiceAccountRef("payments", "api")] }, default);

        var question = Assert.Single(host.Asked);
        Assert.True(question.HighImpact);
        Assert.Contains("payments/api", question.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInlinePolicyWithAPrincipal_IsRefusedBeforeAnything()
    {
        var withPrincipal = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}]}""";
        var request = Request("ok-name") with { InlinePolicies = new Dictionary<string, string> { ["p"] = withPrincipal } };

        var ex = Assert.Throws<IrsaValidationException>(request.Validate);

        Assert.Equal(ErrorIds.InvalidInlinePolicy, ex.ErrorId);
        Assert.Contains("Principal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InlinePoliciesOverTheRoleTotal_AreRefused_WhitespaceNotCounted()
    {
        var big = PolicyOfSize(140); // about 6,300 characters each
        Assert.InRange(InlinePolicyRules.Measure(big), 5200, 10240);
        var indented = big.Replace(",", ",\n      ", StringComparison.Ordinal);
        Assert.Equal(InlinePolicyRules.Measure(big), InlinePolicyRules.Measure(indented));

        Request("ok-name").Validate();
        (Request("ok-name") with { InlinePolicies = new Dictionary<string, string> { ["a"] = indented } }).Validate();
        var ex = Assert.Throws<IrsaException>((Request("ok-name") with { InlinePolicies = new Dictionary<string, string> { ["a"] = big, ["b"] = big } }).Validate);

        Assert.Equal(ErrorIds.InlinePolicyTooLarge, ex.ErrorId);
        Assert.Contains("10,240", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRoleTotal_CountsTheInlinePoliciesTheRoleAlreadyHas()
    {
        var role = Names.Unique("total");
        var big = PolicyOfSize(140);
        using (var first = _world.Session(new RecordingHost()))
        {
            await IrsaRoles.NewAsync(first, Request(role) with { InlinePolicies = new Dictionary<string, string> { ["existing"] = big } }, default);
        }

        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), observer: counter);
        var ex = await Assert.ThrowsAsync<IrsaException>(() =>
            IrsaRoles.NewAsync(session, Request(role) with { InlinePolicies = new Dictionary<string, string> { ["more"] = big } }, default));

        Assert.Equal(ErrorIds.InlinePolicyTooLarge, ex.ErrorId);
        Assert.Contains("'existing'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, counter.Calls("IAM", "GetRolePolicy"));
        Assert.Equal(0, Writes(counter));
        using var aws = _world.Connect();
        Assert.Equal(["existing"], await aws.Iam.ListAllRolePoliciesAsync(role));
    }

    [Fact]
    public async Task RemoveRole_ConfirmsOnce_ListingEveryWrite_AndLeavesItsInstanceProfile()
    {
        var role = Names.Unique("remove");
        var profile = Names.Unique("profile");
        using (var first = _world.Session(new RecordingHost()))
        {
            await IrsaRoles.NewAsync(first, Request(role, S3Read) with { InlinePolicies = new Dictionary<string, string> { ["read"] = PolicyOfSize(1) } }, default);
        }

        await MotoIamAsync("CreateInstanceProfile", ("InstanceProfileName", profile));
        await MotoIamAsync("AddRoleToInstanceProfile", ("InstanceProfileName", profile), ("RoleName", role));

        var declined = RecordingHost.WhatIf();
        using (var session = _world.Session(declined))
        {
            Assert.Empty(await IrsaRoles.RemoveAsync(session, role, default));
        }

        var question = Assert.Single(declined.Asked);
        Assert.Contains(role, question.Action, StringComparison.Ordinal);
        Assert.Contains("Detach managed policy " + S3Read, question.Detail, StringComparison.Ordinal);
        Assert.Contains("Delete inline policy 'read'", question.Detail, StringComparison.Ordinal);
        Assert.Contains("instance profile", question.Detail, StringComparison.Ordinal);
        Assert.Contains(profile, question.Detail, StringComparison.Ordinal);
        Assert.Contains("4. DeleteRole", question.Detail, StringComparison.Ordinal);
        using var aws = _world.Connect();
        Assert.NotNull(await IrsaRoles.TryGetRoleAsync(aws, role, default));

        var host = new RecordingHost();
        using (var session = _world.Session(host))
        {
            var changes = await IrsaRoles.RemoveAsync(session, role, default);
            Assert.Equal(["DetachRolePolicy", "DeleteRolePolicy", "RemoveRoleFromInstanceProfile", "DeleteRole"], changes.Select(c => c.Action));
            Assert.All(changes, c => Assert.True(c.Applied));
        }

        Assert.Single(host.Asked);
        Assert.Null(await IrsaRoles.TryGetRoleAsync(aws, role, default));
    }

    /// <summary>An IAM write IrsaPS itself never makes (instance profiles), sent to moto, which routes on the credential scope and checks no signature.</summary>
    private async Task MotoIamAsync(string action, params (string Name, string Value)[] parameters)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _world.Moto.Endpoint)
        {
            Content = new FormUrlEncodedContent(new[] { ("Action", action), ("Version", "2010-05-08") }.Concat(parameters)
                .Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={MotoServer.AccessKey}/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, action + ": " + await response.Content.ReadAsStringAsync());
    }
}
