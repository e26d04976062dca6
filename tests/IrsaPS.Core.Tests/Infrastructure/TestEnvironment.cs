using System;
using System.Runtime.CompilerServices;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>Process-wide safety for every test: the SDK must never ask EC2 instance metadata (an off-machine address).</summary>
internal static class TestEnvironment
{
#pragma warning disable CA2255 // A module initializer is exactly right here: it must run before any test touches the SDK.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void DisableInstanceMetadata() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
}
