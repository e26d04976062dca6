using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;
using IrsaPS.Bench.Eksctl;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using Xunit;

namespace IrsaPS.Bench.Tests.CloudFormation;

/// <summary>The benchmark's CloudFormation Query client against moto: what eksctl sends is accepted and read back.</summary>
public sealed class CloudFormationClientWireTests : IClassFixture<MotoClassFixture>
{
    private const string Host = "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF";
    private const string Policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private readonly MotoClassFixture _moto;

    public CloudFormationClientWireTests(MotoClassFixture moto) => _moto = moto;

    [Fact]
    public async Task CreateStack_WithEksctlsTemplate_CreatesTheRoleWithItsTrustAndReportsItsArn()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        using var cloudFormation = new CloudFormationClient(aws);
        var providerArn = await ProviderAsync(aws);
        var stackName = MotoClassFixture.Unique("eksctl-demo-addon-iamserviceaccount-web");
        var roleName = MotoClassFixture.Unique("web-app");

        var stackId = await cloudFormation.CreateStackAsync(new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = EksctlTemplate.Render(Host, providerArn, "web", "app", [Policy], roleName),
            Capabilities = ["CAPABILITY_NAMED_IAM"],
            DisableRollback = false,
            Tags = [new(EksctlReplay.ClusterNameTag, "demo"), new(EksctlReplay.ServiceAccountNameTag, "web/app")],
        });

        Assert.StartsWith("arn:aws:cloudformation:us-east-1:", stackId, System.StringComparison.Ordinal);
        var stack = Assert.Single(await cloudFormation.DescribeStacksAsync(stackId));
        Assert.Equal(stackName, stack.StackName);
        Assert.Equal(stackId, stack.StackId);
        Assert.Equal(StackStatus.CreateComplete, stack.StackStatus);
        Assert.Equal($"arn:aws:iam::123456789012:role/{roleName}", stack.Outputs[EksctlTemplate.RoleResource]);
        Assert.Equal("web/app", stack.Tags[EksctlReplay.ServiceAccountNameTag]);
        Assert.Equal("demo", stack.Tags[EksctlReplay.ClusterNameTag]);

        var trust = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName })).Role.AssumeRolePolicyDocument!;
        Assert.Contains($"\"{Host}:sub\": \"system:serviceaccount:web:app\"", trust, System.StringComparison.Ordinal);
        Assert.Contains($"\"{Host}:aud\": \"sts.amazonaws.com\"", trust, System.StringComparison.Ordinal);
        Assert.Contains($"\"Federated\": \"{providerArn}\"", trust, System.StringComparison.Ordinal);

        Assert.Equal(1, counter.Calls(CloudFormationClient.ServiceName, "CreateStack"));
        Assert.Equal(1, counter.Calls(CloudFormationClient.ServiceName, "DescribeStacks"));
    }

    [Fact]
    public async Task ListStacks_WithAStatusFilter_ListsOnlyStacksInThoseStatuses()
    {
        using var aws = _moto.Connect();
        using var cloudFormation = new CloudFormationClient(aws);
        var stackName = MotoClassFixture.Unique("eksctl-demo-addon-iamserviceaccount-list");
        await cloudFormation.CreateStackAsync(new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = EksctlTemplate.Render(Host, await ProviderAsync(aws), "list", "app", [], MotoClassFixture.Unique("list-app")),
            Capabilities = ["CAPABILITY_NAMED_IAM"],
        });

        var live = await cloudFormation.ListStacksAsync(StackStatus.AllNonDeleted);
        var deleted = await cloudFormation.ListStacksAsync([StackStatus.DeleteComplete]);

        var summary = Assert.Single(live.Summaries, s => s.StackName == stackName);
        Assert.Equal(StackStatus.CreateComplete, summary.StackStatus);
        Assert.StartsWith("arn:aws:cloudformation:", summary.StackId, System.StringComparison.Ordinal);
        Assert.Null(live.NextToken);
        Assert.DoesNotContain(deleted.Summaries, s => s.StackName == stackName);
    }

    [Fact]
    public async Task DescribeStacks_OfAStackThatDoesNotExist_FailsWithValidationError()
    {
        using var aws = _moto.Connect();
        using var cloudFormation = new CloudFormationClient(aws);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => cloudFormation.DescribeStacksAsync(MotoClassFixture.Unique("missing")));

        Assert.Equal("ValidationError", error.AwsErrorCode);
        Assert.Equal(CloudFormationClient.ServiceName, error.Service);
        Assert.Equal("DescribeStacks", error.Operation);
    }

    private static async Task<string> ProviderAsync(AwsConnection aws)
    {
        var existing = await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());
        if (existing.OpenIDConnectProviderList.FirstOrDefault(p => p.Arn.EndsWith(Host, System.StringComparison.Ordinal)) is { } found)
        {
            return found.Arn;
        }

        var created = await aws.Iam.CreateOpenIDConnectProviderAsync(new CreateOpenIDConnectProviderRequest
        {
            Url = "https://" + Host,
            ClientIDList = new List<string> { "sts.amazonaws.com" },
            ThumbprintList = new List<string> { new('0', 40) },
        });
        return created.OpenIDConnectProviderArn;
    }
}
