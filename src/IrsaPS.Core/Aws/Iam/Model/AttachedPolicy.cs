namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>A managed policy attached to a role.</summary>
internal sealed class AttachedPolicy
{
    public string PolicyName { get; set; } = string.Empty;

    public string PolicyArn { get; set; } = string.Empty;

    public override string ToString() => PolicyArn;
}
