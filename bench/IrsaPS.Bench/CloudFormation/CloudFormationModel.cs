using System.Collections.Generic;

namespace IrsaPS.Bench.CloudFormation;

/// <summary>The CreateStack parameters the eksctl replay sends (named like the SDK's CreateStackInput).</summary>
internal sealed class CreateStackRequest
{
    public required string StackName { get; init; }

    public required string TemplateBody { get; init; }

    /// <summary><c>CAPABILITY_IAM</c> and/or <c>CAPABILITY_NAMED_IAM</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>Sent explicitly (eksctl always sets it, false unless <c>--cfn-disable-rollback</c>).</summary>
    public bool? DisableRollback { get; init; }
}

/// <summary>One stack of a DescribeStacks answer: what the eksctl waiter and output collector read.</summary>
internal sealed record CloudFormationStack(
    string StackName,
    string StackId,
    string StackStatus,
    string? StackStatusReason,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>One entry of a ListStacks page.</summary>
internal sealed record CloudFormationStackSummary(string StackName, string StackId, string StackStatus);

/// <summary>A ListStacks page; <see cref="NextToken"/> is null on the last page.</summary>
internal sealed record ListStacksPage(IReadOnlyList<CloudFormationStackSummary> Summaries, string? NextToken);

/// <summary>Stack statuses the replay compares against (the API's enum values).</summary>
internal static class StackStatus
{
    public const string CreateInProgress = "CREATE_IN_PROGRESS";
    public const string CreateComplete = "CREATE_COMPLETE";
    public const string CreateFailed = "CREATE_FAILED";
    public const string DeleteComplete = "DELETE_COMPLETE";

    /// <summary>eksctl's <c>defaultStackStatusFilter()</c>: every status except DELETE_COMPLETE.</summary>
    public static readonly IReadOnlyList<string> AllNonDeleted =
    [
        "CREATE_IN_PROGRESS", "CREATE_FAILED", "CREATE_COMPLETE", "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE",
        "DELETE_IN_PROGRESS", "DELETE_FAILED", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE",
        "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
        "UPDATE_ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS",
    ];
}
