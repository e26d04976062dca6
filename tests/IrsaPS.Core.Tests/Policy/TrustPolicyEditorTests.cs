using System;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Validation;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

public class TrustPolicyEditorTests
{
    private const string Account = PolicyTestData.Account;
    private static readonly OidcIssuer Eksctl = PolicyTestData.Issuer(PolicyTestData.EksctlIssuer);
    private static readonly OidcIssuer Terraform = PolicyTestData.Issuer(PolicyTestData.TerraformIssuer);
    private static readonly OidcIssuer Second = PolicyTestData.Issuer(PolicyTestData.SecondIssuer);
    private static readonly OidcIssuer Team = PolicyTestData.Issuer(PolicyTestData.TeamIssuer);

    [Fact]
    public void Add_JoinsTheCompatibleEksctlStatement_TurningTheSubStringIntoAnArray()
    {
        var document = Load("eksctl.json");
        var before = document.ToJson();

        var edit = TrustPolicyEditor.AddSubject(document, "aws", Account, new IrsaSubject(Eksctl, "kube-system", "external-dns"));

        Assert.True(edit.Changed);
        Assert.Equal(before, document.ToJson());
        Assert.Equal(before, edit.BeforeJson);
        var statement = Assert.Single(edit.Document.Statements);
        Assert.Equal(
            new[] { "system:serviceaccount:kube-system:aws-load-balancer-controller", "system:serviceaccount:kube-system:external-dns" },
            statement.Condition!.Blocks[0].Find(Eksctl.SubKey)!.Values.ToArray());
        Assert.Equal(before.Replace(
            "\"system:serviceaccount:kube-system:aws-load-balancer-controller\"",
            "[\"system:serviceaccount:kube-system:aws-load-balancer-controller\",\"system:serviceaccount:kube-system:external-dns\"]",
            StringComparison.Ordinal), edit.AfterJson);
        Assert.Equal(TrustBroadening.AddsSubject, edit.Broadening);
        Assert.True(edit.BroadensAccess);
        Assert.Contains("Added system:serviceaccount:kube-system:external-dns to the StringEquals sub condition of statement 0 (Allow).", edit.Changes);
    }

