using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

/// <summary>
/// Condition semantics, one row per rule. Each row is a single Allow statement for the test provider with the given
/// Condition ({i} stands for the issuer host/path); the request is sub = system:serviceaccount:web:app, aud =
/// sts.amazonaws.com plus the listed context. "A" = Allowed, "I" = ImplicitDeny, "U" = Undetermined.
/// </summary>
public class TrustEvaluatorTests
{
    private static readonly OidcIssuer Issuer = PolicyTestData.Issuer(PolicyTestData.TeamIssuer);
    private static readonly string Provider = PolicyTestData.Provider(PolicyTestData.TeamIssuer);
    private const string Sub = "system:serviceaccount:web:app";

    [Theory]
    // StringEquals: exact, case-sensitive values; keys case-insensitive; several values OR.
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:app\"}}", "", "A")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:other\"}}", "", "I")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:WEB:app\"}}", "", "I")]
    [InlineData("{\"StringEquals\":{\"{I}:SUB\":\"system:serviceaccount:web:app\"}}", "", "A")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":[\"system:serviceaccount:x:y\",\"system:serviceaccount:web:app\"]}}", "", "A")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:*\"}}", "", "I")]
    // Several keys and several operators AND.
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:app\",\"{i}:aud\":\"sts.amazonaws.com\"}}", "", "A")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:app\",\"{i}:aud\":\"other\"}}", "", "I")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:app\"},\"StringLike\":{\"{i}:aud\":\"sts.*\"}}", "", "A")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:app\"},\"StringLike\":{\"{i}:aud\":\"iam.*\"}}", "", "I")]
    // StringNotEquals: NOR over values; a missing key makes it true.
    [InlineData("{\"StringNotEquals\":{\"{i}:sub\":\"system:serviceaccount:web:other\"}}", "", "A")]
    [InlineData("{\"StringNotEquals\":{\"{i}:sub\":\"system:serviceaccount:web:app\"}}", "", "I")]
    [InlineData("{\"StringNotEquals\":{\"{i}:sub\":[\"system:serviceaccount:x:y\",\"system:serviceaccount:web:app\"]}}", "", "I")]
    [InlineData("{\"StringNotEquals\":{\"{i}:sub\":[\"system:serviceaccount:x:y\",\"system:serviceaccount:z:z\"]}}", "", "A")]
    [InlineData("{\"StringNotEquals\":{\"{i}:missing\":\"x\"}}", "", "A")]
    // Ignore-case forms.
    [InlineData("{\"StringEqualsIgnoreCase\":{\"{i}:sub\":\"SYSTEM:ServiceAccount:WEB:APP\"}}", "", "A")]
    [InlineData("{\"StringNotEqualsIgnoreCase\":{\"{i}:sub\":\"SYSTEM:ServiceAccount:WEB:APP\"}}", "", "I")]
    [InlineData("{\"StringNotEqualsIgnoreCase\":{\"{i}:sub\":\"system:serviceaccount:web:api\"}}", "", "A")]
    // StringLike / StringNotLike: * and ?, case-sensitive.
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:web:*\"}}", "", "A")]
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:we?:a?p\"}}", "", "A")]
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:*:*\"}}", "", "A")]
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:api:*\"}}", "", "I")]
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"System:*\"}}", "", "I")]
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:web:ap\"}}", "", "I")]
    [InlineData("{\"StringNotLike\":{\"{i}:sub\":\"system:serviceaccount:kube-*:*\"}}", "", "A")]
    [InlineData("{\"StringNotLike\":{\"{i}:sub\":[\"system:serviceaccount:kube-*:*\",\"*:web:*\"]}}", "", "I")]
    // Missing keys, IfExists.
    [InlineData("{\"StringEquals\":{\"{i}:missing\":\"x\"}}", "", "I")]
    [InlineData("{\"StringLike\":{\"{i}:missing\":\"*\"}}", "", "I")]
    [InlineData("{\"StringEqualsIfExists\":{\"{i}:missing\":\"x\"}}", "", "A")]
    [InlineData("{\"StringEqualsIfExists\":{\"{i}:sub\":\"system:serviceaccount:web:other\"}}", "", "I")]
    [InlineData("{\"StringEqualsIfExists\":{\"{i}:sub\":\"system:serviceaccount:web:app\"}}", "", "A")]
    [InlineData("{\"StringNotLikeIfExists\":{\"{i}:sub\":\"system:serviceaccount:web:*\"}}", "", "I")]
    [InlineData("{\"NumericLessThanIfExists\":{\"sts:DurationSeconds\":\"3600\"}}", "", "A")]
    // Null: true = key absent.
    [InlineData("{\"Null\":{\"{i}:amr\":\"true\"}}", "", "A")]
    [InlineData("{\"Null\":{\"{i}:amr\":\"true\"}}", "amr=pwd", "I")]
    [InlineData("{\"Null\":{\"{i}:amr\":\"false\"}}", "amr=pwd", "A")]
    [InlineData("{\"Null\":{\"{i}:amr\":\"false\"}}", "", "I")]
    [InlineData("{\"Null\":{\"{i}:amr\":false}}", "amr=", "I")]
    [InlineData("{\"Null\":{\"{i}:sub\":\"false\",\"{i}:amr\":\"true\"}}", "", "A")]
    // ForAnyValue / ForAllValues on amr (multivalued).
    [InlineData("{\"ForAnyValue:StringEquals\":{\"{i}:amr\":\"mfa\"}}", "amr=pwd,mfa", "A")]
    [InlineData("{\"ForAnyValue:StringEquals\":{\"{i}:amr\":\"mfa\"}}", "amr=pwd", "I")]
    [InlineData("{\"ForAnyValue:StringEquals\":{\"{i}:amr\":\"mfa\"}}", "", "I")]
    [InlineData("{\"ForAnyValue:StringLike\":{\"{i}:amr\":[\"m*\",\"otp\"]}}", "amr=pwd,mfa", "A")]
    [InlineData("{\"ForAllValues:StringEquals\":{\"{i}:amr\":[\"pwd\",\"mfa\"]}}", "amr=pwd", "A")]
    [InlineData("{\"ForAllValues:StringEquals\":{\"{i}:amr\":[\"pwd\",\"mfa\"]}}", "amr=pwd,mfa", "A")]
    [InlineData("{\"ForAllValues:StringEquals\":{\"{i}:amr\":[\"pwd\",\"mfa\"]}}", "amr=pwd,otp", "I")]
    [InlineData("{\"ForAllValues:StringEquals\":{\"{i}:amr\":[\"pwd\",\"mfa\"]}}", "", "A")]
    [InlineData("{\"ForAllValues:StringEquals\":{\"{i}:amr\":[\"pwd\",\"mfa\"]}}", "amr=", "A")]
    [InlineData("{\"ForAnyValue:StringNotEquals\":{\"{i}:amr\":\"pwd\"}}", "amr=pwd,mfa", "A")]
    [InlineData("{\"ForAnyValue:StringNotEquals\":{\"{i}:amr\":\"pwd\"}}", "amr=pwd", "I")]
    [InlineData("{\"ForAllValues:StringNotLike\":{\"{i}:amr\":\"o*\"}}", "amr=pwd,mfa", "A")]
    [InlineData("{\"ForAllValues:StringNotLike\":{\"{i}:amr\":\"o*\"}}", "amr=pwd,otp", "I")]
    [InlineData("{\"forallvalues:stringequals\":{\"{i}:amr\":\"pwd\"}}", "amr=pwd", "A")]
    // A plain operator on several request values: any value (negated: none).
    [InlineData("{\"StringEquals\":{\"{i}:amr\":\"mfa\"}}", "amr=pwd,mfa", "A")]
    [InlineData("{\"StringNotEquals\":{\"{i}:amr\":\"mfa\"}}", "amr=pwd,mfa", "I")]
    // Numeric.
    [InlineData("{\"NumericLessThan\":{\"sts:DurationSeconds\":\"3600\"}}", "sts:DurationSeconds=900", "A")]
    [InlineData("{\"NumericLessThan\":{\"sts:DurationSeconds\":\"3600\"}}", "sts:DurationSeconds=3600", "I")]
    [InlineData("{\"NumericLessThanEquals\":{\"sts:DurationSeconds\":3600}}", "sts:DurationSeconds=3600", "A")]
    [InlineData("{\"NumericGreaterThan\":{\"sts:DurationSeconds\":\"3600\"}}", "sts:DurationSeconds=3600.5", "A")]
    [InlineData("{\"NumericGreaterThanEquals\":{\"sts:DurationSeconds\":\"3600\"}}", "sts:DurationSeconds=100", "I")]
    [InlineData("{\"NumericEquals\":{\"sts:DurationSeconds\":\"1.0\"}}", "sts:DurationSeconds=1", "A")]
    [InlineData("{\"NumericNotEquals\":{\"sts:DurationSeconds\":[\"1\",\"2\"]}}", "sts:DurationSeconds=2", "I")]
    [InlineData("{\"NumericNotEquals\":{\"sts:DurationSeconds\":[\"1\",\"2\"]}}", "sts:DurationSeconds=3", "A")]
    [InlineData("{\"NumericLessThan\":{\"sts:DurationSeconds\":\"3600\"}}", "", "I")]
    // Date.
    [InlineData("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}", "aws:CurrentTime=2024-05-01T12:00:00Z", "A")]
    [InlineData("{\"DateLessThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}", "aws:CurrentTime=2024-05-01T12:00:00Z", "I")]
    [InlineData("{\"DateLessThanEquals\":{\"aws:CurrentTime\":\"1577836800\"}}", "aws:CurrentTime=2020-01-01T00:00:00Z", "A")]
    [InlineData("{\"DateEquals\":{\"aws:CurrentTime\":\"2020-01-01T01:00:00+01:00\"}}", "aws:CurrentTime=2020-01-01T00:00:00Z", "A")]
    [InlineData("{\"DateNotEquals\":{\"aws:CurrentTime\":\"2020-01-01\"}}", "aws:CurrentTime=2020-01-01T00:00:00Z", "I")]
    [InlineData("{\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}", "aws:CurrentTime=2024-05-01T12:00:00Z", "I")]
    // Bool (strings or JSON booleans).
    [InlineData("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", "aws:SecureTransport=true", "A")]
    [InlineData("{\"Bool\":{\"aws:SecureTransport\":true}}", "aws:SecureTransport=TRUE", "A")]
    [InlineData("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", "aws:SecureTransport=false", "I")]
    [InlineData("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", "", "I")]
    [InlineData("{\"BoolIfExists\":{\"aws:SecureTransport\":\"true\"}}", "", "A")]
    // Binary.
    [InlineData("{\"BinaryEquals\":{\"k:bin\":\"QmluYXJ5VmFsdWU=\"}}", "k:bin=QmluYXJ5VmFsdWU=", "A")]
    [InlineData("{\"BinaryEquals\":{\"k:bin\":\"QmluYXJ5VmFsdWU=\"}}", "k:bin=T3RoZXI=", "I")]
    // IP addresses.
    [InlineData("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", "aws:SourceIp=10.1.2.3", "A")]
    [InlineData("{\"IpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\",\"203.0.113.7\"]}}", "aws:SourceIp=203.0.113.7", "A")]
    [InlineData("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", "aws:SourceIp=11.0.0.1", "I")]
    [InlineData("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}", "aws:SourceIp=2001:db8:1::5", "A")]
    [InlineData("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", "aws:SourceIp=10.1.2.3", "I")]
    [InlineData("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", "aws:SourceIp=192.168.1.1", "A")]
    // ARNs: component-wise, with wildcards, for ArnEquals and ArnLike alike.
    [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:eks:*:111122223333:cluster/*\"}}", "aws:SourceArn=arn:aws:eks:us-east-1:111122223333:cluster/prod", "A")]
    [InlineData("{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:eks:*:111122223333:cluster/*\"}}", "aws:SourceArn=arn:aws:eks:us-east-1:111122223333:cluster/prod", "A")]
    [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:eks:*:111122223333:cluster/*\"}}", "aws:SourceArn=arn:aws:eks:us-east-1:444455556666:cluster/prod", "I")]
    [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:*\"}}", "aws:SourceArn=arn:aws:eks:us-east-1:111122223333:cluster/prod", "U")]
    [InlineData("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:eks:*:111122223333:cluster/*\"}}", "aws:SourceArn=arn:aws:eks:us-east-1:444455556666:cluster/prod", "A")]
    [InlineData("{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:eks:us-east-1:111122223333:cluster/prod\"}}", "aws:SourceArn=arn:aws:eks:us-east-1:111122223333:cluster/prod", "I")]
    [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:eks:*:*:cluster/*\"}}", "aws:SourceArn=not-an-arn", "I")]
    // Honest about what cannot be evaluated.
    [InlineData("{\"StringMatchesRegex\":{\"{i}:sub\":\".*\"}}", "", "U")]
    [InlineData("{\"NullIfExists\":{\"{i}:amr\":\"true\"}}", "", "U")]
    [InlineData("{\"ForAnyValue:Null\":{\"{i}:amr\":\"true\"}}", "", "U")]
    [InlineData("{\"NumericLessThan\":{\"sts:DurationSeconds\":\"soon\"}}", "sts:DurationSeconds=5", "U")]
    [InlineData("{\"NumericLessThan\":{\"sts:DurationSeconds\":\"10\"}}", "sts:DurationSeconds=five", "U")]
    [InlineData("{\"DateLessThan\":{\"aws:CurrentTime\":\"yesterday\"}}", "aws:CurrentTime=2020-01-01T00:00:00Z", "U")]
    [InlineData("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}", "aws:SourceIp=10.0.0.1", "U")]
    [InlineData("{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}", "aws:SecureTransport=true", "U")]
    [InlineData("{\"Null\":{\"{i}:amr\":\"maybe\"}}", "", "U")]
    [InlineData("{\"Null\":{\"{i}:amr\":\"${aws:username}\"}}", "aws:username=true", "U")]
    [InlineData("{\"StringMatchesRegex\":{\"{i}:sub\":\".*\"},\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:other\"}}", "", "I")]
    // Policy variables (Version 2012-10-17 only).
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:${aws:username}\"}}", "aws:username=app", "A")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:${AWS:UserName}\"}}", "aws:username=api", "I")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:${aws:username}\"}}", "", "U")]
    [InlineData("{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:${aws:username, 'app'}\"}}", "", "A")]
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:${aws:username}:*\"}}", "aws:username=web", "A")]
    [InlineData("{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:web:${*}\"}}", "", "I")]
    public void ConditionSemantics(string condition, string context, string expected)
    {
        var decision = Evaluate(condition, context, PolicyDocument.Version2012);

        Assert.Equal(expected, decision switch
        {
            TrustDecision.Allowed => "A",
            TrustDecision.ImplicitDeny => "I",
            TrustDecision.Undetermined => "U",
            _ => "D",
        });
    }

    [Fact]
    public void EscapedWildcard_MatchesOnlyItself()
    {
        const string condition = "{\"StringLike\":{\"{i}:sub\":\"system:serviceaccount:web:${*}\"}}";
        var policy = CompiledTrustPolicy.Compile(Document(condition, PolicyDocument.Version2012));

        Assert.Equal(TrustDecision.Allowed, policy.Decide(new WebIdentityRequest(Provider, "system:serviceaccount:web:*")));
        Assert.Equal(TrustDecision.ImplicitDeny, policy.Decide(new WebIdentityRequest(Provider, "system:serviceaccount:web:app")));
    }

    [Fact]
    public void PolicyVariables_AreLiteralText_InOlderVersions()
    {
        const string condition = "{\"StringEquals\":{\"{i}:sub\":\"system:serviceaccount:web:${aws:username}\"}}";

        Assert.Equal(TrustDecision.ImplicitDeny, Evaluate(condition, "aws:username=app", PolicyDocument.Version2008));
        var policy = CompiledTrustPolicy.Compile(Document(condition, PolicyDocument.Version2008));
        Assert.Equal(TrustDecision.Allowed, policy.Decide(new WebIdentityRequest(Provider, "system:serviceaccount:web:${aws:username}")));
    }

    [Theory]
    [InlineData("\"*\"", nameof(TrustDecision.Allowed))]
    [InlineData("{\"AWS\":\"*\"}", nameof(TrustDecision.Allowed))]
    [InlineData("{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"*\"]}", nameof(TrustDecision.Allowed))]
    [InlineData("{\"Federated\":\"{p}\"}", nameof(TrustDecision.Allowed))]
    [InlineData("{\"Federated\":[\"arn:aws:iam::111122223333:saml-provider/corp\",\"{p}\"]}", nameof(TrustDecision.Allowed))]
    [InlineData("{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/other.example.com\"}", nameof(TrustDecision.ImplicitDeny))]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", nameof(TrustDecision.ImplicitDeny))]
    [InlineData("{\"Service\":\"eks.amazonaws.com\"}", nameof(TrustDecision.ImplicitDeny))]
    public void Principals(string principal, string expected)
    {
        var json = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{principal.Replace("{p}", Provider, StringComparison.Ordinal)},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}}]}}";
        AssertDecision(json, Enum.Parse<TrustDecision>(expected));
    }

    [Theory]
    [InlineData("\"Action\":\"sts:AssumeRoleWithWebIdentity\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"Action\":\"STS:assumerolewithwebidentity\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"Action\":\"sts:AssumeRole*\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"Action\":\"sts:AssumeRoleWith?ebIdentity\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"Action\":\"*\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"Action\":[\"sts:TagSession\",\"sts:AssumeRoleWithWebIdentity\"]", nameof(TrustDecision.Allowed))]
    [InlineData("\"Action\":\"sts:AssumeRole\"", nameof(TrustDecision.ImplicitDeny))]
    [InlineData("\"Action\":\"sts:AssumeRoleWithSAML\"", nameof(TrustDecision.ImplicitDeny))]
    [InlineData("\"NotAction\":\"sts:AssumeRole\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"NotAction\":\"sts:*\"", nameof(TrustDecision.ImplicitDeny))]
    [InlineData("\"NotAction\":[\"sts:TagSession\",\"sts:AssumeRoleWith*\"]", nameof(TrustDecision.ImplicitDeny))]
    public void Actions(string action, string expected)
    {
        var json = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"{Provider}\"}},{action}}}]}}";
        AssertDecision(json, Enum.Parse<TrustDecision>(expected));
    }

    [Fact]
    public void NotPrincipal_InADeny_AppliesToEveryoneNotListed()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + $"{{\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"{Provider}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}},"
            + "{\"Sid\":\"OnlyTheOtherCluster\",\"Effect\":\"Deny\",\"NotPrincipal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/other.example.com\"},\"Action\":\"sts:*\"}]}";

        var evaluation = CompiledTrustPolicy.Compile(json).Evaluate(new WebIdentityRequest(Provider, Sub));

        Assert.Equal(TrustDecision.ExplicitDeny, evaluation.Decision);
        Assert.Equal(1, evaluation.DecidingStatementIndex);
        Assert.Equal("OnlyTheOtherCluster", evaluation.DecidingSid);
        Assert.Equal(TrustElement.NotPrincipal, evaluation.Statements[1].Checks[0].Element);
    }

    [Fact]
    public void NotPrincipal_ListingTheProvider_Excludes()
    {
        var json = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"NotPrincipal\":{{\"Federated\":\"{Provider}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}}]}}";
        AssertDecision(json, TrustDecision.ImplicitDeny);
        AssertDecision(json.Replace("{\"Federated\":\"" + Provider + "\"}", "\"*\"", StringComparison.Ordinal), TrustDecision.ImplicitDeny);
    }

    [Fact]
    public void ExplicitDeny_WinsOverAnyAllow_AndNamesTheStatement()
    {
        var policy = CompiledTrustPolicy.Compile(PolicyTestData.Load("deny-and-negated.json"));
        var issuer = PolicyTestData.Issuer(PolicyTestData.TeamIssuer);

        var api = policy.Evaluate(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "team-a", "api"), "aws", PolicyTestData.Account));
        Assert.Equal(TrustDecision.Allowed, api.Decision);
        Assert.Equal("AllowTeamNamespace", api.DecidingSid);

        var defaultAccount = policy.Evaluate(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "team-a", "default"), "aws", PolicyTestData.Account));
        Assert.Equal(TrustDecision.ExplicitDeny, defaultAccount.Decision);
        Assert.Equal("DenyDefaultAccount", defaultAccount.DecidingSid);
        Assert.Equal(StatementOutcome.Matched, defaultAccount.Statements[0].Outcome);

        var otherAudience = policy.Evaluate(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "team-a", "api", "other.example.com"), "aws", PolicyTestData.Account));
        Assert.Equal(TrustDecision.ExplicitDeny, otherAudience.Decision);
        Assert.Equal(2, otherAudience.DecidingStatementIndex);

        var secondAudience = policy.Evaluate(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "team-a", "api", "irsa.example.com"), "aws", PolicyTestData.Account));
        Assert.Equal(TrustDecision.ImplicitDeny, secondAudience.Decision);
        Assert.Null(secondAudience.DecidingStatement);

        var otherNamespace = policy.Evaluate(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "team-b", "api"), "aws", PolicyTestData.Account));
        Assert.Equal(TrustDecision.ImplicitDeny, otherNamespace.Decision);
    }

    [Fact]
    public void UndeterminedDeny_BlocksACertainAnswer_OnlyWhereItMatters()
    {
        var unknownDeny = $"{{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\",\"Condition\":{{\"StringMatchesRegex\":{{\"{Issuer.HostPath}:sub\":\".*\"}}}}}}";
        var allow = $"{{\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"{Provider}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}}";

        AssertDecision($"{{\"Version\":\"2012-10-17\",\"Statement\":[{allow},{unknownDeny}]}}", TrustDecision.Undetermined);
        AssertDecision($"{{\"Version\":\"2012-10-17\",\"Statement\":[{unknownDeny}]}}", TrustDecision.ImplicitDeny);
        var definiteDeny = unknownDeny.Replace("StringMatchesRegex", "StringLike", StringComparison.Ordinal).Replace(".*", "*", StringComparison.Ordinal);
        AssertDecision($"{{\"Version\":\"2012-10-17\",\"Statement\":[{allow},{unknownDeny},{definiteDeny}]}}", TrustDecision.ExplicitDeny);
    }

    [Fact]
    public void StatementWithoutPrincipal_AppliesToNoOne()
    {
        AssertDecision("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}", TrustDecision.ImplicitDeny);
    }

    [Fact]
    public void RealDocuments_AdmitExactlyTheirServiceAccounts()
    {
        var terraform = CompiledTrustPolicy.Compile(PolicyTestData.Load("terraform-irsa-module.json"));
        var issuer = PolicyTestData.Issuer(PolicyTestData.TerraformIssuer);
        Assert.Equal(TrustDecision.Allowed, terraform.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "monitoring", "thanos"), "aws", PolicyTestData.Account)));
        Assert.Equal(TrustDecision.ImplicitDeny, terraform.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "monitoring", "grafana"), "aws", PolicyTestData.Account)));
        Assert.Equal(TrustDecision.ImplicitDeny, terraform.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "monitoring", "thanos", "other"), "aws", PolicyTestData.Account)));
        Assert.Equal(TrustDecision.ImplicitDeny, terraform.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "monitoring", "thanos"), "aws", "444455556666")));

        var multi = CompiledTrustPolicy.Compile(PolicyTestData.Load("terraform-multi-cluster.json"));
        foreach (var url in new[] { PolicyTestData.TerraformIssuer, PolicyTestData.SecondIssuer })
        {
            Assert.Equal(TrustDecision.Allowed, multi.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(PolicyTestData.Issuer(url), "karpenter", "karpenter"), "aws", PolicyTestData.Account)));
        }

        var wildcard = CompiledTrustPolicy.Compile(PolicyTestData.Load("aws-docs-wildcard.json"));
        var docsIssuer = PolicyTestData.Issuer(PolicyTestData.DocsIssuer);
        Assert.Equal(TrustDecision.Allowed, wildcard.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(docsIssuer, "batch", "nightly-report"), "aws", PolicyTestData.Account)));
        Assert.Equal(TrustDecision.ImplicitDeny, wildcard.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(docsIssuer, "batch2", "job"), "aws", PolicyTestData.Account)));
    }

    [Fact]
    public void Explanation_NamesTheFailingElement_WithExpectedAndActualValues()
    {
        var policy = CompiledTrustPolicy.Compile(PolicyTestData.Load("eksctl.json"));
        var issuer = PolicyTestData.Issuer(PolicyTestData.EksctlIssuer);

        var evaluation = policy.Evaluate(WebIdentityRequest.ForSubject(new IrsaSubject(issuer, "kube-system", "external-dns"), "aws", PolicyTestData.Account));

        Assert.Equal(TrustDecision.ImplicitDeny, evaluation.Decision);
        var statement = Assert.Single(evaluation.Statements);
        Assert.Equal(StatementOutcome.NotMatched, statement.Outcome);
        Assert.Equal(new bool?[] { true, true, true, false }, statement.Checks.Select(c => c.Passed));
        var failure = Assert.Single(statement.Failures);
        Assert.Equal(TrustElement.Condition, failure.Element);
        Assert.Equal("StringEquals", failure.Operator);
        Assert.Equal(issuer.SubKey, failure.Key);
        Assert.Equal(new[] { "system:serviceaccount:kube-system:aws-load-balancer-controller" }, failure.Expected);
        Assert.Equal(new[] { "system:serviceaccount:kube-system:external-dns" }, failure.Actual);

        var text = evaluation.ToText();
        Assert.StartsWith("Implicitly denied: no statement allows sts:AssumeRoleWithWebIdentity to system:serviceaccount:kube-system:external-dns", text, StringComparison.Ordinal);
        Assert.Contains("statement 0 (Allow): does not apply", text, StringComparison.Ordinal);
        Assert.Contains("[no] Condition: " + issuer.SubKey + " 'system:serviceaccount:kube-system:external-dns' does not match 'system:serviceaccount:kube-system:aws-load-balancer-controller' under StringEquals", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_ReportsPrincipalAndActionMismatches_AndMissingKeys()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/other.example.com\"},\"Action\":\"sts:AssumeRole\","
            + $"\"Condition\":{{\"StringEquals\":{{\"{Issuer.HostPath}:amr\":\"mfa\"}}}}}}]}}";

        var evaluation = CompiledTrustPolicy.Compile(json).Evaluate(new WebIdentityRequest(Provider, Sub));
        var failures = evaluation.Statements[0].Failures;

        Assert.Equal(new[] { TrustElement.Principal, TrustElement.Action, TrustElement.Condition }, failures.Select(f => f.Element));
        Assert.Contains("does not include " + Provider, failures[0].Reason, StringComparison.Ordinal);
        Assert.Contains("does not cover sts:AssumeRoleWithWebIdentity", failures[1].Reason, StringComparison.Ordinal);
        Assert.Null(failures[2].Actual);
        Assert.Contains("the request has no", failures[2].Reason, StringComparison.Ordinal);
        Assert.Equal("statement 0 (Sid \"Other\", Allow)", evaluation.Statements[0].Name);
    }

    [Fact]
    public void Explanation_OfUndetermined_SaysWhy()
    {
        var evaluation = CompiledTrustPolicy.Compile(Document("{\"StringMatchesRegex\":{\"{i}:sub\":\".*\"}}", PolicyDocument.Version2012))
            .Evaluate(new WebIdentityRequest(Provider, Sub));

        Assert.Equal(TrustDecision.Undetermined, evaluation.Decision);
        Assert.Equal(0, evaluation.DecidingStatementIndex);
        var check = Assert.Single(evaluation.Statements[0].Failures);
        Assert.Null(check.Passed);
        Assert.Contains("'StringMatchesRegex' is not a condition operator IrsaPS can evaluate", check.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Cannot be determined offline", evaluation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_ContextKeys_AreCaseInsensitive_AndSubAudAmrWin()
    {
        var request = new WebIdentityRequest(
            Provider,
            Sub,
            ["sts.amazonaws.com"],
            ["pwd"],
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["AWS:SourceIp"] = ["10.0.0.1"],
                [Issuer.SubKey] = ["system:serviceaccount:evil:sa"],
            });

        Assert.Equal(new[] { "10.0.0.1" }, request.Lookup("aws:sourceip"));
        Assert.Equal(new[] { Sub }, request.Lookup(Issuer.SubKey.ToUpperInvariant()));
        Assert.Equal(new[] { "pwd" }, request.Lookup(Issuer.AmrKey));
        Assert.Null(request.Lookup("aws:username"));
        Assert.Equal(Issuer.HostPath, request.IssuerHostPath);
    }

    [Fact]
    public void Request_RejectsAnythingButAnOidcProviderArn()
    {
        Assert.ThrowsAny<IrsaPS.Core.Errors.IrsaValidationException>(() => new WebIdentityRequest("arn:aws:iam::111122223333:role/x", Sub));
    }

    [Fact]
    public void Decide_AllocatesNothing_AndIsFast()
    {
        var issuers = Enumerable.Range(0, 3).Select(i => PolicyTestData.Issuer($"https://oidc.eks.us-east-1.amazonaws.com/id/CLUSTER{i}")).ToArray();
        var subjects = issuers.SelectMany(issuer => Enumerable.Range(0, 20).Select(i => new IrsaSubject(issuer, "ns-" + i, "sa-" + i))).ToList();
        var document = TrustPolicyBuilder.Build("aws", PolicyTestData.Account, subjects);
        document.Statements.Add(PolicyDocument.Parse(PolicyTestData.Load("deny-and-negated.json")).Statements[1]);
        var policy = CompiledTrustPolicy.Compile(document);
        var requests = subjects.Select(s => WebIdentityRequest.ForSubject(s, "aws", PolicyTestData.Account))
            .Concat(subjects.Select(s => WebIdentityRequest.ForSubject(new IrsaSubject(s.Issuer, s.Namespace, "other"), "aws", PolicyTestData.Account)))
            .ToArray();
        foreach (var request in requests)
        {
            Assert.Equal(request.Subject!.EndsWith(":other", StringComparison.Ordinal) ? TrustDecision.ImplicitDeny : TrustDecision.Allowed, policy.Decide(request));
        }

        const int rounds = 500;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var allowed = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var request in requests)
            {
                allowed += policy.Decide(request) == TrustDecision.Allowed ? 1 : 0;
            }
        }

        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(rounds * subjects.Count, allowed);
        Assert.True(allocated < 1024, $"Decide allocated {allocated} bytes over {rounds * requests.Length} calls.");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{rounds * requests.Length} decisions took {watch.Elapsed}.");
    }

    private static TrustDecision Evaluate(string condition, string context, string version)
    {
        var policy = CompiledTrustPolicy.Compile(Document(condition, version));
        var request = Request(context);
        var decision = policy.Decide(request);
        Assert.Equal(decision, policy.Evaluate(request).Decision);
        return decision;
    }

    private static void AssertDecision(string json, TrustDecision expected)
    {
        var policy = CompiledTrustPolicy.Compile(json);
        var request = new WebIdentityRequest(Provider, Sub, ["sts.amazonaws.com"]);
        Assert.Equal(expected, policy.Decide(request));
        Assert.Equal(expected, policy.Evaluate(request).Decision);
    }

    private static PolicyDocument Document(string condition, string version)
    {
        var conditionJson = condition
            .Replace("{i}", Issuer.HostPath, StringComparison.Ordinal)
            .Replace("{I}", Issuer.HostPath.ToUpperInvariant(), StringComparison.Ordinal);
        return PolicyDocument.Parse(
            $"{{\"Version\":\"{version}\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"{Provider}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{conditionJson}}}]}}");
    }

    /// <summary>"amr=a,b;key=v1,v2" → a request with those context values ("amr=" is present but empty).</summary>
    private static WebIdentityRequest Request(string context)
    {
        string[]? amr = null;
        var others = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var part in context.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = part[..equals];
            var values = part[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (key == "amr")
            {
                amr = values;
            }
            else
            {
                others[key] = values;
            }
        }

        return new WebIdentityRequest(Provider, Sub, ["sts.amazonaws.com"], amr, others);
    }
}
