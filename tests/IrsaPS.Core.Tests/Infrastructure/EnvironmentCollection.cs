using System;
using System.Collections.Generic;
using Xunit;

namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>
/// Tests that change process environment variables (AWS_REGION, AWS_ENDPOINT_URL_IAM, AWS_PROFILE...) run in this
/// collection, which xunit runs alone, after the parallel ones, so no other test sees their changes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>Sets environment variables for the length of a test and restores them afterwards.</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved = new(StringComparer.Ordinal);
    private bool _wroteFiles;

    public EnvironmentScope Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    /// <summary>
    /// Clears every variable the SDK could find credentials, a profile, a region or an endpoint in, and empties the
    /// process's shared config and credentials files (see <see cref="TestEnvironment"/>).
    /// </summary>
    public EnvironmentScope ClearAws()
    {
        foreach (var name in new[]
        {
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY",
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_EKS", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_EC2",
            "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
        })
        {
            Set(name, null);
        }

        _wroteFiles = true;
        WriteAwsConfig(string.Empty);
        WriteAwsCredentials(string.Empty);
        return this;
    }

    /// <summary>Replaces the content of the shared config file the SDK reads (~/.aws/config's stand-in).</summary>
    public EnvironmentScope WriteAwsConfig(string content)
    {
        _wroteFiles = true;
        System.IO.File.WriteAllText(TestEnvironment.AwsConfigFile, content);
        return this;
    }

    /// <summary>Replaces the content of the shared credentials file the SDK reads (~/.aws/credentials's stand-in).</summary>
    public EnvironmentScope WriteAwsCredentials(string content)
    {
        _wroteFiles = true;
        System.IO.File.WriteAllText(TestEnvironment.AwsCredentialsFile, content);
        return this;
    }

    public void Dispose()
    {
        if (_wroteFiles)
        {
            System.IO.File.WriteAllText(TestEnvironment.AwsConfigFile, string.Empty);
            System.IO.File.WriteAllText(TestEnvironment.AwsCredentialsFile, string.Empty);
        }

        foreach (var pair in _saved)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
