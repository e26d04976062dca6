using System;
using System.Linq;
using IrsaPS.Core.Policy;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

public class TrustPolicyInspectorTests
{
    [Fact]
    public void Eksctl_OneExactSubjectWithAudience()
    {
        var report = Inspect("eksctl.json");

        var grant = Assert.Single(report.Grants);
        Assert.Equal(PolicyEffect.Allow, grant.Effect);
        Assert.Equal(new[] { PolicyTestData.Provider(PolicyTestData.EksctlIssuer) }, grant.ProviderArns);
        Assert.Equal(PolicyTestData.Issuer(PolicyTestData.EksctlIssuer), Assert.Single(grant.Issuers));
        Assert.True(grant.AllowsWebIdentity);
        var subject = Assert.Single(grant.Subjects);
        Assert.Equal(SubjectMatchKind.Exact, subject.Kind);
        Assert.Equal("kube-system", subject.Namespace);
        Assert.Equal("aws-load-balancer-controller", subject.ServiceAccountName);
        Assert.True(subject.IssuerIsTrusted);
        Assert.Equal(new[] { "sts.amazonaws.com" }, grant.Audiences);
        Assert.True(grant.HasSubjectCondition);
        Assert.Empty(grant.IssuersWithoutSubject);
        Assert.Empty(grant.OtherConditions);
        Assert.False(report.AllowsUnconditionalAssumeRole);

        var admitted = Assert.Single(report.Subjects);
        Assert.Equal("system:serviceaccount:kube-system:aws-load-balancer-controller", admitted.SubjectValue);
        Assert.False(admitted.IsPattern);
        Assert.Equal(new[] { "sts.amazonaws.com" }, admitted.Audiences);
    }

    [Fact]
    public void TerraformModule_ListsEverySubject_AndNoAudienceWhenThereIsNone()
    {
        var withAud = Inspect("terraform-irsa-module.json");
        Assert.Equal(new[] { "prometheus", "thanos" }, withAud.Subjects.Select(s => s.ServiceAccountName));

        var noAud = Inspect("terraform-irsa-module-no-aud.json");
        var grant = Assert.Single(noAud.Grants);
        Assert.False(grant.HasAudienceCondition);
        Assert.Empty(grant.Audiences);
        Assert.Empty(Assert.Single(noAud.Subjects).Audiences);
    }

    [Fact]
    public void MultiCluster_GivesOneGrantPerStatement_AndSubjectsPerIssuer()
    {
        var report = Inspect("terraform-multi-cluster.json");

        Assert.Equal(2, report.Grants.Count);
        Assert.Equal(
            new[] { PolicyTestData.Issuer(PolicyTestData.TerraformIssuer), PolicyTestData.Issuer(PolicyTestData.SecondIssuer) },
            report.Subjects.Select(s => s.Issuer));
        Assert.All(report.Subjects, s => Assert.Equal("karpenter/karpenter", s.Namespace + "/" + s.ServiceAccountName));
    }

    [Fact]
    public void Wildcards_AndStringEqualsWithWildcards_AreTold()
    {
        var report = Inspect("aws-docs-wildcard.json");
        var subject = Assert.Single(report.Grants[0].Subjects);
        Assert.Equal(SubjectMatchKind.Wildcard, subject.Kind);
        Assert.True(Assert.Single(report.Subjects).IsPattern);

        var issuer = PolicyTestData.Issuer(PolicyTestData.EksctlIssuer);
        var json = PolicyTestData.Load("eksctl.json").Replace("kube-system:aws-load-balancer-controller", "kube-system:*", StringComparison.Ordinal);
        var never = TrustPolicyInspector.Inspect(PolicyDocument.Parse(json));
        Assert.Equal(SubjectMatchKind.NeverMatches, never.Grants[0].Subjects.Single().Kind);
        Assert.Empty(never.Subjects);
        Assert.Empty(never.Grants[0].IssuersWithoutSubject);
        Assert.Equal(issuer, never.Grants[0].Issuers.Single());
    }

