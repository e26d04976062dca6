using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Ec2.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// EC2 DescribeInstances through the real HTTP stack (SigV4 for <c>ec2</c>, EC2's Query dialect) against moto, which
/// emulates RunInstances with MetadataOptions and instance profiles; errors and the exact wire form with canned answers.
/// </summary>
public sealed class Ec2WireTests : IClassFixture<MotoFixture>
{
    private const string DeniedXml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>UnauthorizedOperation</Code>"
        + "<Message>You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ec2:DescribeInstances</Message>"
        + "</Error></Errors><RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>";

    private readonly MotoFixture _moto;

    public Ec2WireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task DescribeInstances_ReturnsMetadataOptions_InstanceProfile_AndPlacement()
    {
        var profile = await MotoEc2Seed.CreateInstanceProfileAsync(_moto.Endpoint, Names.Unique("node"));
        var ids = await MotoEc2Seed.RunInstancesAsync(
            _moto.Endpoint,
            new SeedInstance(),
            new SeedInstance(HttpTokens: "required", HopLimit: 2, InstanceProfileArn: profile, AvailabilityZone: "us-east-1b"),
            new SeedInstance(HttpTokens: "required", HopLimit: 1, HttpEndpoint: "disabled"));
        using var aws = _moto.Connect();

        var response = await aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [.. ids] });

        var instances = response.Reservations.SelectMany(r => r.Instances).ToDictionary(i => i.InstanceId);
        Assert.Equal(3, instances.Count);
        Assert.All(response.Reservations, r => Assert.Equal("123456789012", r.OwnerId));
        Assert.Null(response.NextToken);
        Assert.False(string.IsNullOrEmpty(response.RequestId));

        var defaults = instances[ids[0]];
        Assert.Equal("optional", defaults.MetadataOptions!.HttpTokens);          // EC2's default for RunInstances without options
        Assert.Equal(1, defaults.MetadataOptions.HttpPutResponseHopLimit);
        Assert.Equal("enabled", defaults.MetadataOptions.HttpEndpoint);
        Assert.Equal("applied", defaults.MetadataOptions.State);
        Assert.Null(defaults.IamInstanceProfile);
        Assert.Equal("running", defaults.State!.Name);
        Assert.Equal(16, defaults.State.Code);
        Assert.Equal("us-east-1a", defaults.Placement!.AvailabilityZone);
        Assert.Equal("m5.large", defaults.InstanceType);
        Assert.EndsWith(".ec2.internal", defaults.PrivateDnsName, StringComparison.Ordinal);

        var hop2 = instances[ids[1]];
        Assert.Equal("required", hop2.MetadataOptions!.HttpTokens);
        Assert.Equal(2, hop2.MetadataOptions.HttpPutResponseHopLimit);
        Assert.Equal(profile, hop2.IamInstanceProfile!.Arn);
        Assert.Equal("us-east-1b", hop2.Placement!.AvailabilityZone);

        Assert.Equal("disabled", instances[ids[2]].MetadataOptions!.HttpEndpoint);
    }

    [Fact]
    public async Task FindInstances_SkipsUnknownIds_InCeilOfDistinctIdsOver200Calls()
    {
        var real = await MotoEc2Seed.RunInstancesAsync(_moto.Endpoint, new SeedInstance(), new SeedInstance(HttpTokens: "required"), new SeedInstance());
        var unknown = Enumerable.Range(0, 400).Select(MotoEc2Seed.UnknownInstanceId).ToList();
        var asked = unknown.Take(150).Concat([real[2]]).Concat(unknown.Skip(150)).Concat([real[0], real[1], real[0]]).ToList();   // 403 distinct
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);

        var found = await aws.Ec2.FindInstancesAsync(asked);

        Assert.Equal([real[2], real[0], real[1]], found.Select(i => i.InstanceId));   // in the order asked, each once
        Assert.Equal("required", found[2].MetadataOptions!.HttpTokens);
        Assert.Equal(3, counter.Calls("EC2", "DescribeInstances"));                    // ceil(403 / 200)
        Assert.Equal(3, counter.Attempts("EC2", "DescribeInstances"));
    }

    [Fact]
    public async Task DescribeInstances_PagesWithNextToken_AndFindInstancesFollowsIt()
    {
        var ids = await MotoEc2Seed.RunInstancesAsync(_moto.Endpoint, Enumerable.Range(0, 7).Select(_ => new SeedInstance()).ToArray());
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);
        var byId = new Filter("instance-id", [.. ids]);

        var first = await aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [byId], MaxResults = 5 });
        var second = await aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [byId], MaxResults = 5, NextToken = first.NextToken });
        counter.Reset();
        var all = await aws.Ec2.FindInstancesAsync(ids, pageSize: 5);

        // moto pages by reservation (one per instance here); EC2 pages by instance: the same for these.
        Assert.Equal(5, first.Reservations.Count);
        Assert.NotNull(first.NextToken);
        Assert.Equal(2, second.Reservations.Count);
        Assert.Null(second.NextToken);
        Assert.Equal(ids, all.Select(i => i.InstanceId));
        Assert.Equal(2, counter.Calls("EC2", "DescribeInstances"));
    }

    [Fact]
    public async Task DescribeInstances_OfAnIdThatDoesNotExist_FailsWithNotFound()
    {
        using var aws = _moto.Connect();
        var id = MotoEc2Seed.UnknownInstanceId(1);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] }));

        Assert.Equal(ErrorIds.AwsResourceNotFound, error.ErrorId);
        Assert.Equal(IrsaErrorKind.NotFound, error.Kind);
        Assert.Equal("InvalidInstanceID.NotFound", error.AwsErrorCode);
        Assert.Equal(400, error.HttpStatusCode);
        Assert.Equal("EC2", error.Service);
        Assert.Equal("DescribeInstances", error.Operation);
        Assert.Equal(id, error.Target);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, object> BadRequests => new()
    {
        { "malformed id", new DescribeInstancesRequest { InstanceIds = ["i-XYZ"] } },
        { "upper-case hex", new DescribeInstancesRequest { InstanceIds = ["i-0123456789ABCDEF0"] } },
        { "ids with MaxResults", new DescribeInstancesRequest { InstanceIds = ["i-0123456789abcdef0"], MaxResults = 5 } },
        { "MaxResults below 5", new DescribeInstancesRequest { MaxResults = 4 } },
        { "MaxResults above 1000", new DescribeInstancesRequest { MaxResults = 1001 } },
        { "201 filter values", new DescribeInstancesRequest { Filters = [new Filter("instance-id", Enumerable.Range(0, 201).Select(MotoEc2Seed.UnknownInstanceId).ToList())] } },
        { "filter without values", new DescribeInstancesRequest { Filters = [new Filter("instance-id", [])] } },
        { "1001 ids", new DescribeInstancesRequest { InstanceIds = Enumerable.Range(0, 1001).Select(MotoEc2Seed.UnknownInstanceId).ToList() } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_IsRejected_BeforeAnythingIsSent(string what, object request)
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);

        var error = await Assert.ThrowsAsync<IrsaValidationException>(() => aws.Ec2.DescribeInstancesAsync((DescribeInstancesRequest)request));

        Assert.True(error.ErrorId == ErrorIds.AwsInvalidParameter, what);
        Assert.Equal(0, counter.TotalCalls);
    }

    [Fact]
    public async Task FindInstances_WithAMalformedIdOrPageSize_SendsNothing()
    {
        var counter = new AwsCallCounter();
        using var aws = _moto.Connect(counter);

        await Assert.ThrowsAsync<IrsaValidationException>(() => aws.Ec2.FindInstancesAsync(["i-0123456789abcdef0", "node-1"]));
        await Assert.ThrowsAsync<IrsaValidationException>(() => aws.Ec2.FindInstancesAsync(["i-0123456789abcdef0"], pageSize: 2));
        var none = await aws.Ec2.FindInstancesAsync([]);

        Assert.Empty(none);
        Assert.Equal(0, counter.TotalCalls);
    }

    [Fact]
    public async Task Canned_SendsEc2sQueryDialect_SignedForEc2InTheRegion()
    {
        const string Empty = "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId><reservationSet/></DescribeInstancesResponse>";
        using var server = new CannedAwsServer(_ => (200, "text/xml;charset=UTF-8", Empty));
        using var aws = Connect(server, "eu-west-1");

        var found = await aws.Ec2.FindInstancesAsync(["i-0123456789abcdef0", "i-01234567"]);
        var response = await aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-0123456789abcdef0", "i-0123456789abcdef1"] });

        Assert.Empty(found);
        Assert.Equal("req-1", response.RequestId);
        var find = server.Received[0];
        Assert.Equal("POST", find.Method);
        Assert.Equal("DescribeInstances", find.Form("Action"));
        Assert.Equal("2016-11-15", find.Form("Version"));
        Assert.Equal("instance-id", find.Form("Filter.1.Name"));
        Assert.Equal("i-0123456789abcdef0", find.Form("Filter.1.Value.1"));
        Assert.Equal("i-01234567", find.Form("Filter.1.Value.2"));
        Assert.Equal("1000", find.Form("MaxResults"));
        Assert.Contains("/eu-west-1/ec2/aws4_request", find.Authorization, StringComparison.Ordinal);
        var byId = server.Received[1];
        Assert.Equal("i-0123456789abcdef0", byId.Form("InstanceId.1"));
        Assert.Equal("i-0123456789abcdef1", byId.Form("InstanceId.2"));
        Assert.Null(byId.Form("MaxResults"));
    }

    [Fact]
    public async Task Canned_UnauthorizedOperation_IsPermissionDenied_NotRetried_WithEc2sRequestId()
    {
        using var server = new CannedAwsServer(_ => (403, "text/xml;charset=UTF-8", DeniedXml));
        var counter = new AwsCallCounter();
        using var aws = Connect(server, observer: counter);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ec2.FindInstancesAsync(["i-0123456789abcdef0"]));

        Assert.Equal(ErrorIds.AwsAccessDenied, error.ErrorId);
        Assert.Equal(IrsaErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("UnauthorizedOperation", error.AwsErrorCode);
        Assert.Equal(403, error.HttpStatusCode);
        Assert.Equal("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", error.RequestId);
        Assert.StartsWith("EC2 DescribeInstances failed: UnauthorizedOperation (HTTP 403): You are not authorized", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, counter.Attempts("EC2", "DescribeInstances"));
    }

    [Fact]
    public async Task Canned_RequestLimitExceeded_IsRetriedAsThrottling()
    {
        const string Throttled = "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-1</RequestID></Response>";
        const string Empty = "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-2</requestId><reservationSet/></DescribeInstancesResponse>";
        var answers = new Queue<(int, string, string)>([(503, "text/xml", Throttled), (200, "text/xml", Empty)]);
        using var server = new CannedAwsServer(_ => answers.Count > 1 ? answers.Dequeue() : answers.Peek());
        var counter = new AwsCallCounter();
        using var aws = Connect(server, observer: counter);

        var response = await aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = 5 });

        Assert.Equal("req-2", response.RequestId);
        Assert.Equal(1, counter.Calls("EC2", "DescribeInstances"));
        Assert.Equal(2, counter.Attempts("EC2", "DescribeInstances"));
        Assert.Equal("RequestLimitExceeded", counter.AttemptLog()[0].ErrorCode);
    }

    private static AwsConnection Connect(CannedAwsServer server, string region = MotoFixture.Region, IAwsCallObserver? observer = null) =>
        AwsConnection.Create(new AwsConnectionSettings
        {
            Region = region,
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "secret-key-never-shown",
            EndpointUrl = server.Endpoint.AbsoluteUri,
            Observer = observer,
        });
}
