using System;
using System.Collections.Generic;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Iam.Internal;

/// <summary>
/// Checks the inputs of IAM calls before anything is sent, with IAM's own rules, so a typo fails fast with a
/// specific ErrorId instead of a round trip and a ValidationError.
/// </summary>
internal static class IamInputs
{
    public const int MaxInlinePolicyNameLength = 128;
    public const int MaxClientIdLength = 255;
    public const int MaxThumbprints = 5;

    public static T NotNull<T>(T? request)
        where T : class =>
        request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>A policy document must have content; its grammar is the policy engine's business and IAM's.</summary>
    public static string PolicyDocument(string? document, string parameter)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"{parameter} is empty: give the policy document as JSON text.", parameter);
        }

        return document!;
    }

    /// <summary>Inline policy names: 1-128 letters, digits and <c>+=,.@_-</c>.</summary>
    public static string InlinePolicyName(string? name)
    {
        var ok = !string.IsNullOrEmpty(name) && name!.Length <= MaxInlinePolicyNameLength;
        if (ok)
        {
            foreach (var c in name!)
            {
                if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '+' or '=' or ',' or '.' or '@' or '_' or '-'))
                {
                    ok = false;
                    break;
                }
            }
        }

        if (!ok)
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidParameter,
                $"Inline policy name '{name}' is not valid: IAM policy names are 1-{MaxInlinePolicyNameLength} letters, digits and +=,.@_- characters.",
                name);
        }

        return name!;
    }

    public static string? PathPrefix(string? prefix)
    {
        if (prefix is not null && (prefix.Length is 0 or > IamNames.MaxPathLength || prefix[0] != '/'))
        {
            throw new IrsaValidationException(ErrorIds.InvalidRolePath, $"Path prefix '{prefix}' is not valid: it must start with '/' (for example '/irsa/').", prefix);
        }

        return prefix;
    }

    public static int? PageSize(int? maxItems)
    {
        if (maxItems is < 1 or > 1000)
        {
            throw new IrsaValidationException(ErrorIds.AwsInvalidParameter, $"MaxItems {maxItems} is outside IAM's range of 1-1000.", null);
        }

        return maxItems;
    }

    public static List<Tag> Tags(List<Tag>? tags)
    {
        tags ??= [];
        if (tags.Count > IamNames.MaxTagsPerResource)
        {
            throw new IrsaValidationException(ErrorIds.InvalidTag, $"{tags.Count} tags were given; IAM allows at most {IamNames.MaxTagsPerResource} per resource.", null);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (tag is null)
            {
                throw new IrsaValidationException(ErrorIds.InvalidTag, "A tag is null.", null);
            }

            IamNames.ValidateTag(tag.Key, tag.Value);
            if (!seen.Add(tag.Key))
            {
                throw new IrsaValidationException(ErrorIds.InvalidTag, $"Tag key '{tag.Key}' is given twice.", tag.Key);
            }
        }

        return tags;
    }

    public static List<string> TagKeys(List<string>? keys)
    {
        if (keys is null || keys.Count == 0)
        {
            throw new IrsaValidationException(ErrorIds.InvalidTag, "No tag keys were given to remove.", null);
        }

        foreach (var key in keys)
        {
            IamNames.ValidateTag(key, null);
        }

        return keys;
    }

    /// <summary>Thumbprints: 40 hexadecimal digits (a SHA-1), at most five per provider.</summary>
    public static List<string> Thumbprints(List<string>? thumbprints, bool allowEmpty)
    {
        thumbprints ??= [];
        if ((!allowEmpty && thumbprints.Count == 0) || thumbprints.Count > MaxThumbprints)
        {
            throw new IrsaValidationException(
                ErrorIds.AwsInvalidParameter,
                $"{thumbprints.Count} thumbprints were given; IAM takes {(allowEmpty ? "0" : "1")}-{MaxThumbprints}.",
                null);
        }

        foreach (var thumbprint in thumbprints)
        {
            if (!IsSha1Hex(thumbprint))
            {
                throw new IrsaValidationException(
                    ErrorIds.AwsInvalidParameter,
                    $"Thumbprint '{thumbprint}' is not valid: a thumbprint is the SHA-1 of a certificate, 40 hexadecimal digits.",
                    thumbprint);
            }
        }

        return thumbprints;
    }

    public static string ClientId(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId) || clientId!.Length > MaxClientIdLength)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidAudience,
                $"Client id (audience) '{clientId}' is not valid: it must be 1-{MaxClientIdLength} characters, e.g. sts.amazonaws.com.",
                clientId);
        }

        return clientId;
    }

    public static List<string> ClientIds(List<string>? clientIds)
    {
        clientIds ??= [];
        foreach (var clientId in clientIds)
        {
            ClientId(clientId);
        }

        return clientIds;
    }

    private static bool IsSha1Hex(string? value)
    {
        if (value is null || value.Length != 40)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F')))
            {
                return false;
            }
        }

        return true;
    }
}
