using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>Managed policies, the permissions boundary and inline policies of a role, against moto.</summary>
public sealed class IamPolicyWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public IamPolicyWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task AttachedPolicies_AttachListInPagesAndDetach()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        var role = await NewRoleAsync(aws);
        string[] arns = [TestPolicies.ReadOnlyAccessArn, TestPolicies.ViewOnlyAccessArn, TestPolicies.SecurityAuditArn];
        foreach (var arn in arns)
        {
            await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = role, PolicyArn = arn });
        }

        counter.Reset();
        var attached = await aws.Iam.ListAllAttachedRolePoliciesAsync(role, pageSize: 2);
        Assert.Equal(arns.OrderBy(a => a), attached.Select(p => p.PolicyArn).OrderBy(a => a));
        Assert.Contains(attached, p => p.PolicyName == "ReadOnlyAccess");
        Assert.Equal(2, counter.Calls("IAM", "ListAttachedRolePolicies"));

        await aws.Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.ViewOnlyAccessArn });
        var left = await aws.Iam.ListAllAttachedRolePoliciesAsync(role);
        Assert.Equal([TestPolicies.ReadOnlyAccessArn, TestPolicies.SecurityAuditArn], left.Select(p => p.PolicyArn).OrderBy(a => a));
    }

    [Fact]
    public async Task DeleteRole_WithAttachedPolicy_FailsWithConflict()
    {
        using var aws = _moto.Connect();
        var role = await NewRoleAsync(aws);
        await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = role, PolicyArn = TestPolicies.ReadOnlyAccessArn });

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = role }));

        Assert.Equal(ErrorIds.AwsDeleteConflict, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.Conflict, ex.Kind);
        Assert.Equal("DeleteConflict", ex.AwsErrorCode);
    }

    [Fact]
    public async Task AttachRolePolicy_UnknownPolicy_FailsWithNotFound()
    {
        using var aws = _moto.Connect();
        var role = await NewRoleAsync(aws);

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.AttachRolePolicyAsync(
            new AttachRolePolicyRequest { RoleName = role, PolicyArn = "arn:aws:iam::123456789012:policy/does-not-exist" }));

        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task PermissionsBoundary_PutThenDelete()
    {
        using var aws = _moto.Connect();
        var role = await NewRoleAsync(aws);

        await aws.Iam.PutRolePermissionsBoundaryAsync(new PutRolePermissionsBoundaryRequest { RoleName = role, PermissionsBoundary = TestPolicies.SecurityAuditArn });
        var withBoundary = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role;
        await aws.Iam.DeleteRolePermissionsBoundaryAsync(new DeleteRolePermissionsBoundaryRequest { RoleName = role });
        var without = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role })).Role;

        Assert.Equal(TestPolicies.SecurityAuditArn, withBoundary.PermissionsBoundary?.PermissionsBoundaryArn);
        Assert.Equal("PermissionsBoundaryPolicy", withBoundary.PermissionsBoundary?.PermissionsBoundaryType);
        Assert.Null(without.PermissionsBoundary);
    }

    [Fact]
    public async Task InlinePolicies_PutGetListInPagesAndDelete()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        var role = await NewRoleAsync(aws);
        string[] names = ["read-bucket", "read-bucket-2", "read-bucket-3"];
        foreach (var name in names)
        {
            await aws.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = role, PolicyName = name, PolicyDocument = TestPolicies.ReadBucket });
        }

        var got = await aws.Iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "read-bucket" });
        counter.Reset();
        var listed = await aws.Iam.ListAllRolePoliciesAsync(role, pageSize: 2);
        await aws.Iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = role, PolicyName = "read-bucket-2" });
        var left = await aws.Iam.ListAllRolePoliciesAsync(role);

        Assert.Equal(role, got.RoleName);
        Assert.Equal("read-bucket", got.PolicyName);
        IamRoleWireTests.AssertSameJson(TestPolicies.ReadBucket, got.PolicyDocument);
        Assert.Equal(names, listed.OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal(2, counter.Calls("IAM", "ListRolePolicies"));
        Assert.Equal(["read-bucket", "read-bucket-3"], left.OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task PutRolePolicy_MalformedDocument_FailsWithInvalidArgument()
    {
        using var aws = _moto.Connect();
        var role = await NewRoleAsync(aws);
        var bad = TestPolicies.ReadBucket.Replace("\"Allow\"", "\"Permit\"", System.StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = role, PolicyName = "bad", PolicyDocument = bad }));

        Assert.Equal(ErrorIds.AwsInvalidRequest, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("MalformedPolicyDocument", ex.AwsErrorCode);
    }

    [Fact]
    public async Task GetRolePolicy_Unknown_FailsWithNotFound()
    {
        using var aws = _moto.Connect();
        var role = await NewRoleAsync(aws);

        var ex = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = role, PolicyName = "absent" }));

        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
    }

    private static async Task<string> NewRoleAsync(AwsConnection aws)
    {
        var name = Names.Unique("pol");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TestPolicies.Trust });
        return name;
    }
}
