using System;
using System.Reflection;
using System.Text;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Reports;

/// <summary>What both report writers share: the tool's version, and resource names made safe for paths.</summary>
internal static class ReportText
{
    public const string ToolName = "IrsaPS";

    public const string InformationUri = "https://www.powershellgallery.com/packages/IrsaPS";

    /// <summary>IrsaPS.Core's informational version without build metadata (e.g. <c>0.1.0</c>).</summary>
    public static string ToolVersion
    {
        get
        {
            var assembly = typeof(ReportText).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus >= 0 ? version.Substring(0, plus) : version;
        }
    }

    /// <summary>
    /// A repository-relative path standing for the resource (code scanning rejects URIs with other schemes): ARNs become
    /// <c>aws/&lt;account&gt;/&lt;service&gt;/&lt;resource...&gt;</c>, <c>ns/name</c> becomes <c>k8s/&lt;cluster&gt;/ns/name</c>;
    /// every segment percent-encoded.
    /// </summary>
    public static string ArtifactPath(string clusterName, string resource)
    {
        var path = new StringBuilder();
        if (Validation.Arn.TryParse(resource, out var arn))
        {
            path.Append("aws/").Append(Segment(arn.Account.Length == 0 ? arn.Partition : arn.Account)).Append('/').Append(Segment(arn.Service));
            foreach (var part in arn.Resource.Split('/'))
            {
                if (part.Length > 0)
                {
                    path.Append('/').Append(Segment(part));
                }
            }
        }
        else
        {
            path.Append("k8s/").Append(Segment(clusterName.Length == 0 ? "cluster" : clusterName));
            foreach (var part in resource.Split('/'))
            {
                if (part.Length > 0)
                {
                    path.Append('/').Append(Segment(part));
                }
            }
        }

        return path.ToString();
    }

    /// <summary>SARIF level: error for Critical/High, warning for Medium, note for Low/Info.</summary>
    public static string Level(IrsaSeverity severity) => severity switch
    {
        IrsaSeverity.Critical or IrsaSeverity.High => "error",
        IrsaSeverity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub's security-severity score (Critical over 9.0, High 7.0-8.9, Medium 4.0-6.9, Low 0.1-3.9).</summary>
    public static string SecuritySeverity(IrsaSeverity severity) => severity switch
    {
        IrsaSeverity.Critical => "9.5",
        IrsaSeverity.High => "8.0",
        IrsaSeverity.Medium => "5.5",
        IrsaSeverity.Low => "3.0",
        _ => "0.0",
    };

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
