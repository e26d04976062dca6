namespace IrsaPS.Core.Tests.Infrastructure;

/// <summary>Small, valid policy documents for wire tests.</summary>
public static class TestPolicies
{
    public const string Issuer = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

    /// <summary>An IRSA trust policy for <c>system:serviceaccount:web:app</c>.</summary>
    public const string Trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/" + Issuer + "\"},"
        + "\"Action\":\"sts:AssumeRoleWithWebIdentity\","
        + "\"Condition\":{\"StringEquals\":{\"" + Issuer + ":sub\":\"system:serviceaccount:web:app\",\"" + Issuer + ":aud\":\"sts.amazonaws.com\"}}}]}";

    /// <summary>An inline permissions policy.</summary>
    public const string ReadBucket =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";

    public const string ReadOnlyAccessArn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    public const string ViewOnlyAccessArn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";
    public const string SecurityAuditArn = "arn:aws:iam::aws:policy/SecurityAudit";
}
