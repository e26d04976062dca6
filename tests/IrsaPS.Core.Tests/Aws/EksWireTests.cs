using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>EKS through the real HTTP stack (SigV4, REST-JSON) against moto.</summary>
public sealed class EksWireTests : IClassFixture<MotoFixture>
{
    private const string OtherRegion = "eu-west-1";
    private readonly MotoFixture _moto;

    public EksWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task DescribeCluster_ReturnsWhatIrsaNeeds()
    {
        using var aws = _moto.Connect();
        var name = Names.Unique("describe");
        await MotoSeed.CreateClusterAsync(_moto.Endpoint, name, tagsJson: "{\"team\":\"web\",\"env\":\"prod\"}");

        var response = await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = name });
        var cluster = response.Cluster;

        Assert.Equal(name, cluster.Name);
        Assert.Equal($"arn:aws:eks:us-east-1:123456789012:cluster/{name}", cluster.Arn);
        Assert.Equal("ACTIVE", cluster.Status);
        Assert.False(string.IsNullOrEmpty(cluster.Version));
        Assert.StartsWith("https://", cluster.Endpoint, System.StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(cluster.CertificateAuthority?.Data));
        Assert.StartsWith("https://oidc.eks.us-east-1.amazonaws.com/id/", cluster.OidcIssuer, System.StringComparison.Ordinal);
        Assert.NotNull(cluster.CreatedAt);
        Assert.InRange(cluster.CreatedAt!.Value, System.DateTime.UtcNow.AddHours(-1), System.DateTime.UtcNow.AddHours(1));
        Assert.Equal("web", cluster.Tags["team"]);
        Assert.Equal("prod", cluster.Tags["env"]);
        Assert.False(cluster.IsOutpostsLocalCluster);
        Assert.False(string.IsNullOrEmpty(response.RequestId));
    }

    [Fact]
    public async Task DescribeCluster_Unknown_FailsWithNotFound()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        var name = Names.Unique("absent");

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = name }));

        Assert.Equal(ErrorIds.AwsResourceNotFound, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.NotFound, ex.Kind);
        Assert.Equal("ResourceNotFoundException", ex.AwsErrorCode);
        Assert.Equal(404, ex.HttpStatusCode);
        Assert.Equal("EKS", ex.Service);
        Assert.Equal("DescribeCluster", ex.Operation);
        Assert.Equal(name, ex.Target);
        Assert.Equal(1, counter.Attempts("EKS", "DescribeCluster"));
    }

    [Fact]
    public async Task ListAllClusters_FollowsEveryPage_WithExactlyCeilNOverPageSizeCalls()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, region: OtherRegion);
        var names = Enumerable.Range(0, 5).Select(i => Names.Unique($"list{i}")).ToList();
        foreach (var name in names)
        {
            await MotoSeed.CreateClusterAsync(_moto.Endpoint, name, OtherRegion);
        }

        var clusters = await aws.Eks.ListAllClustersAsync(pageSize: 2);
        var firstPage = await aws.Eks.ListClustersAsync(new ListClustersRequest { MaxResults = 2 });

        Assert.Equal(names.OrderBy(n => n, System.StringComparer.Ordinal), clusters.OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal(4, counter.Calls("EKS", "ListClusters"));
        Assert.Equal(2, firstPage.Clusters.Count);
        Assert.False(string.IsNullOrEmpty(firstPage.NextToken));
    }
}
