using System.Management.Automation;
using System.Threading.Tasks;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Trust;

/// <summary>
/// New-IrsaTrustPolicy: the IRSA trust policy document for service accounts, checked against the trust-policy size
/// quota. With -Issuer and -AccountId it works offline (no AWS call); with -ClusterName it reads the cluster's issuer
/// and the caller's account. With -PodIdentity it builds, offline, the EKS Pod Identity trust (pods.eks.amazonaws.com,
/// scoped by the session tags to the service accounts or the cluster of -ClusterArn). Nothing is written anywhere, so
/// like New-TimeSpan or New-Guid it has no -WhatIf.
/// </summary>
[Cmdlet(VerbsCommon.New, "IrsaTrustPolicy", DefaultParameterSetName = IssuerSet)]
[OutputType(typeof(IrsaTrustPolicy), typeof(string))]
public sealed class NewIrsaTrustPolicyCommand : IrsaAwsCmdlet
{
    private const string IssuerSet = "Issuer";
    private const string ClusterSet = "Cluster";
    private const string PodIdentitySet = "PodIdentity";

    /// <summary>OIDC issuer URL(s), e.g. https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE (offline).</summary>
    [Parameter(ParameterSetName = IssuerSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Issuer { get; set; } = [];

    /// <summary>The EKS cluster whose issuer to trust (reads it from AWS).</summary>
    [Parameter(ParameterSetName = ClusterSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>
    /// The AWS account that owns the OIDC provider (12 digits); with -ClusterName, the caller's account by default; with
    /// -PodIdentity, the role's account (the cluster ARN's by default).
    /// </summary>
    [Parameter(ParameterSetName = IssuerSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ClusterSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = PodIdentitySet, ValueFromPipelineByPropertyName = true)]
    public string? AccountId { get; set; }

    /// <summary>Build the EKS Pod Identity trust (pods.eks.amazonaws.com, sts:AssumeRole and sts:TagSession) instead of IRSA's, offline.</summary>
    [Parameter(ParameterSetName = PodIdentitySet, Mandatory = true)]
    public SwitchParameter PodIdentity { get; set; }

    /// <summary>With -PodIdentity: the cluster's ARN (arn:aws:eks:region:account:cluster/name), which the conditions name.</summary>
    [Parameter(ParameterSetName = PodIdentitySet, ValueFromPipelineByPropertyName = true)]
    [Alias("Arn")]
    public string? ClusterArn { get; set; }

    /// <summary>With -PodIdentity: ServiceAccount (default: one statement per service account), Cluster, or Any.</summary>
    [Parameter(ParameterSetName = PodIdentitySet)]
    [ValidateSet(IrsaPS.PodIdentity.PodIdentityParameters.ServiceAccount, IrsaPS.PodIdentity.PodIdentityParameters.Cluster, IrsaPS.PodIdentity.PodIdentityParameters.Any)]
    public string TrustScope { get; set; } = IrsaPS.PodIdentity.PodIdentityParameters.ServiceAccount;

    /// <summary>With -PodIdentity: also pin aws:SourceAccount.</summary>
    [Parameter(ParameterSetName = PodIdentitySet)]
    public SwitchParameter RequireSourceAccount { get; set; }

    /// <summary>The namespace(s): one for all names, or one per name in order.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? Namespace { get; set; }

    /// <summary>The service account name(s) (or namespace/name); with -PodIdentity -TrustScope Cluster or Any, none.</summary>
    [Parameter(ParameterSetName = IssuerSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ClusterSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = PodIdentitySet, ValueFromPipelineByPropertyName = true)]
    public string[] ServiceAccountName { get; set; } = [];

    /// <summary>The token audience (sts.amazonaws.com when omitted).</summary>
    [Parameter(ParameterSetName = IssuerSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ClusterSet, ValueFromPipelineByPropertyName = true)]
    public string? Audience { get; set; }

    /// <summary>Allow * and ? in namespaces and names.</summary>
    [Parameter(ParameterSetName = IssuerSet)]
    [Parameter(ParameterSetName = ClusterSet)]
    public SwitchParameter AllowWildcard { get; set; }

    /// <summary>The partition of the provider ARN (or, with -PodIdentity, of the role); derived from the issuer host or cluster ARN when omitted.</summary>
    [Parameter(ParameterSetName = IssuerSet)]
    [Parameter(ParameterSetName = PodIdentitySet)]
    [ValidateSet("aws", "aws-cn", "aws-us-gov")]
    public string? Partition { get; set; }

    /// <summary>The account's trust-policy size quota in characters (2048-4096).</summary>
    [Parameter]
    public int SizeLimit { get; set; } = Core.Policy.TrustPolicySize.DefaultLimit;

    /// <summary>Write the indented JSON text instead of an IrsaTrustPolicy object.</summary>
    [Parameter]
    public SwitchParameter AsJson { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        ValidateCommandLineValue(nameof(Audience), audience => Core.Validation.TokenAudience.Validate(audience));
    }

    protected override void ProcessRecord()
    {
        var names = ServiceAccountName;
        var namespaces = ParameterConversion.NonEmpty(Namespace);
        var audience = ParameterConversion.EmptyAsNull(Audience);
        IrsaTrustPolicy policy;
        if (ParameterSetName == PodIdentitySet)
        {
            // Offline too.
            var clusterArn = ParameterConversion.EmptyAsNull(ClusterArn);
            var accountId = ParameterConversion.EmptyAsNull(AccountId);
            var options = new Core.Operations.PodIdentity.PodIdentityRoleOptions(IrsaPS.PodIdentity.PodIdentityParameters.Scope(TrustScope), RequireSourceAccount.IsPresent);
            if (!TryRunOperation(
                clusterArn ?? accountId,
                (_, _) => Task.FromResult(IrsaTrustPolicies.NewForPodIdentity(
                    clusterArn, accountId, Partition, names.Length == 0 ? [] : ServiceAccountRef.Pair(namespaces, names), options, SizeLimit)),
                out policy))
            {
                return;
            }
        }
        else if (ParameterSetName == ClusterSet)
        {
            var clusterName = ClusterName;
            var accountId = ParameterConversion.EmptyAsNull(AccountId);
            if (!TryRun(
                clusterName,
                (session, ct) => IrsaTrustPolicies.NewForClusterAsync(
                    session, clusterName, accountId, ServiceAccountRef.Pair(namespaces, names, allowWildcards: true), audience, AllowWildcard.IsPresent, SizeLimit, ct),
                out policy))
            {
                return;
            }
        }
        else
        {
            // Offline: no session, no AWS settings are even looked at.
            var issuers = Issuer;
            if (!TryRunOperation(
                string.Join(", ", issuers),
                (_, _) => Task.FromResult(IrsaTrustPolicies.New(
                    issuers, AccountId!, ServiceAccountRef.Pair(namespaces, names, allowWildcards: true), audience, AllowWildcard.IsPresent, Partition, SizeLimit)),
                out policy))
            {
                return;
            }
        }

        WriteObject(AsJson ? policy.Json : policy);
    }
}
