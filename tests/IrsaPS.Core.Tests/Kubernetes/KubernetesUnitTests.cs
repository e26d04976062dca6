using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Kubernetes.Auth;
using IrsaPS.Core.Security;
using IrsaPS.Core.ServiceAccounts;
using k8s.KubeConfigModels;
using Xunit;

namespace IrsaPS.Core.Tests.Kubernetes;

public class EksExecCommandTests
{
    [Theory]
    [InlineData("aws", "eks get-token --cluster-name demo", "demo", null, null)]
    [InlineData("/usr/local/bin/aws", "--region us-west-2 eks get-token --cluster-name demo --output json", "demo", "us-west-2", null)]
    [InlineData("aws.exe", "eks get-token --cluster-name=demo --region=eu-west-1 --profile=prod", "demo", "eu-west-1", "prod")]
    [InlineData("aws", "--profile ops eks get-token --cluster-id 0123abcd --no-cli-pager", "0123abcd", null, "ops")]
    [InlineData("aws-iam-authenticator", "token -i demo", "demo", null, null)]
    [InlineData("aws-iam-authenticator", "token --cluster-id demo --region ap-south-1", "demo", "ap-south-1", null)]
    public void TokenOnlyPlugins_AreRecognised(string command, string args, string cluster, string? region, string? profile)
    {
        var request = EksExecCommand.TryParse(Exec(command, args));
        Assert.Equal(new EksTokenRequest(cluster, region, profile), request);
    }

    [Theory]
    [InlineData("aws", "eks get-token --cluster-name demo --role-arn arn:aws:iam::1:role/x")]
    [InlineData("aws", "eks get-token --cluster-name demo --endpoint-url https://sts.example.com")]
    [InlineData("aws", "eks get-token")]
    [InlineData("aws", "sts get-caller-identity")]
    [InlineData("aws", "eks describe-cluster --name demo")]
    [InlineData("aws-iam-authenticator", "token -i demo -r arn:aws:iam::1:role/x")]
    [InlineData("aws-iam-authenticator", "verify -i demo")]
    [InlineData("kubelogin", "get-token --login azurecli")]
    [InlineData("gke-gcloud-auth-plugin", "")]
    public void OtherPlugins_KeepRunning(string command, string args) =>
        Assert.Null(EksExecCommand.TryParse(Exec(command, args)));

    [Fact]
    public void EnvironmentProfileAndRegion_AreUsed_OtherEnvironmentKeepsThePlugin()
    {
        var withProfile = Exec("aws", "eks get-token --cluster-name demo", ("AWS_PROFILE", "prod"), ("AWS_REGION", "eu-central-1"), ("AWS_STS_REGIONAL_ENDPOINTS", "regional"));
        Assert.Equal(new EksTokenRequest("demo", "eu-central-1", "prod"), EksExecCommand.TryParse(withProfile));

        var argumentWins = Exec("aws", "eks get-token --cluster-name demo --profile arg", ("AWS_PROFILE", "env"));
        Assert.Equal("arg", EksExecCommand.TryParse(argumentWins)!.ProfileName);

        Assert.Null(EksExecCommand.TryParse(Exec("aws", "eks get-token --cluster-name demo", ("AWS_CONFIG_FILE", "/x"))));
    }

    private static ExternalExecution Exec(string command, string args, params (string Name, string Value)[] env) => new()
    {
        Command = command,
        Arguments = args.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        ApiVersion = "client.authentication.k8s.io/v1beta1",
        EnvironmentVariables = env.Select(e => new Dictionary<string, string> { ["name"] = e.Name, ["value"] = e.Value }).ToList(),
    };
}

public class SecretRedactorTests
{
    [Theory]
    [InlineData("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig-nature_1 ok", "eyJhbGci")]
    [InlineData("Authorization: Bearer abc.def-ghi", "abc.def-ghi")]
    [InlineData("got k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9u from cache", "aHR0cHM6")]
    [InlineData("{\"token\": \"plain-secret\"}", "plain-secret")]
    [InlineData("password=hunter2 user=bob", "hunter2")]
    [InlineData("aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA")]
    [InlineData("key ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNklq", "ZXlKaGJHY2lPaUpT")]
    public void SecretsAreMasked(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unable to locate credentials. You can configure credentials by running \"aws configure\".")]
    [InlineData("error: exec: \"/usr/local/bin/aws-iam-authenticator\": permission denied")]
    [InlineData("An error occurred (ExpiredToken) when calling the GetCallerIdentity operation")]
    public void OrdinaryMessagesSurvive(string text) => Assert.Equal(text, SecretRedactor.Redact(text));

    [Fact]
    public void LongOutput_KeepsTheEnd()
    {
        var text = new string('a', 5000) + " the real error";
        var redacted = SecretRedactor.Redact(text, 100);
        Assert.EndsWith("the real error", redacted, StringComparison.Ordinal);
        Assert.True(redacted.Length <= 103);
    }

    [Fact]
    public void Arguments_MaskSecretOptionValues()
    {
        var args = SecretRedactor.RedactArguments(["get-token", "--oidc-client-secret", "s3cr3t", "--client-id=app", "--token=abc", "--cluster-name", "demo"]);
        Assert.Equal(["get-token", "--oidc-client-secret", SecretRedactor.Mask, "--client-id=app", "--token=" + SecretRedactor.Mask, "--cluster-name", "demo"], args);
    }
}

public class ServiceAccountAnnotationChangeTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/app";

    [Fact]
    public void ForIrsa_OnMissingAccount_PlansCreation()
    {
        var change = ServiceAccountAnnotationChange.ForIrsa("web", "app", null, RoleArn, "sts.amazonaws.com", true, 3600);

        Assert.True(change.WillCreate);
        Assert.True(change.HasChanges);
        Assert.Empty(change.Before);
        Assert.Equal(4, change.After.Count);
        Assert.Equal("true", change.Patch[IrsaAnnotationKeys.StsRegionalEndpoints]);
        Assert.Equal("3600", change.Patch[IrsaAnnotationKeys.TokenExpiration]);
        Assert.Equal("web/app", change.Target);
        Assert.StartsWith("Create ServiceAccount web/app", change.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ForIrsa_OnExistingAccount_PatchesOnlyWhatDiffers_AndDescribesIt()
    {
        var current = Account(("team", "a"), (IrsaAnnotationKeys.RoleArn, "arn:aws:iam::123456789012:role/old"), (IrsaAnnotationKeys.Audience, "sts.amazonaws.com"));

        var change = ServiceAccountAnnotationChange.ForIrsa("web", "app", current, RoleArn, audience: "sts.amazonaws.com");

        Assert.False(change.WillCreate);
        Assert.Equal([IrsaAnnotationKeys.RoleArn], change.Patch.Keys);
        Assert.Equal("a", change.After["team"]);
        Assert.Equal(RoleArn, change.After[IrsaAnnotationKeys.RoleArn]);
        Assert.Contains("~ eks.amazonaws.com/role-arn: 'arn:aws:iam::123456789012:role/old' -> 'arn:aws:iam::123456789012:role/app'", change.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveIrsa_OnMissingAccount_IsNoChange()
    {
        var change = ServiceAccountAnnotationChange.RemoveIrsa("web", "app", null);
        Assert.False(change.HasChanges);
        Assert.False(change.WillCreate);
        Assert.Contains("nothing to remove", change.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveIrsa_RemovesOnlyPresentKeys()
    {
        var change = ServiceAccountAnnotationChange.RemoveIrsa("web", "app", Account(("team", "a"), (IrsaAnnotationKeys.RoleArn, RoleArn)));
        Assert.Equal(new Dictionary<string, string?> { [IrsaAnnotationKeys.RoleArn] = null }, change.Patch);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a" }, change.After);
        Assert.Contains("- eks.amazonaws.com/role-arn", change.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-arn", null, null, ErrorIds.InvalidArn)]
    [InlineData(RoleArn, "has space", null, ErrorIds.InvalidAudience)]
    [InlineData(RoleArn, null, 599, ErrorIds.InvalidTokenExpiration)]
    [InlineData(RoleArn, null, 86401, ErrorIds.InvalidTokenExpiration)]
    public void BadValues_AreRejected(string roleArn, string? audience, int? expiration, string errorId)
    {
        var error = Assert.Throws<IrsaValidationException>(() => ServiceAccountAnnotationChange.ForIrsa("web", "app", null, roleArn, audience, null, expiration));
        Assert.Equal(errorId, error.ErrorId);
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("-leading")]
    [InlineData("UPPER.example.com/x")]
    [InlineData("example.com/")]
    public void BadAnnotationKeys_AreRejected(string key)
    {
        var error = Assert.Throws<IrsaValidationException>(() => ServiceAccountAnnotationChange.Plan("web", "app", null, new Dictionary<string, string?> { [key] = "v" }));
        Assert.Equal(ErrorIds.InvalidAnnotation, error.ErrorId);
    }

    [Fact]
    public void TypedView_ParsesWhatTheWebhookParses()
    {
        var irsa = Account((IrsaAnnotationKeys.StsRegionalEndpoints, "False"), (IrsaAnnotationKeys.TokenExpiration, "soon")).Irsa;
        Assert.False(irsa.UsesRegionalStsEndpoint);
        Assert.Null(irsa.TokenExpirationSeconds);
        Assert.Equal("soon", irsa.TokenExpiration);
        Assert.True(Account().Irsa.IsEmpty);
    }

    [Fact]
    public void BearerToken_NeverPrintsItsValue()
    {
        var token = new KubernetesBearerToken("k8s-aws-v1.abcdef", DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("abcdef", token.ToString(), StringComparison.Ordinal);
    }

    private static KubeServiceAccount Account(params (string Key, string Value)[] annotations) => new()
    {
        Namespace = "web",
        Name = "app",
        Annotations = annotations.ToDictionary(a => a.Key, a => a.Value),
    };
}
