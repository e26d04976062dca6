using System.Collections.Generic;
using Amazon.Runtime;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>One AWS Query protocol call (IAM, EC2): the action and its parameters, ready for <see cref="QueryMarshaller"/>.</summary>
internal sealed class QueryRequest : AmazonWebServiceRequest, IServiceOperation
{
    public QueryRequest(ServiceDescription service, string operation)
    {
        Service = service.ServiceId;
        Operation = operation;
        ApiVersion = service.ApiVersion;
        Writer = new QueryWriter(Parameters);
    }

    public string Service { get; }

    public string Operation { get; }

    public string ApiVersion { get; }

    public Dictionary<string, string> Parameters { get; } = new(System.StringComparer.Ordinal);

    public QueryWriter Writer { get; }
}
