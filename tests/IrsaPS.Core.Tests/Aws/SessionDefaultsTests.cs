using System;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// AWS.Tools' session defaults ($StoredAWSRegion from Set-DefaultAWSRegion, $StoredAWSCredentials from Set-AWSCredential)
/// apply after the explicit parameters and before the environment and profiles, as in AWS.Tools. $StoredAWSCredentials
/// holds AWS.Tools' AWSPSCredentials wrapper (non-public Credentials property) around an AWSCredentials of AWS.Tools' own
/// AWSSDK.Core, so both are read by reflection; the stand-ins below have exactly that shape.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SessionDefaultsTests : IDisposable
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
    private readonly EnvironmentScope _environment;

    public SessionDefaultsTests() => _environment = new EnvironmentScope().ClearAws();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void SessionRegion_BeatsTheEnvironmentAndProfiles()
    {
        _environment.Set("AWS_REGION", "eu-west-1").Set("AWS_DEFAULT_REGION", "eu-west-1")
            .WriteAwsConfig("[profile named]\nregion = ap-south-1\n")
            .WriteAwsCredentials("[named]\naws_access_key_id = AKIANAMED\naws_secret_access_key = " + Secret + "\n");

        using var fromEnvironment = AwsConnection.Create(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = Secret });
        using var fromSession = AwsConnection.Create(new AwsConnectionSettings { AccessKey = "AKIAEXAMPLE", SecretKey = Secret, SessionRegion = "us-west-2" });
        using var fromSessionOverProfile = AwsConnection.Create(new AwsConnectionSettings { ProfileName = "named", SessionRegion = "us-west-2" });

        Assert.Equal("eu-west-1", fromEnvironment.Region);
        Assert.Equal("us-west-2", fromSession.Region);
        Assert.Equal("us-west-2", fromSessionOverProfile.Region);
    }

    [Fact]
    public void AnExplicitRegion_BeatsTheSessionRegion_EvenABrokenOne()
    {
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = "ca-central-1", SessionRegion = "not a region", AccessKey = "AKIAEXAMPLE", SecretKey = Secret });

        Assert.Equal("ca-central-1", aws.Region);
    }

    [Fact]
    public void ABrokenSessionRegion_IsRefused_NamingTheVariable()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings { SessionRegion = "Frankfurt", AccessKey = "AKIAEXAMPLE", SecretKey = Secret }));

        Assert.Equal(ErrorIds.AwsInvalidRegion, ex.ErrorId);
        Assert.Contains("$StoredAWSRegion", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredCredentials_InAwsToolsWrapper_AreUnwrapped_AndAskedForKeysOnEverySigning()
    {
        _environment.Set("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT").Set("AWS_SECRET_ACCESS_KEY", Secret).Set("AWS_REGION", "us-east-1");
        var foreign = new ForeignCredentials("ASIASTORED", Secret, "stored-token");
        var settings = new AwsConnectionSettings();
        CredentialObject.ApplySessionDefault(settings, new AwsPsCredentialsLookalike(foreign));

        using var aws = AwsConnection.Create(settings);
        var keys = aws.Credentials.GetCredentials();

        Assert.Equal("ASIASTORED", keys.AccessKey);
        Assert.Equal("stored-token", keys.Token);
        Assert.Equal(1, foreign.Calls);
        aws.Credentials.GetCredentials();
        Assert.Equal(2, foreign.Calls);
    }

    [Fact]
    public void ExplicitKeys_BeatStoredCredentials()
    {
        var settings = new AwsConnectionSettings { Region = "us-east-1", AccessKey = "AKIAEXPLICIT", SecretKey = Secret };
        CredentialObject.ApplySessionDefault(settings, new AwsPsCredentialsLookalike(new ForeignCredentials("ASIASTORED", Secret, null)));

        using var aws = AwsConnection.Create(settings);

        Assert.True(settings.HasExplicitCredentials);
        Assert.Equal("AKIAEXPLICIT", aws.Credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void SomethingElseInStoredCredentials_IsRefused_NamingTheVariable()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => CredentialObject.ApplySessionDefault(new AwsConnectionSettings(), new Uri("https://example.com")));

        Assert.Equal(ErrorIds.InvalidCredential, ex.ErrorId);
        Assert.Contains("$StoredAWSCredentials", ex.Message, StringComparison.Ordinal);
        Assert.Contains("System.Uri", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The shape of AWS.Tools' <c>Amazon.PowerShell.Common.AWSPSCredentials</c>: the credentials sit in a non-public property.</summary>
    private sealed class AwsPsCredentialsLookalike(object credentials)
    {
        internal object Credentials { get; } = credentials;

        internal string Name { get; } = "Stored";

        public override string ToString() => Name;
    }

    /// <summary>An AWSCredentials of another AWSSDK.Core: only its GetCredentials() and the returned keys' properties are visible.</summary>
    private sealed class ForeignCredentials(string accessKey, string secretKey, string? token)
    {
        public int Calls { get; private set; }

        public ForeignKeys GetCredentials()
        {
            Calls++;
            return new ForeignKeys(accessKey, secretKey, token);
        }
    }

    private sealed record ForeignKeys(string AccessKey, string SecretKey, string? Token);
}
