namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// The outcome of evaluating a trust policy for a request. Source: IAM User Guide, "Policy evaluation logic" and
/// "The difference between explicit and implicit denies": an applicable Deny always wins; otherwise an applicable
/// Allow allows; otherwise the request is implicitly denied.
/// </summary>
internal enum TrustDecision
{
    /// <summary>An Allow statement applies and no Deny does.</summary>
    Allowed,

    /// <summary>A Deny statement applies.</summary>
    ExplicitDeny,

    /// <summary>No statement applies.</summary>
    ImplicitDeny,

    /// <summary>
    /// The answer depends on a condition IrsaPS cannot evaluate offline (an unknown operator, an unparsable value, an
    /// unresolvable policy variable). Never reported as Allowed.
    /// </summary>
    Undetermined,
}

/// <summary>Whether one statement applies to the request.</summary>
internal enum StatementOutcome
{
    /// <summary>Principal, action and every condition match.</summary>
    Matched,

    /// <summary>At least one element does not match.</summary>
    NotMatched,

    /// <summary>Principal and action match, no condition fails, but at least one cannot be evaluated.</summary>
    Undetermined,
}

/// <summary>The statement element a check is about.</summary>
internal enum TrustElement
{
    Principal,
    NotPrincipal,
    Action,
    NotAction,
    Condition,
}
