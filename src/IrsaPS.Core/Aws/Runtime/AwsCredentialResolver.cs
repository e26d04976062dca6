using System;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Finds the credentials the way AWS.Tools does: explicit keys or an AWSCredentials object; else the named profile
/// through the SDK's own profile resolvers (keys, SSO, role_arn + source_profile, credential_process, web identity);
/// else the session's default (<c>$StoredAWSCredentials</c>, set by AWS.Tools' Set-AWSCredential); else the SDK's default chain (environment, default profile, web identity, container, instance metadata).
/// Failures say what to do and never echo a secret. Nothing here sends a request: role and SSO profiles fetch
/// their temporary credentials on the first call.
/// </summary>
internal static class AwsCredentialResolver
{
    public static void CheckCombination(AwsConnectionSettings settings)
    {
        var hasAccessKey = !string.IsNullOrEmpty(settings.AccessKey);
        var hasSecretKey = !string.IsNullOrEmpty(settings.SecretKey);
        if (hasAccessKey != hasSecretKey)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                hasAccessKey ? "-AccessKey was given without -SecretKey; give both." : "-SecretKey was given without -AccessKey; give both.");
        }

        if (!string.IsNullOrEmpty(settings.SessionToken) && !hasAccessKey)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "-SessionToken needs -AccessKey and -SecretKey.");
        }

        var sources = (hasAccessKey ? 1 : 0) + (settings.Credential is null ? 0 : 1) + (string.IsNullOrEmpty(settings.ProfileName) ? 0 : 1);
        if (sources > 1)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidParameterCombination,
                "Give only one source of credentials: -AccessKey/-SecretKey, -Credential, or -ProfileName.");
        }
    }

    public static AWSCredentials Resolve(AwsConnectionSettings settings, CredentialProfile? namedProfile, ICredentialProfileSource profiles)
    {
        if (!string.IsNullOrEmpty(settings.AccessKey))
        {
            return string.IsNullOrEmpty(settings.SessionToken)
                ? new BasicAWSCredentials(settings.AccessKey, settings.SecretKey)
                : new SessionAWSCredentials(settings.AccessKey, settings.SecretKey, settings.SessionToken);
        }

        if (settings.Credential is not null)
        {
            return settings.Credential;
        }

        if (namedProfile is not null)
        {
            if (AWSCredentialsFactory.TryGetAWSCredentials(namedProfile, profiles, out var fromProfile) && fromProfile is not null)
            {
                return fromProfile;
            }

            throw new IrsaException(
                ErrorIds.AwsCredentialsNotFound,
                IrsaErrorKind.AuthenticationFailed,
                $"AWS profile '{namedProfile.Name}' has no usable credentials (no keys, SSO, role_arn with source_profile, credential_process or web identity settings). Complete the profile or choose another one.",
                namedProfile.Name);
        }

        if (settings.SessionCredential is not null)
        {
            return settings.SessionCredential;
        }

        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException ex)
        {
            throw new IrsaException(
                ErrorIds.AwsCredentialsNotFound,
                IrsaErrorKind.AuthenticationFailed,
                "No AWS credentials were found. Give -ProfileName, -AccessKey and -SecretKey, or -Credential; or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a default profile in ~/.aws/credentials.",
                null,
                ex);
        }
    }

    /// <summary>The named profile, or <c>AwsProfileNotFound</c> naming where it was looked for.</summary>
    public static CredentialProfile? FindNamedProfile(string? profileName, CredentialProfileStoreChain profiles, string? profileLocation)
    {
        if (string.IsNullOrEmpty(profileName))
        {
            return null;
        }

        if (profiles.TryGetProfile(profileName, out var profile))
        {
            return profile;
        }

        var where = string.IsNullOrEmpty(profileLocation) ? "the shared AWS config and credentials files or the .NET SDK credential store" : $"'{profileLocation}'";
        throw new IrsaValidationException(
            ErrorIds.AwsProfileNotFound,
            $"AWS profile '{profileName}' was not found in {where}. Check the name (aws configure list-profiles) or -ProfileLocation.",
            profileName);
    }

    /// <summary>The default profile (AWS_PROFILE, else <c>default</c>) for its region, or null.</summary>
    public static CredentialProfile? FindDefaultProfile(CredentialProfileStoreChain profiles, Func<string, string?> environment)
    {
        var name = environment("AWS_PROFILE");
        if (string.IsNullOrEmpty(name))
        {
            name = "default";
        }

        return profiles.TryGetProfile(name, out var profile) ? profile : null;
    }

    /// <summary>Retry count 0-20 and a positive attempt timeout, or <c>AwsInvalidParameter</c>.</summary>
    public static void CheckLimits(AwsConnectionSettings settings)
    {
        if (settings.MaxErrorRetry is < 0 or > 20)
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"MaxErrorRetry {settings.MaxErrorRetry} is outside 0-20.");
        }

        if (settings.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > ClientConfig.MaxTimeout))
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"Timeout {timeout} must be positive.");
        }

        if (settings.CallTimeout is { } callTimeout && (callTimeout < TimeSpan.FromSeconds(1) || callTimeout > AwsCallBudget.MaxCallTimeout))
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidParameter,
                $"A time limit of {callTimeout.TotalSeconds:0.###} s per AWS call is not valid: give 1 to {AwsCallBudget.MaxCallTimeout.TotalSeconds:0} seconds (-TimeoutSec).");
        }
    }

    public static Uri? ParseEndpointUrl(string? endpointUrl)
    {
        if (string.IsNullOrWhiteSpace(endpointUrl))
        {
            return null;
        }

        if (!Uri.TryCreate(endpointUrl!.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidEndpointUrl,
                $"-EndpointUrl '{endpointUrl}' is not an http or https URL (for example http://127.0.0.1:5000 for a local emulator).",
                endpointUrl);
        }

        return uri;
    }
}
