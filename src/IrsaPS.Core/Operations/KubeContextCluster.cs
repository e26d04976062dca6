using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Validation;
using k8s.KubeConfigModels;

namespace IrsaPS.Core.Operations;

/// <summary>
/// The EKS cluster a kubeconfig context says it is, for cmdlets that list through the kubeconfig without -ClusterName
/// (so that <c>Get-IrsaServiceAccount -AllNamespaces | Test-IrsaTrust</c> carries a ClusterName). Only evidence counts,
/// never a guess from a bare name:
/// <list type="number">
/// <item>the user's exec plugin names it: <c>aws eks get-token --cluster-name X</c> (or <c>--cluster-id</c>),
/// <c>aws-iam-authenticator token -i X</c> — what eksctl and <c>aws eks update-kubeconfig</c> write;</item>
/// <item>the context's cluster entry (or the context itself) is named by the cluster's ARN
/// <c>arn:aws:eks:region:account:cluster/X</c> — <c>aws eks update-kubeconfig</c>'s naming;</item>
/// <item>the cluster entry is named <c>X.region.eksctl.io</c> — eksctl's naming.</item>
/// </list>
/// A kubeconfig that cannot be read, or a context that says none of this (kind, minikube, a hand-written file), gives null.
/// </summary>
internal static class KubeContextCluster
{
    private const string EksctlSuffix = ".eksctl.io";

    /// <summary>The cluster name for <paramref name="settings"/>' kubeconfig and context (-KubeConfig, -KubeContext, KUBECONFIG, ~/.kube/config), or null.</summary>
    public static string? Find(IrsaSessionSettings settings, KubeEnvironment? environment = null)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        KubeConfig config;
        try
        {
            config = KubeConfig.Load(settings.KubeConfigPath, environment ?? KubeEnvironment.Process);
        }
        catch (IrsaException)
        {
            return null;
        }

        var contextName = settings.KubeContext ?? config.CurrentContext;
        var context = contextName is null ? null : config.Model.Contexts.FirstOrDefault(c => c.Name == contextName);
        return context is null ? null : Find(config.Model, context);
    }

    /// <summary>The cluster name one context of <paramref name="config"/> says it is, or null.</summary>
    internal static string? Find(K8SConfiguration config, Context context)
    {
        var details = context.ContextDetails;
        var exec = details?.User is { } userName ? config.Users.FirstOrDefault(u => u.Name == userName)?.UserCredentials?.ExternalExecution : null;
        if (exec is not null && FromExecPlugin(exec) is { } fromPlugin)
        {
            return fromPlugin;
        }

        return FromEntryName(details?.Cluster) ?? FromEntryName(context.Name);
    }

    /// <summary>X from <c>arn:aws:eks:region:account:cluster/X</c>, <c>X.region.eksctl.io</c> or a bare valid name given to a plugin.</summary>
    internal static string? FromEntryName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (Arn.TryParse(name, out var arn))
        {
            return arn.Service == "eks" && arn.Resource.StartsWith("cluster/", StringComparison.Ordinal) ? Valid(arn.Resource.Substring("cluster/".Length)) : null;
        }

        if (name!.EndsWith(EksctlSuffix, StringComparison.Ordinal))
        {
            var parts = name.Substring(0, name.Length - EksctlSuffix.Length).Split('.');
            return parts.Length == 2 ? Valid(parts[0]) : null;
        }

        return null;
    }

    private static string? FromExecPlugin(ExternalExecution exec)
    {
        if (EksExecCommand.TryParse(exec) is { } request)
        {
            return FromEntryName(request.ClusterName) ?? Valid(request.ClusterName);
        }

        // A plugin IrsaPS would not stand in for (--role-arn, extra environment) still names its cluster.
        var program = System.IO.Path.GetFileNameWithoutExtension(exec.Command);
        var options = string.Equals(program, "aws", StringComparison.OrdinalIgnoreCase) ? new[] { "--cluster-name", "--cluster-id" }
            : string.Equals(program, "aws-iam-authenticator", StringComparison.OrdinalIgnoreCase) ? new[] { "-i", "--cluster-id" }
            : null;
        if (options is null)
        {
            return null;
        }

        var value = OptionValue(exec.Arguments?.ToList() ?? [], options);
        return value is null ? null : FromEntryName(value) ?? Valid(value);
    }

    private static string? OptionValue(IReadOnlyList<string> args, IReadOnlyList<string> names)
    {
        for (var i = 0; i < args.Count; i++)
        {
            foreach (var name in names)
            {
                if (args[i] == name && i + 1 < args.Count)
                {
                    return args[i + 1];
                }

                if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
                {
                    return args[i].Substring(name.Length + 1);
                }
            }
        }

        return null;
    }

    private static string? Valid(string? name) => EksNames.IsClusterName(name) ? name : null;
}
