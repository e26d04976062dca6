using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Templates;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>New-IrsaRole -PolicyTemplate against moto: what IAM ends up with, idempotence, refusals before any write.</summary>
public class TemplateRoleCreationTests : IClassFixture<IrsaWorld>
{
    private const string Zone = "arn:aws:route53:::hostedzone/Z0123456789ABC";
    private readonly IrsaWorld _world;

    public TemplateRoleCreationTests(IrsaWorld world) => _world = world;

    private static NewRoleRequest Request(string role, string template, Dictionary<string, IReadOnlyList<string>>? parameters = null, bool allowUnscoped = false, string? templateRole = null) => new()
    {
        RoleName = role,
        ClusterName = IrsaWorld.ClusterName,
        Template = new PolicyTemplateSelection
        {
            Name = template,
            Role = templateRole,
            Parameters = parameters ?? new Dictionary<string, IReadOnlyList<string>>(),
            AllowUnscoped = allowUnscoped,
        },
    };

    [Fact]
    public async Task TheLoadBalancerControllersRoleGetsUpstreamsPolicyAndTrustsItsServiceAccount()
    {
        var role = Names.Unique("lbc");
        using var session = _world.Session(new RecordingHost());

        var result = Assert.Single(await IrsaRoles.NewAsync(session, Request(role, "AwsLoadBalancerController"), default));

        Assert.Equal(("kube-system", "aws-load-balancer-controller"), (result.Namespace, result.ServiceAccountName));
        using var aws = _world.Connect();
        Assert.Equal(["IrsaPS-AwsLoadBalancerController"], await aws.Iam.ListAllRolePoliciesAsync(role));
        var stored = (await aws.Iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "IrsaPS-AwsLoadBalancerController" })).PolicyDocument;
        var expected = PolicyTemplateRenderer.Render(PolicyTemplateCatalog.Find("AwsLoadBalancerController"), null, new TemplateRenderContext("aws"), null, false).InlinePolicy;
        Assert.Equal(expected, PolicyJsonFormat.Compact(stored!));
        var trust = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role.AssumeRolePolicyDocument!;
        Assert.Contains("system:serviceaccount:kube-system:aws-load-balancer-controller", trust, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScopedTemplateIsRenderedForTheClusterAndARerunWritesNothing()
    {
        var role = Names.Unique("dns");
        var parameters = new Dictionary<string, IReadOnlyList<string>> { ["HostedZoneArn"] = [Zone] };
        using (var first = _world.Session(new RecordingHost()))
        {
            await IrsaRoles.NewAsync(first, Request(role, "ExternalDns", parameters), default);
        }

        var counter = new AwsCallCounter();
        var host = new RecordingHost();
        using (var second = _world.Session(host, observer: counter))
        {
            var again = Assert.Single(await IrsaRoles.NewAsync(second, Request(role, "externaldns", parameters), default));
            Assert.Empty(again.Changes);
        }

        Assert.Empty(host.Asked);
        Assert.DoesNotContain(counter.CallsByOperation().Keys, k => !k.Contains(" Get", StringComparison.Ordinal) && !k.Contains(" List", StringComparison.Ordinal) && !k.Contains("Describe", StringComparison.Ordinal));
        using var aws = _world.Connect();
        var stored = PolicyDocument.Parse((await aws.Iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "IrsaPS-ExternalDns" })).PolicyDocument!);
        Assert.Equal([Zone], stored.Statements.Single(s => s.Action!.Contains("route53:ChangeResourceRecordSets")).Resource!);
    }

    [Fact]
    public async Task ManagedPoliciesAreAttachedInsteadOfInlineOnes()
    {
        var role = Names.Unique("ebs");
        using var session = _world.Session(new RecordingHost());

        await IrsaRoles.NewAsync(session, Request(role, "EbsCsiDriver"), default);

        using var aws = _world.Connect();
        Assert.Equal(["arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2"], (await aws.Iam.ListAllAttachedRolePoliciesAsync(role)).Select(p => p.PolicyArn));
        Assert.Empty(await aws.Iam.ListAllRolePoliciesAsync(role));
    }

    [Fact]
    public async Task AMissingScopeIsRefusedBeforeAnyCall_AllowUnscopedConfirmsAsBroadening()
    {
        var role = Names.Unique("velero");
        var counter = new AwsCallCounter();
        using (var session = _world.Session(new RecordingHost(), observer: counter))
        {
            var refused = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoles.NewAsync(session, Request(role, "Velero"), default));
            Assert.Equal(ErrorIds.TemplateScopeRequired, refused.ErrorId);
            var bad = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoles.NewAsync(
                session, Request(role, "Velero", new() { ["BucketArn"] = ["arn:aws:sqs:us-east-1:123456789012:q"] }), default));
            Assert.Equal(ErrorIds.InvalidTemplateParameter, bad.ErrorId);
        }

        Assert.Equal(0, counter.TotalCalls);
        using (var aws = _world.Connect())
        {
            Assert.Null(await IrsaRoles.TryGetRoleAsync(aws, role, default));
        }

        var host = new RecordingHost();
        using var allowed = _world.Session(host);
        await IrsaRoles.NewAsync(allowed, Request(role, "Velero", allowUnscoped: true), default);
        // A new role is confirmed once, listing every write; the unscoped template makes that one question high impact.
        var create = Assert.Single(host.Asked);
        Assert.True(create.HighImpact);
        Assert.Contains("inline policy 'IrsaPS-Velero'", create.Detail, StringComparison.Ordinal);
        Assert.Contains("BucketArn", create.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPartitionIsRefusedBeforeAnyWrite()
    {
        var role = Names.Unique("gov");
        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), observer: counter);

        var refused = await Assert.ThrowsAsync<IrsaValidationException>(() => IrsaRoles.NewAsync(
            session, Request(role, "ExternalDns", new() { ["HostedZoneArn"] = ["arn:aws-us-gov:route53:::hostedzone/Z1"] }), default));

        Assert.Equal(ErrorIds.InvalidTemplateParameter, refused.ErrorId);
        Assert.DoesNotContain(counter.CallsByOperation().Keys, k => !k.Contains("Describe", StringComparison.Ordinal) && !k.Contains("Get", StringComparison.Ordinal) && !k.Contains("List", StringComparison.Ordinal));
    }
}
