using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace IrsaPS.Core.Json;

/// <summary>
/// Tolerant reads from a <see cref="JsonElement"/>: a missing property or one of another kind reads as absent
/// (default, null, 0, an empty map) instead of throwing, so a projection takes what is there and nothing else.
/// </summary>
internal static class JsonElementReader
{
    public static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    public static string? GetString(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static DateTimeOffset? GetTime(JsonElement element, string name) =>
        GetString(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    public static int GetInt(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : 0;

    public static IReadOnlyDictionary<string, string> GetMap(JsonElement element, string name)
    {
        if (Child(element, name) is not { ValueKind: JsonValueKind.Object } map)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return result;
    }
}
