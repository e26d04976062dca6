using System.Collections.Generic;
using Amazon.Runtime;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>One REST-JSON call (EKS): method, path template with its values, query string and optional JSON body.</summary>
internal sealed class RestJsonRequest : AmazonWebServiceRequest, IServiceOperation
{
    public RestJsonRequest(ServiceDescription service, string operation, string method, string resourcePath)
    {
        Service = service.ServiceId;
        Operation = operation;
        Method = method;
        ResourcePath = resourcePath;
    }

    public string Service { get; }

    public string Operation { get; }

    public string Method { get; }

    /// <summary>The path template, e.g. <c>/clusters/{name}</c>.</summary>
    public string ResourcePath { get; }

    /// <summary>Values for the template's <c>{placeholders}</c>; the SDK escapes them.</summary>
    public Dictionary<string, string> PathValues { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, string> Query { get; } = new(System.StringComparer.Ordinal);

    /// <summary>A JSON body, or null for none.</summary>
    public byte[]? Body { get; set; }
}
