using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;

namespace IrsaPS.Bench.Eksctl;

/// <summary>
/// One iamserviceaccount of an eksctl ClusterConfig (<c>iam.serviceAccounts[]</c>); <see cref="RoleName"/> is
/// <c>roleName</c> / <c>--role-name</c> (null: CloudFormation names the role).
/// </summary>
internal sealed record EksctlServiceAccount(string Namespace, string Name, IReadOnlyList<string> AttachPolicyArns, string? RoleName = null);

/// <summary>What happened to one iamserviceaccount.</summary>
internal sealed record EksctlServiceAccountOutcome(string Namespace, string Name, string RoleArn, StackWaitResult Wait, TimeSpan Elapsed);

/// <summary>One <c>eksctl create iamserviceaccount</c> invocation: its prologue (before any stack) and its total time.</summary>
internal sealed record EksctlCreateResult(TimeSpan Prologue, TimeSpan Total, int Skipped, IReadOnlyList<EksctlServiceAccountOutcome> Created);

/// <summary>
/// Replays, against AWS-compatible endpoints and a Kubernetes API, the calls eksctl makes (sources read: see
/// docs/performance.md, "IrsaPS vs. eksctl's API-call pattern"). Nothing eksctl does locally is replayed (config
/// loading, logging, template rendering beyond building the JSON) and eksctl's process start-up is not included.
/// <list type="bullet">
/// <item><see cref="AssociateOidcProviderAsync"/>: <c>eksctl utils associate-iam-oidc-provider --approve</c>.</item>
/// <item><see cref="CreateIamServiceAccountsAsync"/>: <c>eksctl create iamserviceaccount --approve</c> for the given
/// service accounts in one invocation (a config file with several <c>iam.serviceAccounts</c>, or one <c>--name</c>).</item>
/// </list>
/// </summary>
internal sealed class EksctlReplay
{
    public const string ClusterNameTag = "alpha.eksctl.io/cluster-name";
    public const string OldClusterNameTag = "eksctl.cluster.k8s.io/v1alpha1/cluster-name";
    public const string VersionTag = "alpha.eksctl.io/eksctl-version";
    public const string ServiceAccountNameTag = "alpha.eksctl.io/iamserviceaccount-name";
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The eksctl version written into tags; the replay is not a real eksctl build.</summary>
    public const string ReplayVersion = "0.0.0-replay";

    private readonly AwsConnection _aws;
    private readonly CloudFormationClient _cloudFormation;
    private readonly KubeReplayClient _kube;
    private readonly WaiterTiming _timing;
    private readonly string _clusterName;

    public EksctlReplay(AwsConnection aws, CloudFormationClient cloudFormation, KubeReplayClient kube, WaiterTiming timing, string clusterName)
    {
        _aws = aws;
        _cloudFormation = cloudFormation;
        _kube = kube;
        _timing = timing;
        _clusterName = clusterName;
    }

    /// <summary>
    /// pkg/ctl/utils/associate_iam_oidc_provider.go: STS GetCallerIdentity and EKS DescribeCluster
    /// (NewProviderForExistingCluster), IAM GetOpenIDConnectProvider (CheckProviderExists), then CreateProvider: an
    /// HTTPS GET to the issuer for its root CA thumbprint (not replayed: the sandbox's issuer has no endpoint; the
    /// replay uses 40 zeros like the aws CLI script) and IAM CreateOpenIDConnectProvider with eksctl's two tags.
    /// Returns the provider ARN.
    /// </summary>
    public async Task<string> AssociateOidcProviderAsync(CancellationToken cancellationToken = default)
    {
        var oidc = await OpenIdConnectManagerAsync(cancellationToken);
        if (await ProviderExistsAsync(oidc, cancellationToken))
        {
            return oidc.ProviderArn;
        }

        var created = await _aws.Iam.CreateOpenIDConnectProviderAsync(
            new CreateOpenIDConnectProviderRequest
            {
                Url = oidc.Issuer,
                ClientIDList = [EksctlTemplate.Audience],
                ThumbprintList = [new string('0', 40)],
                Tags = [new Tag(ClusterNameTag, _clusterName), new Tag(VersionTag, ReplayVersion)],
            },
            cancellationToken);
        return created.OpenIDConnectProviderArn;
    }

