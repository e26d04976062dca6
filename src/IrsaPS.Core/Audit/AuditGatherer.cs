using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Audit;

/// <summary>
/// Fills an <see cref="AuditSnapshot"/> with the fewest calls the selected checks allow. AWS: one DescribeCluster; ListRoles
/// at 1,000 per page (ceil(n/1000) calls; each answer carries the trust policies); one ListOpenIDConnectProviders; one
/// GetOpenIDConnectProvider for the audited cluster's provider only; ListClusters + DescribeCluster only when a trust names
/// another issuer of this region. When a check needs roles' policies or boundaries (IRSA014, IRSA015), the roles come from
/// GetAccountAuthorizationDetails instead of ListRoles: the same pages also carry every role's inline and attached
/// policies, its boundary and the customer-managed policies' documents, so no call is ever made per role. Kubernetes:
/// every ServiceAccount, then every pod (ceil(n/500) calls each), streamed page by page; only the pods of annotated
/// service accounts are kept. For IRSA011's IMDS half, and only when some kept pod runs off the host network on a node:
/// every node (ceil(n/500)) and those nodes' EC2 instances (DescribeInstances, ceil(instances/200)), see
/// <see cref="NodeInstanceReader"/>. The AWS and Kubernetes sides run concurrently, each with its own progress activity.
/// </summary>
internal sealed partial class AuditGatherer
{
    private const string AwsTitle = "Reading the AWS account";
    private const string KubernetesTitle = "Reading the cluster";

    private readonly AwsConnection _aws;
    private readonly KubernetesClient? _kube;
    private readonly IOperationHost _host;

    private (string Arn, IReadOnlyList<string> ClientIds)? _clusterProvider;

    public AuditGatherer(AwsConnection aws, KubernetesClient? kube, IOperationHost? host = null)
    {
        _aws = aws ?? throw new ArgumentNullException(nameof(aws));
        _kube = kube;
        _host = host ?? SilentHost.Instance;
    }

    /// <summary>Resolves <paramref name="clusterName"/> (<see cref="ClusterResolver"/>), then gathers as the overload below.</summary>
    public async Task<AuditSnapshot> GatherAsync(string clusterName, AuditNeeds needs, AuditOptions options, CancellationToken cancellationToken = default)
    {
        EksNames.ValidateClusterName(clusterName);
        var cluster = await ClusterResolver.ResolveAsync(_aws, clusterName, (needs & AuditNeeds.ProviderClientIds) != 0, cancellationToken).ConfigureAwait(false);
        return await GatherAsync(cluster, needs, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads what <paramref name="needs"/> asks for about the resolved <paramref name="cluster"/> and the account. The
    /// cluster is not described again, and its OIDC provider's client IDs come from the resolution.
    /// </summary>
    public async Task<AuditSnapshot> GatherAsync(IrsaCluster cluster, AuditNeeds needs, AuditOptions options, CancellationToken cancellationToken = default)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var kubernetesNeeds = needs & (AuditNeeds.ServiceAccounts | AuditNeeds.Pods | AuditNeeds.PodIdentity);
        if (kubernetesNeeds != AuditNeeds.None && _kube is null)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "The selected checks read the cluster's service accounts or pods, but no Kubernetes connection was given.");
        }

