namespace IrsaPS.Core.Models;

/// <summary>Invoke-IrsaAudit's -OutputFormat (here, in the default load context, so scripts can name [IrsaPS.Core.Models.AuditOutputFormat]).</summary>
public enum AuditOutputFormat
{
    /// <summary>IrsaFinding objects to the pipeline.</summary>
    Objects,

    /// <summary>SARIF 2.1.0 to -OutFile (GitHub code scanning, Azure DevOps SARIF viewer).</summary>
    Sarif,

    /// <summary>JUnit XML to -OutFile (Azure DevOps PublishTestResults, GitHub test reporters).</summary>
    JUnit,
}
