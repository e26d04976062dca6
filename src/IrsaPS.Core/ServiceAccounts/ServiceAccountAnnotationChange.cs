using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.ServiceAccounts;

/// <summary>
/// The exact change IrsaPS will make to a ServiceAccount's annotations, computed before anything is written so that
/// the operations layer can show it (-WhatIf, ShouldProcess) and then apply it with
/// <see cref="KubernetesClient.ApplyAnnotationChangeAsync"/>. <see cref="Patch"/> holds only the keys that change
/// (null = remove); every other annotation is left alone by the merge patch.
/// </summary>
internal sealed class ServiceAccountAnnotationChange
{
    /// <summary>The webhook's shortest accepted token lifetime (kube-apiserver's minimum), in seconds.</summary>
    public const int MinTokenExpirationSeconds = 600;

    /// <summary>The longest token lifetime EKS allows, in seconds.</summary>
    public const int MaxTokenExpirationSeconds = 86400;

    private ServiceAccountAnnotationChange(string ns, string name, KubeServiceAccount? current, IReadOnlyDictionary<string, string> after, IReadOnlyDictionary<string, string?> patch)
    {
        Namespace = ns;
        Name = name;
        Current = current;
        After = after;
        Patch = patch;
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>The ServiceAccount as read before the change; null when it does not exist and will be created.</summary>
    public KubeServiceAccount? Current { get; }

    /// <summary>True when the ServiceAccount does not exist and the change sets something, so it will be created.</summary>
    public bool WillCreate => Current is null && Patch.Values.Any(value => value is not null);

    /// <summary>All annotations before the change (empty when the ServiceAccount does not exist).</summary>
    public IReadOnlyDictionary<string, string> Before => Current?.Annotations ?? KubeServiceAccount.EmptyMap;

    /// <summary>All annotations after the change.</summary>
    public IReadOnlyDictionary<string, string> After { get; }

    /// <summary>The keys that change: a value to set, or null to remove.</summary>
    public IReadOnlyDictionary<string, string?> Patch { get; }

    /// <summary>True when applying would change something (including creating the ServiceAccount).</summary>
    public bool HasChanges => WillCreate || Patch.Count > 0;

    /// <summary><c>namespace/name</c>, the ShouldProcess target.</summary>
    public string Target => Namespace + "/" + Name;

    /// <summary>
    /// Plans setting (value) or removing (null) the given annotations; keys not mentioned are untouched.
    /// A removal on a ServiceAccount that does not exist is no change.
    /// </summary>
    public static ServiceAccountAnnotationChange Plan(string ns, string name, KubeServiceAccount? current, IReadOnlyDictionary<string, string?> desired)
    {
        KubernetesNames.ValidateNamespace(ns);
        KubernetesNames.ValidateServiceAccountName(name);
        if (current is not null && (current.Namespace != ns || current.Name != name))
        {
            throw new ArgumentException($"The current ServiceAccount is {current.Key}, not {ns}/{name}.", nameof(current));
        }

        var before = current?.Annotations ?? KubeServiceAccount.EmptyMap;
        var after = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in before)
        {
            after[pair.Key] = pair.Value;
        }

        var patch = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in desired)
        {
            ValidateKey(pair.Key);
            before.TryGetValue(pair.Key, out var old);
            if (pair.Value is null)
            {
                if (old is not null)
                {
                    patch[pair.Key] = null;
                    after.Remove(pair.Key);
                }
            }
            else if (old != pair.Value)
            {
                patch[pair.Key] = pair.Value;
                after[pair.Key] = pair.Value;
            }
        }

        return new ServiceAccountAnnotationChange(ns, name, current, after, patch);
    }

    /// <summary>
    /// Plans the IRSA annotations: the role ARN always; audience, regional STS and token expiration when given
    /// (null leaves an existing value alone). All values are validated first.
    /// </summary>
    public static ServiceAccountAnnotationChange ForIrsa(
        string ns,
        string name,
        KubeServiceAccount? current,
        string roleArn,
        string? audience = null,
        bool? stsRegionalEndpoints = null,
        int? tokenExpirationSeconds = null)
    {
        var role = Arn.ParseRole(roleArn);
        var desired = new Dictionary<string, string?>(StringComparer.Ordinal) { [IrsaAnnotationKeys.RoleArn] = role.ToString() };
        if (audience is not null)
        {
            TokenAudience.Validate(audience);
            desired[IrsaAnnotationKeys.Audience] = audience;
        }

        if (stsRegionalEndpoints is { } regional)
        {
            desired[IrsaAnnotationKeys.StsRegionalEndpoints] = regional ? "true" : "false";
        }

        if (tokenExpirationSeconds is { } seconds)
        {
            if (seconds is < MinTokenExpirationSeconds or > MaxTokenExpirationSeconds)
            {
                throw new IrsaValidationException(
                    ErrorIds.InvalidTokenExpiration,
                    $"The token expiration {seconds} s is not valid: it must be between {MinTokenExpirationSeconds} and {MaxTokenExpirationSeconds} seconds (the webhook's default is 86400).",
                    seconds.ToString(CultureInfo.InvariantCulture));
            }

            desired[IrsaAnnotationKeys.TokenExpiration] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Plan(ns, name, current, desired);
    }

    /// <summary>Plans removing all four IRSA annotations (other annotations stay).</summary>
    public static ServiceAccountAnnotationChange RemoveIrsa(string ns, string name, KubeServiceAccount? current) =>
        Plan(ns, name, current, IrsaAnnotationKeys.All.ToDictionary(key => key, _ => (string?)null, StringComparer.Ordinal));

    /// <summary>A readable description of the change: one line per key, old and new values.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(WillCreate ? $"Create ServiceAccount {Target}" : $"Update ServiceAccount {Target}");
        if (!HasChanges)
        {
            text.Append(Current is null ? ": it does not exist, nothing to remove" : ": no change");
            return text.ToString();
        }

        foreach (var pair in Patch)
        {
            Before.TryGetValue(pair.Key, out var old);
            text.AppendLine();
            text.Append(pair.Value is null
                ? $"  - {pair.Key}: '{old}' (removed)"
                : old is null ? $"  + {pair.Key}: '{pair.Value}'" : $"  ~ {pair.Key}: '{old}' -> '{pair.Value}'");
        }

        return text.ToString();
    }

    public override string ToString() => Describe();

    // Annotation keys are qualified names: an optional DNS-subdomain prefix and '/', then 1-63 characters of
    // alphanumerics, '-', '_' and '.', starting and ending alphanumeric.
    private static void ValidateKey(string key)
    {
        var slash = key.IndexOf('/');
        var prefix = slash >= 0 ? key.Substring(0, slash) : null;
        var name = slash >= 0 ? key.Substring(slash + 1) : key;
        var ok = name.Length is > 0 and <= 63
            && char.IsLetterOrDigit(name[0]) && char.IsLetterOrDigit(name[name.Length - 1])
            && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            && (prefix is null || KubernetesNames.IsServiceAccountName(prefix));
        if (!ok)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidAnnotation,
                $"The annotation key '{key}' is not valid: it must be an optional DNS-subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
                key);
        }
    }
}
