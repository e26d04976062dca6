namespace IrsaPS.Core.Models;

/// <summary>
/// One write in a plan: what will be (or was) done to which resource. Plans are computed before anything is written,
/// so -WhatIf can show them exactly and a re-run of a converged request yields none.
/// </summary>
public sealed class IrsaChange
{
    /// <summary>The API-level action, e.g. CreateRole, UpdateAssumeRolePolicy, AttachRolePolicy, PatchServiceAccount.</summary>
    public string Action { get; init; } = string.Empty;

    /// <summary>The ARN or namespace/name written to.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>One line for humans: "attach arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The exact change where it matters (trust JSON before/after, annotations before/after).</summary>
    public string? Detail { get; init; }

    /// <summary>Deletions and trust changes that broaden access.</summary>
    public bool HighImpact { get; init; }

    /// <summary>True once it was written; false when declined (-WhatIf, -Confirm "No") or not reached.</summary>
    public bool Applied { get; set; }

    public override string ToString() => $"{Action} {Target}: {Description}";
}
