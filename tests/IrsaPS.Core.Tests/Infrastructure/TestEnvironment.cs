using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>
/// Process-wide safety for every test, set before any test touches the SDK:
/// the SDK never asks EC2 instance metadata (an off-machine address), and its shared config and credentials files
/// are this process's own empty files, not the developer's ~/.aws. The SDK reads AWS_CONFIG_FILE and
/// AWS_SHARED_CREDENTIALS_FILE once per process, so tests that need profiles write into these two files
/// (<see cref="EnvironmentScope.WriteAwsConfig"/>) instead of pointing the variables elsewhere.
/// </summary>
internal static class TestEnvironment
{
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), $"irsaps-tests-{Environment.ProcessId}");

    public static string AwsConfigFile => Path.Combine(Directory, "config");

    public static string AwsCredentialsFile => Path.Combine(Directory, "credentials");

#pragma warning disable CA2255 // A module initializer is exactly right here: it must run before any test touches the SDK.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(AwsConfigFile, string.Empty);
        File.WriteAllText(AwsCredentialsFile, string.Empty);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", AwsConfigFile);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", AwsCredentialsFile);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
    }
}
