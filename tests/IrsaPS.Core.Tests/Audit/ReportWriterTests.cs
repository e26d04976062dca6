using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Audit.Reports;
using IrsaPS.Core.Models;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>SARIF 2.1.0 and JUnit output of an audit with findings of several checks and severities.</summary>
public class ReportWriterTests
{
    private static AuditResult Result()
    {
        var open = Document(Statement($"{{\"StringEquals\":{{\"{HostPath}:aud\":\"sts.amazonaws.com\"}}}}", Provider()));
        var snapshot = new SnapshotBuilder()
            .Role("open", open)
            .IrsaRole("app-role", ("web", "api"))
            .ServiceAccount("web", "app", "app-role")
            .ServiceAccount("web", "gone", "missing")
            .Build();
        var result = IrsaAuditor.Evaluate(snapshot);
        return new AuditResult
        {
            ClusterName = result.ClusterName,
            Findings = result.Findings,
            Checks = result.Checks,
            Statistics = result.Statistics,
            StartedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            CompletedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 7, TimeSpan.Zero),
        };
    }

    [Fact]
    public void Sarif_MeetsTheSchemasRequiredFieldsAndAllowedProperties()
    {
        var result = Result();
        Assert.True(result.Findings.Count >= 3);

        using var document = JsonDocument.Parse(SarifReportWriter.ToJson(result));

        SarifSchema.Validate(document.RootElement);
    }

    [Fact]
    public void Sarif_CarriesRulesResultsLocationsAndFingerprints()
    {
        var result = Result();
        using var document = JsonDocument.Parse(SarifReportWriter.ToJson(result));
        var root = document.RootElement;
        var run = root.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(SarifReportWriter.SchemaUri, root.GetProperty("$schema").GetString());
        Assert.Equal("IrsaPS", driver.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("version").GetString()));
        Assert.Equal(result.Checks.Select(c => c.Id), rules.Select(r => r.GetProperty("id").GetString()));
        var rule1 = rules.Single(r => r.GetProperty("id").GetString() == "IRSA001");
        Assert.Equal("TrustWithoutSubject", rule1.GetProperty("name").GetString());
        Assert.Equal("error", rule1.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("9.5", rule1.GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Equal(result.Findings.Count, results.Count);

        var critical = results.Single(r => r.GetProperty("ruleId").GetString() == "IRSA001");
        var location = critical.GetProperty("locations")[0];
        Assert.Equal("aws/123456789012/iam/role/open", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(RoleArn("open"), location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        var finding = result.Findings.Single(f => f.CheckId == "IRSA001");
        Assert.Equal(finding.Fingerprint, critical.GetProperty("partialFingerprints").GetProperty(SarifReportWriter.FingerprintKey).GetString());
        Assert.Equal("Critical", critical.GetProperty("properties").GetProperty("severity").GetString());

        var serviceAccount = results.First(r => r.GetProperty("ruleId").GetString() == "IRSA006");
        Assert.Equal("k8s/prod/web/gone", serviceAccount.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("web", serviceAccount.GetProperty("properties").GetProperty("namespace").GetString());
    }

    [Fact]
    public void Sarif_IsDeterministic_AndValidWithoutFindings()
    {
        var result = Result();
        Assert.Equal(SarifReportWriter.ToJson(result), SarifReportWriter.ToJson(result));

        var empty = new AuditResult { ClusterName = "prod", Checks = IrsaPS.Core.Audit.Checks.AuditCheckCatalog.All };
        using var document = JsonDocument.Parse(SarifReportWriter.ToJson(empty));
        SarifSchema.Validate(document.RootElement);
        Assert.Equal(0, document.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void ArtifactPath_EncodesEverySegment()
    {
        Assert.Equal("aws/123456789012/iam/role/team%20a/app%2Bx", ReportText.ArtifactPath("prod", "arn:aws:iam::123456789012:role/team a/app+x"));
        Assert.Equal("k8s/prod/web/ReplicaSet/app-7d9", ReportText.ArtifactPath("prod", "web/ReplicaSet/app-7d9"));
        Assert.Equal("aws/123456789012/iam/oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X", ReportText.ArtifactPath("prod", "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X"));
    }

    [Fact]
    public void JUnit_HasASuitePerCheck_ACasePerResource_AndFailuresAtTheThreshold()
    {
        var result = Result();

        var all = XDocument.Parse(JUnitReportWriter.ToXml(result));
        var highOnly = XDocument.Parse(JUnitReportWriter.ToXml(result, IrsaSeverity.Critical));

        var suites = all.Root!.Elements("testsuite").ToList();
        Assert.Equal("testsuites", all.Root.Name.LocalName);
        Assert.Equal(result.Checks.Count, suites.Count);
        Assert.Equal(suites.Sum(s => int.Parse(s.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture)), int.Parse(all.Root.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        var trust = suites.Single(s => s.Attribute("name")!.Value == "IRSA001 TrustWithoutSubject");
        var failing = trust.Elements("testcase").Single();
        Assert.Equal(RoleArn("open"), failing.Attribute("name")!.Value);
        Assert.Equal("IrsaPS.IRSA001", failing.Attribute("classname")!.Value);
        Assert.Equal("Critical", failing.Element("failure")!.Attribute("type")!.Value);
        var clean = suites.Single(s => s.Attribute("name")!.Value.StartsWith("IRSA010", StringComparison.Ordinal)).Elements("testcase").Single();
        Assert.Null(clean.Element("failure"));
        Assert.Equal("OidcProviderLimit: no findings", clean.Attribute("name")!.Value);

        var failuresAll = all.Descendants("failure").Count();
        var failuresCritical = highOnly.Descendants("failure").Count();
        Assert.Equal(result.Findings.Select(f => (f.CheckId, f.Resource)).Distinct().Count(), failuresAll);
        Assert.Equal(1, failuresCritical);
        Assert.NotEmpty(highOnly.Descendants("system-out"));
        Assert.Equal(failuresCritical.ToString(System.Globalization.CultureInfo.InvariantCulture), highOnly.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public void Writers_WriteToAStream_WithoutClosingIt()
    {
        using var stream = new MemoryStream();
        SarifReportWriter.Write(Result(), stream);
        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 100);
    }
}
