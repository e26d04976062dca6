using IrsaPS.Core.Hosting;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Decides which API server a ServiceAccount change goes to. Writing an annotation to the wrong cluster is the worst
/// IRSA mistake there is (the role trusts another cluster's issuer), so when the caller names an EKS cluster the
/// kubeconfig context must be that cluster's:
/// <list type="bullet">
/// <item>no cluster named: the kubeconfig, as kubectl would use it;</item>
/// <item>the context matches the cluster (its cluster entry is named after the cluster or its ARN, its server is the
/// cluster's endpoint, or its EKS exec plugin names the cluster): the kubeconfig;</item>
/// <item>the kubeconfig was chosen explicitly (-KubeConfig, -KubeContext or KUBECONFIG) but does not match: the
/// kubeconfig, with a warning;</item>
/// <item>otherwise (no kubeconfig, or the default one points elsewhere): straight to the cluster with DescribeCluster's
/// endpoint and CA and a token IrsaPS mints itself — no kubeconfig and no aws CLI needed.</item>
/// </list>
/// </summary>
internal static class KubernetesTargetResolver
{
    public static KubernetesConnection Resolve(
        IrsaSessionSettings settings, IrsaCluster? cluster, IEksTokenSource tokenSource, IOperationHost host, KubeEnvironment? environment = null)
    {
        environment ??= KubeEnvironment.Process;
        var options = new KubernetesConnectionOptions
        {
            KubeConfigPath = settings.KubeConfigPath,
            Context = settings.KubeContext,
            EksTokenSource = tokenSource,
            Environment = environment,
        };
        if (cluster is null)
        {
            return Report(KubernetesConnection.FromKubeConfig(options), host);
        }

        var explicitChoice = settings.KubeConfigPath is not null || settings.KubeContext is not null
            || !string.IsNullOrEmpty(environment.GetVariable("KUBECONFIG"));
        var config = KubeConfig.Load(settings.KubeConfigPath, environment);
        var contextName = settings.KubeContext ?? config.CurrentContext;
        if (config.SourceFiles.Count > 0 && contextName is not null && config.HasContext(contextName))
        {
            if (config.ContextPointsAt(contextName, cluster.ClusterName, cluster.Arn, cluster.Endpoint))
            {
                return Report(KubernetesConnection.FromKubeConfig(config, options), host);
            }

            if (explicitChoice)
            {
                host.WriteWarning(
                    $"Kubernetes context '{contextName}' does not look like EKS cluster '{cluster.ClusterName}' (its cluster entry, server and credentials do not name it). "
                    + "ServiceAccount changes go to that context because it was chosen explicitly; check that it is the right cluster.");
                return Report(KubernetesConnection.FromKubeConfig(config, options), host);
            }

            host.WriteVerbose($"Kubernetes context '{contextName}' is not cluster '{cluster.ClusterName}'; connecting to the cluster's endpoint directly.");
        }

        if (string.IsNullOrEmpty(cluster.Endpoint) || string.IsNullOrEmpty(cluster.CertificateAuthorityData))
        {
            return Report(KubernetesConnection.FromKubeConfig(options), host);
        }

        host.WriteVerbose($"Connecting to EKS cluster '{cluster.ClusterName}' at {cluster.Endpoint} with a token minted from the AWS credentials.");
        return Report(
            KubernetesConnection.ForEksCluster(new EksClusterEndpoint(cluster.ClusterName, cluster.Endpoint!, cluster.CertificateAuthorityData!, cluster.Region), tokenSource, options),
            host);
    }

    private static KubernetesConnection Report(KubernetesConnection connection, IOperationHost host)
    {
        foreach (var warning in connection.Warnings)
        {
            host.WriteWarning(warning);
        }

        host.WriteVerbose($"Kubernetes: {connection.DisplayName}, {connection.Authentication}.");
        return connection;
    }
}
