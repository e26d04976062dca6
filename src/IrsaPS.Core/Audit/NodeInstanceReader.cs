using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Audit.Checks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;

namespace IrsaPS.Core.Audit;

/// <summary>What <see cref="NodeInstanceReader"/> read: the nodes it kept, how many it listed, their instances, or why it could not.</summary>
internal sealed record NodeInstances(IReadOnlyList<KubeNode> Nodes, int Listed, IReadOnlyList<AuditInstance> Instances, string? Unavailable)
{
    public static readonly NodeInstances None = new([], 0, [], null);
}

/// <summary>
/// Reads what IRSA011's IMDS half needs, and only when it has something to judge: if some kept pod runs off the host
/// network on a node (<see cref="ImdsExposure.IsCandidate"/>), every node page (ceil(nodes / page size) requests; only the
/// nodes of those pods are kept), then their EC2 instances (ceil(distinct instance ids / 200) DescribeInstances calls;
/// Fargate and hybrid nodes have none). A denied node list or DescribeInstances does not fail the audit: the reason is
/// kept for the check to report.
/// </summary>
internal sealed class NodeInstanceReader
{
    private readonly AwsConnection _aws;
    private readonly KubernetesClient _kube;
    private readonly Action<string> _progress;

    public NodeInstanceReader(AwsConnection aws, KubernetesClient kube, Action<string> progress)
    {
        _aws = aws;
        _kube = kube;
        _progress = progress;
    }

    public async Task<NodeInstances> ReadAsync(IReadOnlyList<KubePod> pods, int pageSize, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(pods.Where(ImdsExposure.IsCandidate).Select(p => p.NodeName!), StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return NodeInstances.None;
        }

        var nodes = new List<KubeNode>();
        var listed = 0;
        _progress("Listing nodes");
        try
        {
            await _kube.ForEachNodePageAsync(
                page =>
                {
                    listed += page.Items.Count;
                    nodes.AddRange(page.Items.Where(n => wanted.Contains(n.Name)));
                    _progress(string.Format(CultureInfo.InvariantCulture, "Listing nodes: {0:N0}", listed));
                    return Task.CompletedTask;
                },
                new KubeListOptions { PageSize = pageSize },
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesForbiddenException ex)
        {
            return new NodeInstances([], listed, [], $"listing nodes was forbidden ({ex.Message})");
        }

        var ids = nodes.Where(n => !n.IsFargate && !n.IsHybrid).Select(n => n.InstanceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new NodeInstances(nodes, listed, [], null);
        }

        _progress(string.Format(CultureInfo.InvariantCulture, "Reading the metadata options of {0:N0} EC2 instance(s)", ids.Count));
        try
        {
            var instances = await _aws.Ec2.FindInstancesAsync(ids, null, cancellationToken).ConfigureAwait(false);
            return new NodeInstances(nodes, listed, instances.Select(AuditInstance.From).ToList(), null);
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.PermissionDenied)
        {
            var code = ex.AwsErrorCode ?? (ex.HttpStatusCode is { } status ? "HTTP " + status.ToString(CultureInfo.InvariantCulture) : "denied");
            return new NodeInstances(nodes, listed, [], $"ec2:DescribeInstances was denied ({code}) for the nodes' {ids.Count.ToString(CultureInfo.InvariantCulture)} EC2 instance(s)");
        }
    }
}
