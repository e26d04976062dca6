using System.IO;
using System.Text.Json;
using IrsaPS.Core.Aws.Eks.Model;

namespace IrsaPS.Core.Aws.Eks.Internal;

// Pod Identity associations: the answers' JSON (reader) and the Create/Update bodies (writer), members as in botocore's model.
internal static partial class EksJsonReader
{
    public static PodIdentityAssociation Association(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("association", out var a) && a.ValueKind == JsonValueKind.Object
            ? Association(a)
            : throw new JsonException("The answer has no 'association' object.");
    }

    public static ListPodIdentityAssociationsResponse ListPodIdentityAssociations(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var result = new ListPodIdentityAssociationsResponse { NextToken = String(root, "nextToken") };
        if (root.TryGetProperty("associations", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                result.Associations.Add(new PodIdentityAssociationSummary
                {
                    ClusterName = String(item, "clusterName") ?? string.Empty,
                    Namespace = String(item, "namespace") ?? string.Empty,
                    ServiceAccount = String(item, "serviceAccount") ?? string.Empty,
                    AssociationArn = String(item, "associationArn") ?? string.Empty,
                    AssociationId = String(item, "associationId") ?? string.Empty,
                    OwnerArn = String(item, "ownerArn"),
                });
            }
        }

        return result;
    }

    public static PodIdentityAssociation Association(JsonElement a) => new()
    {
        ClusterName = String(a, "clusterName") ?? string.Empty,
        Namespace = String(a, "namespace") ?? string.Empty,
        ServiceAccount = String(a, "serviceAccount") ?? string.Empty,
        RoleArn = String(a, "roleArn") ?? string.Empty,
        AssociationArn = String(a, "associationArn") ?? string.Empty,
        AssociationId = String(a, "associationId") ?? string.Empty,
        Tags = StringMap(a, "tags"),
        CreatedAt = Timestamp(a, "createdAt"),
        ModifiedAt = Timestamp(a, "modifiedAt"),
        OwnerArn = String(a, "ownerArn"),
        DisableSessionTags = Bool(a, "disableSessionTags"),
        TargetRoleArn = String(a, "targetRoleArn"),
        ExternalId = String(a, "externalId"),
        Policy = String(a, "policy"),
    };

    /// <summary>The body of CreatePodIdentityAssociation: the members that are set.</summary>
    public static byte[] CreateBody(CreatePodIdentityAssociationRequest request) => Write(w =>
    {
        w.WriteString("namespace", request.Namespace);
        w.WriteString("serviceAccount", request.ServiceAccount);
        w.WriteString("roleArn", request.RoleArn);
        Optional(w, "clientRequestToken", request.ClientRequestToken);
        if (request.Tags.Count > 0)
        {
            w.WriteStartObject("tags");
            foreach (var tag in request.Tags)
            {
                w.WriteString(tag.Key, tag.Value);
            }

            w.WriteEndObject();
        }

        if (request.DisableSessionTags is { } disable)
        {
            w.WriteBoolean("disableSessionTags", disable);
        }

        Optional(w, "targetRoleArn", request.TargetRoleArn);
        Optional(w, "policy", request.Policy);
    });

    /// <summary>The body of UpdatePodIdentityAssociation: only what changes.</summary>
    public static byte[] UpdateBody(UpdatePodIdentityAssociationRequest request) => Write(w =>
    {
        Optional(w, "roleArn", request.RoleArn);
        Optional(w, "clientRequestToken", request.ClientRequestToken);
        if (request.DisableSessionTags is { } disable)
        {
            w.WriteBoolean("disableSessionTags", disable);
        }

        Optional(w, "targetRoleArn", request.TargetRoleArn);
        Optional(w, "policy", request.Policy);
    });

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static byte[] Write(System.Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
