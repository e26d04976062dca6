using System;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

public class TrustPolicyBuilderTests
{
    private const string Account = PolicyTestData.Account;
    private static readonly OidcIssuer A = PolicyTestData.Issuer(PolicyTestData.EksctlIssuer);
    private static readonly OidcIssuer B = PolicyTestData.Issuer(PolicyTestData.SecondIssuer);

    [Fact]
    public void OneServiceAccount_GivesTheDocumentedShape_WithStrings()
    {
        var json = TrustPolicyBuilder.BuildJson("aws", Account, [new IrsaSubject(A, "kube-system", "aws-load-balancer-controller")]);

        Assert.Equal(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\"},"
            + "\"Action\":\"sts:AssumeRoleWithWebIdentity\","
            + "\"Condition\":{\"StringEquals\":{"
            + "\"oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub\":\"system:serviceaccount:kube-system:aws-load-balancer-controller\","
            + "\"oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud\":\"sts.amazonaws.com\"}}}]}",
            json);
    }

    [Fact]
    public void SeveralServiceAccounts_ShareOneStatement_WithASortedDistinctArray()
    {
        var document = TrustPolicyBuilder.Build("aws", Account,
        [
            new IrsaSubject(A, "web", "frontend"),
            new IrsaSubject(A, "api", "backend"),
            new IrsaSubject(A, "web", "frontend"),
        ]);

        var statement = Assert.Single(document.Statements);
        var sub = statement.Condition!.Blocks[0].Find(A.SubKey)!.Values;
        Assert.True(sub.IsArray);
        Assert.Equal(new[] { "system:serviceaccount:api:backend", "system:serviceaccount:web:frontend" }, sub.ToArray());
        Assert.False(statement.Condition.Blocks[0].Find(A.AudKey)!.Values.IsArray);
    }

    [Fact]
    public void SeveralClusters_AndAudiences_GetOneStatementEach_InADeterministicOrder()
    {
        IrsaSubject[] subjects =
        [
            new(B, "web", "app"),
            new(A, "web", "app", "custom.example.com"),
            new(A, "web", "app"),
            new(A, "api", "app"),
        ];

        var document = TrustPolicyBuilder.Build("aws", Account, subjects);
        var reversed = TrustPolicyBuilder.Build("aws", Account, subjects.Reverse());

        Assert.Equal(document.ToJson(), reversed.ToJson());
        Assert.Equal(3, document.Statements.Count);

        // Ordered by issuer host/path, then audience, then operator.
        Assert.Equal(PolicyTestData.Provider(PolicyTestData.SecondIssuer), document.Statements[0].Principal!.Get("Federated")![0]);
        Assert.Equal(PolicyTestData.Provider(PolicyTestData.EksctlIssuer), document.Statements[1].Principal!.Get("Federated")![0]);
        Assert.Equal("custom.example.com", document.Statements[1].Condition!.Blocks[0].Find(A.AudKey)!.Values[0]);
        Assert.Equal("sts.amazonaws.com", document.Statements[2].Condition!.Blocks[0].Find(A.AudKey)!.Values[0]);
        Assert.Equal(2, document.Statements[2].Condition!.Blocks[0].Find(A.SubKey)!.Values.Count);
    }

    [Fact]
    public void WildcardSubjects_AreRefused_UnlessAllowed()
    {
        var subject = new IrsaSubject(A, "batch", "*");

        var ex = Assert.Throws<IrsaValidationException>(() => TrustPolicyBuilder.Build("aws", Account, [subject]));
        Assert.Equal(ErrorIds.WildcardNotAllowed, ex.ErrorId);
        Assert.Equal("batch/*", ex.Target);
    }

    [Fact]
    public void AllowedWildcards_UseStringLike_InTheirOwnStatement()
    {
        var document = TrustPolicyBuilder.Build("aws", Account, [new IrsaSubject(A, "batch", "*"), new IrsaSubject(A, "web", "app")], allowWildcards: true);

        Assert.Equal(2, document.Statements.Count);
        Assert.Equal("StringEquals", document.Statements[0].Condition!.Blocks[0].Operator);
        Assert.Equal("system:serviceaccount:web:app", document.Statements[0].Condition!.Blocks[0].Find(A.SubKey)!.Values[0]);
        Assert.Equal("StringLike", document.Statements[1].Condition!.Blocks[0].Operator);
        Assert.Equal("system:serviceaccount:batch:*", document.Statements[1].Condition!.Blocks[0].Find(A.SubKey)!.Values[0]);
    }

    [Theory]
    [InlineData("aws-cn", "arn:aws-cn:iam::111122223333:oidc-provider/")]
    [InlineData("aws-us-gov", "arn:aws-us-gov:iam::111122223333:oidc-provider/")]
    public void ProviderArns_FollowThePartition(string partition, string prefix)
    {
        var json = TrustPolicyBuilder.BuildJson(partition, Account, [new IrsaSubject(A, "web", "app")]);
        Assert.Contains("\"Federated\":\"" + prefix + A.HostPath + "\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws", "12345", "InvalidAccountId")]
    [InlineData("azure", "111122223333", "InvalidPartition")]
    public void BadAccounts_AreRejected(string partition, string account, string errorId)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => TrustPolicyBuilder.Build(partition, account, [new IrsaSubject(A, "web", "app")]));
        Assert.Equal(errorId, ex.ErrorId);
    }

    [Fact]
    public void NoSubjects_IsNoTrustSubjects()
    {
        var ex = Assert.Throws<IrsaValidationException>(() => TrustPolicyBuilder.Build("aws", Account, []));
        Assert.Equal(ErrorIds.NoTrustSubjects, ex.ErrorId);
    }

    [Fact]
    public void BuiltPolicies_PassTheTrustPolicyRules_AndRoundTrip()
    {
        var document = TrustPolicyBuilder.Build("aws", Account, [new IrsaSubject(A, "web", "app"), new IrsaSubject(B, "web", "app")]);
        TrustPolicyRules.Validate(document);
        Assert.Equal(document.ToJson(), PolicyDocument.Parse(document.ToJson()).ToJson());
    }
}
