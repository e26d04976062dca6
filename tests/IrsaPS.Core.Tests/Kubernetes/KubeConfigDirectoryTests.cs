using System;
using System.IO;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>-KubeConfig naming a directory: the path exists, so the error must not say it does not.</summary>
public sealed class KubeConfigDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "irsaps-kubeconfig-dir-" + Guid.NewGuid().ToString("N"));

    public KubeConfigDirectoryTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void ADirectoryIsKubeConfigInvalid_NotKubeConfigNotFound()
    {
        var environment = new KubeEnvironment { GetVariable = _ => null, HomeDirectory = "/nonexistent-home" };

        var error = Assert.Throws<KubernetesConfigException>(() => KubeConfig.Load(_root, environment));

        Assert.Equal(ErrorIds.KubeConfigInvalid, error.ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidData, error.Kind);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
