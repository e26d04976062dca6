using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Templates;
using Xunit;

namespace IrsaPS.Core.Tests.Templates;

/// <summary>Rendering: parameter checks before anything is written, scope rules, expansion, dropping, quotas.</summary>
public class PolicyTemplateRendererTests
{
    private const string Zone = "arn:aws:route53:::hostedzone/Z0123456789ABC";

    private static Dictionary<string, IReadOnlyList<string>> P(string name, params string[] values) => new() { [name] = values };

    private static IrsaValidationException Fails(string template, IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters, bool allowUnscoped = false, string? role = null, string partition = "aws") =>
        Assert.ThrowsAny<IrsaValidationException>(() =>
            PolicyTemplateRenderer.Render(PolicyTemplateCatalog.Find(template), role, TemplateSamples.Context(partition), parameters, allowUnscoped));

    [Fact]
    public void AScopedWriteWithoutItsScopeIsAnErrorNamingTheParameterAndTheSwitch()
    {
        var error = Fails("ExternalDns", null);

        Assert.Equal(ErrorIds.TemplateScopeRequired, error.ErrorId);
        Assert.Equal("HostedZoneArn", error.Target);
        Assert.Contains("-AllowUnscopedTemplate", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.TemplateScopeRequired, Fails("Velero", null).ErrorId);
        Assert.Equal(ErrorIds.TemplateScopeRequired, Fails("NodeTerminationHandler", null).ErrorId);
        Assert.Equal(ErrorIds.TemplateScopeRequired, Fails("MountpointS3CsiDriver", null).ErrorId);
    }

    [Fact]
    public void AWildcardValueCountsAsLeavingTheScopeOut()
    {
        Assert.Equal(ErrorIds.TemplateScopeRequired, Fails("ExternalDns", P("HostedZoneArn", "arn:aws:route53:::hostedzone/*")).ErrorId);
        Assert.Equal(ErrorIds.TemplateScopeRequired, Fails("Velero", P("BucketArn", "arn:aws:s3:::*")).ErrorId);
        Assert.Equal(ErrorIds.TemplateScopeRequired, Fails("NodeTerminationHandler", P("QueueArn", "*")).ErrorId);
    }

    [Fact]
    public void AllowUnscopedFallsBackToUpstreamsEveryResourceAndSaysSo()
    {
        var template = PolicyTemplateCatalog.Find("ExternalDns");
        var rendered = PolicyTemplateRenderer.Render(template, null, TemplateSamples.Context(), null, allowUnscoped: true);

        Assert.Equal(["HostedZoneArn"], rendered.Unscoped);
        var write = PolicyDocument.Parse(rendered.InlinePolicy!).Statements.Single(s => s.Action!.Contains("route53:ChangeResourceRecordSets"));
        Assert.Equal(["arn:aws:route53:::hostedzone/*"], write.Resource!);
    }

    [Fact]
    public void ScopedValuesReplaceThePlaceholderAndSeveralValuesExpand()
    {
        var template = PolicyTemplateCatalog.Find("Velero");
        var rendered = PolicyTemplateRenderer.Render(template, null, TemplateSamples.Context("aws-cn"), P("BucketArn", "arn:aws-cn:s3:::backups-a", "arn:aws-cn:s3:::backups-b"), allowUnscoped: false);

        var statements = PolicyDocument.Parse(rendered.InlinePolicy!).Statements;
        Assert.Equal(["arn:aws-cn:s3:::backups-a/*", "arn:aws-cn:s3:::backups-b/*"], statements.Single(s => s.Action!.Contains("s3:PutObject")).Resource!);
        Assert.Equal(["arn:aws-cn:s3:::backups-a", "arn:aws-cn:s3:::backups-b"], statements.Single(s => s.Action!.Contains("s3:ListBucket")).Resource!);
        Assert.Empty(rendered.Unscoped);
    }

    [Fact]
    public void ValuesAreCheckedForServiceResourceTypeAndPartition()
    {
        Assert.Equal(ErrorIds.InvalidTemplateParameter, Fails("ExternalDns", P("HostedZoneArn", "arn:aws:s3:::bucket")).ErrorId);
        Assert.Equal(ErrorIds.InvalidTemplateParameter, Fails("ExternalDns", P("HostedZoneArn", "arn:aws:route53:::change/C1")).ErrorId);
        Assert.Equal(ErrorIds.InvalidTemplateParameter, Fails("ExternalDns", P("HostedZoneArn", "Z0123456789ABC")).ErrorId);
        var partition = Fails("ExternalDns", P("HostedZoneArn", Zone), partition: "aws-us-gov");
        Assert.Equal(ErrorIds.InvalidTemplateParameter, partition.ErrorId);
        Assert.Contains("aws-us-gov", partition.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.InvalidTemplateParameter, Fails("Karpenter", P("NodeRoleArn", "arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b")).ErrorId);
        Assert.Equal(ErrorIds.InvalidTemplateParameter, Fails("ClusterAutoscaler", P("ClusterName", "other")).ErrorId);
    }

