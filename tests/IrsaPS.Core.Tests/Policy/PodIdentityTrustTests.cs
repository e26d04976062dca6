using System;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.Policy.PodIdentity;
using Xunit;

namespace IrsaPS.Core.Tests.Policy;

/// <summary>The Pod Identity trust statement: built, evaluated with IAM's rules, added and removed without touching anything else.</summary>
public sealed class PodIdentityTrustTests
{
    private const string Account = "123456789012";
    private const string Cluster = "arn:aws:eks:us-east-1:123456789012:cluster/demo";
    private const string OtherCluster = "arn:aws:eks:us-east-1:123456789012:cluster/other";
    private const string Irsa = """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:web:app","oidc.eks.us-east-1.amazonaws.com/id/ABC:aud":"sts.amazonaws.com"}}}""";
    private const string Unrelated = """{"Sid":"Ci","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ci"},"Action":"sts:AssumeRole"}""";

    private static PodIdentityTrustTarget Target(PodIdentityTrustScope scope = PodIdentityTrustScope.ServiceAccount, string cluster = Cluster, bool account = false) =>
        new("aws", Account, cluster, "web", "app", scope, account);

    private static PodIdentityRequest Request(string cluster = Cluster, string ns = "web", string sa = "app", bool tags = true) => new(Account, cluster, ns, sa, tags);

