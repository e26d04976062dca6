using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Verification;
using Xunit;
using static IrsaPS.Core.Tests.Verification.TrustDocs;

namespace IrsaPS.Core.Tests.Verification;

/// <summary>Test-IrsaTrust's verdict, without any server: plan, then evaluate with the role and provider as read.</summary>
public class TrustVerifierTests
{
    private static readonly TrustClusterContext ProdCluster = new(Cluster, IssuerUrl, "aws", Account);

    private static IrsaTrustResult Verify(
        KubeServiceAccount? serviceAccount,
        string? trust,
        string roleName = "app-role",
        OidcProviderState? provider = null,
        string? roleArnOverride = null,
        TrustClusterContext? cluster = null,
        string ns = "web",
        string name = "app")
    {
        var target = TrustVerifier.Plan(cluster ?? ProdCluster, ns, name, serviceAccount, roleArnOverride);
        var role = trust is null ? null : new RoleTrust(RoleArn(roleName), roleName, trust);
        provider ??= target.ProviderArn is null ? null : OidcProviderState.Found(target.ProviderArn, ["sts.amazonaws.com"]);
        return TrustVerifier.Evaluate(target, role, provider);
    }

    private static IrsaTrustReason Reason(IrsaTrustResult result, string code) => Assert.Single(result.Reasons, r => r.Code == code);

