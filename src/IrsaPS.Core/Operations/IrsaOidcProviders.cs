using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// The cluster's IAM OIDC provider: read it, register it idempotently (create; or, when it exists, add the missing client
/// ids and tags — never remove anything), and unregister it (saying first how many roles still trust it).
/// </summary>
public static class IrsaOidcProviders
{
    /// <summary>The provider of one cluster (or <c>OidcProviderNotRegistered</c>), or every provider of the account.</summary>
    public static async Task<IReadOnlyList<IrsaOidcProvider>> GetAsync(IrsaSession session, string? clusterName, CancellationToken cancellationToken)
    {
        if (clusterName is not null)
        {
            var cluster = await session.GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
            ClusterResolver.RequireIrsaIssuer(cluster);
            var provider = await TryGetAsync(session.Aws, cluster.OidcProviderArn!, cluster.ClusterName, cancellationToken).ConfigureAwait(false);
            return [provider ?? throw NotRegistered(cluster)];
        }

        const string activity = "Reading IAM OIDC providers";
        var list = await session.Aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest(), cancellationToken).ConfigureAwait(false);
        var entries = list.OpenIDConnectProviderList.OrderBy(e => e.Arn, StringComparer.Ordinal).ToList();
        var result = new List<IrsaOidcProvider>();
        try
        {
            for (var index = 0; index < entries.Count; index++)
            {
                session.Host.WriteProgress(new OperationProgress(
                    ProgressActivities.ProviderScan, activity, $"{index + 1} of {entries.Count}: {entries[index].Arn}", index * 100 / entries.Count));
                var provider = await TryGetAsync(session.Aws, entries[index].Arn, null, cancellationToken).ConfigureAwait(false);
                if (provider is not null)
                {
                    result.Add(provider);
                }
            }
        }
        finally
        {
            session.Host.WriteProgress(OperationProgress.Complete(ProgressActivities.ProviderScan, activity));
        }

