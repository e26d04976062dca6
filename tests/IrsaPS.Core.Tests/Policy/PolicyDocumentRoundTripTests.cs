using System;
using System.Linq;
using IrsaPS.Core.Policy;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

public class PolicyDocumentRoundTripTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in PolicyTestData.AllFiles)
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void UnchangedDocument_SerializesToTheSameJsonWithoutWhitespace(string file)
    {
        var original = PolicyTestData.Load(file);

        var json = PolicyDocument.Parse(original).ToJson();

        Assert.Equal(PolicyJsonFormat.Compact(original), json);
        Assert.DoesNotContain("\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain(": ", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ParseSerializeParse_IsStable(string file)
    {
        var once = PolicyDocument.Parse(PolicyTestData.Load(file)).ToJson();
        var twice = PolicyDocument.Parse(once).ToJson();
        Assert.Equal(once, twice);
    }

    [Fact]
    public void UnknownFields_AreKeptInPlace_AtDocumentAndStatementLevel()
    {
        var document = PolicyDocument.Parse(PolicyTestData.Load("hand-written-extras.json"));

        Assert.Equal("team-a-trust", document.Id);
        Assert.Equal("x-owner", Assert.Single(document.ExtraFields).Name);
        Assert.False(document.StatementIsArray);
        var statement = Assert.Single(document.Statements);
        Assert.Equal("Comment", Assert.Single(statement.ExtraFields).Name);

        var json = document.ToJson();
        Assert.StartsWith("{\"Id\":\"team-a-trust\",\"Version\":\"2012-10-17\",\"x-owner\":{\"team\":\"a\",\"ticket\":1234,\"tags\":[\"irsa\",\"prod\"]},\"Statement\":{\"Comment\":\"managed by hand\",\"Sid\":\"HandWritten\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionValues_KeepTheirJsonTypes()
    {
        var document = PolicyDocument.Parse(PolicyTestData.Load("hand-written-extras.json"));
        var condition = document.Statements[0].Condition!;

        var numeric = condition.Find("NumericLessThanEquals")!;
        Assert.Equal(PolicyScalarKind.Number, numeric.Entries[0].Values.Items[0].Kind);
        Assert.Equal("1.50e3", numeric.Entries[1].Values[0]);
        var boolean = condition.Find("Bool")!.Entries[0].Values.Items[0];
        Assert.Equal(PolicyScalarKind.Boolean, boolean.Kind);
        Assert.Equal("true", boolean.Text);
        Assert.Contains("\"sts:DurationSeconds\":1.50e3", document.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"aws:SecureTransport\":true", document.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void StringVersusArray_IsPreservedPerElement()
    {
        var eksctl = PolicyDocument.Parse(PolicyTestData.Load("eksctl.json"));
        Assert.True(eksctl.Statements[0].Action!.IsArray);
        Assert.Contains("\"Action\":[\"sts:AssumeRoleWithWebIdentity\"]", eksctl.ToJson(), StringComparison.Ordinal);

        var docs = PolicyDocument.Parse(PolicyTestData.Load("aws-docs.json"));
        Assert.False(docs.Statements[0].Action!.IsArray);
        Assert.Contains("\"Action\":\"sts:AssumeRoleWithWebIdentity\"", docs.ToJson(), StringComparison.Ordinal);

        var noAud = PolicyDocument.Parse(PolicyTestData.Load("terraform-irsa-module-no-aud.json"));
        var sub = noAud.Statements[0].Condition!.Blocks[0].Entries[0].Values;
        Assert.True(sub.IsArray);
        Assert.Single(sub);
    }

    [Fact]
    public void FieldOrder_IsKept_AndNewFieldsFollowInCanonicalOrder()
    {
        var document = PolicyDocument.Parse(PolicyTestData.Load("terraform-irsa-module.json"));
        var statement = document.Statements[0];
        Assert.StartsWith("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":", document.ToJson(), StringComparison.Ordinal);

        var before = document.ToJson();
        statement.Resource = PolicyValueList.Of("*");

        Assert.Equal(before[..^3] + ",\"Resource\":\"*\"}]}", document.ToJson());
    }

    [Fact]
    public void SingleStatementObject_BecomesAnArrayWhenASecondStatementIsAdded()
    {
        var document = PolicyDocument.Parse(PolicyTestData.Load("hand-written-extras.json"));
        document.Statements.Add(new PolicyStatement(PolicyEffect.Deny) { Principal = PolicyPrincipal.Wildcard(), Action = PolicyValueList.Of("sts:*") });

        var json = document.ToJson();

        Assert.Contains("\"Statement\":[{\"Comment\"", json, StringComparison.Ordinal);
        Assert.EndsWith("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\"}]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Clone_IsDeep()
    {
        var document = PolicyDocument.Parse(PolicyTestData.Load("terraform-irsa-module.json"));
        var before = document.ToJson();

        var copy = document.Clone();
        copy.Statements[0].Condition!.Blocks[0].Entries[1].Values.Add("system:serviceaccount:x:y");
        copy.Statements[0].Principal!.Get("Federated")!.Add("arn:aws:iam::111122223333:oidc-provider/other.example.com");

        Assert.Equal(before, document.ToJson());
        Assert.NotEqual(before, copy.ToJson());
    }

    [Fact]
    public void IndentedRendering_UsesTwoSpacesAndNewlines_AndKeepsArnsReadable()
    {
        var document = PolicyDocument.Parse(PolicyTestData.Load("aws-docs.json"));

        var indented = document.ToIndentedJson();

        Assert.StartsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n", indented, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", indented, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", indented, StringComparison.Ordinal);
        Assert.Equal(document.ToJson(), PolicyJsonFormat.Compact(indented));
        Assert.Equal(indented, PolicyJsonFormat.Indent(document.ToJson()));
    }

    [Fact]
    public void NonAsciiAndSpecialCharacters_AreNotEscapedBeyondWhatJsonRequires()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"a<b>&'+é\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::b/\\\"q\\\"\"}]}";

        Assert.Equal(json, PolicyDocument.Parse(json).ToJson());
    }

    [Fact]
    public void NewDocument_HasVersionAndEmptyStatementArray()
    {
        Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[]}", new PolicyDocument().ToJson());
    }

    [Fact]
    public void MissingVersion_StaysMissing_AndDisablesPolicyVariables()
    {
        var document = PolicyDocument.Parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}");

        Assert.Null(document.Version);
        Assert.False(document.SupportsPolicyVariables);
        Assert.Equal("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}", document.ToJson());
    }

    [Fact]
    public void PrincipalTypes_KeepTheirOrder()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"a.amazonaws.com\",\"b.amazonaws.com\"],\"AWS\":\"*\",\"Federated\":\"x\"},\"Action\":\"sts:AssumeRole\"}]}";
        var document = PolicyDocument.Parse(json);

        Assert.Equal(new[] { "Service", "AWS", "Federated" }, document.Statements[0].Principal!.Entries.Select(e => e.Type));
        Assert.Equal(json, document.ToJson());
    }
}
