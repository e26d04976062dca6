namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds raised while turning cmdlet parameters into core requests (Aws/CredentialObject).</summary>
public static partial class ErrorIds
{
    /// <summary>-Credential holds something that is not AWS credentials (nor a PSCredential of access key and secret key).</summary>
    public const string InvalidCredential = nameof(InvalidCredential);
}
