using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

// IRSA011's IMDS half: pods off the host network on nodes whose instance metadata service is open to pods.
internal sealed partial class HostNetworkPodCheck
{
    private IEnumerable<IrsaFinding> ImdsFindings(AuditContext context)
    {
        if (!context.Has(AuditNeeds.NodeInstances))
        {
            yield break;
        }

        var podsByNode = CandidatesByNode(context);
        if (podsByNode.Count == 0)
        {
            yield break;
        }

        var snapshot = context.Snapshot;
        if (snapshot.NodeInstancesUnavailable is { } why)
        {
            var pods = podsByNode.Values.Sum(p => p.Count);
            yield return Finding(
                context,
                IrsaSeverity.Info,
                ClusterResource(context),
                "imds-unavailable",
                $"The IMDS half of IRSA011 was not checked: {why}. {N(pods)} pod(s) of IRSA service accounts run off the host network on {N(podsByNode.Count)} node(s); whether they can take the node role's credentials from IMDS is unknown.",
                "Allow the auditing identity ec2:DescribeInstances (and to list nodes in the cluster), then audit again; or check the nodes' instances by hand: "
                + "aws ec2 describe-instances --query 'Reservations[].Instances[].[InstanceId,MetadataOptions]'.",
                properties: new Dictionary<string, string> { ["Pods"] = Text(pods), ["Nodes"] = Text(podsByNode.Count) });
            yield break;
        }

        var exposed = new SortedDictionary<string, Exposure>(StringComparer.Ordinal);
        var unverified = new List<string>();
        var unverifiedPods = 0;
        foreach (var pair in podsByNode)
        {
            var node = context.Index.FindNode(pair.Key);
            if (node is not null && (node.IsFargate || node.IsHybrid))
            {
                continue;   // no EC2 instance metadata service behind Fargate and hybrid nodes
            }

            var instance = node?.InstanceId is { } id ? context.Index.FindInstance(id) : null;
            var access = instance is null ? null : ImdsExposure.Assess(instance);
            if (node is null || instance is null || access!.Verdict == ImdsVerdict.Unknown)
            {
                unverified.Add($"{pair.Key} ({UnverifiedReason(context, node, access)})");
                unverifiedPods += pair.Value.Count;
            }
            else if (access.Verdict == ImdsVerdict.Exposed)
            {
                if (exposed.TryGetValue(instance.InstanceId, out var known))
                {
                    known.Pods.AddRange(pair.Value);   // two node objects naming one instance (a stale one left behind)
                }
                else
                {
                    exposed[instance.InstanceId] = new Exposure(node, instance, access.Reason, pair.Value);
                }
            }
        }

        foreach (var exposure in exposed.Values)
        {
            yield return ExposedFinding(context, exposure);
        }

        if (unverified.Count > 0)
        {
            yield return Finding(
                context,
                IrsaSeverity.Info,
                ClusterResource(context),
                "imds-unverified",
                $"IRSA011 could not judge the instance metadata options of {N(unverified.Count)} node(s) running {N(unverifiedPods)} pod(s) of IRSA service accounts off the host network: {Sample(unverified)}.",
                "Check those nodes' instances by hand (aws ec2 describe-instances --instance-ids <id> --query 'Reservations[].Instances[].MetadataOptions'); "
                + "the audit reads instances with its own AWS connection, so nodes of another account or region cannot be judged from here.",
                properties: new Dictionary<string, string> { ["Pods"] = Text(unverifiedPods), ["Nodes"] = Text(unverified.Count) });
        }
    }

    /// <summary>The candidate pods of annotated service accounts, by node name (ordered), each with its service account.</summary>
    private static SortedDictionary<string, List<(KubeServiceAccount Account, KubePod Pod)>> CandidatesByNode(AuditContext context)
    {
        var byNode = new SortedDictionary<string, List<(KubeServiceAccount, KubePod)>>(StringComparer.Ordinal);
        foreach (var account in context.Index.AnnotatedServiceAccounts)
        {
            foreach (var pod in context.Index.PodsOf(account))
            {
                if (!ImdsExposure.IsCandidate(pod))
                {
                    continue;
                }

                if (!byNode.TryGetValue(pod.NodeName!, out var list))
                {
                    list = [];
                    byNode.Add(pod.NodeName!, list);
                }

                list.Add((account, pod));
            }
        }

        return byNode;
    }

