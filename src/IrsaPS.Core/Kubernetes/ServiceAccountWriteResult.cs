using IrsaPS.Core.ServiceAccounts;

namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// The outcome of applying a <see cref="ServiceAccountAnnotationChange"/>: the ServiceAccount as the server returned it
/// (null only when a removal found no ServiceAccount), whether it was created, and whether anything was written.
/// </summary>
internal sealed record ServiceAccountWriteResult(KubeServiceAccount? ServiceAccount, bool Created, bool Changed);
