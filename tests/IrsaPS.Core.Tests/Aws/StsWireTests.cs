using System;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Faults;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>STS on AWSSDK.SecurityToken, through the connection's endpoint, observer and error translation.</summary>
public sealed class StsWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public StsWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task GetCallerIdentity_ReturnsAccountArnAndPartition_AndIsAskedOncePerConnection()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);

        var first = await aws.GetCallerIdentityAsync();
        var second = await aws.GetCallerIdentityAsync();

        Assert.Equal("123456789012", first.Account);
        Assert.StartsWith("arn:aws:", first.Arn, StringComparison.Ordinal);
        Assert.Equal("aws", first.Partition);
        Assert.Equal("arn:aws:iam::123456789012:role/irsa/app", first.RoleArn("app", "/irsa/"));
        Assert.Same(first, second);
        Assert.Equal(1, counter.Calls("STS", "GetCallerIdentity"));
        Assert.Equal(1, counter.Attempts("STS", "GetCallerIdentity"));
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_ReturnsCredentials_AndSendsNoSignature()
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        using var aws = _moto.Connect(endpoint: proxy.Endpoint);
        var role = "arn:aws:iam::123456789012:role/" + Names.Unique("web");

        var credentials = await aws.Sts.AssumeRoleWithWebIdentityAsync(role, "header.payload.signature", "irsaps-test", 3600);

        Assert.False(string.IsNullOrEmpty(credentials.AccessKeyId));
        Assert.False(string.IsNullOrEmpty(credentials.SecretAccessKey));
        Assert.False(string.IsNullOrEmpty(credentials.SessionToken));
        Assert.True(credentials.Expiration > DateTime.UtcNow);
        Assert.Contains("assumed-role", credentials.AssumedRoleArn, StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.SecretAccessKey, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.SessionToken, credentials.ToString(), StringComparison.Ordinal);
        var sent = Assert.Single(proxy.Requests, r => r.Action == "AssumeRoleWithWebIdentity");
        Assert.False(sent.Signed);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_BadInput_FailsBeforeSending()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);

        var badArn = await Assert.ThrowsAsync<IrsaValidationException>(
            () => aws.Sts.AssumeRoleWithWebIdentityAsync("arn:aws:iam::123:role/x", "token", "session"));
        var badSession = await Assert.ThrowsAsync<IrsaValidationException>(
            () => aws.Sts.AssumeRoleWithWebIdentityAsync("arn:aws:iam::123456789012:role/x", "token", "has space"));

        Assert.Equal(ErrorIds.InvalidArn, badArn.ErrorId);
        Assert.Equal(ErrorIds.AwsInvalidParameter, badSession.ErrorId);
        Assert.Equal(0, counter.TotalCalls);
        Assert.Equal(0, counter.TotalAttempts);
    }
}