    [Fact]
    public void UnknownParametersAndMissingRequiredOnesAreErrors()
    {
        Assert.Equal(ErrorIds.UnknownTemplateParameter, Fails("AwsLoadBalancerController", P("HostedZoneArn", Zone)).ErrorId);
        Assert.Equal(ErrorIds.UnknownTemplateParameter, Fails("ExternalDns", P("ZoneArn", Zone)).ErrorId);
        Assert.Equal(ErrorIds.TemplateParameterRequired, Fails("Karpenter", null).ErrorId);
        var oneOf = Fails("ExternalSecrets", null);
        Assert.Equal(ErrorIds.TemplateParameterRequired, oneOf.ErrorId);
        Assert.Contains("SecretArn, ParameterArn", oneOf.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalParametersDropTheirStatements()
    {
        var template = PolicyTemplateCatalog.Find("ExternalSecrets");
        var rendered = PolicyTemplateRenderer.Render(template, null, TemplateSamples.Context(), P("SecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-*"), allowUnscoped: false);

        var actions = PolicyDocument.Parse(rendered.InlinePolicy!).Statements.SelectMany(s => s.Action!).ToList();
        Assert.Contains("secretsmanager:GetSecretValue", actions);
        Assert.DoesNotContain("ssm:GetParameter*", actions);
        Assert.DoesNotContain("kms:Decrypt", actions);
        Assert.Equal(["ParameterArn", "KmsKeyArn"], rendered.Omitted);

        var ebs = PolicyTemplateRenderer.Render(PolicyTemplateCatalog.Find("EbsCsiDriver"), null, TemplateSamples.Context(), null, allowUnscoped: false);
        Assert.Null(ebs.InlinePolicy);
        Assert.Equal(["arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2"], ebs.ManagedPolicyArns);
    }

    [Fact]
    public void ClusterValuesFillConditionKeysAndResources()
    {
        var template = PolicyTemplateCatalog.Find("Karpenter");
        var rendered = PolicyTemplateRenderer.Render(template, null, TemplateSamples.Context(), P("NodeRoleArn", "arn:aws:iam::123456789012:role/KarpenterNodeRole-prod"), allowUnscoped: false);

        Assert.Contains("\"aws:ResourceTag/kubernetes.io/cluster/prod\":\"owned\"", rendered.InlinePolicy, StringComparison.Ordinal);
        Assert.Contains("arn:aws:eks:us-east-1:123456789012:cluster/prod", rendered.InlinePolicy, StringComparison.Ordinal);
        Assert.Contains("\"Resource\":\"arn:aws:iam::123456789012:role/KarpenterNodeRole-prod\"", rendered.InlinePolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("sqs:", rendered.InlinePolicy, StringComparison.Ordinal);
        Assert.True(rendered.FitsInlinePolicies);
    }

    [Fact]
    public void TemplatesWithSeveralRolesNeedOne()
    {
        Assert.Equal(ErrorIds.TemplateRoleRequired, Fails("EfsCsiDriver", null).ErrorId);
        Assert.Equal(ErrorIds.TemplateRoleRequired, Fails("EfsCsiDriver", null, role: "daemon").ErrorId);
        var node = PolicyTemplateRenderer.Render(PolicyTemplateCatalog.Find("EfsCsiDriver"), "node", TemplateSamples.Context(), P("S3BucketArn", "arn:aws:s3:::files"), allowUnscoped: false);
        Assert.Equal("IrsaPS-EfsCsiDriver-Node", node.InlinePolicyName);
        Assert.Contains("arn:aws:s3:::files/*", node.InlinePolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void ARenderingAboveTheInlineQuotaSaysWhichQuotaItBreaks()
    {
        var groups = Enumerable.Range(0, 160).Select(i => $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/target-group-number-{i:D4}/0123456789abcdef").ToArray();
        var error = Fails("AwsLoadBalancerControllerTargetGroupBinding", P("TargetGroupArn", groups));

        Assert.Equal(ErrorIds.TemplatePolicyTooLarge, error.ErrorId);
        Assert.Contains("10,240", error.Message, StringComparison.Ordinal);

        var preview = PolicyTemplateRenderer.Preview(PolicyTemplateCatalog.Find("AwsLoadBalancerControllerTargetGroupBinding"), null, TemplateSamples.Context(), P("TargetGroupArn", groups[..70]), allowUnscoped: false);
        Assert.False(preview.FitsManagedPolicy);
        Assert.True(preview.FitsInlinePolicies);
    }

    [Fact]
    public void APreviewLeavesMissingValuesAsPlaceholders()
    {
        var preview = PolicyTemplateRenderer.Preview(PolicyTemplateCatalog.Find("Karpenter"), null, new TemplateRenderContext("aws"), null, allowUnscoped: false);

        Assert.False(preview.IsComplete);
        Assert.Contains("NodeRoleArn", preview.Missing);
        Assert.Contains("ClusterName", preview.Missing);
        Assert.Contains("${NodeRoleArn}", preview.InlinePolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLoadBalancerControllerNeedsNoParametersAndMatchesUpstreamsPartitionFiles()
    {
        var template = PolicyTemplateCatalog.Find("AwsLoadBalancerController");
        Assert.Empty(template.Parameters);
        foreach (var partition in new[] { "aws", "aws-cn", "aws-us-gov" })
        {
            var rendered = PolicyTemplateRenderer.Render(template, null, TemplateSamples.Context(partition), null, allowUnscoped: false);
            var document = PolicyDocument.Parse(rendered.InlinePolicy!);
            Assert.Equal(16, document.Statements.Count);
            Assert.Contains(document.Statements, s => s.Resource!.Contains($"arn:{partition}:ec2:*:*:security-group/*"));
            Assert.True(rendered.FitsManagedPolicy);
        }
    }
}
