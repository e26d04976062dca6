using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using IrsaPS.Completion;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Models;
using IrsaPS.Infrastructure;

namespace IrsaPS.Activity;

/// <summary>
/// Get-IrsaRoleActivity: CloudTrail's AssumeRoleWithWebIdentity events joined to IRSA roles, their trusts and the
/// clusters that issued the tokens, per (role, service account, cluster), from LookupEvents or from trail log files on
/// disk (-Path). Roles come from -RoleName/-RoleArn, from the clusters named (-ClusterName: their IRSA roles), or are
/// every IRSA role of the account; piped roles and service accounts are collected and read in one pass at the end, so a
/// pipeline of 200 roles costs one LookupEvents scan, not 200. Ctrl+C stops the read; PowerShell cannot write objects
/// after a stop, so the rows of what was read are left in $global:IrsaRoleActivityPartial.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IrsaRoleActivity")]
[OutputType(typeof(IrsaRoleActivity))]
public sealed class GetIrsaRoleActivityCommand : IrsaAwsCmdlet
{
    /// <summary>The variable that keeps the rows read before Ctrl+C.</summary>
    public const string PartialVariable = "IrsaRoleActivityPartial";

    private readonly List<string> _roleNames = [];
    private readonly List<string> _roleArns = [];
    private readonly List<string> _clusterNames = [];
    private readonly List<string> _regions = [];
    private Task<RoleActivityResult>? _running;

    /// <summary>A role whose activity to read. Binds from IrsaRole and IrsaServiceAccount objects.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string? RoleName { get; set; }

    /// <summary>A role by ARN (it must belong to the caller's account).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    /// <summary>A cluster: without a role, its IRSA roles; with roles, it names the rows' cluster.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    /// <summary>Only rows of service accounts in this namespace.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Namespace { get; set; }

    /// <summary>Only rows of service accounts with this name.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ServiceAccountName { get; set; }

    /// <summary>The regions to read (events are recorded in the region of the STS endpoint called); the connection's region by default.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public new string[]? Region { get; set; }

    /// <summary>The window: the last N days (default 7; at most 90 with LookupEvents).</summary>
    [Parameter]
    public int? Days { get; set; }

    /// <summary>The window's start (instead of -Days).</summary>
    [Parameter]
    public DateTime? StartTime { get; set; }

    /// <summary>The window's end; now by default.</summary>
    [Parameter]
    public DateTime? EndTime { get; set; }

    /// <summary>CloudTrail log files or folders (as S3 delivers them) to read instead of LookupEvents.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    protected override void ProcessRecord()
    {
        Add(_roleNames, RoleName);
        Add(_roleArns, RoleArn);
        Add(_clusterNames, ClusterName);
        foreach (var region in Region ?? [])
        {
            Add(_regions, region);
        }
    }

    protected override void EndProcessing()
    {
        // One session, in the first region asked for: IAM is global, and the core opens a CloudTrail client per region.
        base.Region = _regions.FirstOrDefault();
        var request = new RoleActivityRequest
        {
            RoleNames = _roleNames,
            RoleArns = _roleArns,
            ClusterNames = _clusterNames,
            Namespace = Namespace,
            ServiceAccountName = ServiceAccountName,
            Regions = _regions,
            Days = Days,
            StartTime = StartTime,
            EndTime = EndTime,
            Paths = (Path ?? []).Select(ResolvePath).ToList(),
        };
        try
        {
            if (TryRun(
                _roleNames.Concat(_roleArns).Concat(_clusterNames).FirstOrDefault(),
                (session, ct) => _running = IrsaRoleActivities.GetAsync(session, request, ct),
                out var result))
            {
                WriteResults(result.Activities);
                WriteVerbose(string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    "{0:N0} AssumeRoleWithWebIdentity event(s) read, {1:N0} of them about the {2:N0} role(s) asked about, from {3}.",
                    result.EventsRead,
                    result.EventsMatched,
                    result.Roles,
                    result.Read.Source == "TrailFiles" ? $"{result.Read.FilesRead} trail file(s)" : $"{result.Read.PagesByRegion.Values.Sum()} LookupEvents page(s) ({result.Read.LookupAttribute})"));
            }
        }
        catch (PipelineStoppedException)
        {
            KeepPartial();
            throw;
        }

        base.EndProcessing();
    }

    /// <summary>
    /// After Ctrl+C PowerShell refuses every further object, so the rows of what was read go to a global variable, and
    /// the host is told where (the core stops reading at once; its result is ready within moments).
    /// </summary>
    private void KeepPartial()
    {
        try
        {
            if (_running is not { } running || !running.Wait(TimeSpan.FromSeconds(15)) || running.Status != TaskStatus.RanToCompletion)
            {
                return;
            }

            var rows = running.Result.Activities;
            SessionState.PSVariable.Set("global:" + PartialVariable, rows.ToArray());
            Host.UI.WriteWarningLine($"Get-IrsaRoleActivity was stopped: the {rows.Count} row(s) of what was read ({running.Result.EventsRead:N0} event(s)) are in ${PartialVariable}.");
        }
        catch (Exception ex) when (ex is AggregateException or PSInvalidOperationException or NotImplementedException or System.Management.Automation.Host.HostException)
        {
            // Nothing to keep, or no host to tell: the stop itself must go on.
        }
    }

    private static void Add(List<string> list, string? value)
    {
        var text = ParameterConversion.EmptyAsNull(value?.Trim());
        if (text is not null && !list.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(text);
        }
    }
}
