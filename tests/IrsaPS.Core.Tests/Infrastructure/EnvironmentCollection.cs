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

    public EnvironmentScope Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    /// <summary>Clears every variable the SDK could find credentials, a profile, a region or an endpoint in.</summary>
    public EnvironmentScope ClearAws(string emptyDirectory)
    {
        foreach (var name in new[]
        {
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY",
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_EKS", "AWS_ENDPOINT_URL_STS",
        })
        {
            Set(name, null);
        }

        Set("AWS_SHARED_CREDENTIALS_FILE", System.IO.Path.Combine(emptyDirectory, "credentials"));
        Set("AWS_CONFIG_FILE", System.IO.Path.Combine(emptyDirectory, "config"));
        Set("AWS_EC2_METADATA_DISABLED", "true");
        return this;
    }

    public void Dispose()
    {
        foreach (var pair in _saved)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
