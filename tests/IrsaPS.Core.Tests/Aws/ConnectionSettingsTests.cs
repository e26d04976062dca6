using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.Runtime;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// Resolving an AwsConnection from AWS.Tools-style settings: region, credentials and profiles, and the errors raised
/// before anything is sent. Runs alone (it points the SDK's profile and credential lookups at empty files).
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ConnectionSettingsTests : IDisposable
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
    private readonly TempDirectory _home = new();
    private readonly EnvironmentScope _environment;

    public ConnectionSettingsTests() => _environment = new EnvironmentScope().ClearAws();

    public void Dispose()
    {
        _environment.Dispose();
        _home.Dispose();
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("eu-central-2", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public void ExplicitKeysAndRegion_GiveRegionPartitionAndBasicCredentials(string region, string partition)
    {
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = region, AccessKey = "AKIAEXAMPLE", SecretKey = Secret });

        Assert.Equal(region, aws.Region);
        Assert.Equal(partition, aws.Partition);
        Assert.IsType<BasicAWSCredentials>(aws.Credentials);
        Assert.Equal("AKIAEXAMPLE", aws.Credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void SessionToken_GivesSessionCredentials()
    {
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = "eu-west-1", AccessKey = "ASIAEXAMPLE", SecretKey = Secret, SessionToken = "token" });

        Assert.IsType<SessionAWSCredentials>(aws.Credentials);
        Assert.Equal("token", aws.Credentials.GetCredentials().Token);
    }

    [Fact]
    public void CredentialObject_IsUsedAsGiven()
    {
        var credentials = new BasicAWSCredentials("AKIAOBJECT", Secret);

        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = "eu-west-1", Credential = credentials });

        Assert.Same(credentials, aws.Credentials);
    }

    [Theory]
    [InlineData("AKIA", null, null, false)]
    [InlineData(null, Secret, null, false)]
    [InlineData(null, null, "token", false)]
    [InlineData("AKIA", Secret, null, true)]
    public void ConflictingOrIncompleteCredentials_FailWithInvalidParameterCombination(string? accessKey, string? secretKey, string? token, bool alsoProfile)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings
        {
            Region = "eu-west-1",
            AccessKey = accessKey,
            SecretKey = secretKey,
            SessionToken = token,
            ProfileName = alsoProfile ? "dev" : null,
        }));

        Assert.Equal(ErrorIds.InvalidParameterCombination, ex.ErrorId);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("useast1")]
    [InlineData("US-EAST-1")]
    [InlineData("us-east")]
    [InlineData("us-isob-east-1")]
    public void BadRegion_FailsWithAwsInvalidRegion(string region)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings { Region = region, AccessKey = "AKIA", SecretKey = Secret }));

        Assert.Equal(ErrorIds.AwsInvalidRegion, ex.ErrorId);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("http://user:pass@127.0.0.1:5000")]
    public void BadEndpointUrl_FailsWithAwsInvalidEndpointUrl(string endpoint)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings { Region = "eu-west-1", AccessKey = "AKIA", SecretKey = Secret, EndpointUrl = endpoint }));

        Assert.Equal(ErrorIds.AwsInvalidEndpointUrl, ex.ErrorId);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(21, null)]
    [InlineData(null, 0)]
    public void BadRetryOrTimeout_FailsWithAwsInvalidParameter(int? retries, int? timeoutSeconds)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings
        {
            Region = "eu-west-1",
            AccessKey = "AKIA",
            SecretKey = Secret,
            MaxErrorRetry = retries,
            Timeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        }));

        Assert.Equal(ErrorIds.AwsInvalidParameter, ex.ErrorId);
    }

    [Fact]
    public void NoRegionAnywhere_FailsWithAwsRegionNotSpecified()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings { AccessKey = "AKIA", SecretKey = Secret }));

        Assert.Equal(ErrorIds.AwsRegionNotSpecified, ex.ErrorId);
        Assert.Contains("-Region", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_ComesFromAwsRegion_ThenAwsDefaultRegion()
    {
        var keys = new AwsConnectionSettings { AccessKey = "AKIA", SecretKey = Secret };

        using var both = AwsConnection.Create(keys, Env(("AWS_REGION", "eu-west-3"), ("AWS_DEFAULT_REGION", "eu-north-1")));
        using var fallback = AwsConnection.Create(keys, Env(("AWS_DEFAULT_REGION", "eu-north-1")));
        using var explicitWins = AwsConnection.Create(new AwsConnectionSettings { Region = "ap-south-1", AccessKey = "AKIA", SecretKey = Secret }, Env(("AWS_REGION", "eu-west-3")));

        Assert.Equal("eu-west-3", both.Region);
        Assert.Equal("eu-north-1", fallback.Region);
        Assert.Equal("ap-south-1", explicitWins.Region);
    }

    [Fact]
    public void NamedProfile_GivesCredentialsAndRegion_AndItsRegionBeatsTheEnvironment()
    {
        var file = _home.Write("creds", "[dev]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = " + Secret + "\nregion = ca-central-1\n");

        using var aws = AwsConnection.Create(new AwsConnectionSettings { ProfileName = "dev", ProfileLocation = file }, Env(("AWS_REGION", "eu-west-3")));

        Assert.Equal("ca-central-1", aws.Region);
        Assert.Equal("AKIAPROFILE", aws.Credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void DefaultProfile_GivesTheRegion_WhenNothingElseDoes()
    {
        var file = _home.Write("creds", "[default]\nregion = sa-east-1\n");

        using var aws = AwsConnection.Create(new AwsConnectionSettings { ProfileLocation = file, AccessKey = "AKIA", SecretKey = Secret }, Env());

        Assert.Equal("sa-east-1", aws.Region);
    }

    [Fact]
    public void UnknownProfile_FailsWithAwsProfileNotFound_NamingWhereItLooked()
    {
        var file = _home.Write("creds", "[other]\naws_access_key_id = AKIA\naws_secret_access_key = " + Secret + "\n");

        var ex = Assert.Throws<IrsaValidationException>(() => AwsConnection.Create(new AwsConnectionSettings { ProfileName = "dev", ProfileLocation = file, Region = "eu-west-1" }));

        Assert.Equal(ErrorIds.AwsProfileNotFound, ex.ErrorId);
        Assert.Equal("dev", ex.Target);
        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileWithoutCredentials_FailsWithAwsCredentialsNotFound()
    {
        var file = _home.Write("creds", "[dev]\nregion = eu-west-1\n");

        var ex = Assert.Throws<IrsaException>(() => AwsConnection.Create(new AwsConnectionSettings { ProfileName = "dev", ProfileLocation = file }));

        Assert.Equal(ErrorIds.AwsCredentialsNotFound, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.AuthenticationFailed, ex.Kind);
    }

    [Fact]
    public void NoCredentialsAnywhere_FailsWithAwsCredentialsNotFound_BeforeAnyCall()
    {
        var counter = new AwsCallCounter();

        var ex = Assert.Throws<IrsaException>(() => AwsConnection.Create(new AwsConnectionSettings { Region = "eu-west-1", Observer = counter }));

        Assert.Equal(ErrorIds.AwsCredentialsNotFound, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.AuthenticationFailed, ex.Kind);
        Assert.Contains("-ProfileName", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.TotalCalls);
        Assert.Equal(0, counter.TotalAttempts);
    }

    [Fact]
    public void DefaultChain_FindsEnvironmentKeys()
    {
        _environment.Set("AWS_ACCESS_KEY_ID", "AKIAFROMENV").Set("AWS_SECRET_ACCESS_KEY", Secret);

        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = "eu-west-1" });

        Assert.Equal("AKIAFROMENV", aws.Credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public async Task EksToken_IsSignedWithTheConnectionsCredentialsAndRegion()
    {
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = "cn-north-1", AccessKey = "AKIATOKEN", SecretKey = Secret });

        var token = await aws.GetEksTokenAsync("prod");
        var url = EksTokenGenerator.DecodeUrl(token.Token);

        Assert.StartsWith("https://sts.cn-north-1.amazonaws.com.cn/?Action=GetCallerIdentity&Version=2011-06-15&", url, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Credential=AKIATOKEN%2F", url, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, url, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return name => map.TryGetValue(name, out var value) ? value : null;
    }
}
