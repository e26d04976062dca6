using System;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Audit;

/// <summary>
/// GetAccountAuthorizationDetails, added to the IAM client for the audit: the request IAM documents, paging, IAM's
/// URL-encoded documents (canned answers, since moto never pages this call), and moto's answer for real roles.
/// </summary>
public sealed class AuthorizationDetailsWireTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public AuthorizationDetailsWireTests(MotoFixture moto) => _moto = moto;

    private static string Page(int n, bool truncated) =>
        "<GetAccountAuthorizationDetailsResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetAccountAuthorizationDetailsResult>"
        + $"<IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>" + (truncated ? "<Marker>page-2</Marker>" : string.Empty)
        + "<RoleDetailList><member><Path>/</Path><RoleName>role-" + n + "</RoleName><RoleId>AROA" + n + "</RoleId><Arn>arn:aws:iam::123456789012:role/role-" + n + "</Arn>"
        + "<CreateDate>2024-01-02T03:04:05Z</CreateDate>"
        + "<AssumeRolePolicyDocument>" + Uri.EscapeDataString("{\"Version\":\"2012-10-17\",\"Statement\":[]}") + "</AssumeRolePolicyDocument>"
        + "<RolePolicyList><member><PolicyName>inline</PolicyName><PolicyDocument>" + Uri.EscapeDataString("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}") + "</PolicyDocument></member></RolePolicyList>"
        + "<AttachedManagedPolicies><member><PolicyName>AdministratorAccess</PolicyName><PolicyArn>arn:aws:iam::aws:policy/AdministratorAccess</PolicyArn></member></AttachedManagedPolicies>"
        + "<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/boundary</PermissionsBoundaryArn></PermissionsBoundary>"
        + "</member></RoleDetailList>"
        + "<Policies><member><PolicyName>custom</PolicyName><Arn>arn:aws:iam::123456789012:policy/custom</Arn><Path>/</Path><DefaultVersionId>v2</DefaultVersionId><AttachmentCount>1</AttachmentCount>"
        + "<PolicyVersionList><member><Document>" + Uri.EscapeDataString("{\"v\":1}") + "</Document><VersionId>v1</VersionId><IsDefaultVersion>false</IsDefaultVersion></member>"
        + "<member><Document>" + Uri.EscapeDataString("{\"v\":2}") + "</Document><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList></member></Policies>"
        + "</GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>req</RequestId></ResponseMetadata></GetAccountAuthorizationDetailsResponse>";

    [Fact]
    public async Task Canned_SendsTheFiltersAndPageSize_FollowsMarker_AndDecodesDocuments()
    {
        using var server = new CannedAwsServer(r => (200, "text/xml", Page(r.Form("Marker") is null ? 1 : 2, r.Form("Marker") is null)));
        using var aws = AwsConnection.Create(new AwsConnectionSettings { Region = "us-east-1", AccessKey = "AKIAIOSFODNN7EXAMPLE", SecretKey = "secret", EndpointUrl = server.Endpoint.AbsoluteUri });

        var first = await aws.Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { Filter = ["Role", "LocalManagedPolicy"], MaxItems = 1000 });
        var second = await aws.Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { Filter = ["Role"], Marker = first.Marker });

        var sent = server.Received[0];
        Assert.Equal("GetAccountAuthorizationDetails", sent.Form("Action"));
        Assert.Equal("Role", sent.Form("Filter.member.1"));
        Assert.Equal("LocalManagedPolicy", sent.Form("Filter.member.2"));
        Assert.Equal("1000", sent.Form("MaxItems"));
        Assert.Equal("page-2", server.Received[1].Form("Marker"));
        Assert.True(first.IsTruncated);
        Assert.False(second.IsTruncated);
        var role = Assert.Single(first.RoleDetailList);
        Assert.Equal("role-1", role.RoleName);
        Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[]}", role.AssumeRolePolicyDocument);
        Assert.Equal("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", Assert.Single(role.RolePolicyList).PolicyDocument);
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", Assert.Single(role.AttachedManagedPolicies).PolicyArn);
        Assert.Equal("arn:aws:iam::123456789012:policy/boundary", role.PermissionsBoundary!.PermissionsBoundaryArn);
        Assert.Equal("{\"v\":2}", Assert.Single(first.Policies).DefaultDocument);
        Assert.Equal("role-2", Assert.Single(second.RoleDetailList).RoleName);
    }

    [Fact]
    public async Task UnknownFilter_IsBadInput_AndSendsNothing()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);

        var error = await Assert.ThrowsAsync<IrsaValidationException>(() => aws.Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { Filter = ["Roles"] }));

        Assert.Equal(ErrorIds.AwsInvalidParameter, error.ErrorId);
        Assert.Equal(0, counter.TotalCalls);
    }

    [Fact]
    public async Task Moto_ReturnsRolesWithPoliciesAndBoundary_AndCustomerManagedPolicies()
    {
        using var aws = _moto.Connect();
        var name = Names.Unique("gaad");
        var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust, PermissionsBoundary = "arn:aws:iam::aws:policy/PowerUserAccess" });
        await aws.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess" });
        await aws.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = name, PolicyName = "inline", PolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" });

        var page = await aws.Iam.GetAccountAuthorizationDetailsAsync(new GetAccountAuthorizationDetailsRequest { Filter = ["Role", "LocalManagedPolicy"], MaxItems = 1000 });

        var role = Assert.Single(page.RoleDetailList, r => r.RoleName == name);
        Assert.Equal(trust, role.AssumeRolePolicyDocument);
        Assert.Equal("arn:aws:iam::aws:policy/PowerUserAccess", role.PermissionsBoundary!.PermissionsBoundaryArn);
        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"], role.AttachedManagedPolicies.Select(p => p.PolicyArn));
        Assert.Contains("s3:GetObject", Assert.Single(role.RolePolicyList).PolicyDocument, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Policies, p => p.Arn.Contains(":aws:policy/", StringComparison.Ordinal));
    }
}
