using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Sts;

/// <summary>AWSSDK.SecurityToken's client with IrsaPS's retry policy and attempt observer in its pipeline.</summary>
internal sealed class ObservedStsClient : AmazonSecurityTokenServiceClient
{
    public ObservedStsClient(AWSCredentials credentials, ObservedStsConfig config)
        : base(credentials, config)
    {
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new IrsaRetryPolicy(Config)));
        pipeline.AddHandlerAfter<RetryHandler>(new AttemptObserverHandler("STS", ((ObservedStsConfig)Config).Observer));
    }
}

/// <summary>The STS client's configuration, carrying the observer into the pipeline it builds in its constructor.</summary>
internal sealed class ObservedStsConfig : AmazonSecurityTokenServiceConfig
{
    public ObservedStsConfig(IAwsCallObserver observer) => Observer = observer;

    public IAwsCallObserver Observer { get; }
}
