using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>
/// AddClientIDToOpenIDConnectProvider and RemoveClientIDFromOpenIDConnectProvider are not implemented by moto 5.2.1
/// (it answers HTTP 500), so their wire form is checked against a canned IAM answer: the signed Query request and
/// the parameters IAM documents.
/// </summary>
public sealed class IamUnimplementedInMotoWireTests
{
    private const string ProviderArn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

    [Theory]
    [InlineData("AddClientIDToOpenIDConnectProvider")]
    [InlineData("RemoveClientIDFromOpenIDConnectProvider")]
    public async Task ClientIdCalls_SendSignedQueryWithDocumentedParameters(string action)
    {
        using var server = new CannedAwsServer(r => (200, "text/xml",
            $"<{r.Form("Action")}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{r.Form("Action")}Response>"));
        var counter = new AwsCallCounter();
        using var aws = AwsConnection.Create(new AwsConnectionSettings
        {
            Region = "eu-west-1",
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "secret",
            EndpointUrl = server.Endpoint.AbsoluteUri,
            Observer = counter,
        });

        IamResponse response = action == "AddClientIDToOpenIDConnectProvider"
            ? await aws.Iam.AddClientIDToOpenIDConnectProviderAsync(new AddClientIDToOpenIDConnectProviderRequest { OpenIDConnectProviderArn = ProviderArn, ClientID = "sts.amazonaws.com" })
            : await aws.Iam.RemoveClientIDFromOpenIDConnectProviderAsync(new RemoveClientIDFromOpenIDConnectProviderRequest { OpenIDConnectProviderArn = ProviderArn, ClientID = "sts.amazonaws.com" });

        var sent = Assert.Single(server.Received);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(action, sent.Form("Action"));
        Assert.Equal("2010-05-08", sent.Form("Version"));
        Assert.Equal(ProviderArn, sent.Form("OpenIDConnectProviderArn"));
        Assert.Equal("sts.amazonaws.com", sent.Form("ClientID"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/", sent.Authorization, System.StringComparison.Ordinal);
        Assert.Contains("/us-east-1/iam/aws4_request", sent.Authorization, System.StringComparison.Ordinal);
        Assert.Equal("req-1", response.RequestId);
        Assert.Equal(1, counter.Calls("IAM", action));
    }
}