        return result;
    }

    public static async Task<IrsaOidcProvider?> RegisterAsync(IrsaSession session, RegisterProviderRequest request, CancellationToken cancellationToken)
    {
        request.Validate();
        var cluster = await session.GetClusterAsync(request.ClusterName, cancellationToken).ConfigureAwait(false);
        var issuer = ClusterResolver.RequireIrsaIssuer(cluster);
        var arn = cluster.OidcProviderArn!;
        var iam = session.Aws.Iam;
        var thumbprints = request.Thumbprints.Select(t => t.ToLowerInvariant()).ToList();
        if (request.ComputeThumbprint)
        {
            session.Host.WriteVerbose($"Computing the TLS thumbprint of {issuer.Host}.");
            thumbprints.Add(await OidcThumbprint.ComputeAsync(issuer, cancellationToken).ConfigureAwait(false));
        }

        var existing = await TryGetAsync(session.Aws, arn, cluster.ClusterName, cancellationToken).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        if (existing is null)
        {
            var detail = $"URL {issuer.Url}; client ids {string.Join(", ", request.EffectiveClientIds)}"
                + (thumbprints.Count > 0 ? "; thumbprints " + string.Join(", ", thumbprints) : "; no thumbprint (IAM trusts EKS issuers through its CA library)")
                + (request.Tags.Count > 0 ? "; tags " + string.Join(", ", request.Tags.Select(t => $"{t.Key}={t.Value}")) : string.Empty);
            steps.Add(new PlanStep(
                new IrsaChange { Action = "CreateOpenIDConnectProvider", Target = arn, Description = $"Register the OIDC issuer of cluster '{cluster.ClusterName}' in IAM", Detail = detail },
                async ct =>
                {
                    try
                    {
                        await iam.CreateOpenIDConnectProviderAsync(
                            new CreateOpenIDConnectProviderRequest
                            {
                                Url = issuer.Url,
                                ClientIDList = request.EffectiveClientIds.ToList(),
                                ThumbprintList = thumbprints,
                                Tags = request.Tags.Select(t => new Tag(t.Key, t.Value)).ToList(),
                            },
                            ct).ConfigureAwait(false);
                    }
                    catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.AlreadyExists)
                    {
                        // Created meanwhile — usually by our own attempt whose answer was lost. The re-read below reports it.
                        session.Host.WriteVerbose($"The OIDC provider {arn} already exists ({ex.AwsErrorCode}); keeping it.");
                    }

                    // The next step (a role, an AssumeRoleWithWebIdentity) needs the provider: wait until IAM shows it.
                    await EventualConsistency.RetryWhileNotFoundAsync(
                        c => iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn }, c),
                        $"OIDC provider {arn}",
                        session.Options,
                        ct).ConfigureAwait(false);
                },
                stopIfDeclined: true));
        }
        else
        {
            foreach (var clientId in request.EffectiveClientIds.Where(id => !existing.ClientIds.Contains(id, StringComparer.Ordinal)))
            {
                steps.Add(new PlanStep(
                    new IrsaChange { Action = "AddClientIDToOpenIDConnectProvider", Target = arn, Description = $"Add client id (audience) '{clientId}'" },
                    ct => iam.AddClientIDToOpenIDConnectProviderAsync(new AddClientIDToOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn, ClientID = clientId }, ct)));
            }

            var tagChanges = request.Tags.Where(t => !existing.Tags.TryGetValue(t.Key, out var v) || !string.Equals(v, t.Value, StringComparison.Ordinal)).ToList();
            if (tagChanges.Count > 0)
            {
                steps.Add(new PlanStep(
                    new IrsaChange { Action = "TagOpenIDConnectProvider", Target = arn, Description = "Tag " + string.Join(", ", tagChanges.Select(t => $"{t.Key}={t.Value}")) },
                    ct => iam.TagOpenIDConnectProviderAsync(new TagOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn, Tags = tagChanges.Select(t => new Tag(t.Key, t.Value)).ToList() }, ct)));
            }

            if (thumbprints.Count > 0 && !thumbprints.All(t => existing.Thumbprints.Contains(t, StringComparer.OrdinalIgnoreCase)))
            {
                var merged = existing.Thumbprints.Select(t => t.ToLowerInvariant()).Union(thumbprints, StringComparer.Ordinal).Take(5).ToList();
                steps.Add(new PlanStep(
                    new IrsaChange
                    {
                        Action = "UpdateOpenIDConnectProviderThumbprint",
                        Target = arn,
                        Description = "Set thumbprints " + string.Join(", ", merged),
                        Detail = "Before: " + (existing.Thumbprints.Count == 0 ? "(none)" : string.Join(", ", existing.Thumbprints)),
                    },
                    ct => iam.UpdateOpenIDConnectProviderThumbprintAsync(new UpdateOpenIDConnectProviderThumbprintRequest { OpenIDConnectProviderArn = arn, ThumbprintList = merged }, ct)));
            }
        }

        if (steps.Count == 0)
        {
            session.Host.WriteVerbose($"The OIDC provider of cluster '{cluster.ClusterName}' is already registered as asked.");
            return existing;
        }

        await PlanRunner.RunAsync(session.Host, steps, cancellationToken).ConfigureAwait(false);
        session.ForgetCluster(cluster.ClusterName);
        var declined = steps.Where(s => !s.Change.Applied).ToList();
        if (declined.Count > 0)
        {
            // -WhatIf or declined: the provider is not as asked, so nothing is written out (the output rule of every writer).
            if (declined.Count < steps.Count)
            {
                session.Host.WriteWarning(
                    $"OIDC provider {arn}: {steps.Count - declined.Count} of {steps.Count} changes were applied; not applied (declined): {string.Join("; ", declined.Select(s => s.Change.Description))}. No object is written for it.");
            }

            return null;
        }

        var current = await TryGetAsync(session.Aws, arn, cluster.ClusterName, cancellationToken).ConfigureAwait(false) ?? existing!;
        return WithChanges(current, steps.Select(s => s.Change).ToList());
    }

    /// <summary>
    /// Deletes the provider of a cluster (or given by ARN); warns with the number of roles that still trust it. When both
    /// are given (an object piped in carries both a ClusterName and an Arn), an OIDC provider ARN wins and any other ARN
    /// (e.g. the EKS cluster's own ARN on an IrsaCluster) gives way to the cluster name.
    /// </summary>
    public static async Task<IReadOnlyList<IrsaChange>> UnregisterAsync(IrsaSession session, string? clusterName, string? providerArn, CancellationToken cancellationToken)
    {
        string arn;
        if (providerArn is not null && (clusterName is null || IsOidcProviderArn(providerArn)))
        {
            arn = Arn.ParseOidcProvider(providerArn).ToString();
        }
        else
        {
            var cluster = await session.GetClusterAsync(clusterName ?? throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Name the cluster or the provider ARN."), cancellationToken).ConfigureAwait(false);
            ClusterResolver.RequireIrsaIssuer(cluster);
            arn = cluster.OidcProviderArn!;
        }

        var existing = await TryGetAsync(session.Aws, arn, clusterName, cancellationToken).ConfigureAwait(false)
            ?? throw new IrsaException(ErrorIds.OidcProviderNotFound, IrsaErrorKind.NotFound, $"IAM has no OIDC provider {arn}.", arn);
        var issuer = OidcIssuer.FromProviderArn(existing.Arn);
        var roles = await RoleScan.ListAllAsync(session, "Finding roles that trust the provider", cancellationToken).ConfigureAwait(false);
        var trusting = roles.Where(r => PolicyDocument.TryParse(r.AssumeRolePolicyDocument, out var doc, out _)
                && TrustPolicyInspector.Inspect(doc!).Grants.Any(g => g.Issuers.Contains(issuer)))
            .Select(r => r.RoleName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (trusting.Count > 0)
        {
            session.Host.WriteWarning(
                $"{trusting.Count} role(s) still trust this provider and stop working when it is deleted: {string.Join(", ", trusting.Take(10))}{(trusting.Count > 10 ? ", ..." : string.Empty)}.");
        }

        var step = new PlanStep(
            new IrsaChange
            {
                Action = "DeleteOpenIDConnectProvider",
                Target = arn,
                Description = "Delete the IAM OIDC provider",
                Detail = trusting.Count == 0 ? "No role trusts it." : $"Roles that trust it: {string.Join(", ", trusting)}",
                HighImpact = true,
            },
            ct => IrsaRoles.AlreadyGoneIsDoneAsync(session, () => session.Aws.Iam.DeleteOpenIDConnectProviderAsync(new DeleteOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn }, ct)));
        await PlanRunner.RunAsync(session.Host, [step], cancellationToken).ConfigureAwait(false);
        ResolvedClusterCache.Shared.ForgetProvider(arn);
        if (clusterName is not null)
        {
            session.ForgetCluster(clusterName);
        }

        return step.Change.Applied ? [step.Change] : [];
    }

    internal static bool IsOidcProviderArn(string value) =>
        Arn.TryParse(value, out var parsed)
        && string.Equals(parsed.Service, "iam", StringComparison.Ordinal)
        && parsed.Resource.StartsWith("oidc-provider/", StringComparison.Ordinal);

    private static async Task<IrsaOidcProvider?> TryGetAsync(AwsConnection aws, string arn, string? clusterName, CancellationToken cancellationToken)
    {
        GetOpenIDConnectProviderResponse response;
        try
        {
            response = await aws.Iam.GetOpenIDConnectProviderAsync(new GetOpenIDConnectProviderRequest { OpenIDConnectProviderArn = arn }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            return null;
        }

        var parsed = Arn.ParseOidcProvider(arn);
        var url = response.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? response.Url : "https://" + response.Url;
        return new IrsaOidcProvider
        {
            Arn = arn,
            Url = url,
            AccountId = parsed.Account,
            ClusterName = clusterName,
            ClientIds = response.ClientIDList,
            Thumbprints = response.ThumbprintList,
            Tags = response.Tags.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            CreateDate = response.CreateDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null,
        };
    }

    private static IrsaOidcProvider WithChanges(IrsaOidcProvider provider, IReadOnlyList<IrsaChange> changes) => new()
    {
        Arn = provider.Arn,
        Url = provider.Url,
        AccountId = provider.AccountId,
        ClusterName = provider.ClusterName,
        ClientIds = provider.ClientIds,
        Thumbprints = provider.Thumbprints,
        Tags = provider.Tags,
        CreateDate = provider.CreateDate,
        Changes = changes,
    };

    private static IrsaException NotRegistered(IrsaCluster cluster) => new(
        ErrorIds.OidcProviderNotRegistered,
        IrsaErrorKind.NotFound,
        $"The OIDC issuer of cluster '{cluster.ClusterName}' ({cluster.Issuer}) is not registered in IAM account {cluster.AccountId}. Run Register-IrsaOidcProvider -ClusterName {cluster.ClusterName}.",
        cluster.OidcProviderArn);
}
