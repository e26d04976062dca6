namespace IrsaPS.Core.Audit.Reports;

/// <summary>Invoke-IrsaAudit's -OutputFormat.</summary>
public enum AuditOutputFormat
{
    /// <summary>IrsaFinding objects to the pipeline.</summary>
    Objects,

    /// <summary>SARIF 2.1.0 to -OutFile (GitHub code scanning, Azure DevOps SARIF viewer).</summary>
    Sarif,

    /// <summary>JUnit XML to -OutFile (Azure DevOps PublishTestResults, GitHub test reporters).</summary>
    JUnit,
}
