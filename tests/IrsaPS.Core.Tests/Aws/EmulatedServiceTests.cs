using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Emulators.Aws;
using IrsaPS.Emulators.Faults;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>The emulator layer in front of moto: hosted services answer their own operations, observe moto's answers, and see the signer's scope.</summary>
public sealed class EmulatedServiceTests : IClassFixture<MotoFixture>
{
    private readonly MotoFixture _moto;

    public EmulatedServiceTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task AServiceAnswersItsOperation_MotoAnswersTheRest_AndTheServiceObservesMoto()
    {
        var service = new RecordingService();
        await using var proxy = await FaultProxy.StartAsync(_moto.Endpoint, FaultPlan.None, [service], port: 0);
        using var aws = _moto.Connect(endpoint: proxy.Endpoint, maxErrorRetry: 0);
        var role = Names.Unique("front");

        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = TestPolicies.Trust });
        var refused = await Assert.ThrowsAsync<IrsaPS.Core.Aws.AwsServiceException>(() => aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = role }));

        Assert.Equal("NoSuchEntity", refused.AwsErrorCode); // answered by the service, not moto (where the role exists)
        Assert.Equal(1, proxy.Forwarded("GetRole"));
        var observed = Assert.Single(service.Observed);
        Assert.Equal(("CreateRole", 200), observed);
        Assert.Equal("iam", service.LastService);
        Assert.Equal(MotoFixture.Region, service.LastRegion);
        Assert.False(string.IsNullOrEmpty(service.LastAccessKey));
    }

    private sealed class RecordingService : IAwsEmulatedService
    {
        public List<(string Action, int Status)> Observed { get; } = [];

        public string? LastService { get; private set; }

        public string? LastRegion { get; private set; }

        public string? LastAccessKey { get; private set; }

        public Task<AwsEmulatedResponse?> TryHandleAsync(AwsEmulatedRequest request, CancellationToken cancellationToken)
        {
            LastService = request.Service;
            LastRegion = request.Region;
            LastAccessKey = request.AccessKeyId;
            if (request.Kind.Action != "GetRole")
            {
                return Task.FromResult<AwsEmulatedResponse?>(null);
            }

            var body = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>emulated</Message></Error><RequestId>1</RequestId></ErrorResponse>";
            return Task.FromResult<AwsEmulatedResponse?>(new AwsEmulatedResponse(404, "text/xml", System.Text.Encoding.UTF8.GetBytes(body), new Dictionary<string, string>()));
        }

        public void Observe(AwsEmulatedRequest request, int statusCode, byte[] responseBody) => Observed.Add((request.Kind.Action, statusCode));
    }
}
