namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// What an IrsaPS service client needs to know about its service. <see cref="ServiceId"/> is the SDK's service id
/// (<c>IAM</c>, <c>EKS</c>, <c>EC2</c>): the SDK derives <c>AWS_ENDPOINT_URL_&lt;ServiceId&gt;</c> and the profile's
/// <c>services</c> section key from it.
/// </summary>
internal sealed record ServiceDescription(string ServiceId, string SigningName, string ApiVersion, bool IsGlobal)
{
    public static readonly ServiceDescription Iam = new("IAM", "iam", "2010-05-08", IsGlobal: true);

    public static readonly ServiceDescription Eks = new("EKS", "eks", "2017-11-01", IsGlobal: false);

    /// <summary>EC2 speaks its own dialect of the Query protocol (see <see cref="QueryUnmarshaller.Ec2"/>).</summary>
    public static readonly ServiceDescription Ec2 = new("EC2", "ec2", "2016-11-15", IsGlobal: false);

    /// <summary>CloudTrail (JSON 1.1; only LookupEvents, for Get-IrsaRoleActivity and the audit's activity checks).</summary>
    public static readonly ServiceDescription CloudTrail = new("CloudTrail", "cloudtrail", "2013-11-01", IsGlobal: false);
}
