using System;
using System.Text;
using IrsaPS.Core.Activity;
using IrsaPS.Emulators.CloudTrail;
using Xunit;

namespace IrsaPS.Core.Tests.Activity;

/// <summary>The one parser both sources use, on records of the shape the IAM User Guide documents.</summary>
public sealed class CloudTrailRecordParserTests
{
    private const string Issuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";

    [Fact]
    public void ASuccessfulAssumption_GivesRoleSubjectProviderAudienceAddressAgentAndKey()
    {
        var record = new WebIdentityRecord
        {
            EventTime = new DateTime(2024, 7, 9, 15, 41, 37, DateTimeKind.Utc),
            Region = "eu-west-1",
            RoleArn = "arn:aws:iam::111122223333:role/app",
            RoleSessionName = "botocore-session-1",
            Issuer = Issuer,
            Subject = "system:serviceaccount:web:app",
            Audience = "sts.amazonaws.com",
            SourceAddress = "10.1.2.3",
            UserAgent = "aws-sdk-go-v2/1.30.3",
            AccessKeyId = "ASIAEXAMPLEKEY123456",
            EventId = "e-1",
        }.ToJson();

        var e = CloudTrailRecordParser.Parse(record)!;

        Assert.Equal("e-1", e.EventId);
        Assert.Equal(new DateTime(2024, 7, 9, 15, 41, 37, DateTimeKind.Utc), e.EventTime);
        Assert.Equal(DateTimeKind.Utc, e.EventTime.Kind);
        Assert.Equal("eu-west-1", e.Region);
        Assert.Equal("arn:aws:iam::111122223333:role/app", e.RoleArn);
        Assert.Equal("botocore-session-1", e.RoleSessionName);
        Assert.Equal("system:serviceaccount:web:app", e.Subject);
        Assert.Equal("arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789", e.IdentityProvider);
        Assert.Equal("oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789", e.IssuerHostPath);
        Assert.Equal("sts.amazonaws.com", e.Audience);
        Assert.Equal("10.1.2.3", e.SourceAddress);
        Assert.Equal("aws-sdk-go-v2/1.30.3", e.UserAgent);
        Assert.Equal("ASIAEXAMPLEKEY123456", e.AccessKeyId);
        Assert.False(e.Refused);
    }

    [Fact]
    public void ARefusedAttempt_GivesItsErrorCode_AndTheAudienceFromThePrincipalId()
    {
        // The shape of a refused IRSA call: no responseElements, errorCode AccessDenied (as in the argo-workflows
        // aws plugin's documented event), the audience only inside principalId.
        const string record = """
            {"eventVersion":"1.08","userIdentity":{"type":"WebIdentityUser",
             "principalId":"arn:aws:iam::100000000002:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/A8242F25BFBB8F98F5321B2AE63C8B5C:sts.amazonaws.com:system:serviceaccount:argo:awf-aws-executor-plugin",
             "userName":"system:serviceaccount:argo:awf-aws-executor-plugin",
             "identityProvider":"arn:aws:iam::100000000002:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/A8242F25BFBB8F98F5321B2AE63C8B5C"},
             "eventTime":"2023-11-08T15:09:08Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRoleWithWebIdentity",
             "awsRegion":"us-west-2","sourceIPAddress":"44.238.229.20","userAgent":"aws-sdk-go/1.45.1 (go1.21.4; linux; amd64)",
             "errorCode":"AccessDenied","errorMessage":"An unknown error occurred",
             "requestParameters":{"roleArn":"arn:aws:iam::100000000002:role/sm-pipelines-k8s-awf-aws-executor-plugin","roleSessionName":"1699456148"},
             "responseElements":null,"eventID":"x","readOnly":true,"eventType":"AwsApiCall"}
            """;

        var e = CloudTrailRecordParser.Parse(record)!;

        Assert.True(e.Refused);
        Assert.Equal("AccessDenied", e.ErrorCode);
        Assert.Equal("sts.amazonaws.com", e.Audience);
        Assert.Null(e.AccessKeyId);
        Assert.Equal("system:serviceaccount:argo:awf-aws-executor-plugin", e.Subject);
        Assert.Equal("arn:aws:iam::100000000002:role/sm-pipelines-k8s-awf-aws-executor-plugin", e.RoleArn);
    }

    [Theory]
    [InlineData("""{"eventName":"AssumeRole","eventSource":"sts.amazonaws.com","eventTime":"2024-01-01T00:00:00Z","requestParameters":{"roleArn":"arn:aws:iam::1:role/r"}}""")]
    [InlineData("""{"eventName":"AssumeRoleWithWebIdentity","eventSource":"iam.amazonaws.com","eventTime":"2024-01-01T00:00:00Z","requestParameters":{"roleArn":"arn:aws:iam::1:role/r"}}""")]
    [InlineData("""{"eventName":"AssumeRoleWithWebIdentity","eventSource":"sts.amazonaws.com","eventTime":"2024-01-01T00:00:00Z","requestParameters":null}""")]
    [InlineData("""{"eventName":"AssumeRoleWithWebIdentity","eventSource":"sts.amazonaws.com","requestParameters":{"roleArn":"arn:aws:iam::1:role/r"}}""")]
    [InlineData("[1,2,3]")]
    public void OtherEvents_AndRecordsWithoutARoleOrATime_AreNotAssumptions(string record) =>
        Assert.Null(CloudTrailRecordParser.Parse(record));

    [Fact]
    public void UnknownFields_NestedAnywhere_AreSkipped()
    {
        const string record = """
            {"extra":{"a":[1,{"b":"c"}],"eventName":"nope"},"eventName":"AssumeRoleWithWebIdentity","tlsDetails":{"tlsVersion":"TLSv1.3"},
             "eventSource":"sts.amazonaws.com","eventTime":"2024-01-01T00:00:00Z","userIdentity":{"sessionContext":{"x":1},"userName":"system:serviceaccount:a:b"},
             "requestParameters":{"principalTags":{"k":"v"},"roleArn":"arn:aws:iam::1:role/r"},"resources":[{"ARN":"x"}]}
            """;

        var e = CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(record), "ap-south-1")!;

        Assert.Equal("system:serviceaccount:a:b", e.Subject);
        Assert.Equal("ap-south-1", e.Region);
    }
}
