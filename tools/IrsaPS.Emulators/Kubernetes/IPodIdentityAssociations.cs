namespace IrsaPS.Emulators.Kubernetes;

/// <summary>
/// What the stand-in's simulated webhook asks when a pod is created: does its ServiceAccount have an EKS Pod Identity
/// association (visible yet: associations are eventually consistent)? The AWS emulator layer's association store
/// answers it in the sandbox's process.
/// </summary>
public interface IPodIdentityAssociations
{
    bool IsAssociated(string @namespace, string serviceAccount);
}
