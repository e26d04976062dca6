using System;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

public class MalformedPolicyTests
{
    private const string Ok = "\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoleWithWebIdentity\"";

    [Theory]
    [InlineData("", "$")]
    [InlineData("   ", "$")]
    [InlineData("{", "$")]
    [InlineData("{\"Version\":\"2012-10-17\",}", "$")]
    [InlineData("{\"Statement\":[]} trailing", "$")]
    [InlineData("// comment\n{\"Statement\":[]}", "$")]
    [InlineData("{'Statement':[]}", "$")]
    public void InvalidJson_IsInvalidPolicyJson(string json, string path)
    {
        var ex = Assert.Throws<MalformedPolicyException>(() => PolicyDocument.Parse(json));
        Assert.Equal(ErrorIds.InvalidPolicyJson, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(path, ex.JsonPath);
    }

    [Theory]
    [InlineData("[]", "$", "JSON object")]
    [InlineData("\"policy\"", "$", "JSON object")]
    [InlineData("{\"Version\":\"2012-10-17\"}", "$", "no Statement")]
    [InlineData("{\"Version\":\"2012-10-18\",\"Statement\":[]}", "$.Version", "2012-10-18")]
    [InlineData("{\"Version\":20121017,\"Statement\":[]}", "$.Version", "a number")]
    [InlineData("{\"Id\":[],\"Statement\":[]}", "$.Id", "an array")]
    [InlineData("{\"Statement\":\"Allow\"}", "$.Statement", "a string")]
    [InlineData("{\"Statement\":42}", "$.Statement", "a number")]
    [InlineData("{\"Statement\":[{" + Ok + "},\"x\"]}", "$.Statement[1]", "must be an object")]
    [InlineData("{\"Statement\":[],\"Statement\":[]}", "$.Statement", "more than once")]
    [InlineData("{\"Statement\":[{\"Action\":\"*\"}]}", "$.Statement[0]", "no Effect")]
    [InlineData("{\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"*\"}]}", "$.Statement[0].Effect", "'allow'")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Permit\",\"Action\":\"*\"}]}", "$.Statement[0].Effect", "'Permit'")]
    [InlineData("{\"Statement\":[{\"Effect\":true,\"Action\":\"*\"}]}", "$.Statement[0].Effect", "a boolean")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\"}]}", "$.Statement[0].Effect", "more than once")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\"}]}", "$.Statement[0]", "neither Action nor NotAction")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"NotAction\":\"x\"}]}", "$.Statement[0]", "both Action and NotAction")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[]}]}", "$.Statement[0].Action", "empty")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"a\",7]}]}", "$.Statement[0].Action[1]", "a number")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":{\"a\":1}}]}", "$.Statement[0].Action", "an object")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Resource\":\"*\",\"NotResource\":\"*\"}]}", "$.Statement[0]", "both Resource and NotResource")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Sid\":1}]}", "$.Statement[0].Sid", "a number")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":\"arn:aws:iam::111122223333:root\"}]}", "$.Statement[0].Principal", "must be \"*\"")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":[\"*\"]}]}", "$.Statement[0].Principal", "an array")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":{}}]}", "$.Statement[0].Principal", "empty")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":{\"federated\":\"x\"}}]}", "$.Statement[0].Principal.federated", "not a principal type")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":{\"Federated\":42}}]}", "$.Statement[0].Principal.Federated", "a number")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":{\"Federated\":[]}}]}", "$.Statement[0].Principal.Federated", "empty")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":{\"AWS\":[null]}}]}", "$.Statement[0].Principal.AWS[0]", "null")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":\"*\",\"NotPrincipal\":\"*\"}]}", "$.Statement[0]", "both Principal and NotPrincipal")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":\"StringEquals\"}]}", "$.Statement[0].Condition", "must be an object")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":[]}]}", "$.Statement[0].Condition", "an array")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":{\"StringEquals\":\"x\"}}]}", "$.Statement[0].Condition.StringEquals", "must be an object")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":{\"StringEquals\":{\"a:sub\":{\"x\":1}}}}]}", "$.Statement[0].Condition.StringEquals['a:sub']", "an object")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":{\"StringEquals\":{\"a:sub\":null}}}]}", "$.Statement[0].Condition.StringEquals['a:sub']", "null")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":{\"StringEquals\":{\"a:sub\":[\"x\",[\"y\"]]}}}]}", "$.Statement[0].Condition.StringEquals['a:sub'][1]", "an array")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":{\"StringEquals\":{\"a:sub\":\"x\",\"A:SUB\":\"y\"}}}]}", "$.Statement[0].Condition.StringEquals['A:SUB']", "case-insensitive")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Condition\":{\"StringEquals\":{},\"StringEquals\":{}}}]}", "$.Statement[0].Condition.StringEquals", "more than once")]
    public void InvalidStructure_IsMalformedPolicyDocument_NamingThePath(string json, string path, string problem)
    {
        var ex = Assert.Throws<MalformedPolicyException>(() => PolicyDocument.Parse(json));

        Assert.Equal(ErrorIds.MalformedPolicyDocument, ex.ErrorId);
        Assert.Equal(path, ex.JsonPath);
        Assert.Equal(path, ex.Target);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("The policy document is not valid at " + path + ": ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ReturnsTheErrorInsteadOfThrowing()
    {
        Assert.False(PolicyDocument.TryParse("{\"Statement\":1}", out var document, out var error));
        Assert.Null(document);
        Assert.Equal("$.Statement", error!.JsonPath);

        Assert.True(PolicyDocument.TryParse(PolicyTestData.Load("eksctl.json"), out document, out error));
        Assert.NotNull(document);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("{\"Statement\":[]}", "$.Statement", "at least one statement")]
    [InlineData("{\"Statement\":[{" + Ok + "}]}", "$.Statement[0]", "must have a Principal")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":\"*\",\"Resource\":\"*\"}]}", "$.Statement[0].Resource", "cannot have Resource")]
    [InlineData("{\"Statement\":[{" + Ok + ",\"Principal\":\"*\"},{" + Ok + ",\"Principal\":\"*\",\"NotResource\":\"x\"}]}", "$.Statement[1].NotResource", "cannot have NotResource")]
    public void TrustPolicyRules_RefuseWhatIamRefusesInATrustPolicy(string json, string path, string problem)
    {
        var document = PolicyDocument.Parse(json);

        var ex = Assert.Throws<MalformedPolicyException>(() => TrustPolicyRules.Validate(document));

        Assert.Equal(ErrorIds.MalformedPolicyDocument, ex.ErrorId);
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PolicyDocumentRoundTripTests.Files), MemberType = typeof(PolicyDocumentRoundTripTests))]
    public void RealWorldTrustPolicies_PassTheTrustPolicyRules(string file)
    {
        TrustPolicyRules.Validate(PolicyDocument.Parse(PolicyTestData.Load(file)));
    }
}
