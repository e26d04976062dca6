using System.Text.Json.Nodes;

namespace IrsaPS.Emulators.Kubernetes;

/// <summary>RFC 7386 JSON merge patch: objects merge recursively, null removes a member, anything else replaces.</summary>
public static class KubeMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Apply(result[name]?.DeepClone(), value);
                result[name] = merged;
            }
        }

        return result;
    }
}
