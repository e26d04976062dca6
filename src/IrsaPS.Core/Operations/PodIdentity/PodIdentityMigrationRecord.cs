using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Policy.PodIdentity;

namespace IrsaPS.Core.Operations.PodIdentity;

/// <summary>
/// What Start-IrsaPodIdentityMigration did to one service account, kept on the ServiceAccount itself (annotation
/// <see cref="AnnotationKey"/>, JSON) so that Complete and Undo work from any session: the IRSA annotations it removed
/// (to restore them), the role, whether IrsaPS created the association and added the trust statement (Undo removes only
/// those), and whether Complete removed the OIDC subject from the trust (Undo adds it back).
/// </summary>
internal sealed class PodIdentityMigrationRecord
{
    public const string AnnotationKey = "irsaps.io/pod-identity-migration";

    public string ClusterName { get; set; } = string.Empty;

    public string RoleArn { get; set; } = string.Empty;

    /// <summary>The IRSA annotations (eks.amazonaws.com/*) as they were before Start removed them.</summary>
    public Dictionary<string, string> Annotations { get; set; } = new(StringComparer.Ordinal);

    public string? AssociationId { get; set; }

    public bool AssociationCreated { get; set; }

    public bool TrustAdded { get; set; }

    public PodIdentityTrustScope TrustScope { get; set; } = PodIdentityTrustScope.ServiceAccount;

    public bool RequireSourceAccount { get; set; }

    public bool Completed { get; set; }

    public bool OidcSubjectRemoved { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The record on <paramref name="account"/>, or null; <c>PodIdentityMigrationRecordInvalid</c> when it cannot be read.</summary>
    public static PodIdentityMigrationRecord? From(KubeServiceAccount account)
    {
        if (account is null || !account.Annotations.TryGetValue(AnnotationKey, out var text))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var record = new PodIdentityMigrationRecord
            {
                ClusterName = String(root, "cluster") ?? string.Empty,
                RoleArn = String(root, "roleArn") ?? throw new JsonException("roleArn is missing"),
                AssociationId = String(root, "associationId"),
                AssociationCreated = Bool(root, "associationCreated"),
                TrustAdded = Bool(root, "trustAdded"),
                TrustScope = Enum.TryParse<PodIdentityTrustScope>(String(root, "trustScope") ?? nameof(PodIdentityTrustScope.ServiceAccount), out var scope) ? scope : throw new JsonException("trustScope is not known"),
                RequireSourceAccount = Bool(root, "requireSourceAccount"),
                Completed = Bool(root, "completed"),
                OidcSubjectRemoved = Bool(root, "oidcSubjectRemoved"),
                StartedAt = Time(root, "startedAt") ?? DateTimeOffset.MinValue,
                CompletedAt = Time(root, "completedAt"),
            };
            if (root.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in annotations.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        record.Annotations[property.Name] = property.Value.GetString()!;
                    }
                }
            }

            Validation.Arn.ParseRole(record.RoleArn);
            return record;
        }
        catch (Exception ex) when (ex is JsonException or IrsaValidationException)
        {
            throw new IrsaException(
                ErrorIds.PodIdentityMigrationRecordInvalid,
                IrsaErrorKind.InvalidData,
                $"ServiceAccount {account.Key} has an annotation {AnnotationKey} that IrsaPS cannot read ({ex.Message}). Remove it (kubectl annotate sa -n {account.Namespace} {account.Name} {AnnotationKey}-) after checking the service account's IRSA annotations and Pod Identity association by hand.",
                account.Key,
                ex);
        }
    }

    /// <summary>The record as the annotation value (compact JSON, keys in a fixed order).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteString("cluster", ClusterName);
            w.WriteString("roleArn", RoleArn);
            w.WriteStartObject("annotations");
            var keys = new List<string>(Annotations.Keys);
            keys.Sort(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                w.WriteString(key, Annotations[key]);
            }

            w.WriteEndObject();
            if (AssociationId is not null)
            {
                w.WriteString("associationId", AssociationId);
            }

            w.WriteBoolean("associationCreated", AssociationCreated);
            w.WriteBoolean("trustAdded", TrustAdded);
            w.WriteString("trustScope", TrustScope.ToString());
            w.WriteBoolean("requireSourceAccount", RequireSourceAccount);
            w.WriteBoolean("completed", Completed);
            w.WriteBoolean("oidcSubjectRemoved", OidcSubjectRemoved);
            w.WriteString("startedAt", StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            if (CompletedAt is { } completed)
            {
                w.WriteString("completedAt", completed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public PodIdentityMigrationRecord Clone()
    {
        var copy = (PodIdentityMigrationRecord)MemberwiseClone();
        copy.Annotations = new Dictionary<string, string>(Annotations, StringComparer.Ordinal);
        return copy;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        String(root, name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
