using System.Collections.Generic;

namespace IrsaPS.Core.Policy;

/// <summary>
/// The result of an edit: the new document (the input is never modified), whether anything changed, the compact
/// JSON before and after (what -WhatIf shows; <see cref="PolicyJsonFormat.Indent"/> renders them for people),
/// a line per change, and whether the edit broadens access.
/// </summary>
internal sealed class TrustPolicyEdit
{
    internal TrustPolicyEdit(PolicyDocument document, string beforeJson, IReadOnlyList<string> changes, TrustBroadening broadening)
    {
        Document = document;
        BeforeJson = beforeJson;
        AfterJson = document.ToJson();
        Changes = changes;
        Broadening = broadening;
    }

    /// <summary>The edited document.</summary>
    public PolicyDocument Document { get; }

    /// <summary>True when the serialized document differs from the input's.</summary>
    public bool Changed => !string.Equals(BeforeJson, AfterJson, System.StringComparison.Ordinal);

    /// <summary>The input, compact.</summary>
    public string BeforeJson { get; }

    /// <summary>The result, compact: what to send to IAM.</summary>
    public string AfterJson { get; }

    /// <summary>The input, indented.</summary>
    public string BeforeIndented => PolicyJsonFormat.Indent(BeforeJson);

    /// <summary>The result, indented.</summary>
    public string AfterIndented => PolicyJsonFormat.Indent(AfterJson);

    /// <summary>One human-readable line per change (or per subject already present).</summary>
    public IReadOnlyList<string> Changes { get; }

    /// <summary>How the edit widens access; <see cref="TrustBroadening.None"/> when it does not.</summary>
    public TrustBroadening Broadening { get; }

    /// <summary>True when the cmdlet should confirm with ConfirmImpact High.</summary>
    public bool BroadensAccess => Broadening != TrustBroadening.None;

    /// <summary>True when no statement is left (IAM refuses an empty trust policy: delete the role or keep a subject instead).</summary>
    public bool IsEmpty => Document.Statements.Count == 0;

    /// <summary>The size IAM counts for <see cref="AfterJson"/>.</summary>
    public int Size => TrustPolicySize.Measure(AfterJson);
}
