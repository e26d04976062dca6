using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Amazon.Runtime;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// EKS bearer tokens against golden values made independently by eks_token_golden.py (awscli's own TokenGenerator
/// on botocore, at a frozen signing time): checked in below, and recomputed live when python3 and botocore are there.
/// </summary>
public sealed class EksTokenTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static TheoryData<string, string, string, string, string?, string> Goldens => new()
    {
        { "us-west-2", "my-cluster", "AKIDEXAMPLE", "2024-01-02T03:04:05Z", null, "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtd2VzdC0yLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BS0lERVhBTVBMRSUyRjIwMjQwMTAyJTJGdXMtd2VzdC0yJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNDAxMDJUMDMwNDA1WiZYLUFtei1FeHBpcmVzPTYwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TaWduYXR1cmU9OTZkZGRhMDllOTUyM2Y2MzYzODkyZjUyZTU4MjhkZDYyNjViMjJlYzg3ZDhjOTFlMjgyMDBhMGJhNmI3N2EzMA" },
        { "cn-north-1", "prod_cluster-1", "AKIDEXAMPLE", "2025-06-30T23:59:59Z", null, "k8s-aws-v1.aHR0cHM6Ly9zdHMuY24tbm9ydGgtMS5hbWF6b25hd3MuY29tLmNuLz9BY3Rpb249R2V0Q2FsbGVySWRlbnRpdHkmVmVyc2lvbj0yMDExLTA2LTE1JlgtQW16LUFsZ29yaXRobT1BV1M0LUhNQUMtU0hBMjU2JlgtQW16LUNyZWRlbnRpYWw9QUtJREVYQU1QTEUlMkYyMDI1MDYzMCUyRmNuLW5vcnRoLTElMkZzdHMlMkZhd3M0X3JlcXVlc3QmWC1BbXotRGF0ZT0yMDI1MDYzMFQyMzU5NTlaJlgtQW16LUV4cGlyZXM9NjAmWC1BbXotU2lnbmVkSGVhZGVycz1ob3N0JTNCeC1rOHMtYXdzLWlkJlgtQW16LVNpZ25hdHVyZT0yYzY0MDdjYWVjOGRiYjZjYzZkYzM5MDYyODkyOGQ5ODM3MDA4MjQ2OTVhYjdmOTMxOGQ5M2NmOTFmNzQwNWQw" },
        { "us-gov-west-1", "gov", "AKIDEXAMPLE", "2024-02-29T12:00:00Z", null, "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZ292LXdlc3QtMS5hbWF6b25hd3MuY29tLz9BY3Rpb249R2V0Q2FsbGVySWRlbnRpdHkmVmVyc2lvbj0yMDExLTA2LTE1JlgtQW16LUFsZ29yaXRobT1BV1M0LUhNQUMtU0hBMjU2JlgtQW16LUNyZWRlbnRpYWw9QUtJREVYQU1QTEUlMkYyMDI0MDIyOSUyRnVzLWdvdi13ZXN0LTElMkZzdHMlMkZhd3M0X3JlcXVlc3QmWC1BbXotRGF0ZT0yMDI0MDIyOVQxMjAwMDBaJlgtQW16LUV4cGlyZXM9NjAmWC1BbXotU2lnbmVkSGVhZGVycz1ob3N0JTNCeC1rOHMtYXdzLWlkJlgtQW16LVNpZ25hdHVyZT00YzA5ODBiODU2YTEwZDJlZGVmZGI3ZjI3MzQ0YzFiN2E3MDM3ODg0ZDEyNTM4YmU2MDVkMzFiMTU1OWJkNjQ3" },
        { "eu-central-1", "web", "ASIAEXAMPLE", "2024-01-02T03:04:05Z", "FwoGZXIvYXdzEBYaDHk/token+value=", "k8s-aws-v1.aHR0cHM6Ly9zdHMuZXUtY2VudHJhbC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BU0lBRVhBTVBMRSUyRjIwMjQwMTAyJTJGZXUtY2VudHJhbC0xJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNDAxMDJUMDMwNDA1WiZYLUFtei1FeHBpcmVzPTYwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TZWN1cml0eS1Ub2tlbj1Gd29HWlhJdllYZHpFQllhREhrJTJGdG9rZW4lMkJ2YWx1ZSUzRCZYLUFtei1TaWduYXR1cmU9MzIxNWFhNDkxNzRiNmU1NDNhMWM1MGFlY2E5YmI1MWJmZTcxZDg1YjdlOTgyZTc0YzQ0ZTg0MTk4NmJiOTc5NA" },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Token_EqualsTheCheckedInGolden(string region, string cluster, string accessKey, string signedAt, string? sessionToken, string golden)
    {
        var token = await CreateAsync(region, cluster, accessKey, signedAt, sessionToken);

        Assert.Equal(golden, token.Token);
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Token_EqualsWhatBotocoreMakesNow(string region, string cluster, string accessKey, string signedAt, string? sessionToken, string golden)
    {
        string[] args = sessionToken is null ? [region, cluster, accessKey, Secret, signedAt] : [region, cluster, accessKey, Secret, signedAt, sessionToken];
        var live = RunGoldenScript(args);
        if (live is null)
        {
            // No python3 with botocore on this machine: the checked-in golden (made by the same script) still applies.
            Assert.StartsWith("k8s-aws-v1.", golden, StringComparison.Ordinal);
            return;
        }

        var token = await CreateAsync(region, cluster, accessKey, signedAt, sessionToken);

        Assert.Equal(live, token.Token);
    }

    [Fact]
    public async Task Token_HasTheShapeTheAuthenticatorExpects()
    {
        var token = await CreateAsync("eu-west-1", "prod", "AKIDEXAMPLE", "2024-05-06T07:08:09Z", null);
        var url = EksTokenGenerator.DecodeUrl(token.Token);

        Assert.StartsWith("k8s-aws-v1.", token.Token, StringComparison.Ordinal);
        Assert.DoesNotContain("=", token.Token.Substring("k8s-aws-v1.".Length), StringComparison.Ordinal);
        Assert.DoesNotContain("+", token.Token, StringComparison.Ordinal);
        Assert.DoesNotContain("/", token.Token, StringComparison.Ordinal);
        Assert.StartsWith("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&", url, StringComparison.Ordinal);
        Assert.Contains("&X-Amz-Expires=60&", url, StringComparison.Ordinal);
        Assert.Contains("&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&", url, StringComparison.Ordinal);
        Assert.Contains("&X-Amz-Date=20240506T070809Z&", url, StringComparison.Ordinal);
        Assert.Matches("&X-Amz-Signature=[0-9a-f]{64}$", url);
        Assert.DoesNotContain(Secret, url, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), token.SignedAt);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 22, 9, DateTimeKind.Utc), token.ExpiresAt);
        Assert.DoesNotContain(token.Token, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DifferentClusters_GetDifferentSignatures()
    {
        var a = await CreateAsync("eu-west-1", "a", "AKIDEXAMPLE", "2024-05-06T07:08:09Z", null);
        var b = await CreateAsync("eu-west-1", "b", "AKIDEXAMPLE", "2024-05-06T07:08:09Z", null);

        Assert.NotEqual(a.Token, b.Token);
    }

    [Fact]
    public async Task CredentialsThatCannotBeResolved_FailWithEksTokenFailed()
    {
        var ex = await Assert.ThrowsAsync<IrsaException>(() => EksTokenGenerator.CreateAsync(new FailingCredentials(), "eu-west-1", "prod"));

        Assert.Equal(ErrorIds.EksTokenFailed, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.AuthenticationFailed, ex.Kind);
        Assert.Equal("prod", ex.Target);
    }

    [Fact]
    public void DecodeUrl_RejectsTextThatIsNotAToken()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => EksTokenGenerator.DecodeUrl("Bearer abc"));

        Assert.Equal(ErrorIds.EksTokenFailed, ex.ErrorId);
    }

    private static Task<EksToken> CreateAsync(string region, string cluster, string accessKey, string signedAt, string? sessionToken)
    {
        AWSCredentials credentials = sessionToken is null ? new BasicAWSCredentials(accessKey, Secret) : new SessionAWSCredentials(accessKey, Secret, sessionToken);
        var when = DateTime.ParseExact(signedAt, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return EksTokenGenerator.CreateAsync(credentials, region, cluster, when);
    }

    /// <summary>Runs eks_token_golden.py; null when python3 or botocore is missing here.</summary>
    private static string? RunGoldenScript(string[] args)
    {
        var script = FindScript();
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Assert.True(error.Contains("ModuleNotFoundError", StringComparison.Ordinal), $"eks_token_golden.py failed: {error}");
                return null;
            }

            return output.Trim();
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "IrsaPS.Core.Tests", "Aws", "eks_token_golden.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("eks_token_golden.py was not found above " + AppContext.BaseDirectory);
    }

    private sealed class FailingCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("The SSO session has expired.");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => throw new AmazonClientException("The SSO session has expired.");
    }
}
