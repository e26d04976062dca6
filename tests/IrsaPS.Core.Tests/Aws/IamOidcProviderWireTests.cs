using System.Linq;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Tests.Infrastructure;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>IAM OIDC identity providers against moto (Add/RemoveClientID, which moto lacks: IamUnimplementedInMotoWireTests).</summary>
public sealed class IamOidcProviderWireTests : IClassFixture<MotoFixture>
{
    private const string ThumbprintA = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private const string ThumbprintB = "06b25927c42a721631c1efd9431e648fa62e1e39";

    private readonly MotoFixture _moto;

    public IamOidcProviderWireTests(MotoFixture moto) => _moto = moto;

    [Fact]
    public async Task Provider_FullLifecycle()
    {
        using var aws = _moto.Connect();
        var issuer = $"https://oidc.eks.us-east-1.amazonaws.com/id/{Names.Unique("ID").ToUpperInvariant()}";

        var created = await aws.Iam.CreateOpenIDConnectProviderAsync(new CreateOpenIDConnectProviderRequest
        {
            Url = issuer,
            ClientIDList = ["sts.amazonaws.com"],
            ThumbprintList = [ThumbprintA],
            Tags = [new Tag("cluster", "prod")],
        });
        var arn = created.OpenIDConnectProviderArn;
        Assert.Equal($"arn:aws:iam::123456789012:oidc-provider/{issuer.Substring("https://".Length)}", arn);

        var listed = await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());
        Assert.Contains(listed.OpenIDConnectProviderList, p => p.Arn == arn);

        await aws.Iam.UpdateOpenIDConnectProviderThumbprintAsync(new UpdateOpenIDConnectProviderThumbprintRequest { OpenIDConnectProviderArn = arn, ThumbprintList = [ThumbprintB] });
        await aws.Iam.TagOpenIDConnectProviderAsync(new TagOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn, Tags = [new Tag("owner", "platform")] });
        var provider = await aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn });

        Assert.Equal(issuer.Substring("https://".Length), provider.Url);
        Assert.Equal(["sts.amazonaws.com"], provider.ClientIDList);
        Assert.Equal([ThumbprintB], provider.ThumbprintList);
        Assert.NotNull(provider.CreateDate);
        Assert.Equal(["cluster=prod", "owner=platform"], provider.Tags.Select(t => t.ToString()).OrderBy(t => t, System.StringComparer.Ordinal));

        await aws.Iam.UntagOpenIDConnectProviderAsync(new UntagOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn, TagKeys = ["owner"] });
        var trimmed = await aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn });
        Assert.Equal(["cluster=prod"], trimmed.Tags.Select(t => t.ToString()));

        await aws.Iam.DeleteOpenIDConnectProviderAsync(new DeleteOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn });
        var gone = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn }));
        Assert.Equal(IrsaErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task CreateProvider_WithoutThumbprints_Succeeds_AndTwice_FailsWithAlreadyExists()
    {
        using var aws = _moto.Connect();
        var request = new CreateOpenIDConnectProviderRequest
        {
            Url = $"https://oidc.eks.us-east-1.amazonaws.com/id/{Names.Unique("TWICE").ToUpperInvariant()}",
            ClientIDList = ["sts.amazonaws.com"],
        };

        var created = await aws.Iam.CreateOpenIDConnectProviderAsync(request);
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Iam.CreateOpenIDConnectProviderAsync(request));

        Assert.StartsWith("arn:aws:iam::123456789012:oidc-provider/", created.OpenIDConnectProviderArn, System.StringComparison.Ordinal);
        Assert.Equal(ErrorIds.AwsResourceAlreadyExists, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.AlreadyExists, ex.Kind);
    }
}
