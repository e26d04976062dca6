using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>Role tags against moto.</summary>
public sealed class IamTagWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public IamTagWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task TagRole_AddsAndReplaces_UntagRoleRemoves_ListAllRoleTagsPages()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        var role = Names.Unique("tags");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = TestPolicies.Trust, Tags = [new Tag("a", "1")] });

        await aws.Iam.TagRoleAsync(new TagRoleRequest { RoleName = role, Tags = [new Tag("a", "2"), new Tag("b", "3"), new Tag("c", "4")] });
        counter.Reset();
        var tags = await aws.Iam.ListAllRoleTagsAsync(role, pageSize: 2);
        Assert.Equal(["a=2", "b=3", "c=4"], tags.Select(t => t.ToString()).OrderBy(t => t, System.StringComparer.Ordinal));
        Assert.Equal(2, counter.Calls("IAM", "ListRoleTags"));

        await aws.Iam.UntagRoleAsync(new UntagRoleRequest { RoleName = role, TagKeys = ["a", "c"] });
        var page = await aws.Iam.ListRoleTagsAsync(new ListRoleTagsRequest { RoleName = role });
        Assert.Equal(["b=3"], page.Tags.Select(t => t.ToString()));
        Assert.False(page.IsTruncated);
    }
}
