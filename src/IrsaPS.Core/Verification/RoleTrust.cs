using System;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;

namespace IrsaPS.Core.Verification;

/// <summary>
/// A role and its trust policy, parsed, inspected and compiled once on first use (thread-safe) and then shared by
/// every evaluation: Test-IrsaTrust for many service accounts of one role, and the audit over thousands of roles.
/// A document that cannot be parsed is kept with its error instead of throwing.
/// </summary>
internal sealed class RoleTrust
{
    private readonly Lazy<Parsed> _parsed;

    public RoleTrust(string roleArn, string roleName, string? trustPolicyJson)
    {
        RoleArn = roleArn ?? throw new ArgumentNullException(nameof(roleArn));
        RoleName = roleName ?? throw new ArgumentNullException(nameof(roleName));
        TrustPolicyJson = trustPolicyJson;
        _parsed = new Lazy<Parsed>(Parse, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string RoleArn { get; }

    public string RoleName { get; }

    /// <summary>The trust policy as IAM returned it (decoded JSON); null when IAM returned none.</summary>
    public string? TrustPolicyJson { get; }

    /// <summary>The parsed document, or null when it could not be parsed (see <see cref="ParseError"/>).</summary>
    public PolicyDocument? Document => _parsed.Value.Document;

    /// <summary>The compiled document for fast evaluation, or null when it could not be parsed.</summary>
    public CompiledTrustPolicy? Compiled => _parsed.Value.Compiled;

    /// <summary>What the document grants, by structure, or null when it could not be parsed.</summary>
    public TrustPolicyReport? Report => _parsed.Value.Report;

    /// <summary>Why the document could not be parsed; null when it was.</summary>
    public string? ParseError => _parsed.Value.Error;

    public override string ToString() => RoleArn;

    private Parsed Parse()
    {
        if (string.IsNullOrEmpty(TrustPolicyJson))
        {
            return new Parsed(null, null, null, "IAM returned no trust policy for the role.");
        }

        if (!PolicyDocument.TryParse(TrustPolicyJson, out var document, out var error))
        {
            return new Parsed(null, null, null, error!.Message);
        }

        return new Parsed(document, CompiledTrustPolicy.Compile(document!), TrustPolicyInspector.Inspect(document!), null);
    }

    private sealed record Parsed(PolicyDocument? Document, CompiledTrustPolicy? Compiled, TrustPolicyReport? Report, string? Error);
}
