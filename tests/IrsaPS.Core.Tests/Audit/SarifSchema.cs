using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>
/// The parts of the SARIF 2.1.0 schema that constrain the objects IrsaPS emits, transcribed from
/// oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json (id https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json):
/// each definition's "required" list (and anyOf alternatives), its declared properties (the schema sets
/// "additionalProperties": false on all of them except propertyBag), and the enums and minimums of the values written.
/// <see cref="Validate"/> walks a log and fails on the first violation, naming its JSON path.
/// </summary>
internal static class SarifSchema
{
    private static readonly Dictionary<string, (string[] Required, string[] Allowed)> Definitions = new(StringComparer.Ordinal)
    {
        ["sarifLog"] = (["version", "runs"], ["$schema", "version", "runs", "inlineExternalProperties", "properties"]),
        ["run"] = (["tool"], ["tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties"]),
        ["tool"] = (["driver"], ["driver", "extensions", "properties"]),
        ["toolComponent"] = (["name"], ["guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"]),
        ["reportingDescriptor"] = (["id"], ["id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties"]),
        ["multiformatMessageString"] = (["text"], ["text", "markdown", "properties"]),
        ["reportingConfiguration"] = ([], ["enabled", "level", "rank", "parameters", "properties"]),
        ["invocation"] = (["executionSuccessful"], ["commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode", "ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications", "toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber", "processStartFailureMessage", "executionSuccessful", "machine", "account", "processId", "executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr", "stdoutStderr", "properties"]),
        ["runAutomationDetails"] = ([], ["description", "id", "guid", "correlationGuid", "properties"]),
        ["result"] = (["message"], ["ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties"]),
        ["message"] = ([], ["text", "markdown", "id", "arguments", "properties"]),
        ["location"] = ([], ["id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"]),
        ["physicalLocation"] = ([], ["address", "artifactLocation", "region", "contextRegion", "properties"]),
        ["artifactLocation"] = ([], ["uri", "uriBaseId", "index", "description", "properties"]),
        ["region"] = ([], ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"]),
        ["logicalLocation"] = ([], ["name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"]),
    };

    private static readonly string[] Levels = ["none", "note", "warning", "error"];
    private static readonly string[] Kinds = ["notApplicable", "pass", "fail", "review", "open", "informational"];

    public static void Validate(JsonElement log)
    {
        Object(log, "sarifLog", "$");
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var runs = log.GetProperty("runs");
        Assert.Equal(JsonValueKind.Array, runs.ValueKind);
        var r = 0;
        foreach (var run in runs.EnumerateArray())
        {
            Run(run, $"$.runs[{r++}]");
        }
    }

    private static void Run(JsonElement run, string path)
    {
        Object(run, "run", path);
        var tool = run.GetProperty("tool");
        Object(tool, "tool", path + ".tool");
        var driver = tool.GetProperty("driver");
        Object(driver, "toolComponent", path + ".tool.driver");
        Assert.True(Uri.IsWellFormedUriString(driver.GetProperty("informationUri").GetString(), UriKind.Absolute), "informationUri must be an absolute URI");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(rules.Count, rules.Select(x => x.GetProperty("id").GetString()).Distinct().Count());
        for (var i = 0; i < rules.Count; i++)
        {
            Rule(rules[i], $"{path}.tool.driver.rules[{i}]");
        }

        if (run.TryGetProperty("invocations", out var invocations))
        {
            foreach (var invocation in invocations.EnumerateArray())
            {
                Object(invocation, "invocation", path + ".invocations[]");
                Assert.True(invocation.GetProperty("executionSuccessful").ValueKind is JsonValueKind.True or JsonValueKind.False);
            }
        }

        if (run.TryGetProperty("automationDetails", out var automation))
        {
            Object(automation, "runAutomationDetails", path + ".automationDetails");
        }

        if (run.TryGetProperty("columnKind", out var columnKind))
        {
            Assert.Contains(columnKind.GetString(), new[] { "utf16CodeUnits", "unicodeCodePoints" });
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        for (var i = 0; i < results.Count; i++)
        {
            Result(results[i], rules, $"{path}.results[{i}]");
        }
    }

    private static void Rule(JsonElement rule, string path)
    {
        Object(rule, "reportingDescriptor", path);
        foreach (var name in new[] { "shortDescription", "fullDescription", "help" })
        {
            if (rule.TryGetProperty(name, out var text))
            {
                Object(text, "multiformatMessageString", path + "." + name);
            }
        }

        if (rule.TryGetProperty("defaultConfiguration", out var configuration))
        {
            Object(configuration, "reportingConfiguration", path + ".defaultConfiguration");
            Assert.Contains(configuration.GetProperty("level").GetString(), Levels);
        }

        if (rule.TryGetProperty("properties", out var properties))
        {
            PropertyBag(properties, path + ".properties");
        }
    }

    private static void Result(JsonElement result, List<JsonElement> rules, string path)
    {
        Object(result, "result", path);
        var message = result.GetProperty("message");
        Object(message, "message", path + ".message");
        Assert.True(message.TryGetProperty("text", out _) || message.TryGetProperty("id", out _), path + ".message needs text or id (anyOf)");
        Assert.Contains(result.GetProperty("level").GetString(), Levels);
        Assert.Contains(result.GetProperty("kind").GetString(), Kinds);
        var index = result.GetProperty("ruleIndex").GetInt32();
        Assert.InRange(index, 0, rules.Count - 1);
        Assert.Equal(rules[index].GetProperty("id").GetString(), result.GetProperty("ruleId").GetString());
        var locations = result.GetProperty("locations").EnumerateArray().ToList();
        Assert.NotEmpty(locations);
        foreach (var location in locations)
        {
            Object(location, "location", path + ".locations[]");
            var physical = location.GetProperty("physicalLocation");
            Object(physical, "physicalLocation", path + ".locations[].physicalLocation");
            Assert.True(physical.TryGetProperty("address", out _) || physical.TryGetProperty("artifactLocation", out _), "physicalLocation needs address or artifactLocation (anyOf)");
            var artifact = physical.GetProperty("artifactLocation");
            Object(artifact, "artifactLocation", path + ".locations[].physicalLocation.artifactLocation");
            var uri = artifact.GetProperty("uri").GetString()!;
            Assert.False(string.IsNullOrEmpty(uri));
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), $"{uri} must be a relative uri-reference (GitHub rejects other schemes)");
            var region = physical.GetProperty("region");
            Object(region, "region", path + ".locations[].physicalLocation.region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            foreach (var logical in location.GetProperty("logicalLocations").EnumerateArray())
            {
                Object(logical, "logicalLocation", path + ".locations[].logicalLocations[]");
            }
        }

        foreach (var fingerprint in result.GetProperty("partialFingerprints").EnumerateObject())
        {
            Assert.Equal(JsonValueKind.String, fingerprint.Value.ValueKind);
        }

        PropertyBag(result.GetProperty("properties"), path + ".properties");
    }

    private static void PropertyBag(JsonElement bag, string path)
    {
        Assert.Equal(JsonValueKind.Object, bag.ValueKind);
        if (bag.TryGetProperty("tags", out var tags))
        {
            var list = tags.EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.Equal(list.Count, list.Distinct().Count());
        }
    }

    private static void Object(JsonElement element, string definition, string path)
    {
        Assert.True(element.ValueKind == JsonValueKind.Object, $"{path} must be an object ({definition})");
        var (required, allowed) = Definitions[definition];
        foreach (var name in required)
        {
            Assert.True(element.TryGetProperty(name, out _), $"{path} ({definition}) lacks the required property '{name}'");
        }

        foreach (var property in element.EnumerateObject())
        {
            Assert.True(allowed.Contains(property.Name), $"{path} ({definition}) has '{property.Name}', which the schema does not allow (additionalProperties: false)");
        }
    }
}
