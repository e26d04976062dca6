using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>Writes JSON answers straight into the response pipe: objects, lists with list metadata, and Status errors.</summary>
internal static class KubeResponses
{
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            body(writer);
        }

        await context.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    public static Task WriteRawAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(json, 0, json.Length);
    }

    public static void WriteList<T>(Utf8JsonWriter writer, string kind, long resourceVersion, string? continueToken, long? remaining, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeItem, string apiVersion = "v1")
    {
        writer.WriteStartObject();
        writer.WriteString("kind", kind);
        writer.WriteString("apiVersion", apiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }

        if (remaining is { } count)
        {
            writer.WriteNumber("remainingItemCount", count);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static Task WriteStatusAsync(HttpContext context, KubeStatusException error)
    {
        if (error.RetryAfterSeconds is not null)
        {
            context.Response.Headers.RetryAfter = error.RetryAfterSeconds;
        }

        return WriteAsync(context, error.Code, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "Status");
            w.WriteString("apiVersion", "v1");
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteString("status", "Failure");
            w.WriteString("message", error.Message);
            w.WriteString("reason", error.Reason);
            if (error.Name is not null || error.Kind is not null)
            {
                w.WriteStartObject("details");
                if (error.Name is not null)
                {
                    w.WriteString("name", error.Name);
                }

                if (error.Kind is not null)
                {
                    w.WriteString("kind", error.Kind);
                }

                w.WriteEndObject();
            }

            w.WriteNumber("code", error.Code);
            w.WriteEndObject();
        });
    }
}
