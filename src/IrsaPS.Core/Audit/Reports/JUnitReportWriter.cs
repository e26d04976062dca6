using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Reports;

/// <summary>
/// Writes an audit as JUnit XML, the shape Azure DevOps PublishTestResults (testResultsFormat: JUnit) and GitHub test
/// reporters read: one <c>testsuite</c> per check that ran, one <c>testcase</c> per resource with findings (a check without
/// findings has one passing case), and a <c>failure</c> for each case whose worst finding is at or above the threshold
/// (-FailOn; every finding when none is given). Findings below it pass, listed in <c>system-out</c>.
/// </summary>
internal static class JUnitReportWriter
{
    public static void Write(AuditResult result, Stream stream, IrsaSeverity failAt = IrsaSeverity.Info)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        var suites = result.Checks.Select(check => Suite(check.Id, check.Name, result.FindingsOf(check.Id), failAt)).ToList();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "IrsaPS audit of " + result.ClusterName);
        xml.WriteAttributeString("tests", Count(suites.Sum(s => s.Cases.Count)));
        xml.WriteAttributeString("failures", Count(suites.Sum(s => s.Failures)));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("time", Seconds(result.CompletedAt - result.StartedAt));
        foreach (var suite in suites)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", suite.Name);
            xml.WriteAttributeString("tests", Count(suite.Cases.Count));
            xml.WriteAttributeString("failures", Count(suite.Failures));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteAttributeString("time", "0");
            xml.WriteAttributeString("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            foreach (var testCase in suite.Cases)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "IrsaPS." + suite.Id);
                xml.WriteAttributeString("name", testCase.Name);
                xml.WriteAttributeString("time", "0");
                if (testCase.Failed)
                {
                    var worst = testCase.Findings.Max(f => f.Severity);
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", testCase.Findings[0].Message);
                    xml.WriteAttributeString("type", worst.ToString());
                    xml.WriteString(Body(testCase.Findings));
                    xml.WriteEndElement();
                }
                else if (testCase.Findings.Count > 0)
                {
                    xml.WriteElementString("system-out", Body(testCase.Findings));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    public static string ToXml(AuditResult result, IrsaSeverity failAt = IrsaSeverity.Info)
    {
        using var stream = new MemoryStream();
        Write(result, stream, failAt);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static SuiteData Suite(string id, string name, IReadOnlyList<IrsaFinding> findings, IrsaSeverity failAt)
    {
        var cases = findings
            .GroupBy(f => f.Resource, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CaseData(g.Key, g.ToList(), g.Any(f => f.Severity >= failAt)))
            .ToList();
        if (cases.Count == 0)
        {
            cases.Add(new CaseData(name + ": no findings", [], false));
        }

        return new SuiteData(id, id + " " + name, cases);
    }

    private static string Body(IReadOnlyList<IrsaFinding> findings)
    {
        var text = new StringBuilder();
        foreach (var finding in findings)
        {
            text.Append('[').Append(finding.Severity).Append("] ").Append(finding.Message).Append('\n')
                .Append("Fix: ").Append(finding.Remediation).Append('\n');
        }

        return text.ToString();
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => Math.Max(0, time.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record CaseData(string Name, List<IrsaFinding> Findings, bool Failed);

    private sealed record SuiteData(string Id, string Name, List<CaseData> Cases)
    {
        public int Failures => Cases.Count(c => c.Failed);
    }
}
