using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>
/// A check as users and report writers see it: stable id and name, default severity, one-line and full descriptions,
/// and general help (SARIF rule metadata, <c>Get-Help</c> text, JUnit suite names).
/// </summary>
internal sealed class AuditCheckInfo
{
    internal AuditCheckInfo(string id, string name, IrsaSeverity severity, string title, string description, string help, bool inDefaultSet, AuditNeeds needs)
    {
        Id = id;
        Name = name;
        DefaultSeverity = severity;
        Title = title;
        Description = description;
        Help = help;
        InDefaultSet = inDefaultSet;
        Needs = needs;
    }

    /// <summary><c>IRSA001</c>..<c>IRSA016</c>.</summary>
    public string Id { get; }

    /// <summary>PascalCase, e.g. <c>TrustWithoutSubject</c>.</summary>
    public string Name { get; }

    /// <summary>The severity most of its findings have (some findings are raised or lowered, as the description says).</summary>
    public IrsaSeverity DefaultSeverity { get; }

    /// <summary>One line.</summary>
    public string Title { get; }

    /// <summary>What it detects, why it matters, how severities are chosen.</summary>
    public string Description { get; }

    /// <summary>How to fix what it finds, in general.</summary>
    public string Help { get; }

    /// <summary>False for checks that run only when asked for (they judge against a policy decision of the caller).</summary>
    public bool InDefaultSet { get; }

    /// <summary>The data it reads.</summary>
    public AuditNeeds Needs { get; }

    public override string ToString() => Id + " " + Name;
}