    private static PolicyDocument Doc(params string[] statements) => PolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}");

    [Fact]
    public void TheStatement_HasTheServicePrincipal_BothActions_AndTheScopesConditions()
    {
        var json = PodIdentityTrustPolicy.Build(Target(account: true)).ToJson();

        Assert.Contains("\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"aws:SourceAccount\":\"123456789012\"", json, StringComparison.Ordinal);
        Assert.Contains("\"aws:RequestTag/eks-cluster-arn\":\"" + Cluster + "\"", json, StringComparison.Ordinal);
        Assert.Contains("\"aws:RequestTag/kubernetes-namespace\":\"web\"", json, StringComparison.Ordinal);
        Assert.Contains("\"aws:RequestTag/kubernetes-service-account\":\"app\"", json, StringComparison.Ordinal);
        Assert.StartsWith("\"Sid\":\"IrsaPSPodIdentity", json.Substring(json.IndexOf("\"Sid\"", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void SidsAreStable_AndDifferPerServiceAccountClusterAndScope()
    {
        Assert.Equal(Target().Sid, Target().Sid);
        Assert.Matches("^IrsaPSPodIdentity[0-9a-f]{12}$", Target().Sid);
        Assert.NotEqual(Target().Sid, new PodIdentityTrustTarget("aws", Account, Cluster, "web", "worker").Sid);
        Assert.NotEqual(Target().Sid, Target(cluster: OtherCluster).Sid);
        Assert.Equal("IrsaPSPodIdentityCluster", Target(PodIdentityTrustScope.Cluster).Sid);
        Assert.Equal("IrsaPSPodIdentityAnyAccount", Target(PodIdentityTrustScope.Any, account: true).Sid);
    }

    [Fact]
    public void TheEvaluator_AllowsExactlyTheScopedAssociation()
    {
        var doc = PodIdentityTrustPolicy.Build(Target());

        Assert.True(PodIdentityTrustEvaluator.Evaluate(doc, Request()).Allowed);
        Assert.Equal(TrustDecision.ImplicitDeny, PodIdentityTrustEvaluator.Evaluate(doc, Request(sa: "other")).Decision);
        Assert.Equal(TrustDecision.ImplicitDeny, PodIdentityTrustEvaluator.Evaluate(doc, Request(OtherCluster)).Decision);
        var untagged = PodIdentityTrustEvaluator.Evaluate(doc, Request(tags: false));
        Assert.False(untagged.Allowed);
        Assert.Contains("disables session tags", untagged.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEvaluator_NeedsTagSessionToo_AndHonoursDenyWildcardsAndUnknownKeys()
    {
        var assumeOnly = Doc("""{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}""");
        var wildcard = Doc("""{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","pods.eks.amazonaws.com"]},"Action":"sts:*"}""");
        var denied = Doc("""{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}""", """{"Effect":"Deny","Principal":"*","Action":"sts:*","Condition":{"StringEquals":{"aws:RequestTag/kubernetes-namespace":"web"}}}""");
        var podName = Doc("""{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringLike":{"aws:RequestTag/kubernetes-pod-name":"app-*"}}}""");
        var notPrincipal = Doc("""{"Effect":"Allow","NotPrincipal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:*"}""");

        var partial = PodIdentityTrustEvaluator.Evaluate(assumeOnly, Request());
        Assert.Equal((TrustDecision.Allowed, TrustDecision.ImplicitDeny), (partial.AssumeRole, partial.TagSession));
        Assert.Contains("sts:TagSession", partial.Reason, StringComparison.Ordinal);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(wildcard, Request()).Allowed);
        Assert.Equal(TrustDecision.ExplicitDeny, PodIdentityTrustEvaluator.Evaluate(denied, Request()).Decision);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(denied, Request(ns: "payments")).Allowed);
        Assert.Equal(TrustDecision.Undetermined, PodIdentityTrustEvaluator.Evaluate(podName, Request()).Decision);
        Assert.False(PodIdentityTrustEvaluator.Evaluate(notPrincipal, Request()).Allowed);
    }

    [Fact]
    public void Adding_AppendsOneStatement_KeepsEveryOtherStatementAsWritten_AndIsBroadening()
    {
        var doc = Doc(Irsa, Unrelated);

        var edit = PodIdentityTrustEditor.Add(doc, Target(), Request());

        Assert.True(edit.Changed);
        Assert.True(edit.BroadensAccess);
        Assert.Equal(3, edit.Document.Statements.Count);
        Assert.StartsWith("{\"Version\":\"2012-10-17\",\"Statement\":[" + Irsa + "," + Unrelated + ",", edit.AfterJson, StringComparison.Ordinal);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(edit.Document, Request()).Allowed);
        Assert.Equal(doc.ToJson(), edit.BeforeJson); // the input is not modified
    }

    [Fact]
    public void AddingTwice_IsAddingOnce_AndAnExistingStatementOfAnyAuthorCounts()
    {
        var once = PodIdentityTrustEditor.Add(Doc(Irsa), Target(), Request()).Document;
        var twice = PodIdentityTrustEditor.Add(once, Target(), Request());
        var byHand = PodIdentityTrustEditor.Add(Doc("""{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}"""), Target(), Request());

        Assert.False(twice.Changed);
        Assert.False(byHand.Changed);
        Assert.Contains("already admits", byHand.Changes.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheClusterScope_ListsClustersInOneStatement_AndRemovingOneKeepsTheOther()
    {
        var first = PodIdentityTrustEditor.Add(Doc(Irsa), Target(PodIdentityTrustScope.Cluster), Request()).Document;
        var both = PodIdentityTrustEditor.Add(first, Target(PodIdentityTrustScope.Cluster, OtherCluster), Request(OtherCluster)).Document;
        var removed = PodIdentityTrustEditor.Remove(both, Target(PodIdentityTrustScope.Cluster)).Document;

        Assert.Equal(2, both.Statements.Count);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(both, Request(sa: "any")).Allowed);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(both, Request(OtherCluster)).Allowed);
        Assert.False(PodIdentityTrustEvaluator.Evaluate(removed, Request()).Allowed);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(removed, Request(OtherCluster)).Allowed);
    }

    [Fact]
    public void Removing_TakesOnlyIrsaPSsStatement_NeverOneWrittenByHand()
    {
        var byHand = """{"Sid":"AllowEksAuthToAssumeRoleForPodIdentity","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}""";
        var withOurs = PodIdentityTrustEditor.Add(Doc(Irsa, Unrelated), Target(), Request()).Document;

        var undone = PodIdentityTrustEditor.Remove(withOurs, Target());
        var untouched = PodIdentityTrustEditor.Remove(Doc(Irsa, byHand), Target());

        Assert.Equal(Doc(Irsa, Unrelated).ToJson(), undone.AfterJson);
        Assert.False(untouched.Changed);
        Assert.False(undone.BroadensAccess);
    }

    [Fact]
    public void ADenyThatStopsPodIdentity_AndAnIrsaPSSidChangedByHand_AreClearErrors()
    {
        var deny = Doc(Irsa, """{"Effect":"Deny","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}""");
        var changed = Doc(Irsa, "{\"Sid\":\"" + Target().Sid + "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}");

        Assert.Equal(ErrorIds.PodIdentityTrustDenied, Assert.Throws<IrsaException>(() => PodIdentityTrustEditor.Add(deny, Target(), Request())).ErrorId);
        Assert.Equal(ErrorIds.PodIdentityTrustStatementModified, Assert.Throws<IrsaException>(() => PodIdentityTrustEditor.Add(changed, Target(), Request())).ErrorId);
    }

    [Fact]
    public void WithSessionTagsDisabled_OnlyTheAnyScopeCanWork()
    {
        var refused = Assert.Throws<IrsaValidationException>(() => PodIdentityTrustEditor.Add(Doc(Irsa), Target(), Request(tags: false)));
        var any = PodIdentityTrustEditor.Add(Doc(Irsa), new PodIdentityTrustTarget("aws", Account, Cluster, null, null, PodIdentityTrustScope.Any, true), Request(tags: false));

        Assert.Equal(ErrorIds.InvalidParameterCombination, refused.ErrorId);
        Assert.True(PodIdentityTrustEvaluator.Evaluate(any.Document, Request(tags: false)).Allowed);

        // A trust that already admits the untagged session needs no statement, so the narrower target is no error.
        var again = PodIdentityTrustEditor.Add(any.Document, Target(), Request(tags: false));
        Assert.False(again.Changed);
    }

    [Theory]
    [InlineData("""{"StringEquals":{"aws:SourceAccount":"123456789012"}}""", true)]
    [InlineData("""{"ArnEquals":{"aws:SourceArn":"arn:aws:eks:us-east-1:123456789012:cluster/demo"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:RequestTag/eks-cluster-name":"demo"}}""", true)]
    [InlineData("""{"StringLike":{"aws:RequestTag/eks-cluster-arn":"arn:aws:eks:*"}}""", false)]
    [InlineData("""{"StringEquals":{"aws:RequestTag/kubernetes-namespace":"web"}}""", false)]
    [InlineData("""{"StringNotEquals":{"aws:SourceAccount":"999999999999"}}""", false)]
    public void PinningConditions_AreThoseOnAccountOrClusterWithLiteralValues(string condition, bool pins)
    {
        var doc = Doc("""{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":""" + condition + "}");

        Assert.Equal(pins, PodIdentityTrustPolicy.PinsAccountOrCluster(doc.Statements[0]));
    }

    [Fact]
    public void BadTargets_AreRefusedBeforeAnythingIsBuilt()
    {
        Assert.Equal(ErrorIds.InvalidArn, Assert.Throws<IrsaValidationException>(() => new PodIdentityTrustTarget("aws", Account, "arn:aws:iam::123456789012:role/x", "web", "app")).ErrorId);
        Assert.Equal(ErrorIds.InvalidParameterCombination, Assert.Throws<IrsaValidationException>(() => new PodIdentityTrustTarget("aws", Account, Cluster, null, null)).ErrorId);
        Assert.Equal(ErrorIds.InvalidParameterCombination, Assert.Throws<IrsaValidationException>(() => new PodIdentityTrustTarget("aws", Account, null, null, null, PodIdentityTrustScope.Cluster)).ErrorId);
        Assert.Equal(ErrorIds.InvalidNamespace, Assert.Throws<IrsaValidationException>(() => new PodIdentityTrustTarget("aws", Account, Cluster, "Web!", "app")).ErrorId);
    }
}
