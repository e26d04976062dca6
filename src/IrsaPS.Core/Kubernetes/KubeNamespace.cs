using System;

namespace IrsaPS.Core.Kubernetes;

/// <summary>A namespace: its name, phase (Active, Terminating) and creation time.</summary>
internal sealed record KubeNamespace(string Name, string? Phase, DateTimeOffset? CreationTimestamp);
