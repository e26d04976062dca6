using System;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

public class TrustPolicySizeTests
{
    private static readonly OidcIssuer Issuer = PolicyTestData.Issuer(PolicyTestData.EksctlIssuer);

    [Fact]
    public void Size_CountsCharactersWithoutWhitespace()
    {
        var pretty = PolicyTestData.Load("aws-docs.json");
        var document = PolicyDocument.Parse(pretty);

        Assert.Equal(document.ToJson().Length, TrustPolicySize.Measure(document));
        Assert.Equal(TrustPolicySize.Measure(document), TrustPolicySize.Measure(pretty));
        Assert.Equal(3, TrustPolicySize.Measure(" a \n\tb\r\nc "));
    }

    [Fact]
    public void Size_DoesNotCountWhitespaceInsideStrings()
    {
        Assert.Equal(TrustPolicySize.Measure("{\"Sid\":\"ab\"}"), TrustPolicySize.Measure("{\"Sid\":\"a b\"}"));
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(3000)]
    [InlineData(4096)]
    public void Documents_AtTheLimit_PassAndOneMoreCharacterFails(int limit)
    {
        var document = DocumentOfSize(limit);
        Assert.Equal(limit, TrustPolicySize.EnsureWithinLimit(document, limit));

        var bigger = DocumentOfSize(limit + 1);
        var ex = Assert.Throws<TrustPolicyTooLargeException>(() => TrustPolicySize.EnsureWithinLimit(bigger, limit));
        Assert.Equal(ErrorIds.TrustPolicyTooLarge, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.LimitExceeded, ex.Kind);
        Assert.Equal(limit + 1, ex.Size);
        Assert.Equal(limit, ex.Limit);
        Assert.Contains((limit + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains(limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultLimit_Is2048()
    {
        Assert.Throws<TrustPolicyTooLargeException>(() => TrustPolicySize.EnsureWithinLimit(DocumentOfSize(2049)));
        Assert.Equal(2048, TrustPolicySize.EnsureWithinLimit(DocumentOfSize(2048)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2047)]
    [InlineData(4097)]
    public void LimitsOutsideIamsRange_AreRejected(int limit)
    {
        var ex = Assert.Throws<IrsaValidationException>(() => TrustPolicySize.EnsureWithinLimit(DocumentOfSize(2100), limit));
        Assert.Equal(ErrorIds.InvalidTrustPolicySizeLimit, ex.ErrorId);
    }

    [Fact]
    public void RealisticRoles_HitTheDefaultQuotaAroundTwentyServiceAccounts()
    {
        var subjects = Enumerable.Range(0, 40).Select(i => new IrsaSubject(Issuer, "namespace-" + i, "service-account-" + i)).ToList();
        var fits = 0;
        for (var n = 1; n <= subjects.Count; n++)
        {
            var size = TrustPolicySize.Measure(TrustPolicyBuilder.Build("aws", PolicyTestData.Account, subjects.Take(n)));
            if (size <= TrustPolicySize.DefaultLimit)
            {
                fits = n;
            }
        }

        Assert.InRange(fits, 20, 40);
        Assert.Throws<TrustPolicyTooLargeException>(() => TrustPolicySize.EnsureWithinLimit(TrustPolicyBuilder.Build("aws", PolicyTestData.Account, subjects)));
    }

    /// <summary>A valid IRSA document padded through its Sid to exactly <paramref name="size"/> characters.</summary>
    private static PolicyDocument DocumentOfSize(int size)
    {
        var document = TrustPolicyBuilder.Build("aws", PolicyTestData.Account, [new IrsaSubject(Issuer, "web", "app")]);
        document.Statements[0].Sid = string.Empty;
        var baseSize = TrustPolicySize.Measure(document);
        document.Statements[0].Sid = new string('S', size - baseSize);
        Assert.Equal(size, TrustPolicySize.Measure(document));
        return document;
    }
}
