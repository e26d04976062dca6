using System.Globalization;
using System.Text;

namespace IrsaPS.Emulators.Faults;

/// <summary>The error answers the proxy sends, shaped like the real services' (so the SDK classifies them as AWS would).</summary>
internal static class FaultResponses
{
    public static (int Status, string ContentType, string? ErrorTypeHeader, byte[] Body) For(FaultKind kind, bool queryProtocol, int sequence)
    {
        var (status, queryCode, jsonCode, message) = kind switch
        {
            FaultKind.Throttle => (queryProtocol ? 400 : 429, "Throttling", "ThrottlingException", "Rate exceeded"),
            FaultKind.ServerError => (500, "ServiceFailure", "ServerException", "Injected internal failure"),
            FaultKind.NotYetVisible => (404, "NoSuchEntity", "ResourceNotFoundException", "The entity cannot be found (injected eventual consistency)"),
            _ => (503, "ServiceUnavailable", "ServiceUnavailableException", "Injected service unavailability"),
        };
        var requestId = "fault-" + sequence.ToString(CultureInfo.InvariantCulture);
        if (queryProtocol)
        {
            var type = status >= 500 ? "Receiver" : "Sender";
            var xml = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                + $"<Type>{type}</Type><Code>{queryCode}</Code><Message>{message}</Message></Error>"
                + $"<RequestId>{requestId}</RequestId></ErrorResponse>";
            return (status, "text/xml", null, Encoding.UTF8.GetBytes(xml));
        }

        return (status, "application/json", jsonCode, Encoding.UTF8.GetBytes($"{{\"message\":\"{message}\"}}"));
    }
}
