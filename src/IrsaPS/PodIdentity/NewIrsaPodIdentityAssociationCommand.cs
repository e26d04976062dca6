using System.Collections;
using System.Management.Automation;
using IrsaPS.Completion;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations.PodIdentity;
using IrsaPS.Infrastructure;

namespace IrsaPS.PodIdentity;

/// <summary>
/// New-IrsaPodIdentityAssociation: associates a service account with an IAM role through EKS Pod Identity, and makes sure
/// the role trusts pods.eks.amazonaws.com (sts:AssumeRole and sts:TagSession) for it: one statement added, scoped by the
/// session tags, nothing else in the trust touched, confirmed as a broadening change and shown under -WhatIf with the trust
/// before and after. The same association again changes nothing; another role for the service account is an error unless
/// -Replace. Add-on-owned associations are never changed.
/// </summary>
[Cmdlet(VerbsCommon.New, "IrsaPodIdentityAssociation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(IrsaPodIdentityAssociation))]
public sealed class NewIrsaPodIdentityAssociationCommand : IrsaAwsCmdlet
{
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
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceAccount")]
    [ArgumentCompleter(typeof(ServiceAccountNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ServiceAccountName { get; set; } = string.Empty;

    /// <summary>The IAM role (in the cluster's account) the pods get.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RoleArn { get; set; } = string.Empty;

    /// <summary>A role (possibly in another account) that the role's session assumes in turn (EKS chains it with an external id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetRoleArn { get; set; }

    /// <summary>Do not add EKS's session tags (eks-cluster-arn, kubernetes-namespace...); needs -TrustScope Any.</summary>
    [Parameter]
    public SwitchParameter DisableSessionTag { get; set; }

    /// <summary>A session policy (JSON) that limits the pods' permissions.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    /// <summary>Tags of the association: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>Re-point an existing association of the service account to -RoleArn instead of refusing.</summary>
    [Parameter]
    public SwitchParameter Replace { get; set; }

    /// <summary>How narrowly the trust statement admits Pod Identity: ServiceAccount (default), Cluster, or Any.</summary>
    [Parameter]
    [ValidateSet(PodIdentityParameters.ServiceAccount, PodIdentityParameters.Cluster, PodIdentityParameters.Any)]
    public string TrustScope { get; set; } = PodIdentityParameters.ServiceAccount;

    /// <summary>Also pin aws:SourceAccount (the cluster's account) in the trust statement.</summary>
    [Parameter]
    public SwitchParameter RequireSourceAccount { get; set; }

    /// <summary>Skip confirmation, also of the trust change that broadens access.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceRequested => Force.IsPresent;

    protected override void ProcessRecord()
    {
        var request = new NewPodIdentityAssociationRequest
        {
            ClusterName = ClusterName,
            Namespace = Namespace,
            ServiceAccountName = ServiceAccountName,
            RoleArn = RoleArn,
            TargetRoleArn = TargetRoleArn,
            DisableSessionTags = DisableSessionTag.IsPresent,
            Policy = Policy,
            Tags = ParameterConversion.ToStringMap(Tag, nameof(Tag)),
            Replace = Replace.IsPresent,
            TrustScope = PodIdentityParameters.Scope(TrustScope),
            RequireSourceAccount = RequireSourceAccount.IsPresent,
        };
        if (TryRun(Namespace + "/" + ServiceAccountName, (session, ct) => IrsaPodIdentityAssociations.NewAsync(session, request, ct), out var association) && association is not null)
        {
            WriteResult(association);
        }
    }
}
