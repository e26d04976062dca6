using System.Collections.Generic;

namespace IrsaPS.Core.Models;

/// <summary>
/// The state of one service account after a migration stage (Start-, Complete- or Undo-IrsaPodIdentityMigration):
/// where it stands, the association, what was changed, and which pods must restart. Pipeline keys as for
/// <see cref="IrsaWorkloadIdentity"/>, so the stages pipe into each other.
/// </summary>
public sealed class IrsaPodIdentityMigration
{
    public string ClusterName { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;

    public string ServiceAccountName { get; init; } = string.Empty;

    /// <summary>The role the service account's pods use (before and after: the migration keeps the role).</summary>
    public string? RoleArn { get; init; }

    public string? RoleName { get; init; }

    /// <summary>NotStarted, Started, Completed, or Skipped (an add-on's service account).</summary>
    public string Stage { get; init; } = "NotStarted";

    public string? AssociationId { get; init; }

    /// <summary>Pods that still run with the credentials they had before this stage (<c>namespace/name</c>): restart them.</summary>
    public IReadOnlyList<string> PodsToRestart { get; init; } = [];

    /// <summary>Why the stage did nothing, when it did nothing (skipped, already done).</summary>
    public string? Message { get; init; }

    /// <summary>What this call planned, and whether each write was applied (-WhatIf: none).</summary>
    public IReadOnlyList<IrsaChange> Changes { get; init; } = [];

    public override string ToString() => $"{Namespace}/{ServiceAccountName}: {Stage}";
}