        _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, $"Reading cluster {cluster.ClusterName}"));
        _clusterProvider = cluster.OidcProviderArn is { } arn && cluster.OidcProviderClientIds is { } ids ? (arn, ids) : null;
        var info = AuditClusterInfo.From(cluster);
        var associations = (needs & AuditNeeds.PodIdentity) != 0 ? ReadAssociationsAsync(info.Name, options, cancellationToken) : null;
        var podIdentity = new PodIdentityCluster();
        var kubernetes = kubernetesNeeds == AuditNeeds.None
            ? Task.FromResult((Accounts: (IReadOnlyList<KubeServiceAccount>)[], Pods: (IReadOnlyList<KubePod>)[], Listed: 0, Nodes: NodeInstances.None))
            : ReadClusterAsync(needs, options, associations, podIdentity, cancellationToken);
        var account = ReadAccountAsync(info, needs, options, cancellationToken);
        try
        {
            await Task.WhenAll(associations is null ? new Task[] { kubernetes, account } : new Task[] { kubernetes, account, associations }).ConfigureAwait(false);
        }
        finally
        {
            _host.WriteProgress(OperationProgress.Complete(ProgressActivities.AuditAws, AwsTitle));
            if (kubernetesNeeds != AuditNeeds.None)
            {
                _host.WriteProgress(OperationProgress.Complete(ProgressActivities.AuditKubernetes, KubernetesTitle));
            }
        }

        var (identity, roles, providers, managed, others, regions) = await account.ConfigureAwait(false);
        var (accounts, pods, listed, nodes) = await kubernetes.ConfigureAwait(false);
        var activity = (needs & AuditNeeds.CloudTrailActivity) != 0
            ? await ReadActivityAsync(info, roles, options, cancellationToken).ConfigureAwait(false)
            : (Entries: (IReadOnlyList<Activity.ActivityEntry>)[], Window: null, Unavailable: null);
        return new AuditSnapshot
        {
            Cluster = info,
            AccountId = identity.Account,
            Partition = identity.Partition,
            Region = _aws.Region,
            Roles = roles,
            OidcProviders = providers,
            ManagedPolicyDocuments = managed,
            ServiceAccounts = accounts,
            Pods = pods,
            PodsListed = listed,
            Nodes = nodes.Nodes,
            NodesListed = nodes.Listed,
            Instances = nodes.Instances,
            NodeInstancesUnavailable = nodes.Unavailable,
            OtherClusters = others,
            ClusterRegionsQueried = regions,
            PodIdentityAssociations = associations is null ? [] : (await associations.ConfigureAwait(false)).Associations,
            PodIdentityUnavailable = associations is null ? null : (await associations.ConfigureAwait(false)).Unavailable,
            PodIdentityPods = podIdentity.Pods,
            PodIdentityAgent = podIdentity.State?.Agent,
            PodIdentityAgentNodes = podIdentity.State?.NodesWithAgent.ToList() ?? [],
            PodIdentityNodes = podIdentity.State?.Nodes.ToList() ?? [],
            Activity = activity.Entries,
            ActivityWindow = activity.Window,
            ActivityUnavailable = activity.Unavailable,
            Gathered = needs,
        };
    }

    private async Task<(Aws.Sts.CallerIdentity Identity, IReadOnlyList<AuditRole> Roles, IReadOnlyList<AuditOidcProvider> Providers, IReadOnlyDictionary<string, string> Managed, IReadOnlyList<AuditClusterInfo> Others, IReadOnlyList<string> Regions)> ReadAccountAsync(
        AuditClusterInfo cluster, AuditNeeds needs, AuditOptions options, CancellationToken cancellationToken)
    {
        var identity = await _aws.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        var clusterIssuer = OidcIssuer.TryParse(cluster.Issuer, out var parsed) ? parsed : null;

        IReadOnlyList<AuditRole> roles = [];
        IReadOnlyDictionary<string, string> managed = new Dictionary<string, string>();
        if ((needs & (AuditNeeds.PermissionsBoundaries | AuditNeeds.RolePolicies)) != 0)
        {
            _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, "Reading roles and their policies"));
            (roles, managed) = await ReadAuthorizationDetailsAsync(options.RolePageSize, withPolicies: true, cancellationToken).ConfigureAwait(false);
        }
        else if ((needs & AuditNeeds.RoleLastUsed) != 0)
        {
            _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, "Reading roles and their last use"));
            (roles, managed) = await ReadAuthorizationDetailsAsync(options.RolePageSize, withPolicies: false, cancellationToken).ConfigureAwait(false);
        }
        else if ((needs & AuditNeeds.Roles) != 0)
        {
            _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, "Listing roles"));
            roles = await ListRolesAsync(options.RolePageSize, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<AuditOidcProvider> providers = [];
        if ((needs & (AuditNeeds.OidcProviders | AuditNeeds.ProviderClientIds)) != 0)
        {
            _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, "Listing OIDC providers"));
            providers = await ListProvidersAsync(clusterIssuer, identity, (needs & AuditNeeds.ProviderClientIds) != 0, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<AuditClusterInfo> others = [];
        IReadOnlyList<string> regions = [];
        if ((needs & AuditNeeds.OtherClusters) != 0 && NamesOtherIssuerOfRegion(roles, clusterIssuer))
        {
            _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, $"Listing EKS clusters in {_aws.Region}"));
            others = await ListOtherClustersAsync(cluster.Name, options.MaxParallelCalls, cancellationToken).ConfigureAwait(false);
            regions = [_aws.Region];
        }

        return (identity, roles, providers, managed, others, regions);
    }

    private async Task<IReadOnlyList<AuditRole>> ListRolesAsync(int pageSize, CancellationToken cancellationToken)
    {
        var roles = new List<AuditRole>();
        await AwsPaging.ForEachPageAsync(
            marker => _aws.Iam.ListRolesAsync(new ListRolesRequest { Marker = marker, MaxItems = pageSize }, cancellationToken),
            page =>
            {
                foreach (var role in page.Roles)
                {
                    roles.Add(new AuditRole
                    {
                        Arn = role.Arn,
                        RoleName = role.RoleName,
                        Path = role.Path,
                        CreateDate = role.CreateDate,
                        TrustPolicy = role.AssumeRolePolicyDocument,
                    });
                }

                _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, string.Format(CultureInfo.InvariantCulture, "Listing roles: {0:N0}", roles.Count)));
            },
            "IAM",
            "ListRoles").ConfigureAwait(false);

        return roles;
    }

    /// <summary>
    /// Every role with its trust, inline and attached policies and boundary, and every customer-managed policy's default
    /// document, from GetAccountAuthorizationDetails (Role, LocalManagedPolicy): ceil((roles + policies) / page) calls
    /// instead of ListRoles plus two or three calls per role.
    /// </summary>
    private async Task<(IReadOnlyList<AuditRole> Roles, IReadOnlyDictionary<string, string> Managed)> ReadAuthorizationDetailsAsync(int pageSize, bool withPolicies, CancellationToken cancellationToken)
    {
        var roles = new List<AuditRole>();
        var managed = new Dictionary<string, string>(StringComparer.Ordinal);
        await AwsPaging.ForEachPageAsync(
            marker => _aws.Iam.GetAccountAuthorizationDetailsAsync(
                new GetAccountAuthorizationDetailsRequest { Filter = withPolicies ? ["Role", "LocalManagedPolicy"] : ["Role"], Marker = marker, MaxItems = pageSize },
                cancellationToken),
            page =>
            {
                foreach (var role in page.RoleDetailList)
                {
                    roles.Add(new AuditRole
                    {
                        Arn = role.Arn,
                        RoleName = role.RoleName,
                        Path = role.Path,
                        CreateDate = role.CreateDate,
                        TrustPolicy = role.AssumeRolePolicyDocument,
                        PermissionsBoundaryKnown = true,
                        PermissionsBoundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn,
                        AttachedPolicyArns = role.AttachedManagedPolicies.Select(p => p.PolicyArn).ToList(),
                        InlinePolicies = role.RolePolicyList.Where(p => p.PolicyDocument is not null).Select(p => new AuditInlinePolicy(p.PolicyName, p.PolicyDocument!)).ToList(),
                        LastUsedKnown = true,
                        LastUsed = role.RoleLastUsed?.LastUsedDate?.ToUniversalTime(),
                        LastUsedRegion = role.RoleLastUsed?.Region,
                    });
                }

                foreach (var policy in page.Policies)
                {
                    if (policy.DefaultDocument is { } document)
                    {
                        managed[policy.Arn] = document;
                    }
                }

                _host.WriteProgress(new OperationProgress(ProgressActivities.AuditAws, AwsTitle, string.Format(CultureInfo.InvariantCulture, "Reading roles and their policies: {0:N0}", roles.Count)));
            },
            "IAM",
            "GetAccountAuthorizationDetails").ConfigureAwait(false);

        return (roles, managed);
    }

    private async Task<IReadOnlyList<AuditOidcProvider>> ListProvidersAsync(OidcIssuer? clusterIssuer, Aws.Sts.CallerIdentity identity, bool readClientIds, CancellationToken cancellationToken)
    {
        var list = await _aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest(), cancellationToken).ConfigureAwait(false);
        var clusterProvider = clusterIssuer?.ProviderArn(identity.Partition, identity.Account);
        var providers = new List<AuditOidcProvider>();
        foreach (var entry in list.OpenIDConnectProviderList)
        {
            IReadOnlyList<string>? clientIds = null;
            if (readClientIds && string.Equals(entry.Arn, clusterProvider, StringComparison.Ordinal))
            {
                if (_clusterProvider is { } known && string.Equals(known.Arn, entry.Arn, StringComparison.Ordinal))
                {
                    providers.Add(new AuditOidcProvider { Arn = entry.Arn, IssuerHostPath = Policy.OidcProviderArns.HostPathOf(entry.Arn), ClientIds = known.ClientIds });
                    continue;
                }

                try
                {
                    var provider = await _aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = entry.Arn }, cancellationToken).ConfigureAwait(false);
                    clientIds = provider.ClientIDList;
                }
                catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
                {
                    continue;
                }
            }

            providers.Add(new AuditOidcProvider { Arn = entry.Arn, IssuerHostPath = Policy.OidcProviderArns.HostPathOf(entry.Arn), ClientIds = clientIds });
        }

        return providers;
    }

    /// <summary>True when some trust names an EKS issuer of the connection's region other than the audited cluster's.</summary>
    private bool NamesOtherIssuerOfRegion(IReadOnlyList<AuditRole> roles, OidcIssuer? clusterIssuer)
    {
        foreach (var role in roles)
        {
            foreach (var grant in role.Trust.Report?.Grants ?? [])
            {
                foreach (var issuer in grant.Issuers)
                {
                    if (!issuer.Equals(clusterIssuer) && string.Equals(Checks.FederatedProviderCheck.RegionOf(issuer.HostPath), _aws.Region, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private async Task<IReadOnlyList<AuditClusterInfo>> ListOtherClustersAsync(string auditedCluster, int parallelism, CancellationToken cancellationToken)
    {
        var names = await _aws.Eks.ListAllClustersAsync(null, cancellationToken).ConfigureAwait(false);
        var others = names.Where(n => !string.Equals(n, auditedCluster, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var results = new AuditClusterInfo?[others.Count];
        await ForEachAsync(others.Count, parallelism, async i =>
        {
            try
            {
                var response = await _aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = others[i] }, cancellationToken).ConfigureAwait(false);
                results[i] = AuditClusterInfo.From(response.Cluster, _aws.Region);
            }
            catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
            {
                // Deleted since it was listed.
            }
        }).ConfigureAwait(false);
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    private async Task<(IReadOnlyList<KubeServiceAccount> Accounts, IReadOnlyList<KubePod> Pods, int Listed, NodeInstances Nodes)> ReadClusterAsync(
        AuditNeeds needs, AuditOptions options, Task<(IReadOnlyList<PodIdentityAssociation> Associations, string? Unavailable)>? associations, PodIdentityCluster podIdentity, CancellationToken cancellationToken)
    {
        var list = new KubeListOptions { PageSize = options.KubernetesPageSize };
        var accounts = new List<KubeServiceAccount>();
        _host.WriteProgress(new OperationProgress(ProgressActivities.AuditKubernetes, KubernetesTitle, "Listing service accounts"));
        await _kube!.ForEachServiceAccountPageAsync(
            null,
            page =>
            {
                accounts.AddRange(page.Items);
                _host.WriteProgress(new OperationProgress(ProgressActivities.AuditKubernetes, KubernetesTitle, string.Format(CultureInfo.InvariantCulture, "Listing service accounts: {0:N0}", accounts.Count)));
                return Task.CompletedTask;
            },
            list,
            cancellationToken).ConfigureAwait(false);

        var pods = new List<KubePod>();
        var listed = 0;
        if ((needs & AuditNeeds.PodIdentity) != 0)
        {
            listed = await ReadPodIdentityPodsAsync(needs, accounts, associations!, pods, podIdentity, list, cancellationToken).ConfigureAwait(false);
        }
        else if ((needs & AuditNeeds.Pods) != 0)
        {
            var irsa = new HashSet<string>(accounts.Where(a => a.Irsa.RoleArn is not null).Select(a => a.Key), StringComparer.Ordinal);
            await _kube.ForEachPodPageAsync(
                null,
                page =>
                {
                    listed += page.Items.Count;
                    foreach (var pod in page.Items)
                    {
                        if (irsa.Contains(pod.Namespace + "/" + pod.ServiceAccountName))
                        {
                            pods.Add(pod);
                        }
                    }

                    _host.WriteProgress(new OperationProgress(ProgressActivities.AuditKubernetes, KubernetesTitle, string.Format(CultureInfo.InvariantCulture, "Listing pods: {0:N0}", listed)));
                    return Task.CompletedTask;
                },
                list,
                cancellationToken).ConfigureAwait(false);
        }

        var nodes = NodeInstances.None;
        if ((needs & (AuditNeeds.Pods | AuditNeeds.NodeInstances)) == (AuditNeeds.Pods | AuditNeeds.NodeInstances))
        {
            var reader = new NodeInstanceReader(_aws, _kube, status => _host.WriteProgress(new OperationProgress(ProgressActivities.AuditKubernetes, KubernetesTitle, status)));
            nodes = await reader.ReadAsync(pods, options.KubernetesPageSize, cancellationToken).ConfigureAwait(false);
        }

        return (accounts, pods, listed, nodes);
    }

    private static async Task ForEachAsync(int count, int parallelism, Func<int, Task> body)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(parallelism, Math.Max(count, 1))).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await body(i).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }
}
