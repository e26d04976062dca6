using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace IrsaPS.Core.Kubernetes.Wire;

/// <summary>The request bodies IrsaPS sends: a new ServiceAccount, an annotation merge patch, a TokenRequest, a SelfSubjectAccessReview.</summary>
internal static class KubeJsonWriter
{
    public static byte[] ServiceAccount(string ns, string name, IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "v1");
            writer.WriteString("kind", "ServiceAccount");
            writer.WriteStartObject("metadata");
            writer.WriteString("name", name);
            writer.WriteString("namespace", ns);
            WriteMap(writer, "labels", labels);
            WriteMap(writer, "annotations", annotations);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    /// <summary><c>{"metadata":{"annotations":{k: v|null}, "resourceVersion": rv?}}</c> (RFC 7386: null removes a key).</summary>
    public static byte[] AnnotationMergePatch(IReadOnlyDictionary<string, string?> changes, string? resourceVersion) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("metadata");
            if (resourceVersion is not null)
            {
                writer.WriteString("resourceVersion", resourceVersion);
            }

            writer.WriteStartObject("annotations");
            foreach (var pair in changes)
            {
                if (pair.Value is null)
                {
                    writer.WriteNull(pair.Key);
                }
                else
                {
                    writer.WriteString(pair.Key, pair.Value);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] TokenRequest(IReadOnlyList<string> audiences, long? expirationSeconds) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "authentication.k8s.io/v1");
            writer.WriteString("kind", "TokenRequest");
            writer.WriteStartObject("spec");
            writer.WriteStartArray("audiences");
            foreach (var audience in audiences)
            {
                writer.WriteStringValue(audience);
            }

            writer.WriteEndArray();
            if (expirationSeconds is { } seconds)
            {
                writer.WriteNumber("expirationSeconds", seconds);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] SelfSubjectAccessReview(KubeAccessCheck check) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "authorization.k8s.io/v1");
            writer.WriteString("kind", "SelfSubjectAccessReview");
            writer.WriteStartObject("spec");
            writer.WriteStartObject("resourceAttributes");
            writer.WriteString("verb", check.Verb);
            writer.WriteString("group", check.Group);
            writer.WriteString("resource", check.Resource);
            if (check.Namespace is not null)
            {
                writer.WriteString("namespace", check.Namespace);
            }

            if (check.Subresource is not null)
            {
                writer.WriteString("subresource", check.Subresource);
            }

            if (check.Name is not null)
            {
                writer.WriteString("name", check.Name);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var pair in map)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
