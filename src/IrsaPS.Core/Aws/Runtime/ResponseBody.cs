using System.IO;
using Amazon.Runtime.Internal.Transform;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Reads the whole answer body the SDK hands an unmarshaller.</summary>
internal static class ResponseBody
{
    public static byte[] ReadAll(UnmarshallerContext context, Stream? stream)
    {
        if (stream is not null)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.Length > 0)
            {
                return copy.ToArray();
            }
        }

        return context.GetResponseBodyBytes() ?? [];
    }
}