    /// <summary>
    /// pkg/ctl/create/iamserviceaccount.go <c>doCreateIAMServiceAccount</c> with <c>--approve</c> and without
    /// <c>--override-existing-serviceaccounts</c>: the prologue (STS, DescribeCluster, GetOpenIDConnectProvider, the
    /// existing iamserviceaccount stacks, one GET per service account to exclude existing ones), then the task tree of
    /// pkg/actions/irsa/create.go: every service account in parallel (<c>TaskTree{Parallel: true}</c>), each one a
    /// sequence of (1) CreateStack, the StackCreateComplete waiter, DescribeStacks for the outputs, (2) the
    /// ServiceAccount: GET namespace, GET serviceaccount, POST serviceaccount.
    /// </summary>
    public async Task<EksctlCreateResult> CreateIamServiceAccountsAsync(IReadOnlyList<EksctlServiceAccount> serviceAccounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceAccounts);
        var clock = Stopwatch.StartNew();
        var oidc = await OpenIdConnectManagerAsync(cancellationToken);
        if (!await ProviderExistsAsync(oidc, cancellationToken))
        {
            throw new InvalidOperationException("unable to create iamserviceaccount(s) without IAM OIDC provider enabled");
        }

        // saFilter.SetExcludeExistingFilter: stacks first, then one GET per service account (client-go, sequential).
        var existing = new HashSet<string>(await ListIamServiceAccountStacksAsync(cancellationToken), StringComparer.Ordinal);
        foreach (var sa in serviceAccounts)
        {
            if (await _kube.ServiceAccountExistsAsync(sa.Namespace, sa.Name, cancellationToken))
            {
                existing.Add(sa.Namespace + "/" + sa.Name);
            }
        }

