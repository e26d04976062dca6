using System.IO;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Reads the whole answer body the SDK hands an unmarshaller.</summary>
internal static class ResponseBody
{
    public static byte[] ReadAll(Stream? stream)
    {
        if (stream is null)
        {
            return [];
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
