using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>Role lifecycle through the real HTTP stack (SigV4, Query protocol, XML) against moto.</summary>
public sealed class IamRoleWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public IamRoleWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task CreateRole_ThenGetRole_ReturnsEverythingThatWasSet()
    {
        using var aws = _moto.Connect();
        var name = Names.Unique("create");
        var created = await aws.Iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = name,
            Path = "/irsa/web/",
            AssumeRolePolicyDocument = TestPolicies.Trust,
            Description = "App role for web/app",
            MaxSessionDuration = 7200,
            PermissionsBoundary = TestPolicies.ReadOnlyAccessArn,
            Tags = [new Tag("managed-by", "irsaps"), new Tag("cluster", "prod")],
        });

        Assert.Equal($"arn:aws:iam::123456789012:role/irsa/web/{name}", created.Role.Arn);
        Assert.False(string.IsNullOrEmpty(created.RequestId));

        var role = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name })).Role;
        Assert.Equal(name, role.RoleName);
        Assert.Equal("/irsa/web/", role.Path);
        Assert.StartsWith("AROA", role.RoleId, System.StringComparison.Ordinal);
        Assert.Equal("App role for web/app", role.Description);
        Assert.Equal(7200, role.MaxSessionDuration);
        Assert.NotNull(role.CreateDate);
        Assert.Equal(TestPolicies.ReadOnlyAccessArn, role.PermissionsBoundary?.PermissionsBoundaryArn);
        Assert.Equal(["cluster=prod", "managed-by=irsaps"], role.Tags.Select(t => t.ToString()).OrderBy(t => t));
        AssertSameJson(TestPolicies.Trust, role.AssumeRolePolicyDocument);
    }

    [Fact]
    public async Task CreateRole_Twice_FailsWithAlreadyExists()
    {
        using var aws = _moto.Connect();
        var name = Names.Unique("twice");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TestPolicies.Trust });

        var ex = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TestPolicies.Trust }));

        Assert.Equal(ErrorIds.AwsResourceAlreadyExists, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.AlreadyExists, ex.Kind);
        Assert.Equal("EntityAlreadyExists", ex.AwsErrorCode);
        Assert.Equal(409, ex.HttpStatusCode);
        Assert.Equal("IAM", ex.Service);
        Assert.Equal("CreateRole", ex.Operation);
        Assert.Equal(name, ex.Target);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Contains(name, ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRole_Unknown_FailsWithNotFound()
    {
        using var aws = _moto.Connect();

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = Names.Unique("missing") }));

        Assert.Equal(ErrorIds.AwsResourceNotFound, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
        Assert.Equal("NoSuchEntity", ex.AwsErrorCode);
        Assert.Equal(404, ex.HttpStatusCode);
    }

    [Fact]
    public async Task UpdateRole_And_UpdateAssumeRolePolicy_AreVisibleInGetRole()
    {
        using var aws = _moto.Connect();
        var name = Names.Unique("update");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TestPolicies.Trust });
        var newTrust = TestPolicies.Trust.Replace("system:serviceaccount:web:app", "system:serviceaccount:web:worker", System.StringComparison.Ordinal);

        await aws.Iam.UpdateRoleAsync(new UpdateRoleRequest { RoleName = name, Description = "changed", MaxSessionDuration = 10800 });
        await aws.Iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest { RoleName = name, PolicyDocument = newTrust });

        var role = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name })).Role;
        Assert.Equal("changed", role.Description);
        Assert.Equal(10800, role.MaxSessionDuration);
        AssertSameJson(newTrust, role.AssumeRolePolicyDocument);
    }

    [Fact]
    public async Task DeleteRole_RemovesIt()
    {
        using var aws = _moto.Connect();
        var name = Names.Unique("delete");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TestPolicies.Trust });

        await aws.Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = name });

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }));
        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task ListAllRoles_FollowsEveryPage_WithExactlyCeilNOverPageSizeCalls()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        var prefix = $"/{Names.Unique("paging")}/";
        var names = Enumerable.Range(0, 7).Select(i => Names.Unique($"page{i}")).ToList();
        foreach (var name in names)
        {
            await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, Path = prefix, AssumeRolePolicyDocument = TestPolicies.Trust });
        }

        counter.Reset();
        var roles = await aws.Iam.ListAllRolesAsync(prefix, pageSize: 3);

        Assert.Equal(names.OrderBy(n => n), roles.Select(r => r.RoleName).OrderBy(n => n));
        Assert.Equal(3, counter.Calls("IAM", "ListRoles"));
        Assert.All(roles, r => AssertSameJson(TestPolicies.Trust, r.AssumeRolePolicyDocument));
    }

    [Fact]
    public async Task ListRoles_OnePage_ReportsTruncationAndMarker()
    {
        using var aws = _moto.Connect();
        var prefix = $"/{Names.Unique("onepage")}/";
        for (var i = 0; i < 3; i++)
        {
            await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = Names.Unique("p"), Path = prefix, AssumeRolePolicyDocument = TestPolicies.Trust });
        }

        var first = await aws.Iam.ListRolesAsync(new ListRolesRequest { PathPrefix = prefix, MaxItems = 2 });
        var second = await aws.Iam.ListRolesAsync(new ListRolesRequest { PathPrefix = prefix, MaxItems = 2, Marker = first.Marker });

        Assert.True(first.IsTruncated);
        Assert.False(string.IsNullOrEmpty(first.Marker));
        Assert.Equal(2, first.Roles.Count);
        Assert.False(second.IsTruncated);
        Assert.Single(second.Roles);
        Assert.Empty(first.Roles.Select(r => r.RoleName).Intersect(second.Roles.Select(r => r.RoleName)));
    }

    internal static void AssertSameJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual!);
        Assert.Equal(JsonSerializer.Serialize(a.RootElement), JsonSerializer.Serialize(b.RootElement));
    }
}
