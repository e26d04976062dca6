using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Infrastructure;

namespace IrsaPS.PodIdentity;

/// <summary>
/// The parameters the three migration stages share: which service account (binding from Get-IrsaServiceAccount,
/// Get-IrsaWorkloadIdentity and each other's output by property name), -Force, and running the stage once per service
/// account of a pipeline.
/// </summary>
public abstract class PodIdentityMigrationCmdlet : IrsaKubernetesCmdlet
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>The EKS cluster.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>The service account's namespace.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string Namespace { get; set; } = string.Empty;

    /// <summary>The service account.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceAccount")]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ServiceAccountName { get; set; } = string.Empty;

    /// <summary>Skip confirmation, also of high-impact steps (-WhatIf still applies).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var key = ClusterName + "|" + Namespace + "/" + ServiceAccountName;
        if (!_seen.Add(key))
        {
            WriteVerbose($"{Namespace}/{ServiceAccountName} was already handled in this pipeline.");
            return;
        }

        var request = Request();
        if (TryRun(request.Target, (session, ct) => RunStageAsync(session, request, ct), out var result))
        {
            WriteResult(result);
        }
    }

    /// <summary>The stage's request; Start adds its trust options.</summary>
    internal virtual PodIdentityMigrationRequest Request() => new()
    {
        ClusterName = ClusterName,
        Namespace = Namespace,
        ServiceAccountName = ServiceAccountName,
    };

    internal abstract Task<IrsaPodIdentityMigration> RunStageAsync(IrsaSession session, PodIdentityMigrationRequest request, CancellationToken cancellationToken);
}
