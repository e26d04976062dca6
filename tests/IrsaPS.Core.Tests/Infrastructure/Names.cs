using System;
using System.Threading;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>Names no other test uses, so tests sharing an emulator never see each other's resources.</summary>
public static class Names
{
    private static int _counter;

    /// <summary><paramref name="prefix"/> + a short unique suffix; fits IAM role (64) and EKS cluster (100) limits.</summary>
    public static string Unique(string prefix) =>
        $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N").Substring(0, 8)}";
}
