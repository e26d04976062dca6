using System;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>Reads a managed policy's metadata (not its document): New-IrsaRole's check that a policy exists before any write.</summary>
internal sealed class GetPolicyRequest
{
    public string PolicyArn { get; set; } = string.Empty;
}

internal sealed class GetPolicyResponse : IamResponse
{
    public ManagedPolicy Policy { get; set; } = new();
}

/// <summary>A managed policy as GetPolicy describes it.</summary>
internal sealed class ManagedPolicy
{
    public string PolicyName { get; set; } = string.Empty;

    public string PolicyId { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public string? DefaultVersionId { get; set; }

    public int? AttachmentCount { get; set; }

    public bool IsAttachable { get; set; } = true;

    public DateTime? CreateDate { get; set; }

    public override string ToString() => Arn;
}