    [Fact]
    public void DenyAndNegatedStatements_AreReported_ButAdmitNothing()
    {
        var report = Inspect("deny-and-negated.json");

        Assert.Equal(3, report.Grants.Count);
        Assert.Equal(new[] { PolicyEffect.Allow, PolicyEffect.Deny, PolicyEffect.Deny }, report.Grants.Select(g => g.Effect));
        Assert.True(report.Grants[2].PrincipalIsWildcard);
        Assert.Empty(report.Grants[2].Subjects);
        Assert.Equal(new[] { "system:serviceaccount:team-a:*" }, report.Subjects.Select(s => s.SubjectValue));
    }

    [Fact]
    public void StatementWithoutSub_IsFlaggedPerIssuer()
    {
        var report = Inspect("broad-assume-role.json");

        var grant = Assert.Single(report.Grants, g => g.ProviderArns.Count == 1);
        Assert.False(grant.HasSubjectCondition);
        Assert.Equal(PolicyTestData.Issuer(PolicyTestData.TeamIssuer), Assert.Single(grant.IssuersWithoutSubject));
        Assert.True(grant.HasAudienceCondition);
    }

    [Fact]
    public void UnconditionalAssumeRole_ToStarOrAnAccountRoot_IsFlagged()
    {
        var report = Inspect("broad-assume-role.json");

        Assert.True(report.AllowsUnconditionalAssumeRole);
        Assert.Equal(
            new[] { (0, "AWS:arn:aws:iam::111122223333:root"), (1, "*") },
            report.UnconditionalAssumeRole.Select(g => (g.StatementIndex, g.Principal)));
        Assert.Equal(new[] { "sts:*" }, report.UnconditionalAssumeRole[1].Actions);
    }

    [Fact]
    public void PrincipalStar_WithWebIdentityAction_IsAGrantFromEveryProvider()
    {
        var report = Inspect("broad-assume-role.json");

        var star = Assert.Single(report.Grants, g => g.PrincipalIsWildcard);
        Assert.Equal(1, star.StatementIndex);
        Assert.True(star.AllowsWebIdentity);
        Assert.Empty(star.ProviderArns);
    }

    [Fact]
    public void SubConditionOnAnotherIssuer_IsNotTrusted_AndNotAdmitted()
    {
        var document = PolicyDocument.Parse(PolicyTestData.Load("eksctl.json").Replace(
            "EXAMPLED539D4633E53DE1B71EXAMPLE:sub", "OTHER:sub", StringComparison.Ordinal));

        var report = TrustPolicyInspector.Inspect(document);

        Assert.False(report.Grants[0].Subjects.Single().IssuerIsTrusted);
        Assert.Empty(report.Subjects);
        Assert.Single(report.Grants[0].IssuersWithoutSubject);
    }

    [Fact]
    public void OtherConditions_AreListed()
    {
        var report = Inspect("hand-written-extras.json");

        Assert.Equal(
            new[] { "NumericLessThanEquals:aws:MultiFactorAuthAge", "NumericLessThanEquals:sts:DurationSeconds", "Bool:aws:SecureTransport" },
            report.Grants.Single().OtherConditions);
        Assert.Equal("HandWritten", report.Grants.Single().Sid);
    }

    [Fact]
    public void ListSubjects_MatchesBuiltPolicies()
    {
        var a = PolicyTestData.Issuer(PolicyTestData.EksctlIssuer);
        var b = PolicyTestData.Issuer(PolicyTestData.SecondIssuer);
        IrsaSubject[] subjects = [new(a, "web", "app"), new(a, "api", "app"), new(b, "web", "app", "custom")];

        var listed = TrustPolicyInspector.ListSubjects(TrustPolicyBuilder.Build("aws", PolicyTestData.Account, subjects));

        Assert.Equal(
            subjects.Select(s => (s.Issuer, s.Namespace, s.ServiceAccountName)).OrderBy(s => s.Issuer.HostPath, StringComparer.Ordinal).ThenBy(s => s.Namespace, StringComparer.Ordinal),
            listed.Select(s => (s.Issuer, s.Namespace, s.ServiceAccountName)));
        Assert.Equal(new[] { "custom" }, listed.Single(s => s.Issuer.Equals(b)).Audiences);
    }

    private static TrustPolicyReport Inspect(string file) => TrustPolicyInspector.Inspect(PolicyDocument.Parse(PolicyTestData.Load(file)));
}
