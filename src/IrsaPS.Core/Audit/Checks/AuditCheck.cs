using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;

namespace IrsaPS.Core.Audit.Checks;

/// <summary>
/// The base of the checks: metadata plus a pure <see cref="Run"/> over the indexed snapshot, and a helper
/// that builds findings with their identity properties and a stable fingerprint.
/// </summary>
internal abstract class AuditCheck
{
    protected AuditCheck(AuditCheckInfo info)
    {
        Info = info;
    }

    public AuditCheckInfo Info { get; }

    public string Id => Info.Id;

    /// <summary>The findings on <paramref name="context"/>; in any order (the auditor sorts them).</summary>
    public abstract IEnumerable<IrsaFinding> Run(AuditContext context);

    /// <summary>
    /// A finding of this check. <paramref name="discriminator"/> says what exactly is wrong on the resource (a statement
    /// index and issuer, a policy ARN...): with the check id and resource it makes the fingerprint, so it must not
    /// depend on wording or counts.
    /// </summary>
    protected IrsaFinding Finding(
        AuditContext context,
        IrsaSeverity severity,
        string resource,
        string discriminator,
        string message,
        string remediation,
        AuditRoleEntry? role = null,
        KubeServiceAccount? serviceAccount = null,
        IReadOnlyDictionary<string, string>? properties = null,
        string? roleArn = null) => new()
        {
            CheckId = Info.Id,
            CheckName = Info.Name,
            Severity = severity,
            Resource = resource,
            Message = message,
            Remediation = remediation,
            ClusterName = string.IsNullOrEmpty(context.ClusterName) ? null : context.ClusterName,
            RoleArn = role?.Role.Arn ?? roleArn,
            RoleName = role?.Role.RoleName ?? AuditIndex.TryParseRole(roleArn)?.Name,
            Namespace = serviceAccount?.Namespace,
            ServiceAccountName = serviceAccount?.Name,
            Fingerprint = Fingerprint(Info.Id, resource, discriminator),
            Properties = properties ?? new Dictionary<string, string>(),
        };

    /// <summary>32 hex digits of SHA-256 over id, resource and discriminator.</summary>
    internal static string Fingerprint(string id, string resource, string discriminator)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(id + "\n" + resource + "\n" + discriminator));
        var text = new StringBuilder(32);
        for (var i = 0; i < 16; i++)
        {
            text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>"web/a, web/b, web/c and 4 more".</summary>
    protected static string Sample(IReadOnlyList<string> items, int max = 3)
    {
        if (items.Count <= max)
        {
            return string.Join(", ", items);
        }

        var head = new string[max];
        for (var i = 0; i < max; i++)
        {
            head[i] = items[i];
        }

        return string.Join(", ", head) + " and " + (items.Count - max).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more";
    }

    protected static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    protected static bool IsFinished(KubePod pod) =>
        string.Equals(pod.Phase, "Succeeded", StringComparison.Ordinal) || string.Equals(pod.Phase, "Failed", StringComparison.Ordinal);
}
