using System;
using System.Text;
using IrsaPS.Core.Aws.Eks.Internal;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// The EKS unmarshaller on canned answers shaped like the EKS API reference's DescribeCluster response, including
/// what moto omits (accessConfig, outpostConfig, endpoint access flags).
/// </summary>
public sealed class EksJsonReaderTests
{
    private const string DescribeClusterAnswer = """
        {
          "cluster": {
            "name": "prod",
            "arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod",
            "createdAt": 1700000000.123,
            "version": "1.31",
            "endpoint": "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
            "roleArn": "arn:aws:iam::111122223333:role/eks-cluster",
            "resourcesVpcConfig": {
              "subnetIds": ["subnet-1", "subnet-2"],
              "securityGroupIds": [],
              "clusterSecurityGroupId": "sg-1",
              "vpcId": "vpc-1",
              "endpointPublicAccess": false,
              "endpointPrivateAccess": true,
              "publicAccessCidrs": ["0.0.0.0/0"]
            },
            "kubernetesNetworkConfig": { "serviceIpv4Cidr": "10.100.0.0/16", "ipFamily": "ipv4" },
            "logging": { "clusterLogging": [ { "types": ["api"], "enabled": false } ] },
            "identity": { "oidc": { "issuer": "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE" } },
            "status": "ACTIVE",
            "certificateAuthority": { "data": "LS0tLS1CRUdJTi==" },
            "platformVersion": "eks.12",
            "tags": { "team": "web" },
            "accessConfig": { "authenticationMode": "API_AND_CONFIG_MAP", "bootstrapClusterCreatorAdminPermissions": true },
            "upgradePolicy": { "supportType": "STANDARD" }
          }
        }
        """;

    [Fact]
    public void DescribeCluster_ReadsEveryFieldIrsaUses()
    {
        var cluster = EksJsonReader.DescribeCluster(Encoding.UTF8.GetBytes(DescribeClusterAnswer)).Cluster;

        Assert.Equal("prod", cluster.Name);
        Assert.Equal("arn:aws:eks:eu-west-1:111122223333:cluster/prod", cluster.Arn);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 123, DateTimeKind.Utc), cluster.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, cluster.CreatedAt!.Value.Kind);
        Assert.Equal("1.31", cluster.Version);
        Assert.Equal("https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com", cluster.Endpoint);
        Assert.Equal("ACTIVE", cluster.Status);
        Assert.Equal("eks.12", cluster.PlatformVersion);
        Assert.Equal("LS0tLS1CRUdJTi==", cluster.CertificateAuthority?.Data);
        Assert.Equal("https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", cluster.OidcIssuer);
        Assert.False(cluster.ResourcesVpcConfig!.EndpointPublicAccess);
        Assert.True(cluster.ResourcesVpcConfig.EndpointPrivateAccess);
        Assert.Equal("vpc-1", cluster.ResourcesVpcConfig.VpcId);
        Assert.Equal(["subnet-1", "subnet-2"], cluster.ResourcesVpcConfig.SubnetIds);
        Assert.Equal("API_AND_CONFIG_MAP", cluster.AccessConfig?.AuthenticationMode);
        Assert.True(cluster.AccessConfig?.BootstrapClusterCreatorAdminPermissions);
        Assert.Null(cluster.OutpostConfig);
        Assert.False(cluster.IsOutpostsLocalCluster);
        Assert.Equal("web", cluster.Tags["team"]);
    }

    [Fact]
    public void DescribeCluster_OutpostsLocalCluster_IsRecognised_AndHasNoIssuer()
    {
        const string answer = """
            {"cluster":{"name":"edge","arn":"arn:aws:eks:us-west-2:111122223333:cluster/edge","status":"ACTIVE",
             "outpostConfig":{"outpostArns":["arn:aws:outposts:us-west-2:111122223333:outpost/op-0abcdef"],"controlPlaneInstanceType":"m5.large"},
             "accessConfig":{"authenticationMode":"CONFIG_MAP"}}}
            """;

        var cluster = EksJsonReader.DescribeCluster(Encoding.UTF8.GetBytes(answer)).Cluster;

        Assert.True(cluster.IsOutpostsLocalCluster);
        Assert.Equal(["arn:aws:outposts:us-west-2:111122223333:outpost/op-0abcdef"], cluster.OutpostConfig!.OutpostArns);
        Assert.Equal("m5.large", cluster.OutpostConfig.ControlPlaneInstanceType);
        Assert.Null(cluster.OidcIssuer);
        Assert.Null(cluster.CreatedAt);
        Assert.Empty(cluster.Tags);
    }

    [Fact]
    public void ListClusters_ReadsNamesAndToken_NullTokenOnLastPage()
    {
        var page = EksJsonReader.ListClusters(Encoding.UTF8.GetBytes("""{"clusters":["a","b"],"nextToken":"tok"}"""));
        var last = EksJsonReader.ListClusters(Encoding.UTF8.GetBytes("""{"clusters":["c"]}"""));

        Assert.Equal(["a", "b"], page.Clusters);
        Assert.Equal("tok", page.NextToken);
        Assert.Equal(["c"], last.Clusters);
        Assert.Null(last.NextToken);
    }

    [Fact]
    public void DescribeCluster_WithoutClusterObject_IsRejected()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EksJsonReader.DescribeCluster(Encoding.UTF8.GetBytes("""{"message":"hi"}""")));
    }
}
