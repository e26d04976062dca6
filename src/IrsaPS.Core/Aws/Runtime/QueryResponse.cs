using System.Xml.Linq;
using Amazon.Runtime;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>A successful Query protocol answer: the <c>&lt;XxxResult&gt;</c> element (null for actions that return nothing).</summary>
internal sealed class QueryResponse : AmazonWebServiceResponse
{
    public XElement? Result { get; set; }
}
