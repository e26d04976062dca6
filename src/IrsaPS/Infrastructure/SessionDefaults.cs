using System.Management.Automation;

namespace IrsaPS.Infrastructure;

/// <summary>
/// The defaults AWS.Tools users set for a PowerShell session: <c>Set-DefaultAWSRegion</c> stores the region's system name
/// in <c>$StoredAWSRegion</c>, <c>Set-AWSCredential</c> stores its credentials in <c>$StoredAWSCredentials</c>. AWS.Tools
/// reads them after the cmdlet's own parameters and before the environment and the default profile
/// (aws/aws-tools-for-powershell, modules/AWSPowerShell/Common/CredentialsArguments.cs: TryGetCredentials, TryGetRegion);
/// IrsaPS does the same. The values are read as they are found (strings, AWS.Tools' AWSRegion and AWSPSCredentials
/// objects), never by AWSSDK type.
/// </summary>
internal static class SessionDefaults
{
    public const string RegionVariable = "StoredAWSRegion";
    public const string CredentialsVariable = "StoredAWSCredentials";

    /// <summary>The region of <c>$StoredAWSRegion</c>: a string, or an object with a Region property (AWS.Tools' AWSRegion); null when unset.</summary>
    public static string? Region(SessionState? sessionState)
    {
        switch (ParameterConversion.Unwrap(sessionState?.PSVariable.GetValue(RegionVariable)))
        {
            case null:
                return null;
            case string text:
                return string.IsNullOrWhiteSpace(text) ? null : text;
            case var other:
                var region = PSObject.AsPSObject(other).Properties["Region"]?.Value;
                return ParameterConversion.Unwrap(region) as string ?? other.ToString();
        }
    }

    /// <summary>The value of <c>$StoredAWSCredentials</c> as -Credential values are passed on (see ParameterConversion), or null when unset.</summary>
    public static object? Credentials(SessionState? sessionState) =>
        ParameterConversion.CredentialValue(sessionState?.PSVariable.GetValue(CredentialsVariable));
}
