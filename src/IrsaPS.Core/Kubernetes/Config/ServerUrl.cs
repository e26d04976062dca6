using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Kubernetes.Config;

/// <summary>Validates an API server URL: http or https, a host, no query; a bare <c>host:port</c> means https, as in kubectl.</summary>
internal static class ServerUrl
{
    public static Uri Parse(string? value, string origin)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(value, origin, "it is empty");
        }

        var text = value!.Trim();
        if (text.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw Invalid(value, origin, "it is not an absolute URL");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw Invalid(value, origin, $"its scheme is '{uri.Scheme}', expected https");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Invalid(value, origin, "it has a query, fragment or user information");
        }

        return uri;
    }

    private static KubernetesConfigException Invalid(string? value, string origin, string problem) =>
        new(
            ErrorIds.KubeInvalidServerUrl,
            IrsaErrorKind.InvalidData,
            $"The API server URL '{value}' of {origin} is not valid: {problem}. Expected something like https://ABCDEF.gr7.us-east-1.eks.amazonaws.com.",
            value);
}
