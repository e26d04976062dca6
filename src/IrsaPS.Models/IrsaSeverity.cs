namespace IrsaPS.Core.Models;

/// <summary>
/// How bad an audit finding is, in increasing order (so <c>-FailOn High</c> fails on High and Critical).
/// The values are deliberate (docs/performance.md and each check's description say why a check has its severity):
/// <list type="bullet">
/// <item><see cref="Critical"/>: anyone with a foothold can get AWS credentials they should not have now
/// (any service account of a cluster can assume the role, <c>"*"</c> may assume it, administrator access).</item>
/// <item><see cref="High"/>: access is wrong today: broken IRSA (pods fail or silently fall back to the node role),
/// IRSA isolation bypassed (hostNetwork), or a trust broader than anyone intended.</item>
/// <item><see cref="Medium"/>: risk that needs a decision (shared blast radius, wildcard subjects, missing boundary).</item>
/// <item><see cref="Low"/>: hygiene and limits that will bite later (quota headroom, stale trust).</item>
/// <item><see cref="Info"/>: worth knowing, nothing to fix (a private-only endpoint).</item>
/// </list>
/// </summary>
public enum IrsaSeverity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
