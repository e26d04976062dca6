using System;
using IrsaPS.Emulators.Eks;
using IrsaPS.Emulators.Kubernetes;

namespace IrsaPS.Sandbox;

/// <summary>
/// The sandbox's EKS Pod Identity associations: one store per emulator process, shared by the AWS emulator layer
/// (<see cref="PodIdentityEmulator"/> answers the API) and the Kubernetes API stand-in (its webhook injects the Pod
/// Identity environment into new pods of associated service accounts). The seed's associations (e.g. add-on-owned ones)
/// are loaded before the stand-in creates the seed's pods.
/// </summary>
public static class SandboxPodIdentity
{
    private static readonly object Gate = new();
    private static PodIdentityAssociationStore? _store;

    /// <summary>The process's store, created (and seeded from <paramref name="seed"/>) on first use.</summary>
    public static PodIdentityAssociationStore StoreFor(StandInConfig config, KubeSeed? seed = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (Gate)
        {
            if (_store is not null)
            {
                return _store;
            }

            var store = new PodIdentityAssociationStore();
            var clusterArn = $"arn:aws:eks:{config.Region}:{config.AccountId}:cluster/{config.ClusterName}";
            foreach (var association in seed?.PodIdentityAssociations ?? [])
            {
                var record = PodIdentityEmulator.NewRecord(store, config.Region, clusterArn, association.Namespace, association.ServiceAccount, association.RoleArn, association.OwnerArn);
                if (store.TryAdd(record, null, out _, out _) is null)
                {
                    throw new InvalidOperationException($"The seed has two Pod Identity associations for {association.Namespace}/{association.ServiceAccount}.");
                }
            }

            _store = store;
            return store;
        }
    }
}
