using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Audit.Reports;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;

namespace IrsaPS.Core.Audit;

/// <summary>
/// Invoke-IrsaAudit's entry point: the options and report file checked before any call, the audit of one cluster
/// (<see cref="IrsaAuditor"/> gathers a snapshot and runs the checks), and the SARIF or JUnit report file.
/// </summary>
public static class IrsaAudits
{
    /// <summary>
    /// Checks the options (check ids, day ranges, boundary ARN) and the report file before any call; returns the report
    /// file's full path, or null without one.
    /// </summary>
    public static string? Validate(AuditOptions options, string? reportPath)
    {
        IrsaAuditor.ValidateOptions(options);
        return reportPath is null ? null : ReportFile.Validate(reportPath);
    }

    /// <summary>Invoke-IrsaAudit: the findings over the account and one cluster.</summary>
    public static Task<AuditResult> InvokeAsync(IrsaSession session, string clusterName, AuditOptions options, CancellationToken cancellationToken) =>
        IrsaAuditor.AuditAsync(session, clusterName, options, cancellationToken);

    /// <summary>Writes the report of <paramref name="result"/> (Sarif or JUnit, failing JUnit cases at <paramref name="failAt"/>) to <paramref name="path"/>.</summary>
    public static bool WriteReport(AuditResult result, AuditOutputFormat format, string path, IrsaSeverity failAt)
    {
        ReportFile.Write(path, stream =>
        {
            if (format == AuditOutputFormat.Sarif)
            {
                SarifReportWriter.Write(result, stream);
            }
            else
            {
                JUnitReportWriter.Write(result, stream, failAt);
            }
        });
        return true;
    }
}