    [Fact]
    public void Add_IsIdempotent_AddingTwiceIsAddingOnce()
    {
        var subject = new IrsaSubject(Terraform, "monitoring", "grafana");
        var once = TrustPolicyEditor.AddSubject(Load("terraform-irsa-module.json"), "aws", Account, subject);
        var twice = TrustPolicyEditor.AddSubject(once.Document, "aws", Account, subject);
        var both = TrustPolicyEditor.AddSubjects(Load("terraform-irsa-module.json"), "aws", Account, [subject, subject]);

        Assert.True(once.Changed);
        Assert.False(twice.Changed);
        Assert.Equal(once.AfterJson, twice.AfterJson);
        Assert.Equal(TrustBroadening.None, twice.Broadening);
        Assert.Equal(once.AfterJson, both.AfterJson);
        Assert.Contains("already admitted by statement 0", twice.Changes.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ExistingSubject_ChangesNothing()
    {
        var edit = TrustPolicyEditor.AddSubject(Load("aws-docs.json"), "aws", Account, new IrsaSubject(PolicyTestData.Issuer(PolicyTestData.DocsIssuer), "default", "my-service-account"));

        Assert.False(edit.Changed);
        Assert.Equal(edit.BeforeJson, edit.AfterJson);
        Assert.False(edit.BroadensAccess);
    }

    [Fact]
    public void Add_SubjectCoveredOnlyByAWildcard_IsWrittenExplicitly()
    {
        var document = Load("aws-docs-wildcard.json");
        var subject = new IrsaSubject(PolicyTestData.Issuer(PolicyTestData.DocsIssuer), "batch", "nightly");

        var edit = TrustPolicyEditor.AddSubject(document, "aws", Account, subject);

        Assert.True(edit.Changed);
        Assert.Equal(2, edit.Document.Statements.Count);
        Assert.Equal("StringEquals", edit.Document.Statements[1].Condition!.Blocks[0].Operator);
    }

    [Fact]
    public void Add_ToAStatementWithoutAud_AppendsANewStatementAndLeavesTheOldOneAlone()
    {
        var document = Load("terraform-irsa-module-no-aud.json");
        var original = document.Statements[0];

        var edit = TrustPolicyEditor.AddSubject(document, "aws", Account, new IrsaSubject(Terraform, "kube-system", "cert-manager"));

        Assert.Equal(2, edit.Document.Statements.Count);
        Assert.StartsWith(PolicyJsonFormat.Compact(PolicyTestData.Load("terraform-irsa-module-no-aud.json"))[..^2], edit.AfterJson, StringComparison.Ordinal);
        Assert.Equal(
            TrustPolicyBuilder.Build("aws", Account, [new IrsaSubject(Terraform, "kube-system", "cert-manager")]).Statements[0].Condition!.Blocks[0].Entries.Select(e => e.Key),
            edit.Document.Statements[1].Condition!.Blocks[0].Entries.Select(e => e.Key));
        Assert.Same(original.Sid, edit.Document.Statements[0].Sid);
    }

    [Fact]
    public void Add_WithAnotherAudience_OrCluster_AppendsAStatement()
    {
        var document = Load("terraform-irsa-module.json");

        var audience = TrustPolicyEditor.AddSubject(document, "aws", Account, new IrsaSubject(Terraform, "monitoring", "prometheus", "custom.example.com"));
        var cluster = TrustPolicyEditor.AddSubject(document, "aws", Account, new IrsaSubject(Second, "monitoring", "prometheus"));

        Assert.Equal(2, audience.Document.Statements.Count);
        Assert.Equal("custom.example.com", audience.Document.Statements[1].Condition!.Blocks[0].Find(Terraform.AudKey)!.Values[0]);
        Assert.Equal(2, cluster.Document.Statements.Count);
        Assert.Equal(PolicyTestData.Provider(PolicyTestData.SecondIssuer), cluster.Document.Statements[1].Principal!.Get("Federated")![0]);
    }

    [Fact]
    public void Add_SeveralSubjectsForANewCluster_ShareTheNewStatement()
    {
        var edit = TrustPolicyEditor.AddSubjects(Load("eksctl.json"), "aws", Account,
        [
            new IrsaSubject(Second, "web", "a"),
            new IrsaSubject(Second, "web", "b"),
        ]);

        Assert.Equal(2, edit.Document.Statements.Count);
        Assert.Equal(new[] { "system:serviceaccount:web:a", "system:serviceaccount:web:b" }, edit.Document.Statements[1].Condition!.Blocks[0].Find(Second.SubKey)!.Values.ToArray());
        Assert.Contains("the statement added above", edit.Changes[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Add_DoesNotJoinAStatementWithExtraConditions()
    {
        var document = Load("eksctl.json");
        var block = new ConditionBlock("Bool");
        block.Entries.Add(new ConditionEntry("aws:SecureTransport", PolicyValueList.Of("true")));
        document.Statements[0].Condition!.Blocks.Add(block);

        var edit = TrustPolicyEditor.AddSubject(document, "aws", Account, new IrsaSubject(Eksctl, "kube-system", "external-dns"));

        Assert.Equal(2, edit.Document.Statements.Count);
        Assert.Single(edit.Document.Statements[0].Condition!.Blocks[0].Find(Eksctl.SubKey)!.Values);
    }

    [Fact]
    public void Add_ExistingSubjectBlockedByAnExtraCondition_IsAddedAgain()
    {
        var document = Load("eksctl.json");
        var block = new ConditionBlock("StringEquals");
        block.Entries.Add(new ConditionEntry(Eksctl.AmrKey, PolicyValueList.Of("mfa")));
        document.Statements[0].Condition!.Blocks.Add(block);

        var edit = TrustPolicyEditor.AddSubject(document, "aws", Account, new IrsaSubject(Eksctl, "kube-system", "aws-load-balancer-controller"));

        Assert.True(edit.Changed);
        Assert.Equal(2, edit.Document.Statements.Count);
    }

    [Fact]
    public void Add_Wildcard_IsRefusedUnlessAllowed_ThenUsesStringLike()
    {
        var subject = new IrsaSubject(Eksctl, "batch", "*");

        var ex = Assert.Throws<IrsaValidationException>(() => TrustPolicyEditor.AddSubject(Load("eksctl.json"), "aws", Account, subject));
        Assert.Equal(ErrorIds.WildcardNotAllowed, ex.ErrorId);

        var edit = TrustPolicyEditor.AddSubject(Load("eksctl.json"), "aws", Account, subject, allowWildcards: true);
        Assert.Equal("StringLike", edit.Document.Statements[1].Condition!.Blocks[0].Operator);
        Assert.Equal(TrustBroadening.AddsSubject | TrustBroadening.AddsWildcardSubject, edit.Broadening);

        var again = TrustPolicyEditor.AddSubject(edit.Document, "aws", Account, subject, allowWildcards: true);
        Assert.False(again.Changed);
    }

    [Fact]
    public void Add_NeverTouchesUnrelatedStatements()
    {
        var document = Load("deny-and-negated.json");
        var edit = TrustPolicyEditor.AddSubject(document, "aws", Account, new IrsaSubject(Team, "team-b", "api"));

        Assert.Equal(4, edit.Document.Statements.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Single(document, i), Single(edit.Document, i));
        }

        var evaluation = CompiledTrustPolicy.Compile(edit.Document).Evaluate(WebIdentityRequest.ForSubject(new IrsaSubject(Team, "team-b", "api"), "aws", Account));
        Assert.Equal(TrustDecision.Allowed, evaluation.Decision);
        Assert.Equal(3, evaluation.DecidingStatementIndex);
    }

    [Fact]
    public void Add_ToAHandWrittenDocument_KeepsItsExtraFieldsAndOrder()
    {
        var original = PolicyJsonFormat.Compact(PolicyTestData.Load("hand-written-extras.json"));
        var statementStart = original.IndexOf("\"Statement\":{", StringComparison.Ordinal) + "\"Statement\":".Length;
        var originalStatement = original[statementStart..^1];

        var edit = TrustPolicyEditor.AddSubject(PolicyDocument.Parse(original), "aws", Account, new IrsaSubject(Team, "team-a", "worker"));

        Assert.Equal(2, edit.Document.Statements.Count);
        Assert.StartsWith(original[..statementStart] + "[" + originalStatement + ",{\"Effect\":\"Allow\"", edit.AfterJson, StringComparison.Ordinal);
        Assert.EndsWith("]}", edit.AfterJson, StringComparison.Ordinal);
        Assert.Equal(TrustBroadening.AddsSubject, edit.Broadening);
    }

    [Fact]
    public void Remove_TakesTheValueOutOfTheList()
    {
        var edit = TrustPolicyEditor.RemoveSubject(Load("terraform-irsa-module.json"), "aws", Account, new IrsaSubject(Terraform, "monitoring", "thanos"));

        var sub = edit.Document.Statements[0].Condition!.Blocks[0].Find(Terraform.SubKey)!.Values;
        Assert.Equal(new[] { "system:serviceaccount:monitoring:prometheus" }, sub.ToArray());
        Assert.True(sub.IsArray);
        Assert.False(edit.BroadensAccess);
        Assert.Equal("Removed system:serviceaccount:monitoring:thanos from statement 0 (Allow).", edit.Changes.Single());
    }

    [Fact]
    public void Remove_LastSubject_DropsTheStatement_NeverLeavingItWithoutSub()
    {
        var document = Load("terraform-multi-cluster.json");

        var edit = TrustPolicyEditor.RemoveSubject(document, "aws", Account, new IrsaSubject(Second, "karpenter", "karpenter"));

        var remaining = Assert.Single(edit.Document.Statements);
        Assert.Equal(Single(document, 0), Single(edit.Document, 0));
        Assert.DoesNotContain(Second.HostPath, edit.AfterJson, StringComparison.Ordinal);
        Assert.False(edit.BroadensAccess);
        Assert.Contains("the statement was dropped", edit.Changes.Single(), StringComparison.Ordinal);
        Assert.NotNull(remaining.Condition);
    }

    [Fact]
    public void Remove_TheOnlySubject_LeavesAnEmptyDocument()
    {
        var edit = TrustPolicyEditor.RemoveSubject(Load("eksctl.json"), "aws", Account, new IrsaSubject(Eksctl, "kube-system", "aws-load-balancer-controller"));

        Assert.True(edit.IsEmpty);
        Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[]}", edit.AfterJson);
    }

    [Fact]
    public void Remove_AbsentSubject_ChangesNothing_AndSaysSo()
    {
        var edit = TrustPolicyEditor.RemoveSubject(Load("eksctl.json"), "aws", Account, new IrsaSubject(Eksctl, "web", "app"));

        Assert.False(edit.Changed);
        Assert.Contains("nothing to remove", edit.Changes.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_IgnoresTheAudience_AndEveryStatementLosesTheSubject()
    {
        var document = TrustPolicyBuilder.Build("aws", Account,
        [
            new IrsaSubject(Eksctl, "web", "app"),
            new IrsaSubject(Eksctl, "web", "app", "custom.example.com"),
            new IrsaSubject(Eksctl, "web", "other"),
        ]);

        var edit = TrustPolicyEditor.RemoveSubject(document, "aws", Account, new IrsaSubject(Eksctl, "web", "app"));

        var statement = Assert.Single(edit.Document.Statements);
        Assert.Equal("system:serviceaccount:web:other", Assert.Single(statement.Condition!.Blocks[0].Find(Eksctl.SubKey)!.Values));
        var policy = CompiledTrustPolicy.Compile(edit.Document);
        Assert.Equal(TrustDecision.ImplicitDeny, policy.Decide(WebIdentityRequest.ForSubject(new IrsaSubject(Eksctl, "web", "app", "custom.example.com"), "aws", Account)));
    }

    [Fact]
    public void Remove_NeverTouchesDenyStatements()
    {
        var document = Load("deny-and-negated.json");

        var edit = TrustPolicyEditor.RemoveSubject(document, "aws", Account, new IrsaSubject(Team, "team-a", "default"));

        Assert.False(edit.Changed);
    }

    [Fact]
    public void Remove_FromAStatementTrustingTwoProviders_DetachesOnlyThatProvider()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + $"\"Principal\":{{\"Federated\":[\"{PolicyTestData.Provider(PolicyTestData.EksctlIssuer)}\",\"{PolicyTestData.Provider(PolicyTestData.SecondIssuer)}\"]}},"
            + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{"
            + $"\"StringEqualsIfExists\":{{\"{Eksctl.SubKey}\":\"system:serviceaccount:web:app\",\"{Eksctl.AudKey}\":\"sts.amazonaws.com\",\"{Second.SubKey}\":\"system:serviceaccount:web:app\"}}}}}}]}}";

        var edit = TrustPolicyEditor.RemoveSubject(PolicyDocument.Parse(json), "aws", Account, new IrsaSubject(Eksctl, "web", "app"));

        var statement = Assert.Single(edit.Document.Statements);
        Assert.Equal(new[] { PolicyTestData.Provider(PolicyTestData.SecondIssuer) }, statement.Principal!.Get("Federated")!.ToArray());
        Assert.Equal(new[] { Second.SubKey }, statement.Condition!.Blocks[0].Entries.Select(e => e.Key));
        Assert.True(edit.Broadening.HasFlag(TrustBroadening.RemovesCondition));
    }

    [Fact]
    public void RemoveProvider_DropsStatementsTrustingOnlyThatCluster()
    {
        var document = Load("terraform-multi-cluster.json");

        var edit = TrustPolicyEditor.RemoveProvider(document, "aws", Account, Terraform);

        Assert.Equal(Single(document, 1), Single(edit.Document, 0));
        Assert.Single(edit.Document.Statements);
        Assert.False(edit.BroadensAccess);
        Assert.StartsWith("Dropped statement 0", edit.Changes.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveProvider_FromASharedStatement_RemovesOnlyItsProviderAndConditions()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + $"\"Principal\":{{\"Federated\":[\"{PolicyTestData.Provider(PolicyTestData.EksctlIssuer)}\",\"{PolicyTestData.Provider(PolicyTestData.SecondIssuer)}\"]}},"
            + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{"
            + $"\"StringEqualsIfExists\":{{\"{Eksctl.SubKey}\":\"a\",\"{Second.SubKey}\":\"b\"}},\"StringLikeIfExists\":{{\"{Eksctl.AudKey}\":\"sts.*\"}}}}}}]}}";

        var edit = TrustPolicyEditor.RemoveProvider(PolicyDocument.Parse(json), "aws", Account, Eksctl);

        var statement = Assert.Single(edit.Document.Statements);
        Assert.False(statement.Principal!.Get("Federated")!.IsArray && statement.Principal.Get("Federated")!.Count > 1);
        Assert.Equal("StringEqualsIfExists", Assert.Single(statement.Condition!.Blocks).Operator);
        Assert.DoesNotContain(Eksctl.HostPath, edit.AfterJson, StringComparison.Ordinal);
        Assert.True(edit.BroadensAccess);
    }

    [Fact]
    public void RemoveProvider_ThatIsAbsent_ChangesNothing()
    {
        var edit = TrustPolicyEditor.RemoveProvider(Load("eksctl.json"), "aws", Account, Second);
        Assert.False(edit.Changed);
    }

    [Fact]
    public void Edits_ValidateBeforeAnythingElse()
    {
        Assert.Equal(ErrorIds.InvalidAccountId, Assert.Throws<IrsaValidationException>(() =>
            TrustPolicyEditor.AddSubject(Load("eksctl.json"), "aws", "1", new IrsaSubject(Eksctl, "web", "app"))).ErrorId);
        Assert.Equal(ErrorIds.NoTrustSubjects, Assert.Throws<IrsaValidationException>(() =>
            TrustPolicyEditor.RemoveSubjects(Load("eksctl.json"), "aws", Account, [])).ErrorId);
    }

    [Fact]
    public void EditResult_RendersBeforeAndAfterForWhatIf()
    {
        var edit = TrustPolicyEditor.AddSubject(Load("eksctl.json"), "aws", Account, new IrsaSubject(Eksctl, "web", "app"));

        Assert.StartsWith("{\n  \"Version\": \"2012-10-17\",", edit.BeforeIndented, StringComparison.Ordinal);
        Assert.Contains("\"system:serviceaccount:web:app\"", edit.AfterIndented, StringComparison.Ordinal);
        Assert.Equal(TrustPolicySize.Measure(edit.Document), edit.Size);
    }

    [Fact]
    public void Broadening_DetectsAStatementWithoutSub()
    {
        var before = Load("eksctl.json");
        var after = before.Clone();
        after.Statements.Add(PolicyDocument.Parse(PolicyTestData.Load("broad-assume-role.json")).Statements[4]);

        Assert.Equal(TrustBroadening.AddsStatementWithoutSubject, TrustBroadeningDetector.Compare(before, after));
        Assert.Equal(TrustBroadening.None, TrustBroadeningDetector.Compare(after, before));
    }

    [Fact]
    public void Broadening_DetectsOtherAllows()
    {
        var before = Load("eksctl.json");
        var after = before.Clone();
        after.Statements.Add(PolicyDocument.Parse(PolicyTestData.Load("broad-assume-role.json")).Statements[0]);

        Assert.Equal(TrustBroadening.AddsOtherAllow, TrustBroadeningDetector.Compare(before, after));
    }

    private static PolicyDocument Load(string file) => PolicyDocument.Parse(PolicyTestData.Load(file));

    private static string Single(PolicyDocument document, int index)
    {
        var copy = new PolicyDocument();
        copy.Statements.Add(document.Statements[index]);
        return copy.ToJson();
    }
}
