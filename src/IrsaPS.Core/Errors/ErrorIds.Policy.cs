namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds raised by the policy engine (IrsaPS.Core.Policy).</summary>
public static partial class ErrorIds
{
    /// <summary>The text is not JSON at all (syntax error, empty input).</summary>
    public const string InvalidPolicyJson = nameof(InvalidPolicyJson);

    /// <summary>The JSON is not a valid IAM policy document; the message names the JSON path.</summary>
    public const string MalformedPolicyDocument = nameof(MalformedPolicyDocument);

    /// <summary>The trust policy, counted as IAM counts it (no whitespace), exceeds the role's trust-policy quota.</summary>
    public const string TrustPolicyTooLarge = nameof(TrustPolicyTooLarge);

    /// <summary>A trust-policy size limit outside IAM's range (2,048-4,096 characters) was requested.</summary>
    public const string InvalidTrustPolicySizeLimit = nameof(InvalidTrustPolicySizeLimit);

    /// <summary>A <c>sub</c> value is not of the form <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>.</summary>
    public const string InvalidSubject = nameof(InvalidSubject);

    /// <summary>A trust policy was requested for no service account at all.</summary>
    public const string NoTrustSubjects = nameof(NoTrustSubjects);
}
