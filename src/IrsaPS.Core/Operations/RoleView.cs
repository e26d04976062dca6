using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Operations;

/// <summary>Builds the module's <see cref="IrsaRole"/> from IAM's role and a parsed trust document.</summary>
internal static class RoleView
{
    public static IrsaRole Create(
        Role role,
        PolicyDocument trust,
        IReadOnlyDictionary<string, string>? clusterNamesByIssuer = null,
        string? clusterName = null,
        ServiceAccountRef? subject = null,
        string? audience = null,
        IReadOnlyList<string>? attachedPolicies = null,
        IReadOnlyList<string>? inlinePolicies = null,
        IReadOnlyDictionary<string, string>? tags = null,
        bool created = false,
        IReadOnlyList<IrsaChange>? changes = null,
        string? permissionsBoundary = null,
        string? description = null,
        int? maxSessionDuration = null)
    {
        var json = trust.ToJson();
        return new IrsaRole
        {
            RoleName = role.RoleName,
            RoleArn = role.Arn,
            Path = role.Path,
            RoleId = role.RoleId,
            Description = description ?? role.Description,
            MaxSessionDuration = maxSessionDuration ?? role.MaxSessionDuration,
            PermissionsBoundary = permissionsBoundary ?? role.PermissionsBoundary?.PermissionsBoundaryArn,
            CreateDate = role.CreateDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null,
            Tags = tags ?? role.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            AttachedPolicyArns = attachedPolicies,
            InlinePolicyNames = inlinePolicies,
            TrustPolicy = json,
            TrustPolicySize = TrustPolicySize.Measure(json),
            Subjects = Subjects(trust, clusterNamesByIssuer),
            ClusterName = clusterName,
            Namespace = subject?.Namespace,
            ServiceAccountName = subject?.Name,
            Audience = audience,
            Created = created,
            Changes = changes ?? [],
        };
    }

    public static IReadOnlyList<IrsaRoleSubject> Subjects(PolicyDocument trust, IReadOnlyDictionary<string, string>? clusterNamesByIssuer) =>
        TrustPolicyInspector.ListSubjects(trust)
            .Select(s => new IrsaRoleSubject
            {
                Issuer = s.Issuer.Url,
                ClusterName = clusterNamesByIssuer is not null && clusterNamesByIssuer.TryGetValue(s.Issuer.HostPath, out var name) ? name : null,
                Namespace = s.Namespace,
                ServiceAccountName = s.ServiceAccountName,
                IsPattern = s.IsPattern,
                Audiences = s.Audiences,
            })
            .ToList();
}