    private IrsaFinding ExposedFinding(AuditContext context, Exposure exposure)
    {
        var (node, instance) = (exposure.Node, exposure.Instance);
        var accounts = exposure.Pods.Select(p => p.Account).Distinct().OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var single = accounts.Count == 1 ? accounts[0] : null;
        var region = context.Snapshot.Region ?? context.Snapshot.Cluster.Region;
        var where = node.NodeGroup is { } group ? $"EC2 instance {instance.InstanceId}, node group {group}" : $"EC2 instance {instance.InstanceId}";
        var profile = instance.InstanceProfileArn is { } arn ? $" (instance profile {arn})" : string.Empty;
        var source = instance.LaunchTemplateId is { } template
            ? $"its launch template {template}" + (instance.LaunchTemplateVersion is { } version ? $" (version {version})" : string.Empty)
            : node.NodeGroup is { } nodeGroup ? $"the launch template of node group {nodeGroup}" : "the launch template or configuration its nodes come from";
        var properties = new Dictionary<string, string>
        {
            ["Pods"] = Text(exposure.Pods.Count),
            ["ServiceAccounts"] = Text(accounts.Count),
            ["NodeName"] = node.Name,
            ["InstanceId"] = instance.InstanceId,
            ["HttpTokens"] = instance.HttpTokens ?? string.Empty,
            ["HttpPutResponseHopLimit"] = instance.HttpPutResponseHopLimit?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            ["HttpEndpoint"] = instance.HttpEndpoint ?? "enabled",
        };
        if (instance.InstanceProfileArn is not null)
        {
            properties["InstanceProfileArn"] = instance.InstanceProfileArn;
        }

        if (node.NodeGroup is not null)
        {
            properties["NodeGroup"] = node.NodeGroup;
        }

        return Finding(
            context,
            IrsaSeverity.High,
            InstanceArn(context, instance.InstanceId),
            "imds",
            $"Node {node.Name} ({where}) lets its pods reach the instance metadata service: {exposure.Reason}. "
            + $"{N(exposure.Pods.Count)} pod(s) of {N(accounts.Count)} IRSA service account(s) ({Sample(accounts.Select(a => a.Key).ToList())}) run there off the host network "
            + $"and can take the node role's credentials{profile} besides their own IRSA role.",
            $"Require IMDSv2 with a hop limit of 1 on the instance: aws ec2 modify-instance-metadata-options --instance-id {instance.InstanceId} "
            + $"--http-tokens required --http-put-response-hop-limit 1{(region is null ? string.Empty : " --region " + region)}. "
            + $"New nodes keep coming from {source}: set MetadataOptions HttpTokens=required and HttpPutResponseHopLimit=1 there "
            + "(eksctl: disableIMDSv1: true and disablePodIMDS: true; Karpenter EC2NodeClass: metadataOptions.httpTokens: required, httpPutResponseHopLimit: 1), "
            + "or block 169.254.169.254 for pods with a network policy.",
            roleArn: single?.Irsa.RoleArn?.Trim(),
            serviceAccount: single,
            properties: properties);
    }

    private static string UnverifiedReason(AuditContext context, KubeNode? node, ImdsAccess? access)
    {
        if (node is null)
        {
            return "no such node";
        }

        if (node.InstanceId is null)
        {
            return node.ProviderId is null ? "no provider id" : $"provider id {node.ProviderId} names no EC2 instance";
        }

        return access is null
            ? $"{node.InstanceId} not found in {context.Snapshot.Region ?? "the audit's region"}"
            : $"{node.InstanceId}: {access.Reason}";
    }

    private static string ClusterResource(AuditContext context) =>
        string.IsNullOrEmpty(context.Snapshot.Cluster.Arn) ? context.ClusterName : context.Snapshot.Cluster.Arn!;

    private static string InstanceArn(AuditContext context, string instanceId)
    {
        var snapshot = context.Snapshot;
        var region = snapshot.Region ?? snapshot.Cluster.Region ?? string.Empty;
        return $"arn:{snapshot.Partition}:ec2:{region}:{snapshot.AccountId}:instance/{instanceId}";
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Exposure(KubeNode Node, AuditInstance Instance, string Reason, List<(KubeServiceAccount Account, KubePod Pod)> Pods);
}
