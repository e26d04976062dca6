using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// The SDK client under IrsaPS's IAM, EKS and EC2 clients: AWSSDK.Core's pipeline (credentials, SigV4, standard
/// retries with backoff, clock-skew correction, configured endpoints) with IrsaPS's endpoint resolution, SigV4 auth
/// scheme, IrsaPS's retry policy (<see cref="IrsaRetryPolicy"/>), attempt observer, and the Query / REST-JSON / JSON protocol carriers. Thread-safe, like every SDK client.
/// </summary>
internal sealed class ServiceClient : AmazonServiceClient
{
    private static readonly InvokeOptions QueryOptions = new()
    {
        RequestMarshaller = QueryMarshaller.Instance,
        ResponseUnmarshaller = QueryUnmarshaller.Instance,
    };

    private static readonly InvokeOptions Ec2QueryOptions = new()
    {
        RequestMarshaller = QueryMarshaller.Instance,
        ResponseUnmarshaller = QueryUnmarshaller.Ec2,
    };

    private static readonly InvokeOptions RestJsonOptions = new()
    {
        RequestMarshaller = RestJsonMarshaller.Instance,
        ResponseUnmarshaller = RestJsonUnmarshaller.Instance,
    };

    private static readonly InvokeOptions JsonRpcOptions = new()
    {
        RequestMarshaller = JsonRpcMarshaller.Instance,
        ResponseUnmarshaller = RestJsonUnmarshaller.Instance,
    };

    public ServiceClient(AWSCredentials credentials, AwsServiceConfig config)
        : base(credentials, config)
    {
    }

    private AwsServiceConfig ServiceConfig => (AwsServiceConfig)Config;

    protected override IServiceMetadata ServiceMetadata => ServiceConfig.Metadata;

    public Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken) =>
        InvokeAsync<QueryResponse>(request, QueryOptions, cancellationToken);

    /// <summary>A call in EC2's Query dialect: the answer's root element is the result.</summary>
    public Task<QueryResponse> Ec2QueryAsync(QueryRequest request, CancellationToken cancellationToken) =>
        InvokeAsync<QueryResponse>(request, Ec2QueryOptions, cancellationToken);

    public Task<RestJsonResponse> RestJsonAsync(RestJsonRequest request, CancellationToken cancellationToken) =>
        InvokeAsync<RestJsonResponse>(request, RestJsonOptions, cancellationToken);

    /// <summary>A call of a JSON protocol service (CloudTrail): the raw answer body, or the error from <c>__type</c> / <c>x-amzn-ErrorType</c>.</summary>
    public Task<RestJsonResponse> JsonRpcAsync(JsonRpcRequest request, CancellationToken cancellationToken) =>
        InvokeAsync<RestJsonResponse>(request, JsonRpcOptions, cancellationToken);

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        var config = ServiceConfig;
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new ServiceEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthSchemeHandler());
        pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new IrsaRetryPolicy(config)));
        pipeline.AddHandlerAfter<RetryHandler>(new AttemptObserverHandler(config.Service.ServiceId, config.Observer));
    }
}
