using System.Globalization;
using System.Text;

namespace IrsaPS.Emulators.Faults;

/// <summary>The error answers the proxy sends, shaped like the real services' (so the SDK classifies them as AWS would).</summary>
internal static class FaultResponses
{
    public static (int Status, string ContentType, string? ErrorTypeHeader, byte[] Body) For(FaultKind kind, bool queryProtocol, int sequence, bool ec2 = false)
    {
        if (ec2)
        {
            return Ec2(kind, sequence);
        }

        var (status, queryCode, jsonCode, message) = kind switch
        {
            FaultKind.AccessDenied => (403, "AccessDenied", "AccessDeniedException", "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform this action (injected)"),
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

    /// <summary>EC2's own shape: <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;...&lt;RequestID/&gt;</c> and its codes.</summary>
    private static (int Status, string ContentType, string? ErrorTypeHeader, byte[] Body) Ec2(FaultKind kind, int sequence)
    {
        var (status, code, message) = kind switch
        {
            FaultKind.AccessDenied => (403, "UnauthorizedOperation", "You are not authorized to perform this operation. (injected)"),
            FaultKind.Throttle => (503, "RequestLimitExceeded", "Request limit exceeded."),
            FaultKind.ServerError => (500, "InternalError", "An internal error has occurred (injected)."),
            FaultKind.NotYetVisible => (400, "InvalidInstanceID.NotFound", "The instance ID does not exist (injected eventual consistency)."),
            _ => (503, "Unavailable", "The server is overloaded and can't handle the request (injected)."),
        };
        var xml = $"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>fault-{sequence.ToString(CultureInfo.InvariantCulture)}</RequestID></Response>";
        return (status, "text/xml;charset=UTF-8", null, Encoding.UTF8.GetBytes(xml));
    }
}
