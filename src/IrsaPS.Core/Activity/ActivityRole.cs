using System;
using IrsaPS.Core.Verification;

namespace IrsaPS.Core.Activity;

/// <summary>A role activity is reported for: its trust (parsed once) and IAM's RoleLastUsed.</summary>
internal sealed class ActivityRole
{
    public ActivityRole(string arn, string name, string? trustPolicy, DateTime? lastUsed, string? lastUsedRegion)
    {
        Arn = arn;
        Name = name;
        Trust = new RoleTrust(arn, name, trustPolicy);
        LastUsed = lastUsed;
        LastUsedRegion = lastUsedRegion;
    }

    public string Arn { get; }

    public string Name { get; }

    public RoleTrust Trust { get; }

    public DateTime? LastUsed { get; }

    public string? LastUsedRegion { get; }
}