        var filtered = serviceAccounts.Where(sa => !existing.Contains(sa.Namespace + "/" + sa.Name)).ToList();
        var prologue = clock.Elapsed;
        var outcomes = await Task.WhenAll(filtered.Select(sa => CreateOneAsync(oidc, sa, cancellationToken)));
        return new EksctlCreateResult(prologue, clock.Elapsed, serviceAccounts.Count - filtered.Count, outcomes);
    }

    /// <summary>
    /// The names (<c>namespace/name</c>) of this cluster's iamserviceaccount stacks, as <c>ListIAMServiceAccountStacks</c>
    /// finds them (pkg/cfn/manager/api.go <c>ListStacksMatching</c>): ListStacks pages with every non-deleted status,
    /// then one DescribeStacks per stack whose name is one of this cluster's eksctl stacks, the name from its tag.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListIamServiceAccountStacksAsync(CancellationToken cancellationToken = default)
    {
        var ours = new Regex($"^(eksctl|EKS)-{Regex.Escape(_clusterName)}-((cluster|nodegroup-.+|addon-.+|fargate|karpenter)|(VPC|ServiceRole|ControlPlane|DefaultNodeGroup))$", RegexOptions.CultureInvariant);
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await _cloudFormation.ListStacksAsync(StackStatus.AllNonDeleted, token, cancellationToken);
            foreach (var summary in page.Summaries.Where(s => ours.IsMatch(s.StackName)))
            {
                var stacks = await _cloudFormation.DescribeStacksAsync(summary.StackId, cancellationToken);
                var stack = stacks.Count > 0 ? stacks[0] : null;
                if (stack is not null && stack.StackStatus != StackStatus.DeleteComplete && stack.Tags.TryGetValue(ServiceAccountNameTag, out var name))
                {
                    names.Add(name);
                }
            }

            token = page.NextToken;
        }
        while (token is not null);

        return names;
    }

    private async Task<EksctlServiceAccountOutcome> CreateOneAsync(OidcManager oidc, EksctlServiceAccount sa, CancellationToken cancellationToken)
    {
        // Yield first, so the service accounts really start side by side, as goroutines do.
        await Task.Yield();
        var started = _timing.Now;

        // createIAMRoleForServiceAccountTask -> StackCollection.CreateStack -> waitUntilStackIsCreated.
        var stackName = EksctlTemplate.StackName(_clusterName, sa.Namespace, sa.Name);
        var stackId = await _cloudFormation.CreateStackAsync(
            new CreateStackRequest
            {
                StackName = stackName,
                TemplateBody = EksctlTemplate.Render(oidc.HostAndPath, oidc.ProviderArn, sa.Namespace, sa.Name, sa.AttachPolicyArns, sa.RoleName),

                // IAMRoleResourceSet: WithIAM() always, WithNamedIAM() when a role name is given, which then wins.
                Capabilities = [sa.RoleName is null ? "CAPABILITY_IAM" : "CAPABILITY_NAMED_IAM"],
                DisableRollback = false,
                Tags =
                [
                    new(ClusterNameTag, _clusterName),
                    new(OldClusterNameTag, _clusterName),
                    new(VersionTag, ReplayVersion),
                    new(ServiceAccountNameTag, sa.Namespace + "/" + sa.Name),
                ],
            },
            cancellationToken);
        var wait = await new StackCreateCompleteWaiter(_cloudFormation, _timing)
            .WaitAsync(stackName, _timing.Now, StackCreateCompleteWaiter.DefaultMaxWait, cancellationToken);
        var stack = (await _cloudFormation.DescribeStacksAsync(stackId, cancellationToken)).Single();
        if (!stack.Outputs.TryGetValue(EksctlTemplate.RoleResource, out var roleArn))
        {
            throw new InvalidOperationException($"getting stack \"{stackName}\" outputs: no output {EksctlTemplate.RoleResource}");
        }

        // kubernetesTask -> MaybeCreateServiceAccountOrUpdateMetadata.
        if (!await _kube.NamespaceExistsAsync(sa.Namespace, cancellationToken))
        {
            await _kube.CreateNamespaceAsync(sa.Namespace, cancellationToken);
        }

        if (await _kube.ServiceAccountExistsAsync(sa.Namespace, sa.Name, cancellationToken))
        {
            throw new NotSupportedException($"{sa.Namespace}/{sa.Name} exists; the replay covers new service accounts only (eksctl would GET it again and PUT the merged metadata).");
        }

        await _kube.CreateServiceAccountAsync(
            sa.Namespace,
            sa.Name,
            new Dictionary<string, string>(StringComparer.Ordinal) { [RoleArnAnnotation] = roleArn },
            new Dictionary<string, string>(StringComparer.Ordinal) { [ManagedByLabel] = "eksctl" },
            cancellationToken);
        return new EksctlServiceAccountOutcome(sa.Namespace, sa.Name, roleArn, wait, _timing.Now - started);
    }

    /// <summary>
    /// NewProviderForExistingCluster (eks.New: STS GetCallerIdentity; RefreshClusterStatus: EKS DescribeCluster), then
    /// NewOpenIDConnectManager from the cached cluster (no call): account and partition from the cluster's ARN.
    /// </summary>
    private async Task<OidcManager> OpenIdConnectManagerAsync(CancellationToken cancellationToken)
    {
        await _aws.Sts.GetCallerIdentityAsync(cancellationToken);
        var cluster = (await _aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = _clusterName }, cancellationToken)).Cluster;
        var issuer = cluster.OidcIssuer ?? throw new InvalidOperationException("unknown OIDC issuer URL");
        var arn = IrsaPS.Core.Validation.Arn.Parse(cluster.Arn);
        var issuerUri = new Uri(issuer);
        var hostAndPath = issuerUri.Host + issuerUri.AbsolutePath.TrimEnd('/');
        return new OidcManager(issuer, hostAndPath, $"arn:{arn.Partition}:iam::{arn.Account}:oidc-provider/{hostAndPath}");
    }

    /// <summary>CheckProviderExists: IAM GetOpenIDConnectProvider on the derived ARN; NoSuchEntity means no.</summary>
    private async Task<bool> ProviderExistsAsync(OidcManager oidc, CancellationToken cancellationToken)
    {
        try
        {
            await _aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = oidc.ProviderArn }, cancellationToken);
            return true;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            return false;
        }
    }

    private sealed record OidcManager(string Issuer, string HostAndPath, string ProviderArn);
}
