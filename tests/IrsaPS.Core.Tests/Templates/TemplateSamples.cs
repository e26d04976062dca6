using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Templates;

namespace IrsaPS.Core.Tests.Templates;

/// <summary>Valid parameter values for any catalog entry, in any partition (one value per parameter).</summary>
internal static class TemplateSamples
{
    public const string Account = "123456789012";

    public static string Arn(TemplateParameter parameter, string partition, string name = "sample")
    {
        var (region, account) = parameter.Service switch
        {
            "s3" or "route53" => (string.Empty, string.Empty),
            "iam" => (string.Empty, Account),
            _ => ("us-east-1", Account),
        };
        var resource = parameter.Service switch
        {
            "route53" => "hostedzone/Z0123456789" + name.ToUpperInvariant(),
            "elasticloadbalancing" => "targetgroup/" + name + "/0123456789abcdef",
            _ => (parameter.ResourcePrefix ?? string.Empty) + name,
        };
        return $"arn:{partition}:{parameter.Service}:{region}:{account}:{resource}";
    }

    /// <summary>A value for every parameter that is not taken from the cluster.</summary>
    public static Dictionary<string, IReadOnlyList<string>> All(PolicyTemplate template, string partition = "aws") =>
        template.Parameters
            .Where(p => p.WhenOmitted != TemplateParameterOmission.FromCluster)
            .ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[Arn(p, partition)]);

    public static TemplateRenderContext Context(string partition = "aws") =>
        new(partition, Account, partition switch { "aws-cn" => "cn-north-1", "aws-us-gov" => "us-gov-west-1", _ => "us-east-1" }, "prod");
}
