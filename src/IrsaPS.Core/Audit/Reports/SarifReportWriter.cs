using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Reports;

/// <summary>
/// Writes an audit as SARIF 2.1.0 (OASIS; schema sarif-schema-2.1.0.json): one run whose driver lists every check that ran
/// as a rule (id, name, short and full description, help, default level, security-severity for GitHub), and one result per
/// finding (ruleId, ruleIndex, level, message, a logical location with the ARN or ns/name, a physical location whose
/// artifactLocation.uri is a repository-relative path standing for the resource, and partialFingerprints for stable
/// de-duplication across runs). Output is deterministic for a given result.
/// </summary>
internal static class SarifReportWriter
{
    /// <summary>The schema the log declares: the 2.1.0 schema's own id.</summary>
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>The partialFingerprints key IrsaPS's fingerprint is written under.</summary>
    public const string FingerprintKey = "irsaFindingHash/v1";

    public static void Write(AuditResult result, Stream stream)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        WriteRun(json, result);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ToJson(AuditResult result)
    {
        using var stream = new MemoryStream();
        Write(result, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRun(Utf8JsonWriter json, AuditResult result)
    {
        var rules = RulesOf(result);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            ruleIndex[rules[i].Id] = i;
        }

        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ReportText.ToolName);
        json.WriteString("version", ReportText.ToolVersion);
        json.WriteString("semanticVersion", ReportText.ToolVersion);
        json.WriteString("informationUri", ReportText.InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(json, rule);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteString("startTimeUtc", Time(result.StartedAt));
        json.WriteString("endTimeUtc", Time(result.CompletedAt));
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("automationDetails");
        json.WriteString("id", "irsaps/" + result.ClusterName + "/");
        json.WriteEndObject();

        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            WriteResult(json, result, finding, ruleIndex.TryGetValue(finding.CheckId, out var index) ? index : -1);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static List<AuditCheckInfo> RulesOf(AuditResult result)
    {
        var rules = new List<AuditCheckInfo>(result.Checks);
        foreach (var finding in result.Findings)
        {
            if (!rules.Exists(r => r.Id == finding.CheckId) && AuditCheckCatalog.Find(finding.CheckId) is { } info)
            {
                rules.Add(info);
            }
        }

        rules.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return rules;
    }

    private static void WriteRule(Utf8JsonWriter json, AuditCheckInfo rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Name);
        Text(json, "shortDescription", rule.Title);
        Text(json, "fullDescription", rule.Description);
        json.WriteStartObject("help");
        json.WriteString("text", rule.Help);
        json.WriteString("markdown", "**" + rule.Title + "**\n\n" + rule.Description + "\n\n**Fix:** " + rule.Help);
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", ReportText.Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue("security");
        json.WriteStringValue("irsa");
        json.WriteEndArray();
        json.WriteString("security-severity", ReportText.SecuritySeverity(rule.DefaultSeverity));
        json.WriteString("precision", "very-high");
        json.WriteString("problem.severity", rule.DefaultSeverity >= IrsaSeverity.High ? "error" : rule.DefaultSeverity == IrsaSeverity.Medium ? "warning" : "recommendation");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, AuditResult result, IrsaFinding finding, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.CheckId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("kind", "fail");
        json.WriteString("level", ReportText.Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message + " Fix: " + finding.Remediation);
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ReportText.ArtifactPath(result.ClusterName, finding.Resource));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", finding.RoleName ?? finding.ServiceAccountName ?? finding.Resource);
        json.WriteString("fullyQualifiedName", finding.Resource);
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, finding.Fingerprint);
        json.WriteEndObject();

        json.WriteStartObject("properties");
        json.WriteString("severity", finding.Severity.ToString());
        json.WriteString("security-severity", ReportText.SecuritySeverity(finding.Severity));
        json.WriteString("resource", finding.Resource);
        json.WriteString("remediation", finding.Remediation);
        Optional(json, "clusterName", finding.ClusterName);
        Optional(json, "roleArn", finding.RoleArn);
        Optional(json, "roleName", finding.RoleName);
        Optional(json, "namespace", finding.Namespace);
        Optional(json, "serviceAccountName", finding.ServiceAccountName);
        var keys = new List<string>(finding.Properties.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            json.WriteString(char.ToLowerInvariant(key[0]) + key.Substring(1), finding.Properties[key]);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
