using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using IrsaPS.Completion;
using IrsaPS.Core.Audit;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Infrastructure;

namespace IrsaPS.Audit;

/// <summary>
/// Invoke-IrsaAudit: the IRSA checks over an EKS cluster and its account (trusts without sub or aud, wildcard
/// subjects, annotated roles that are missing or do not trust the account, hostNetwork pods, shared roles, quotas...),
/// as IrsaFinding objects or as a SARIF / JUnit file for CI. Options and -OutFile are checked before anything is read.
/// With -FailOn, after everything was written (every cluster piped in), an error that stops the script like <c>throw</c>
/// (IrsaAuditFailed) fails the CI step when findings at or above that severity exist: <c>pwsh -File</c> and
/// <c>pwsh -Command</c> exit with 1, with or without $ErrorActionPreference = 'Stop' (see <see cref="ScriptTerminatingError"/>).
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "IrsaAudit")]
[OutputType(typeof(IrsaFinding))]
public sealed class InvokeIrsaAuditCommand : IrsaKubernetesCmdlet
{
    private readonly List<string> _failures = [];
    private string? _reportedCluster;
    private string? _reportPath;
    private AuditOptions _options = AuditOptions.Default;

    /// <summary>The EKS cluster to audit (with its account).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>Checks to run, by id (IRSA007) or name; the default set when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(AuditCheckCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Check { get; set; }

    /// <summary>The permissions boundary every IRSA role must have (adds check IRSA014).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RequiredPermissionsBoundary { get; set; }

    /// <summary>Objects (IrsaFinding to the pipeline), Sarif or JUnit (to -OutFile).</summary>
    [Parameter]
    public AuditOutputFormat OutputFormat { get; set; } = AuditOutputFormat.Objects;

    /// <summary>The report file for -OutputFormat Sarif or JUnit.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>After writing everything, fail (IrsaAuditFailed) when findings at or above this severity exist.</summary>
    [Parameter]
    public IrsaSeverity? FailOn { get; set; }

    /// <summary>With Sarif or JUnit, also write the findings to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Adds the CloudTrail checks (IRSA031-IRSA033) to the default set.</summary>
    [Parameter]
    public SwitchParameter IncludeCloudTrail { get; set; }

    /// <summary>The CloudTrail window of IRSA031-IRSA033, in days up to now (1-90).</summary>
    [Parameter]
    public int ActivityDays { get; set; } = 30;

    /// <summary>IRSA030: a role unused for more than this many days (1-400) is reported.</summary>
    [Parameter]
    public int UnusedRoleDays { get; set; } = 90;

    /// <summary>Everything that does not depend on the piped cluster is checked here, before any call.</summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var format = OutputFormat;
        if ((format == AuditOutputFormat.Objects) == (OutFile is not null))
        {
            ThrowFailure(
                new IrsaValidationException(
                    ErrorIds.InvalidParameterCombination,
                    format == AuditOutputFormat.Objects
                        ? "-OutFile needs -OutputFormat Sarif or JUnit."
                        : $"-OutputFormat {format} writes a file: give -OutFile."),
                OutFile);
        }

        try
        {
            _options = new AuditOptions
            {
                Checks = Check,
                RequiredPermissionsBoundaryArn = RequiredPermissionsBoundary,
                IncludeCloudTrail = IncludeCloudTrail.IsPresent,
                ActivityDays = ActivityDays,
                UnusedRoleDays = UnusedRoleDays,
            };
            _reportPath = IrsaAudits.Validate(_options, OutFile is null ? null : ResolvePath(OutFile));
        }
        catch (IrsaException ex)
        {
            ThrowFailure(ex, ex.Target);
        }
    }

    protected override void ProcessRecord()
    {
        var clusterName = ClusterName;
        var format = OutputFormat;
        var failOn = FailOn;
        var options = _options;
        if (!TryRun(
            clusterName,
            (session, ct) => IrsaAudits.InvokeAsync(session, clusterName, options, ct),
            out var result))
        {
            return;
        }

        if (format != AuditOutputFormat.Objects)
        {
            // One file holds one cluster's report: a second cluster piped in would silently replace the first one's.
            if (_reportedCluster is not null && !string.Equals(_reportedCluster, clusterName, StringComparison.Ordinal))
            {
                WriteError(ErrorMapping.ToErrorRecord(
                    new IrsaValidationException(
                        ErrorIds.InvalidParameterCombination,
                        $"-OutFile already holds the {format} report of cluster '{_reportedCluster}', so the report of cluster '{clusterName}' was not written. Run Invoke-IrsaAudit once per cluster, each with its own -OutFile.",
                        clusterName),
                    clusterName));
            }
            else
            {
                var path = _reportPath!;
                if (TryRunOperation(path, (_, _) => Task.FromResult(IrsaAudits.WriteReport(result, format, path, failOn ?? IrsaSeverity.Info)), out _))
                {
                    _reportedCluster = clusterName;
                    WriteVerbose($"Wrote the {format} report of {result.Findings.Count} finding(s) to {path}.");
                }
                else if (failOn is not null)
                {
                    // A CI gate whose report is missing must not pass: the error above says why, the gate fails at the end.
                    _failures.Add($"cluster '{clusterName}': the {format} report could not be written to {path}");
                }
            }
        }

        if (format == AuditOutputFormat.Objects || PassThru)
        {
            WriteResults(result.Findings);
        }

        if (failOn is { } threshold && result.HasFindingsAtOrAbove(threshold))
        {
            _failures.Add(string.Format(
                CultureInfo.InvariantCulture,
                "cluster '{0}': {1} finding(s) at or above {2} (highest: {3})",
                result.ClusterName,
                result.Findings.Count(f => f.Severity >= threshold),
                threshold,
                result.HighestSeverity));
        }
    }

    /// <summary>-FailOn fails once, after every cluster piped in was audited and written.</summary>
    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_failures.Count > 0)
        {
            var message = "The IRSA audit failed: " + string.Join("; ", _failures) + ".";
            throw ScriptTerminatingError.Create(
                new ErrorRecord(new InvalidOperationException(message), ErrorIds.IrsaAuditFailed, ErrorCategory.InvalidResult, FailOn?.ToString()),
                this);
        }
    }
}
