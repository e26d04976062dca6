using System;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// The <see cref="ClientConfig"/> of IrsaPS's own service clients (IAM, EKS, EC2). Standard retry mode in every
/// defaults mode; the endpoint comes from <see cref="ServiceEndpoints"/> for <see cref="Region"/>, or from
/// <see cref="ClientConfig.ServiceURL"/> when one is set (explicitly, or by the SDK from <c>AWS_ENDPOINT_URL[_SERVICE]</c>
/// or a profile's <c>endpoint_url</c>, which the SDK looks up by <see cref="ClientConfig.ServiceId"/>).
/// </summary>
internal sealed class AwsServiceConfig : ClientConfig
{
    private static readonly DefaultConfigurationProvider StandardEverywhere = new(BuildDefaults());

    public AwsServiceConfig(ServiceDescription service, string region, IAwsCallObserver observer)
        : base(StandardEverywhere)
    {
        Service = service;
        Region = region;
        Observer = observer;
        Metadata = new ServiceMetadata(service.ServiceId);
        ServiceId = service.ServiceId;
        AuthenticationServiceName = service.SigningName;
        EndpointProvider = new ServiceEndpointProvider(service);

        // Region first: setting RegionEndpoint clears ServiceURL (and the other way round).
        RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
    }

    /// <summary>Which service this configures.</summary>
    public ServiceDescription Service { get; }

    /// <summary>The region requests are for; kept even when a ServiceURL clears <see cref="ClientConfig.RegionEndpoint"/>.</summary>
    public string Region { get; }

    /// <summary>Who hears about every call and attempt; the service client reads it while building its pipeline.</summary>
    public IAwsCallObserver Observer { get; }

    public ServiceMetadata Metadata { get; }

    public override string RegionEndpointServiceName => Service.SigningName;

    public override string ServiceVersion => Service.ApiVersion;

    public override string UserAgent => "IrsaPS";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        if (parameters is null)
        {
            throw new ArgumentNullException(nameof(parameters));
        }

        var requestContext = new RequestContext(false)
        {
            ClientConfig = this,
            OriginalRequest = parameters.Request,
            Request = new DefaultRequest(parameters.Request, ServiceId) { AlternateEndpoint = parameters.AlternateEndpoint },
        };
        return new ServiceEndpointResolver().GetEndpoint(new Amazon.Runtime.Internal.ExecutionContext(requestContext, null));
    }

    private static DefaultConfiguration[] BuildDefaults()
    {
        var modes = (DefaultConfigurationMode[])Enum.GetValues(typeof(DefaultConfigurationMode));
        var result = new DefaultConfiguration[modes.Length];
        for (var i = 0; i < modes.Length; i++)
        {
            result[i] = new DefaultConfiguration
            {
                Name = modes[i],
                RetryMode = RequestRetryMode.Standard,
                ConnectTimeout = TimeSpan.FromMilliseconds(3100),
                TlsNegotiationTimeout = TimeSpan.FromMilliseconds(3100),
            };
        }

        return result;
    }
}
