using System.Collections.Generic;
using Amazon.Runtime.Internal;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>The SDK's per-service metadata: the service id, and no renamed operations.</summary>
internal sealed class ServiceMetadata : IServiceMetadata
{
    private static readonly IDictionary<string, string> NoRenames = new Dictionary<string, string>(0);

    public ServiceMetadata(string serviceId) => ServiceId = serviceId;

    public string ServiceId { get; }

    public IDictionary<string, string> OperationNameMapping => NoRenames;
}
