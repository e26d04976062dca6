using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Faults;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// Bad input fails with a specific ErrorId before anything is sent: the observer sees no call and the proxy in
/// front of moto receives no request.
/// </summary>
public sealed class BadInputTests : IClassFixture<MotoFixture>
{
    private const string Role = "app";
    private const string ProviderArn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC";

    private readonly MotoFixture _moto;

    public BadInputTests(MotoFixture moto) => _moto = moto;

    public static IEnumerable<object[]> Cases()
    {
        static object[] Case(string errorId, string name, Func<AwsConnection, Task> call) => [errorId, name, call];

        yield return Case(ErrorIds.InvalidArn, "policy ARN with an 11-digit account",
            aws => aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = Role, PolicyArn = "arn:aws:iam::12345678901:policy/x" }));
        yield return Case(ErrorIds.InvalidArn, "S3 ARN as policy ARN",
            aws => aws.Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = Role, PolicyArn = "arn:aws:s3:::bucket" }));
        yield return Case(ErrorIds.InvalidPartition, "unknown partition",
            aws => aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = Role, PolicyArn = "arn:aws-iso:iam::aws:policy/ReadOnlyAccess" }));
        yield return Case(ErrorIds.InvalidArn, "boundary that is not a policy",
            aws => aws.Iam.PutRolePermissionsBoundaryAsync(new PutRolePermissionsBoundaryRequest { RoleName = Role, PermissionsBoundary = "arn:aws:iam::123456789012:role/x" }));
        yield return Case(ErrorIds.InvalidArn, "role ARN as provider ARN",
            aws => aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = "arn:aws:iam::123456789012:role/x" }));
        yield return Case(ErrorIds.InvalidArn, "empty provider ARN",
            aws => aws.Iam.DeleteOpenIDConnectProviderAsync(new DeleteOpenIDConnectProviderRequest()));
        yield return Case(ErrorIds.InvalidRoleName, "role name with a space",
            aws => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = "my role" }));
        yield return Case(ErrorIds.InvalidRoleName, "role name of 65 characters",
            aws => aws.Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = new string('r', 65) }));
        yield return Case(ErrorIds.InvalidRolePath, "path without trailing slash",
            aws => aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = Role, Path = "/irsa", AssumeRolePolicyDocument = TestPolicies.Trust }));
        yield return Case(ErrorIds.AwsInvalidParameter, "empty trust policy",
            aws => aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = Role, AssumeRolePolicyDocument = " " }));
        yield return Case(ErrorIds.InvalidMaxSessionDuration, "session of 100 s",
            aws => aws.Iam.UpdateRoleAsync(new UpdateRoleRequest { RoleName = Role, MaxSessionDuration = 100 }));
        yield return Case(ErrorIds.InvalidDescription, "description of 1001 characters",
            aws => aws.Iam.UpdateRoleAsync(new UpdateRoleRequest { RoleName = Role, Description = new string('d', 1001) }));
        yield return Case(ErrorIds.InvalidTag, "reserved tag key",
            aws => aws.Iam.TagRoleAsync(new TagRoleRequest { RoleName = Role, Tags = [new Tag("aws:owner", "x")] }));
        yield return Case(ErrorIds.InvalidTag, "51 tags",
            aws => aws.Iam.TagRoleAsync(new TagRoleRequest { RoleName = Role, Tags = Enumerable.Range(0, 51).Select(i => new Tag($"k{i}", "v")).ToList() }));
        yield return Case(ErrorIds.InvalidTag, "duplicate tag key",
            aws => aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = Role, AssumeRolePolicyDocument = TestPolicies.Trust, Tags = [new Tag("a", "1"), new Tag("a", "2")] }));
        yield return Case(ErrorIds.InvalidTag, "no tag keys to remove",
            aws => aws.Iam.UntagRoleAsync(new UntagRoleRequest { RoleName = Role }));
        yield return Case(ErrorIds.AwsInvalidParameter, "inline policy name with a slash",
            aws => aws.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = Role, PolicyName = "a/b", PolicyDocument = TestPolicies.ReadBucket }));
        yield return Case(ErrorIds.AwsInvalidParameter, "page size 0",
            aws => aws.Iam.ListRolesAsync(new ListRolesRequest { MaxItems = 0 }));
        yield return Case(ErrorIds.InvalidRolePath, "path prefix without leading slash",
            aws => aws.Iam.ListAllRolesAsync("irsa/"));
        yield return Case(ErrorIds.InvalidIssuerUrl, "http issuer",
            aws => aws.Iam.CreateOpenIDConnectProviderAsync(new CreateOpenIDConnectProviderRequest { Url = "http://oidc.example.com", ClientIDList = ["sts.amazonaws.com"] }));
        yield return Case(ErrorIds.AwsInvalidParameter, "thumbprint that is not SHA-1 hex",
            aws => aws.Iam.CreateOpenIDConnectProviderAsync(new CreateOpenIDConnectProviderRequest { Url = "https://oidc.example.com", ThumbprintList = ["xyz"] }));
        yield return Case(ErrorIds.AwsInvalidParameter, "empty thumbprint list on update",
            aws => aws.Iam.UpdateOpenIDConnectProviderThumbprintAsync(new UpdateOpenIDConnectProviderThumbprintRequest { OpenIDConnectProviderArn = ProviderArn }));
        yield return Case(ErrorIds.InvalidAudience, "empty client id",
            aws => aws.Iam.AddClientIDToOpenIDConnectProviderAsync(new AddClientIDToOpenIDConnectProviderRequest { OpenIDConnectProviderArn = ProviderArn, ClientID = "" }));
        yield return Case(ErrorIds.InvalidClusterName, "cluster name starting with '-'",
            aws => aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = "-prod" }));
        yield return Case(ErrorIds.InvalidClusterName, "cluster name with a dot",
            aws => aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = "prod.eu" }));
        yield return Case(ErrorIds.InvalidClusterName, "empty cluster name",
            aws => aws.Eks.DescribeClusterAsync(new DescribeClusterRequest()));
        yield return Case(ErrorIds.AwsInvalidParameter, "cluster page of 101",
            aws => aws.Eks.ListAllClustersAsync(101));
        yield return Case(ErrorIds.InvalidClusterName, "EKS token for a bad cluster name",
            aws => aws.GetEksTokenAsync("prod cluster"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_FailsWithSpecificErrorId_AndSendsNothing(string errorId, string what, Delegate call)
    {
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint);
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter, proxy.Endpoint);

        var ex = await Assert.ThrowsAsync<IrsaValidationException>(() => ((Func<AwsConnection, Task>)call)(aws));

        Assert.True(errorId == ex.ErrorId, $"{what}: expected {errorId}, got {ex.ErrorId} ({ex.Message})");
        Assert.Equal(IrsaErrorKind.InvalidArgument, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.Equal(0, counter.TotalCalls);
        Assert.Equal(0, counter.TotalAttempts);
        Assert.Equal(0, proxy.TotalRequests);
    }
}
