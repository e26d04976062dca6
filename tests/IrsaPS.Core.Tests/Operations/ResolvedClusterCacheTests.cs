using System;
using System.Collections.Generic;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Models;
using IrsaPS.Core.Operations;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

/// <summary>What the resolution shared between cmdlets serves, for how long, and under which key.</summary>
public sealed class ResolvedClusterCacheTests
{
    private static readonly IrsaCluster WithProvider = new() { ClusterName = "prod", OidcProviderExists = true };

    [Fact]
    public void ServesAnEntryForItsLifetime_ThenReadsAgain()
    {
        var now = DateTimeOffset.UnixEpoch;
        var cache = new ResolvedClusterCache(TimeSpan.FromMinutes(2), () => now);
        cache.Store("k", WithProvider);

        now += TimeSpan.FromSeconds(119);
        Assert.True(cache.TryGet("k", out var served));
        Assert.Same(WithProvider, served);
        now += TimeSpan.FromSeconds(2);
        Assert.False(cache.TryGet("k", out _));
    }

    [Fact]
    public void ForgettingAProvider_ForgetsEveryClusterResolvedWithIt_AndNoOther()
    {
        var cache = new ResolvedClusterCache(TimeSpan.FromMinutes(2));
        const string arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A";
        cache.Store("a1", new IrsaCluster { ClusterName = "prod", OidcProviderExists = true, OidcProviderArn = arn });
        cache.Store("a2", new IrsaCluster { ClusterName = "prod", OidcProviderExists = true, OidcProviderArn = arn });
        cache.Store("b", new IrsaCluster { ClusterName = "dev", OidcProviderExists = true, OidcProviderArn = arn.Replace("/A", "/B", StringComparison.Ordinal) });

        cache.ForgetProvider(arn);

        Assert.False(cache.TryGet("a1", out _));
        Assert.False(cache.TryGet("a2", out _));
        Assert.True(cache.TryGet("b", out _));
    }

    [Fact]
    public void NeverServesAClusterWhoseProviderWasMissing_OrOneForgotten()
    {
        var cache = new ResolvedClusterCache(TimeSpan.FromMinutes(2));
        cache.Store("missing", new IrsaCluster { ClusterName = "prod", OidcProviderExists = false });
        cache.Store("forgotten", WithProvider);
        cache.Forget("forgotten");

        Assert.False(cache.TryGet("missing", out _));
        Assert.False(cache.TryGet("forgotten", out _));
    }

    [Fact]
    public void TheKey_ChangesWithEveryConnectionInput_AndHoldsNoSecret()
    {
        var environment = new Dictionary<string, string?>();
        string Key(AwsConnectionSettings settings, string region = "us-east-1", string cluster = "prod") =>
            ResolvedClusterCache.KeyOf(settings, region, cluster, name => environment.TryGetValue(name, out var value) ? value : null);

        var baseline = Key(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = "very-secret-value" });
        var keys = new List<string>
        {
            baseline,
            Key(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = "another-secret" }),
            Key(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = "very-secret-value" }, region: "eu-west-1"),
            Key(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = "very-secret-value" }, cluster: "dev"),
            Key(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = "very-secret-value", EndpointUrl = "http://127.0.0.1:1" }),
            Key(new AwsConnectionSettings { ProfileName = "prod" }),
        };
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:2";
        keys.Add(Key(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = "very-secret-value" }));

        Assert.Equal(keys.Count, new HashSet<string>(keys).Count);
        Assert.DoesNotContain("very-secret-value", baseline, StringComparison.Ordinal);
        environment.Remove("AWS_ENDPOINT_URL");
        Assert.Equal(baseline, Key(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = "very-secret-value" }));
    }
}
