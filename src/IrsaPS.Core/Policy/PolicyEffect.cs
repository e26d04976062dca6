namespace IrsaPS.Core.Policy;

/// <summary>A statement's <c>Effect</c>. IAM accepts exactly <c>Allow</c> and <c>Deny</c> (case-sensitive).</summary>
internal enum PolicyEffect
{
    Allow,
    Deny,
}
