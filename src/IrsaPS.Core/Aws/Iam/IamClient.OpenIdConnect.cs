using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws.Iam.Internal;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Iam;

/// <summary>IAM OpenID Connect identity providers: one per cluster issuer.</summary>
internal sealed partial class IamClient
{
    public Task<CreateOpenIDConnectProviderResponse> CreateOpenIDConnectProviderAsync(CreateOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var issuer = OidcIssuer.Parse(request.Url);
        var call = Query("CreateOpenIDConnectProvider");
        call.Writer
            .Add("Url", issuer.Url)
            .AddList("ClientIDList", IamInputs.ClientIds(request.ClientIDList))
            .AddList("ThumbprintList", IamInputs.Thumbprints(request.ThumbprintList, allowEmpty: true))
            .AddTags("Tags", IamInputs.Tags(request.Tags));
        return RunAsync(
            call,
            issuer.Url,
            r => new CreateOpenIDConnectProviderResponse { OpenIDConnectProviderArn = r.Text("OpenIDConnectProviderArn") ?? string.Empty, Tags = IamXmlReader.Tags(r, "Tags") },
            cancellationToken);
    }

    public Task<GetOpenIDConnectProviderResponse> GetOpenIDConnectProviderAsync(GetOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = ProviderCall("GetOpenIDConnectProvider", request.OpenIDConnectProviderArn);
        return RunAsync(
            call,
            request.OpenIDConnectProviderArn,
            r => new GetOpenIDConnectProviderResponse
            {
                Url = r.Text("Url") ?? string.Empty,
                ClientIDList = r.Strings("ClientIDList"),
                ThumbprintList = r.Strings("ThumbprintList"),
                CreateDate = r.Date("CreateDate"),
                Tags = IamXmlReader.Tags(r, "Tags"),
            },
            cancellationToken);
    }

    public Task<ListOpenIDConnectProvidersResponse> ListOpenIDConnectProvidersAsync(ListOpenIDConnectProvidersRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        return RunAsync(
            Query("ListOpenIDConnectProviders"),
            null,
            r => new ListOpenIDConnectProvidersResponse { OpenIDConnectProviderList = IamXmlReader.Providers(r) },
            cancellationToken);
    }

    public Task<DeleteOpenIDConnectProviderResponse> DeleteOpenIDConnectProviderAsync(DeleteOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = ProviderCall("DeleteOpenIDConnectProvider", request.OpenIDConnectProviderArn);
        return RunAsync(call, request.OpenIDConnectProviderArn, _ => new DeleteOpenIDConnectProviderResponse(), cancellationToken);
    }

    public Task<TagOpenIDConnectProviderResponse> TagOpenIDConnectProviderAsync(TagOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = ProviderCall("TagOpenIDConnectProvider", request.OpenIDConnectProviderArn);
        call.Writer.AddTags("Tags", IamInputs.Tags(request.Tags));
        return RunAsync(call, request.OpenIDConnectProviderArn, _ => new TagOpenIDConnectProviderResponse(), cancellationToken);
    }

    public Task<UntagOpenIDConnectProviderResponse> UntagOpenIDConnectProviderAsync(UntagOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = ProviderCall("UntagOpenIDConnectProvider", request.OpenIDConnectProviderArn);
        call.Writer.AddList("TagKeys", IamInputs.TagKeys(request.TagKeys));
        return RunAsync(call, request.OpenIDConnectProviderArn, _ => new UntagOpenIDConnectProviderResponse(), cancellationToken);
    }

    public Task<UpdateOpenIDConnectProviderThumbprintResponse> UpdateOpenIDConnectProviderThumbprintAsync(
        UpdateOpenIDConnectProviderThumbprintRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = ProviderCall("UpdateOpenIDConnectProviderThumbprint", request.OpenIDConnectProviderArn);
        call.Writer.AddList("ThumbprintList", IamInputs.Thumbprints(request.ThumbprintList, allowEmpty: false));
        return RunAsync(call, request.OpenIDConnectProviderArn, _ => new UpdateOpenIDConnectProviderThumbprintResponse(), cancellationToken);
    }

    public Task<AddClientIDToOpenIDConnectProviderResponse> AddClientIDToOpenIDConnectProviderAsync(
        AddClientIDToOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = ProviderCall("AddClientIDToOpenIDConnectProvider", request.OpenIDConnectProviderArn);
        call.Writer.Add("ClientID", IamInputs.ClientId(request.ClientID));
        return RunAsync(call, request.OpenIDConnectProviderArn, _ => new AddClientIDToOpenIDConnectProviderResponse(), cancellationToken);
    }

    public Task<RemoveClientIDFromOpenIDConnectProviderResponse> RemoveClientIDFromOpenIDConnectProviderAsync(
        RemoveClientIDFromOpenIDConnectProviderRequest request, CancellationToken cancellationToken = default)
    {
        IamInputs.NotNull(request);
        var call = ProviderCall("RemoveClientIDFromOpenIDConnectProvider", request.OpenIDConnectProviderArn);
        call.Writer.Add("ClientID", IamInputs.ClientId(request.ClientID));
        return RunAsync(call, request.OpenIDConnectProviderArn, _ => new RemoveClientIDFromOpenIDConnectProviderResponse(), cancellationToken);
    }

    /// <summary>A call about one provider, its ARN checked first.</summary>
    private static QueryRequest ProviderCall(string action, string providerArn)
    {
        var call = Query(action);
        call.Writer.Add("OpenIDConnectProviderArn", Arn.ParseOidcProvider(providerArn).ToString());
        return call;
    }
}