    [Fact]
    public void ExactTrust_IsAllowed_WithTheDecidingStatementAndNoFailures()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa([Sub("web", "app")]));

        Assert.True(result.Allowed);
        Assert.Equal("Allowed", result.Decision);
        Assert.Equal("statement 0 (Allow)", result.DecidingStatement);
        Assert.Equal("system:serviceaccount:web:app", result.Subject);
        Assert.Equal("sts.amazonaws.com", result.Audience);
        Assert.Equal(IssuerUrl, result.Issuer);
        Assert.Equal(Provider(), result.OidcProviderArn);
        Assert.Equal(RoleArn("app-role"), result.RoleArn);
        Assert.Equal("app-role", result.RoleName);
        Assert.Equal("prod", result.ClusterName);
        Assert.Empty(result.Reasons);
        Assert.Contains("Allowed", result.Explanation!, System.StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSubject_FailsWithWhatTheTrustAdmits_AndTheAddRoleTrustFix()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa([Sub("web", "api")]));

        Assert.False(result.Allowed);
        Assert.Equal("ImplicitDeny", result.Decision);
        var reason = Reason(result, TrustReasonCodes.SubjectNotAdmitted);
        Assert.Equal(IrsaTrustReasonKind.Failure, reason.Kind);
        Assert.Equal("The subject is system:serviceaccount:web:app but the trust only admits web:api.", reason.Message);
        Assert.Equal("Run Add-IrsaRoleTrust -RoleName app-role -ClusterName prod -Namespace web -ServiceAccountName app", reason.Fix);
    }

    [Fact]
    public void TrustWithoutAudienceCondition_IsAllowed_WithANote()
    {
        var trust = Document(Statement(Condition("StringEquals", [Sub("web", "app")], audience: null), Provider()));

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), trust);

        Assert.True(result.Allowed);
        var note = Reason(result, TrustReasonCodes.AudienceNotRestricted);
        Assert.Equal(IrsaTrustReasonKind.Note, note.Kind);
        Assert.Contains(HostPath + ":aud", note.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AudienceAnnotationNotInTrustNorProvider_FailsTwice_WithBothFixes()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role"), audience: "vault"), Irsa([Sub("web", "app")]));

        Assert.False(result.Allowed);
        Assert.Equal("vault", result.Audience);
        var trust = Reason(result, TrustReasonCodes.AudienceNotAdmitted);
        Assert.Equal($"The token audience is 'vault' but the trust only admits 'sts.amazonaws.com' for {HostPath}:aud.", trust.Message);
        Assert.Contains("Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -Audience sts.amazonaws.com", trust.Fix, System.StringComparison.Ordinal);
        var provider = Reason(result, TrustReasonCodes.ProviderMissingAudience);
        Assert.Equal($"aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn {Provider()} --client-id vault", provider.Fix);
    }

    [Fact]
    public void DenyStatement_WinsOverTheAllow_AndIsNamed()
    {
        var trust = Document(
            Statement(Condition("StringEquals", [Sub("web", "app")]), Provider()),
            Statement($"{{\"StringLike\":{{\"{HostPath}:sub\":\"system:serviceaccount:web:*\"}}}}", Provider(), effect: "Deny", sid: "NoWeb"));

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), trust);

        Assert.False(result.Allowed);
        Assert.Equal("ExplicitDeny", result.Decision);
        Assert.Equal("statement 1 (Sid \"NoWeb\", Deny)", result.DecidingStatement);
        var reason = Reason(result, TrustReasonCodes.ExplicitDeny);
        Assert.StartsWith("statement 1 (Sid \"NoWeb\", Deny) denies sts:AssumeRoleWithWebIdentity to web:app", reason.Message, System.StringComparison.Ordinal);
        Assert.Contains("update-assume-role-policy --role-name app-role", reason.Fix, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NegatedOperator_ThatExcludesTheSubject_IsExplained()
    {
        var trust = Document(Statement(
            $"{{\"StringNotEquals\":{{\"{HostPath}:sub\":\"system:serviceaccount:web:app\"}},\"StringEquals\":{{\"{HostPath}:aud\":\"sts.amazonaws.com\"}}}}",
            Provider()));

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), trust);

        Assert.False(result.Allowed);
        var reason = Reason(result, TrustReasonCodes.SubjectExcluded);
        Assert.Contains("excludes the subject system:serviceaccount:web:app with StringNotEquals", reason.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NegatedOperator_ThatExcludesOthers_Admits()
    {
        var trust = Document(Statement(
            $"{{\"StringNotLike\":{{\"{HostPath}:sub\":\"system:serviceaccount:kube-system:*\"}},\"StringEquals\":{{\"{HostPath}:aud\":\"sts.amazonaws.com\"}}}}",
            Provider()));

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), trust);

        Assert.True(result.Allowed);
        Assert.DoesNotContain(result.Reasons, r => r.Kind != IrsaTrustReasonKind.Note);
    }

    [Fact]
    public void StringEqualsWithWildcard_NeverMatches_AndSaysUseStringLike()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa(["system:serviceaccount:web:*"]));

        Assert.False(result.Allowed);
        var reason = Reason(result, TrustReasonCodes.SubjectWildcardNeverMatches);
        Assert.Contains("treats '*' and '?' literally", reason.Message, System.StringComparison.Ordinal);
        Assert.Contains("use StringLike instead of StringEquals", reason.Fix, System.StringComparison.Ordinal);
    }

    [Fact]
    public void StringLikePattern_Admits_WithANoteAboutItsBreadth()
    {
        var trust = Document(Statement(Condition("StringLike", ["system:serviceaccount:web:*"]), Provider()));

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), trust);

        Assert.True(result.Allowed);
        Assert.Equal(IrsaTrustReasonKind.Note, Reason(result, TrustReasonCodes.SubjectMatchedByPattern).Kind);
    }

    [Fact]
    public void MissingProvider_Fails_WithRegisterFix()
    {
        var target = TrustVerifier.Plan(ProdCluster, "web", "app", ServiceAccount("web", "app", RoleArn("app-role")));
        var result = TrustVerifier.Evaluate(target, new RoleTrust(RoleArn("app-role"), "app-role", Irsa([Sub("web", "app")])), OidcProviderState.Missing(target.ProviderArn!));

        Assert.False(result.Allowed);
        Assert.Equal("Allowed", result.Decision);
        var reason = Reason(result, TrustReasonCodes.ProviderNotFound);
        Assert.Equal("Register-IrsaOidcProvider -ClusterName prod", reason.Fix);
        Assert.Contains(Provider(), reason.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderWithoutTheClientId_Fails()
    {
        var result = Verify(
            ServiceAccount("web", "app", RoleArn("app-role")),
            Irsa([Sub("web", "app")]),
            provider: OidcProviderState.Found(Provider(), ["other-audience"]));

        Assert.False(result.Allowed);
        var reason = Reason(result, TrustReasonCodes.ProviderMissingAudience);
        Assert.Contains("has client ids other-audience, not the audience 'sts.amazonaws.com'", reason.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRole_Fails_WithNewRoleFix_AndNoEvaluation()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("gone")), trust: null, roleName: "gone");

        Assert.False(result.Allowed);
        Assert.Null(result.Decision);
        var reason = Reason(result, TrustReasonCodes.RoleNotFound);
        Assert.Contains("New-IrsaRole -RoleName gone -ClusterName prod -Namespace web -ServiceAccountName app", reason.Fix, System.StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAnnotation_IsAReason_NotAnException()
    {
        var result = Verify(ServiceAccount("web", "app"), trust: null);

        Assert.False(result.Allowed);
        Assert.Null(result.RoleArn);
        Assert.Null(result.Decision);
        var reason = Reason(result, TrustReasonCodes.AnnotationMissing);
        Assert.Equal("Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn '<role ARN>'", reason.Fix);
    }

    [Fact]
    public void MissingServiceAccount_IsAReason()
    {
        var result = Verify(null, trust: null);

        Assert.False(result.Allowed);
        Assert.Single(result.Reasons);
        Assert.Equal(TrustReasonCodes.ServiceAccountNotFound, result.Reasons[0].Code);
    }

    [Fact]
    public void MissingServiceAccount_WithRoleArn_StillEvaluatesTheTrust()
    {
        var result = Verify(null, Irsa([Sub("web", "app")]), roleArnOverride: RoleArn("app-role"));

        Assert.False(result.Allowed);
        Assert.Equal("Allowed", result.Decision);
        Assert.Equal(TrustReasonCodes.ServiceAccountNotFound, Assert.Single(result.Reasons).Code);
    }

    [Fact]
    public void RoleInAnotherAccount_CannotBeVerified_AndIsNotFetched()
    {
        var target = TrustVerifier.Plan(ProdCluster, "web", "app", ServiceAccount("web", "app", RoleArn("app-role", OtherAccount)));

        Assert.False(target.NeedsRole);
        Assert.Equal(Provider(account: OtherAccount), target.ProviderArn);
        var result = TrustVerifier.Evaluate(target, null, null);
        Assert.False(result.Allowed);
        var reason = Reason(result, TrustReasonCodes.RoleInOtherAccount);
        Assert.Equal(IrsaTrustReasonKind.Unverified, reason.Kind);
        Assert.Contains($"account {OtherAccount}", reason.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TrustForAnotherCluster_SaysWhichProviderItTrusts()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa([Sub("web", "app")], OtherIssuerUrl));

        Assert.False(result.Allowed);
        var reason = Reason(result, TrustReasonCodes.IssuerNotTrusted);
        Assert.Contains("it trusts '" + Provider(OtherIssuerUrl) + "'", reason.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TrustNamingTheProviderOfAnotherAccount_IsExplained()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa([Sub("web", "app")], account: OtherAccount));

        Assert.False(result.Allowed);
        var reason = Reason(result, TrustReasonCodes.ProviderNotTrusted);
        Assert.Contains($"the provider in the role's own account ({Account})", reason.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterWithoutIssuer_Fails()
    {
        var cluster = new TrustClusterContext("outpost", null, "aws", Account);

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa([Sub("web", "app")]), cluster: cluster);

        Assert.False(result.Allowed);
        Assert.Contains(result.Reasons, r => r.Code == TrustReasonCodes.ClusterHasNoIssuer);
        Assert.Null(result.Decision);
    }

    [Fact]
    public void MalformedAnnotation_IsAReason()
    {
        var result = Verify(ServiceAccount("web", "app", "app-role"), trust: null);

        Assert.False(result.Allowed);
        Assert.Contains("not a role ARN", Reason(result, TrustReasonCodes.RoleArnInvalid).Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOperator_LeavesTheAnswerUndetermined_NotAllowed()
    {
        var trust = Document(Statement(
            $"{{\"StringEquals\":{{\"{HostPath}:sub\":\"system:serviceaccount:web:app\"}},\"StringMatchesRegex\":{{\"{HostPath}:aud\":\"sts.*\"}}}}",
            Provider()));

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), trust);

        Assert.False(result.Allowed);
        Assert.Equal("Undetermined", result.Decision);
        Assert.Equal(IrsaTrustReasonKind.Unverified, Reason(result, TrustReasonCodes.ConditionNotEvaluable).Kind);
    }

    [Fact]
    public void RoleArnOverride_DifferentFromTheAnnotation_IsNoted()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("old")), Irsa([Sub("web", "app")]), roleArnOverride: RoleArn("app-role"));

        Assert.True(result.Allowed);
        Assert.Equal(RoleArn("app-role"), result.RoleArn);
        Assert.Equal(IrsaTrustReasonKind.Note, Reason(result, TrustReasonCodes.AnnotationDiffers).Kind);
    }

    [Fact]
    public void MalformedRoleArnOverride_IsBadInput()
    {
        var error = Assert.Throws<IrsaValidationException>(() => TrustVerifier.Plan(ProdCluster, "web", "app", null, "arn:aws:iam::123:role/x"));

        Assert.Equal(ErrorIds.InvalidArn, error.ErrorId);
    }

    [Fact]
    public void BadNames_AreBadInput()
    {
        Assert.Equal(ErrorIds.InvalidNamespace, Assert.Throws<IrsaValidationException>(() => TrustVerifier.Plan(ProdCluster, "Web", "app", null)).ErrorId);
        Assert.Equal(ErrorIds.InvalidServiceAccountName, Assert.Throws<IrsaValidationException>(() => TrustVerifier.Plan(ProdCluster, "web", "a b", null)).ErrorId);
    }

    [Fact]
    public void UnreadableTrust_IsAReason()
    {
        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), "{\"Statement\":");

        Assert.False(result.Allowed);
        Assert.Equal(TrustReasonCodes.TrustPolicyUnreadable, Assert.Single(result.Reasons).Code);
    }

    [Fact]
    public void ConditionOnAnotherIssuersKey_IsExplained()
    {
        var otherHost = IrsaPS.Core.Validation.OidcIssuer.Parse(OtherIssuerUrl).HostPath;
        var trust = Document(Statement($"{{\"StringEquals\":{{\"{otherHost}:sub\":\"system:serviceaccount:web:app\"}}}}", Provider()));

        var result = Verify(ServiceAccount("web", "app", RoleArn("app-role")), trust);

        Assert.False(result.Allowed);
        Assert.Contains(otherHost + ":sub", Reason(result, TrustReasonCodes.ConditionForOtherIssuer).Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_ListFailuresBeforeNotes()
    {
        var trust = Document(Statement(Condition("StringEquals", [Sub("web", "app")], audience: null), Provider()));
        var target = TrustVerifier.Plan(ProdCluster, "web", "app", ServiceAccount("web", "app", RoleArn("app-role")));

        var result = TrustVerifier.Evaluate(target, new RoleTrust(RoleArn("app-role"), "app-role", trust), OidcProviderState.Missing(target.ProviderArn!));

        Assert.Equal([IrsaTrustReasonKind.Failure, IrsaTrustReasonKind.Note], result.Reasons.Select(r => r.Kind).ToArray());
    }

    [Fact]
    public void WithLive_FailureBlocks_SuccessKeepsTheVerdict_AndDisagreementIsNoted()
    {
        var allowed = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa([Sub("web", "app")]));
        var denied = Verify(ServiceAccount("web", "app", RoleArn("app-role")), Irsa([Sub("web", "api")]));
        var pass = new IrsaLiveTrustResult { Succeeded = true, CallerArn = "arn:aws:sts::123456789012:assumed-role/app-role/s" };
        var fail = new IrsaLiveTrustResult { Succeeded = false, FailedStep = LiveTrustProbe.AssumeRoleStep, ErrorCode = "AccessDenied", ErrorMessage = "Not authorized" };

        Assert.True(TrustVerifier.WithLive(allowed, pass).Allowed);
        var failed = TrustVerifier.WithLive(allowed, fail);
        Assert.False(failed.Allowed);
        Assert.Contains("failed at AssumeRoleWithWebIdentity: AccessDenied - Not authorized", Reason(failed, TrustReasonCodes.LiveFailed).Message, System.StringComparison.Ordinal);
        var disagree = TrustVerifier.WithLive(denied, pass);
        Assert.False(disagree.Allowed);
        Assert.Same(pass, disagree.Live);
        Assert.Equal(IrsaTrustReasonKind.Note, Reason(disagree, TrustReasonCodes.LiveDisagrees).Kind);
    }

    [Theory]
    [InlineData("app-role", "app-role")]
    [InlineData("a,b", "'a,b'")]
    [InlineData("o'neil", "'o''neil'")]
    [InlineData("-x", "'-x'")]
    [InlineData("<role ARN>", "'<role ARN>'")]
    public void FixCommands_QuoteForPowerShell(string value, string expected) => Assert.Equal(expected, FixCommands.Quote(value));
}
