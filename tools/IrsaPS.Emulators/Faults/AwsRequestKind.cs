using System;
using System.Text;
using System.Web;

namespace IrsaPS.Emulators.Faults;

/// <summary>
/// Which AWS action a request performs and which protocol answers it: Query (IAM, STS, EC2: <c>Action=</c> in the form
/// body or query string, XML errors; <see cref="ApiVersion"/> from <c>Version=</c>), JSON (CloudTrail: the
/// <c>X-Amz-Target</c> header names the operation, JSON errors) or REST-JSON (EKS: the method and path name the action,
/// JSON errors).
/// </summary>
public sealed record AwsRequestKind(string Action, bool IsQueryProtocol, string? ApiVersion = null)
{
    /// <summary>EC2 (API 2016-11-15), whose errors have their own XML shape.</summary>
    public bool IsEc2 => ApiVersion == "2016-11-15";

    public static AwsRequestKind Of(string method, string path, string? query, string? contentType, byte[] body, string? target = null)
    {
        // JSON protocol services (CloudTrail): X-Amz-Target names the operation after the last dot.
        if (!string.IsNullOrEmpty(target))
        {
            return new AwsRequestKind(target[(target.LastIndexOf('.') + 1)..], false);
        }

        var action = FormValue(query, "Action");
        var version = FormValue(query, "Version");
        if (action is null && contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = Encoding.UTF8.GetString(body);
            action = FormValue(form, "Action");
            version = FormValue(form, "Version");
        }

        return action is not null ? new AwsRequestKind(action, true, version) : new AwsRequestKind(RestAction(method, path), false);
    }

    /// <summary>EKS's REST routes IrsaPS and its tests use; anything else is named "METHOD /path".</summary>
    private static string RestAction(string method, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 1 && segments[0] == "clusters")
        {
            return (method, segments.Length) switch
            {
                ("GET", 1) => "ListClusters",
                ("POST", 1) => "CreateCluster",
                ("GET", 2) => "DescribeCluster",
                ("DELETE", 2) => "DeleteCluster",
                ("POST", 3) when segments[2] == "pod-identity-associations" => "CreatePodIdentityAssociation",
                ("GET", 3) when segments[2] == "pod-identity-associations" => "ListPodIdentityAssociations",
                ("GET", 4) when segments[2] == "pod-identity-associations" => "DescribePodIdentityAssociation",
                ("POST", 4) when segments[2] == "pod-identity-associations" => "UpdatePodIdentityAssociation",
                ("DELETE", 4) when segments[2] == "pod-identity-associations" => "DeletePodIdentityAssociation",
                _ => $"{method} {path}",
            };
        }

        return $"{method} {path}";
    }

    private static string? FormValue(string? form, string name)
    {
        if (string.IsNullOrEmpty(form))
        {
            return null;
        }

        var values = HttpUtility.ParseQueryString(form.TrimStart('?'));
        return values[name];
    }
}
