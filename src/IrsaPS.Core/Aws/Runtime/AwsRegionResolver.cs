using System;
using System.Text.RegularExpressions;
using Amazon.Runtime.CredentialManagement;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Finds the region: the explicit one; else the session's default (<c>$StoredAWSRegion</c>, see
/// <see cref="ValidateSessionRegion"/>; checked by the caller before <see cref="Resolve"/>); else the region of the profile
/// the caller named; else AWS_REGION, then AWS_DEFAULT_REGION; else the default profile's region (AWS_PROFILE or <c>default</c>). Never asks EC2 instance
/// metadata (that would send a request). Fails with <c>AwsRegionNotSpecified</c> when none is found.
/// </summary>
internal static class AwsRegionResolver
{
    private static readonly Regex RegionPattern = new("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static string Resolve(string? explicitRegion, CredentialProfile? namedProfile, CredentialProfile? defaultProfile, Func<string, string?> environment)
    {
        var region = Usable(explicitRegion)
            ?? Usable(namedProfile?.Region?.SystemName)
            ?? Usable(environment("AWS_REGION"))
            ?? Usable(environment("AWS_DEFAULT_REGION"))
            ?? Usable(defaultProfile?.Region?.SystemName);
        if (region is null)
        {
            throw new IrsaValidationException(
                ErrorIds.AwsRegionNotSpecified,
                "No AWS region is set. Give -Region (e.g. -Region eu-west-1), set 'region' in the AWS profile, or set the AWS_REGION environment variable.");
        }

        return Validate(region);
    }

    /// <summary>
    /// The session's default region (<c>$StoredAWSRegion</c>, set by AWS.Tools' Set-DefaultAWSRegion), validated; null
    /// when unset. A bad value names the variable, so the user knows where it came from.
    /// </summary>
    public static string? ValidateSessionRegion(string? sessionRegion)
    {
        var region = Usable(sessionRegion);
        if (region is null)
        {
            return null;
        }

        if (!RegionPattern.IsMatch(region) || region.IndexOf("-iso", StringComparison.Ordinal) >= 0)
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidRegion,
                $"The session's default region ($StoredAWSRegion, set by Set-DefaultAWSRegion) is '{region}', which is not a supported AWS region name. Give -Region, or fix it with Set-DefaultAWSRegion (Clear-DefaultAWSRegion removes it).",
                region);
        }

        return region;
    }

    public static string Validate(string region)
    {
        if (!RegionPattern.IsMatch(region))
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidRegion,
                $"'{region}' is not an AWS region name. Region names look like us-east-1, eu-central-1, cn-north-1 or us-gov-west-1.",
                region);
        }

        if (region.IndexOf("-iso", StringComparison.Ordinal) >= 0)
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidRegion,
                $"Region '{region}' belongs to an isolated AWS partition, which IrsaPS does not support (aws, aws-cn and aws-us-gov are supported).",
                region);
        }

        return region;
    }

    private static string? Usable(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
