using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// The EKS pod identity webhook, simulated at pod creation: when the pod's ServiceAccount has
/// <c>eks.amazonaws.com/role-arn</c>, every container (except those in <c>skip-containers</c>) gets
/// <c>AWS_ROLE_ARN</c>, <c>AWS_WEB_IDENTITY_TOKEN_FILE</c>, <c>AWS_STS_REGIONAL_ENDPOINTS</c> (and the region variables
/// when a region is configured), a read-only mount of the projected token, and the pod gets the <c>aws-iam-token</c>
/// volume with the annotated audience and lifetime. When the ServiceAccount has an EKS Pod Identity association
/// (<c>podIdentity</c>), every container gets <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> and
/// <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c> and the pod the <c>eks-pod-identity-token</c> volume (audience
/// pods.eks.amazonaws.com, 24 h), as the EKS user guide ("How EKS Pod Identity works") shows. Both at once when both
/// apply: the SDKs then take web identity first. Pods created earlier are never changed, as in a real cluster.
/// </summary>
public static class KubePodIdentityWebhook
{
    public const string TokenDirectory = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
    public const string TokenFile = TokenDirectory + "/token";
    public const string PodIdentityTokenDirectory = "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount";
    public const string PodIdentityTokenFile = PodIdentityTokenDirectory + "/eks-pod-identity-token";
    public const string PodIdentityCredentialsUri = "http://169.254.170.23/v1/credentials";
    private const string PodIdentityVolume = "eks-pod-identity-token";
    private const string Prefix = "eks.amazonaws.com/";

    public static KubePodObject Mutate(KubePodObject pod, KubeServiceAccountObject? serviceAccount, string? region, bool podIdentity = false)
    {
        var irsa = MutateIrsa(pod, serviceAccount, region);
        return podIdentity ? MutatePodIdentity(irsa, region) : irsa;
    }

    private static KubePodObject MutatePodIdentity(KubePodObject pod, string? region)
    {
        var env = new List<KubeEnvVar>();
        if (region is not null)
        {
            env.Add(new KubeEnvVar("AWS_DEFAULT_REGION", region));
            env.Add(new KubeEnvVar("AWS_REGION", region));
        }

        env.Add(new KubeEnvVar("AWS_CONTAINER_CREDENTIALS_FULL_URI", PodIdentityCredentialsUri));
        env.Add(new KubeEnvVar("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", PodIdentityTokenFile));

        KubeContainer Inject(KubeContainer container)
        {
            var existing = new HashSet<string>(container.Env.Select(e => e.Name), StringComparer.Ordinal);
            var mounts = container.VolumeMounts.Any(m => m.Name == PodIdentityVolume)
                ? container.VolumeMounts
                : container.VolumeMounts.Append(new KubeVolumeMount(PodIdentityVolume, PodIdentityTokenDirectory)).ToList();
            return container with { Env = container.Env.Concat(env.Where(e => !existing.Contains(e.Name))).ToList(), VolumeMounts = mounts };
        }

        var volumes = pod.Volumes.Any(v => v.Name == PodIdentityVolume)
            ? pod.Volumes
            : pod.Volumes.Append(new KubeTokenVolume(PodIdentityVolume, "pods.eks.amazonaws.com", 86400, PodIdentityVolume)).ToList();
        return pod with
        {
            Containers = pod.Containers.Select(Inject).ToList(),
            InitContainers = pod.InitContainers.Select(Inject).ToList(),
            Volumes = volumes,
        };
    }

    private static KubePodObject MutateIrsa(KubePodObject pod, KubeServiceAccountObject? serviceAccount, string? region)
    {
        var annotations = serviceAccount?.Meta.Annotations;
        if (annotations is null || !annotations.TryGetValue(Prefix + "role-arn", out var roleArn) || string.IsNullOrEmpty(roleArn))
        {
            return pod;
        }

        annotations.TryGetValue(Prefix + "audience", out var audience);
        annotations.TryGetValue(Prefix + "sts-regional-endpoints", out var regional);
        annotations.TryGetValue(Prefix + "token-expiration", out var expirationText);
        annotations.TryGetValue(Prefix + "skip-containers", out var skipText);
        var skip = new HashSet<string>((skipText ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        var expiration = long.TryParse(expirationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? Math.Max(seconds, 600) : 86400;

        var env = new List<KubeEnvVar>();
        if (!string.Equals(regional, "false", StringComparison.OrdinalIgnoreCase))
        {
            env.Add(new KubeEnvVar("AWS_STS_REGIONAL_ENDPOINTS", "regional"));
        }

        if (region is not null)
        {
            env.Add(new KubeEnvVar("AWS_DEFAULT_REGION", region));
            env.Add(new KubeEnvVar("AWS_REGION", region));
        }

        env.Add(new KubeEnvVar("AWS_ROLE_ARN", roleArn));
        env.Add(new KubeEnvVar("AWS_WEB_IDENTITY_TOKEN_FILE", TokenFile));

        KubeContainer Inject(KubeContainer container)
        {
            if (skip.Contains(container.Name))
            {
                return container;
            }

            var existing = new HashSet<string>(container.Env.Select(e => e.Name), StringComparer.Ordinal);
            var mounts = container.VolumeMounts.Any(m => m.Name == "aws-iam-token")
                ? container.VolumeMounts
                : container.VolumeMounts.Append(new KubeVolumeMount("aws-iam-token", TokenDirectory)).ToList();
            return container with { Env = container.Env.Concat(env.Where(e => !existing.Contains(e.Name))).ToList(), VolumeMounts = mounts };
        }

        var volumes = pod.Volumes.Any(v => v.Name == "aws-iam-token")
            ? pod.Volumes
            : pod.Volumes.Append(new KubeTokenVolume("aws-iam-token", audience ?? "sts.amazonaws.com", expiration, "token")).ToList();
        return pod with
        {
            Containers = pod.Containers.Select(Inject).ToList(),
            InitContainers = pod.InitContainers.Select(Inject).ToList(),
            Volumes = volumes,
        };
    }
}
