using System;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Operations;

public class RoleQueryAndDeletionTests : IClassFixture<IrsaWorld>
{
    private readonly IrsaWorld _world;

    public RoleQueryAndDeletionTests(IrsaWorld world) => _world = world;

    private string Terraform(string sa) => """
        {"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::ACCOUNT:oidc-provider/ISSUER"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"ISSUER:sub":["system:serviceaccount:SA"],"ISSUER:aud":["sts.amazonaws.com"]}}}]}
        """.Replace("ACCOUNT", IrsaWorld.AccountId, StringComparison.Ordinal).Replace("ISSUER", _world.IssuerHostPath, StringComparison.Ordinal).Replace("SA", sa, StringComparison.Ordinal).Trim();

    [Fact]
    public async Task GetFindsEveryRoleTrustingTheClusterWhoeverWroteIt()
    {
        using var aws = _world.Connect();
        var terraform = Names.Unique("tf");
        var unrelated = Names.Unique("ec2");
        var otherCluster = Names.Unique("other");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = terraform, AssumeRolePolicyDocument = Terraform("kube-system:ebs-csi") });
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = unrelated, AssumeRolePolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""" });
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = otherCluster,
            AssumeRolePolicyDocument = Terraform("web:app").Replace(_world.IssuerHostPath, "oidc.eks.eu-west-1.amazonaws.com/id/OTHER", StringComparison.Ordinal),
        });

        var counter = new AwsCallCounter();
        using var session = _world.Session(new RecordingHost(), observer: counter);
        var found = await IrsaRoles.GetAsync(session, IrsaWorld.ClusterName, null, default);

        var role = Assert.Single(found, r => r.RoleName == terraform);
        Assert.DoesNotContain(found, r => r.RoleName == unrelated || r.RoleName == otherCluster);
        Assert.Equal(("demo", "kube-system", "ebs-csi"), (role.ClusterName, role.Namespace, role.ServiceAccountName));
        Assert.Equal("demo", Assert.Single(role.Subjects).ClusterName);
        Assert.Equal(1, counter.Calls("IAM", "ListRoles"));
        Assert.Equal(0, counter.Calls("IAM", "GetRole"));

        var everyIrsaRole = await IrsaRoles.GetAsync(session, null, null, default);
        Assert.Contains(everyIrsaRole, r => r.RoleName == otherCluster);
        Assert.DoesNotContain(everyIrsaRole, r => r.RoleName == unrelated);

        var byPattern = await IrsaRoles.GetAsync(session, IrsaWorld.ClusterName, "TF-*", default);
        Assert.Equal([terraform], byPattern.Select(r => r.RoleName));
    }

    [Fact]
    public async Task ARoleByExactNameComesWithItsPolicies()
    {
        var role = Names.Unique("exact");
        using var aws = _world.Connect();
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = Terraform("web:app") });
        await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.ReadOnlyAccessArn });
        using var session = _world.Session(new RecordingHost());

        var found = Assert.Single(await IrsaRoles.GetAsync(session, null, role, default));

        Assert.Equal([TestPolicies.ReadOnlyAccessArn], found.AttachedPolicyArns);
        Assert.Empty(found.InlinePolicyNames!);
        var missing = await Assert.ThrowsAsync<IrsaException>(() => IrsaRoles.GetAsync(session, null, "missing-role", default));
        Assert.Equal(ErrorIds.RoleNotFound, missing.ErrorId);
    }

    [Fact]
    public async Task RemoveDetachesDeletesInlineThenDeletesTheRole()
    {
        var role = Names.Unique("delete");
        using var aws = _world.Connect();
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = Terraform("web:app") });
        await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.ReadOnlyAccessArn });
        await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.SecurityAuditArn });
        await aws.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = role, PolicyName = "inline", PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""" });

        var whatIf = RecordingHost.WhatIf();
        using (var preview = _world.Session(whatIf))
        {
            await IrsaRoles.RemoveAsync(preview, role, default);
        }

        Assert.NotNull(await IrsaRoles.TryGetRoleAsync(aws, role, default));
        Assert.Single(whatIf.Asked); // declining the first detach stops the plan: nothing else is asked or done

        var host = new RecordingHost();
        using (var session = _world.Session(host))
        {
            var changes = await IrsaRoles.RemoveAsync(session, role, default);
            Assert.Equal(["DetachRolePolicy", "DetachRolePolicy", "DeleteRolePolicy", "DeleteRole"], changes.Select(c => c.Action));
            Assert.All(changes, c => Assert.True(c.Applied && c.HighImpact));
        }

        Assert.Null(await IrsaRoles.TryGetRoleAsync(aws, role, default));
        Assert.Empty(host.Warnings);
    }

    [Fact]
    public async Task RemovingARoleThatIsNotIrsaWarns()
    {
        var role = Names.Unique("not-irsa");
        using var aws = _world.Connect();
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""" });
        var host = RecordingHost.WhatIf();
        using var session = _world.Session(host);
        await IrsaRoles.RemoveAsync(session, role, default);
        Assert.Contains(host.Warnings, w => w.Contains("not an IRSA role", StringComparison.Ordinal));
    }
}
