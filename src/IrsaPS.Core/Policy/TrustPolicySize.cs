using System;
using System.Globalization;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Policy;

/// <summary>
/// IAM's role trust-policy quota ("Role trust policy length", error text <c>ACLSizePerRole</c>): 2,048 characters by
/// default, raisable per account up to 4,096. IAM does not count whitespace, so the size is the number of
/// non-whitespace characters of the document as it is sent.
/// </summary>
public static class TrustPolicySize
{
    /// <summary>The default quota of every account.</summary>
    public const int DefaultLimit = 2048;

    /// <summary>The highest quota AWS grants.</summary>
    public const int MaximumLimit = 4096;

    /// <summary>The size IAM counts for this document as IrsaPS sends it (<see cref="PolicyDocument.ToJson"/>).</summary>
    internal static int Measure(PolicyDocument document)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        return Measure(document.ToJson());
    }

    /// <summary>The number of non-whitespace characters of a JSON text.</summary>
    public static int Measure(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        var count = 0;
        foreach (var c in json)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Throws <c>InvalidTrustPolicySizeLimit</c> unless 2,048 ≤ limit ≤ 4,096.</summary>
    public static int ValidateLimit(int limit)
    {
        if (limit is < DefaultLimit or > MaximumLimit)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidTrustPolicySizeLimit,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "A trust-policy size limit of {0:N0} is not possible: IAM's quota is {1:N0} characters by default and at most {2:N0}.",
                    limit,
                    DefaultLimit,
                    MaximumLimit),
                limit.ToString(CultureInfo.InvariantCulture));
        }

        return limit;
    }

    /// <summary>
    /// Throws <see cref="TrustPolicyTooLargeException"/> (<c>TrustPolicyTooLarge</c>, LimitExceeded) when the document
    /// would exceed <paramref name="limit"/>; returns the size otherwise.
    /// </summary>
    internal static int EnsureWithinLimit(PolicyDocument document, int limit = DefaultLimit)
    {
        ValidateLimit(limit);
        var size = Measure(document);
        if (size > limit)
        {
            throw new TrustPolicyTooLargeException(size, limit);
        }

        return size;
    }
}

/// <summary>The trust policy would exceed the role trust-policy quota. Nothing was sent.</summary>
internal sealed class TrustPolicyTooLargeException : IrsaException
{
    public TrustPolicyTooLargeException(int size, int limit)
        : base(
            ErrorIds.TrustPolicyTooLarge,
            IrsaErrorKind.LimitExceeded,
            string.Format(
                CultureInfo.InvariantCulture,
                "The trust policy would be {0:N0} characters long (IAM counts characters without whitespace), which exceeds the limit of {1:N0}. "
                + "Trust fewer service accounts in this role (or use one role per service account), or, if your account's 'Role trust policy length' quota was raised (at most {2:N0}), pass that limit.",
                size,
                limit,
                TrustPolicySize.MaximumLimit))
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>The size of the document, as IAM counts it.</summary>
    public int Size { get; }

    /// <summary>The limit it exceeds.</summary>
    public int Limit { get; }
}
