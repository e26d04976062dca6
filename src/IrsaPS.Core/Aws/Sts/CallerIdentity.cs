using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Sts;

/// <summary>Who the connection's credentials are: the account, the principal's ARN, and the partition that ARN is in.</summary>
internal sealed record CallerIdentity(string Account, string Arn, string UserId)
{
    /// <summary><c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>, read from <see cref="Arn"/>.</summary>
    public string Partition => Validation.Arn.Parse(Arn).Partition;

    /// <summary>An IAM role ARN in the caller's account and partition.</summary>
    public string RoleArn(string roleName, string path = "/") =>
        new RoleArn(Partition, Account, IamNames.ValidatePath(path), IamNames.ValidateRoleName(roleName)).ToString();

    public override string ToString() => Arn;
}
