using System;
using System.Collections.Generic;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Operations;

/// <summary>The steps of a New-IrsaRole run and the role's state as the applied steps leave it (a declined step leaves its part as it was).</summary>
internal sealed class RolePlan
{
    public RolePlan(bool creates) => Creates = creates;

    /// <summary>True when the role does not exist and the first step creates it.</summary>
    public bool Creates { get; }

    public List<PlanStep> Steps { get; } = [];

    public Role Role { get; set; } = new();

    public PolicyDocument Trust { get; set; } = new();

    public List<string> AttachedPolicies { get; } = [];

    public List<string> InlinePolicies { get; } = [];

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public string? PermissionsBoundary { get; set; }

    public string? Description { get; set; }

    public int? MaxSessionDuration { get; set; }
}
