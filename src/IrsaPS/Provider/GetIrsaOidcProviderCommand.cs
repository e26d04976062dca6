using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Provider;

/// <summary>Get-IrsaOidcProvider: the IAM OIDC provider of a cluster (OidcProviderNotRegistered when missing), or every provider of the account.</summary>
[Cmdlet(VerbsCommon.Get, "IrsaOidcProvider")]
[OutputType(typeof(IrsaOidcProvider))]
public sealed class GetIrsaOidcProviderCommand : IrsaAwsCmdlet
{
    /// <summary>The EKS cluster whose provider to read; every provider of the account when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public string? ClusterName { get; set; }

    protected override void ProcessRecord()
    {
        var clusterName = ParameterConversion.EmptyAsNull(ClusterName);
        if (TryRun(clusterName, (session, ct) => IrsaOidcProviders.GetAsync(session, clusterName, ct), out var providers))
        {
            WriteResults(providers);
        }
    }
}
