using System;
using System.Collections;
using System.Net;
using Amazon.Runtime;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

public class CredentialObjectTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void NullMeansNoCredential() => Assert.Null(CredentialObject.Convert(null));

    [Fact]
    public void OwnSdkCredentialsPassThroughUnchanged()
    {
        var credentials = new BasicAWSCredentials(AccessKey, SecretKey);
        Assert.Same(credentials, CredentialObject.Convert(credentials));
    }

    [Fact]
    public void NetworkCredentialIsAccessKeyAndSecretKey()
    {
        var keys = CredentialObject.Convert(new NetworkCredential(AccessKey, SecretKey))!.GetCredentials();
        Assert.Equal(AccessKey, keys.AccessKey);
        Assert.Equal(SecretKey, keys.SecretKey);
        Assert.False(keys.UseToken);
    }

    [Fact]
    public void HashtableWithSessionTokenGivesSessionCredentials()
    {
        var table = new Hashtable { ["accesskey"] = AccessKey, ["SecretKey"] = SecretKey, ["SessionToken"] = "token-1" };
        var keys = CredentialObject.Convert(table)!.GetCredentials();
        Assert.Equal(AccessKey, keys.AccessKey);
        Assert.Equal("token-1", keys.Token);
    }

    [Fact]
    public void ImmutableCredentialsAreAccepted()
    {
        var keys = CredentialObject.Convert(new ImmutableCredentials(AccessKey, SecretKey, "t"))!.GetCredentials();
        Assert.Equal("t", keys.Token);
    }

    [Fact]
    public void CredentialsOfAnotherSdkCopyAreAskedOnEverySigning()
    {
        // Stands in for AWS.Tools' AWSCredentials from another load context: same shape, unrelated type.
        var foreign = new ForeignRefreshingCredentials();
        var converted = CredentialObject.Convert(foreign)!;

        Assert.IsNotType<ForeignRefreshingCredentials>(converted);
        Assert.Equal("AKIDFOREIGN1", converted.GetCredentials().AccessKey);
        Assert.Equal("AKIDFOREIGN2", converted.GetCredentials().AccessKey);
        Assert.Equal("session-3", converted.GetCredentials().Token);
        Assert.Equal(3, foreign.Calls);
    }

    [Fact]
    public void AForeignFailureIsAnAuthenticationError()
    {
        var converted = CredentialObject.Convert(new FailingForeignCredentials())!;
        var error = Assert.Throws<IrsaException>(() => converted.GetCredentials());
        Assert.Equal(ErrorIds.InvalidCredential, error.ErrorId);
        Assert.Equal(IrsaErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains("SSO session expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStringIsRefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<IrsaValidationException>(() => CredentialObject.Convert(SecretKey));
        Assert.Equal(ErrorIds.InvalidCredential, error.ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidArgument, error.Kind);
        Assert.DoesNotContain(SecretKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("System.String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHalfCredentialIsRefusedWithoutEchoingTheSecret()
    {
        var error = Assert.Throws<IrsaValidationException>(() => CredentialObject.Convert(new NetworkCredential(string.Empty, SecretKey)));
        Assert.Equal(ErrorIds.InvalidCredential, error.ErrorId);
        Assert.DoesNotContain(SecretKey, error.Message, StringComparison.Ordinal);
    }

    private sealed class ForeignKeys(string accessKey, string secretKey, string token)
    {
        public string AccessKey { get; } = accessKey;

        public string SecretKey { get; } = secretKey;

        public string Token { get; } = token;
    }

    private sealed class ForeignRefreshingCredentials
    {
        public int Calls { get; private set; }

        public ForeignKeys GetCredentials()
        {
            Calls++;
            return new ForeignKeys("AKIDFOREIGN" + Calls, SecretKey, "session-" + Calls);
        }
    }

    private sealed class FailingForeignCredentials
    {
        private readonly string _reason = "SSO session expired; run aws sso login.";

        public object GetCredentials() => throw new InvalidOperationException(_reason);
    }
}
