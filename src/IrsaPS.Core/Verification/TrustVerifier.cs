using System;
using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes;
using IrsaPS.Core.Models;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Policy.Evaluation;
using IrsaPS.Core.ServiceAccounts;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Verification;

/// <summary>
/// Test-IrsaTrust's logic, free of I/O. <see cref="Plan"/> works out the token a service account's pods would carry
/// and which role and OIDC provider to look at; the caller fetches those (or takes them from an audit snapshot); then
/// <see cref="Evaluate"/> checks the provider (exists, lists the audience) and evaluates the role's trust with the
/// policy engine for exactly that token, and explains every reason it fails with its fix.
/// </summary>
internal static class TrustVerifier
{
    /// <summary>
    /// Plans the test of <paramref name="ns"/>/<paramref name="serviceAccountName"/>. <paramref name="serviceAccount"/>
    /// is the object as read (null when it does not exist); <paramref name="roleArnOverride"/> (-RoleArn) replaces
    /// the annotation. Throws <see cref="IrsaValidationException"/> for bad names or a malformed -RoleArn.
    /// </summary>
    public static TrustTarget Plan(TrustClusterContext cluster, string ns, string serviceAccountName, KubeServiceAccount? serviceAccount, string? roleArnOverride = null)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        KubernetesNames.ValidateNamespace(ns);
        KubernetesNames.ValidateServiceAccountName(serviceAccountName);
        var overrideArn = roleArnOverride is null ? null : Arn.ParseRole(roleArnOverride);
        var target = new TrustTarget(cluster, ns, serviceAccountName);
        var annotations = serviceAccount?.Irsa ?? IrsaAnnotations.None;

        if (cluster.Issuer is null)
        {
            target.Reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.ClusterHasNoIssuer,
                IrsaTrustReasonKind.Failure,
                $"The cluster {cluster.ClusterName ?? string.Empty} has no OIDC issuer, so its service-account tokens cannot be exchanged for AWS credentials (Amazon EKS local clusters on Outposts have none).",
                "IRSA is not available on this cluster; give the workload AWS credentials another way (the node's instance role, or run it on a cloud EKS cluster)."));
        }

        if (serviceAccount is null)
        {
            target.Reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.ServiceAccountNotFound,
                IrsaTrustReasonKind.Failure,
                $"The service account {target.Key} does not exist in the cluster.",
                FixCommands.SetServiceAccount(ns, serviceAccountName, roleArnOverride ?? "<role ARN>")));
        }

        var audience = annotations.Audience;
        if (audience is not null)
        {
            target.Audience = audience;
            if (!IsValidAudience(audience))
            {
                target.AudienceIsValid = false;
                target.Reasons.Add(new IrsaTrustReason(
                    TrustReasonCodes.AudienceInvalid,
                    IrsaTrustReasonKind.Failure,
                    $"The annotation {IrsaAnnotationKeys.Audience} of {target.Key} is '{audience}', which is not a usable token audience (empty, a wildcard, or unprintable characters).",
                    FixCommands.SetServiceAccount(ns, serviceAccountName, null, IrsaSubject.DefaultAudience)));
            }
        }

        if (overrideArn is not null)
        {
            target.RoleArnText = overrideArn.ToString();
            target.Role = overrideArn;
            if (annotations.RoleArn is not null && !string.Equals(annotations.RoleArn.Trim(), target.RoleArnText, StringComparison.Ordinal))
            {
                target.Reasons.Add(new IrsaTrustReason(
                    TrustReasonCodes.AnnotationDiffers,
                    IrsaTrustReasonKind.Note,
                    $"The service account is annotated with {annotations.RoleArn}, not {target.RoleArnText}: its pods assume the annotated role, whatever this test says about the other one.",
                    FixCommands.SetServiceAccount(ns, serviceAccountName, target.RoleArnText)));
            }
        }
        else if (serviceAccount is not null)
        {
            PlanFromAnnotation(target, annotations);
        }

        if (target.Role is not null && !target.RoleInCallerAccount)
        {
            target.Reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.RoleInOtherAccount,
                IrsaTrustReasonKind.Unverified,
                $"The role {target.RoleArnText} is in account {target.Role.Account}, but the current credentials are for account {cluster.CallerAccountId}: its trust policy and that account's OIDC provider cannot be verified from here.",
                $"Run Test-IrsaTrust with credentials for account {target.Role.Account} (-ProfileName or -Credential), or with -Live to let AWS decide."));
        }

        if (target.Role is not null && cluster.Issuer is not null)
        {
            target.ProviderArn = cluster.Issuer.ProviderArn(target.Role.Partition, target.Role.Account);
        }

        return target;
    }

    /// <summary>
    /// The verdict. <paramref name="role"/> is the role as read (null when it does not exist; ignored when the target
    /// does not need it); <paramref name="provider"/> is the OIDC provider as read (null when not looked up).
    /// </summary>
    public static IrsaTrustResult Evaluate(TrustTarget target, RoleTrust? role, OidcProviderState? provider)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        var reasons = new List<IrsaTrustReason>(target.EarlyReasons);
        TrustEvaluation? evaluation = null;
        if (target.NeedsRole)
        {
            if (role is null)
            {
                reasons.Add(new IrsaTrustReason(
                    TrustReasonCodes.RoleNotFound,
                    IrsaTrustReasonKind.Failure,
                    $"The role {target.RoleArnText} does not exist in account {target.Role!.Account}.",
                    $"Create it: {FixCommands.NewRole(target.Role.Name, target.Cluster.ClusterName, target.Namespace, target.ServiceAccountName)}; or point the service account at an existing role: {FixCommands.SetServiceAccount(target.Namespace, target.ServiceAccountName, "<role ARN>")}"));
            }
            else
            {
                CheckRoleArn(target, role, reasons);
                CheckProvider(target, provider, reasons);
                evaluation = EvaluateTrust(target, role, reasons);
            }
        }

        return Build(target, role, evaluation, reasons, null);
    }

    /// <summary>The same verdict with the live proof added: -Live must also succeed for Allowed.</summary>
    public static IrsaTrustResult WithLive(IrsaTrustResult result, IrsaLiveTrustResult live)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (live is null)
        {
            throw new ArgumentNullException(nameof(live));
        }

        var reasons = new List<IrsaTrustReason>(result.Reasons);
        if (!live.Succeeded)
        {
            reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.LiveFailed,
                IrsaTrustReasonKind.Failure,
                $"The live test failed at {live.FailedStep}: {live.ErrorCode}{(live.ErrorMessage is null ? string.Empty : " - " + live.ErrorMessage)}",
                live.FailedStep == LiveTrustProbe.TokenRequestStep
                    ? "Check that the service account exists and that your Kubernetes identity may create tokens for it (create serviceaccounts/token)."
                    : "Fix the reasons above, or if there are none, compare the role's trust policy and the OIDC provider with what the token carries (IAM may take a few seconds to apply a change)."));
        }
        else if (!result.Allowed && result.Decision is not null)
        {
            reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.LiveDisagrees,
                IrsaTrustReasonKind.Note,
                $"AWS issued credentials ({live.CallerArn}) although the offline evaluation denies the request. Emulators such as moto do not check web identity tokens; against real AWS, please report this with the trust policy.",
                null));
        }

        return Copy(result, result.Allowed && live.Succeeded, reasons, live);
    }

    private static void PlanFromAnnotation(TrustTarget target, IrsaAnnotations annotations)
    {
        var text = annotations.RoleArn;
        if (text is null)
        {
            target.Reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.AnnotationMissing,
                IrsaTrustReasonKind.Failure,
                $"The service account {target.Key} has no {IrsaAnnotationKeys.RoleArn} annotation, so its pods get no AWS role (they fall back to the node's).",
                FixCommands.SetServiceAccount(target.Namespace, target.ServiceAccountName, "<role ARN>")));
            return;
        }

        target.RoleArnText = text;
        try
        {
            target.Role = Arn.ParseRole(text.Trim());
        }
        catch (IrsaValidationException ex)
        {
            target.Reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.RoleArnInvalid,
                IrsaTrustReasonKind.Failure,
                $"The annotation {IrsaAnnotationKeys.RoleArn} of {target.Key} is not a role ARN: {ex.Message}",
                FixCommands.SetServiceAccount(target.Namespace, target.ServiceAccountName, "arn:" + target.Cluster.Partition + ":iam::" + target.Cluster.CallerAccountId + ":role/<name>")));
        }
    }

    private static void CheckRoleArn(TrustTarget target, RoleTrust role, List<IrsaTrustReason> reasons)
    {
        if (!string.Equals(role.RoleArn, target.Role!.ToString(), StringComparison.Ordinal))
        {
            reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.RoleArnMismatch,
                IrsaTrustReasonKind.Note,
                $"The role's ARN is {role.RoleArn}, not {target.RoleArnText} as given (path or letter case differ). Use the exact ARN.",
                FixCommands.SetServiceAccount(target.Namespace, target.ServiceAccountName, role.RoleArn)));
        }
    }

    private static void CheckProvider(TrustTarget target, OidcProviderState? provider, List<IrsaTrustReason> reasons)
    {
        if (provider is null || target.ProviderArn is null)
        {
            return;
        }

        if (provider.Status == OidcProviderStatus.NotFound)
        {
            reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.ProviderNotFound,
                IrsaTrustReasonKind.Failure,
                $"The IAM OIDC provider {target.ProviderArn} does not exist, so STS cannot validate this cluster's tokens (AssumeRoleWithWebIdentity fails with InvalidIdentityToken).",
                FixCommands.RegisterProvider(target.Cluster.ClusterName)));
        }
        else if (provider.Status == OidcProviderStatus.Exists && !provider.Lists(target.Audience))
        {
            var listed = provider.ClientIds.Count == 0 ? "no client ids" : "client ids " + string.Join(", ", provider.ClientIds);
            reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.ProviderMissingAudience,
                IrsaTrustReasonKind.Failure,
                $"The OIDC provider {target.ProviderArn} has {listed}, not the audience '{target.Audience}' this service account's tokens carry, so STS rejects them.",
                FixCommands.AddClientId(target.ProviderArn, target.Audience)));
        }
    }

    private static TrustEvaluation? EvaluateTrust(TrustTarget target, RoleTrust role, List<IrsaTrustReason> reasons)
    {
        if (role.Compiled is null)
        {
            reasons.Add(new IrsaTrustReason(
                TrustReasonCodes.TrustPolicyUnreadable,
                IrsaTrustReasonKind.Failure,
                $"The trust policy of {role.RoleName} cannot be read: {role.ParseError}",
                FixCommands.UpdateTrust(role.RoleName)));
            return null;
        }

        var request = new WebIdentityRequest(target.ProviderArn!, target.Subject, [target.Audience]);
        var evaluation = role.Compiled.Evaluate(request);
        reasons.AddRange(TrustDenialDiagnosis.Explain(target, role, evaluation));
        return evaluation;
    }

    private static IrsaTrustResult Build(TrustTarget target, RoleTrust? role, TrustEvaluation? evaluation, List<IrsaTrustReason> reasons, IrsaLiveTrustResult? live)
    {
        var blocked = false;
        foreach (var reason in reasons)
        {
            blocked |= reason.Kind != IrsaTrustReasonKind.Note;
        }

        return new IrsaTrustResult
        {
            Allowed = evaluation is not null && evaluation.IsAllowed && !blocked,
            ClusterName = target.Cluster.ClusterName,
            Namespace = target.Namespace,
            ServiceAccountName = target.ServiceAccountName,
            RoleArn = role?.RoleArn ?? target.Role?.ToString() ?? target.RoleArnText,
            RoleName = role?.RoleName ?? target.Role?.Name,
            Subject = target.Subject,
            Audience = target.Audience,
            Issuer = target.Cluster.Issuer?.Url,
            OidcProviderArn = target.ProviderArn,
            Decision = evaluation?.Decision.ToString(),
            DecidingStatement = evaluation?.DecidingStatement?.Name,
            Reasons = Ordered(reasons),
            Explanation = evaluation?.ToText(),
            Live = live,
        };
    }

    private static IrsaTrustResult Copy(IrsaTrustResult result, bool allowed, List<IrsaTrustReason> reasons, IrsaLiveTrustResult live)
    {
        return new IrsaTrustResult
        {
            Allowed = allowed,
            ClusterName = result.ClusterName,
            Namespace = result.Namespace,
            ServiceAccountName = result.ServiceAccountName,
            RoleArn = result.RoleArn,
            RoleName = result.RoleName,
            Subject = result.Subject,
            Audience = result.Audience,
            Issuer = result.Issuer,
            OidcProviderArn = result.OidcProviderArn,
            Decision = result.Decision,
            DecidingStatement = result.DecidingStatement,
            Reasons = Ordered(reasons),
            Explanation = result.Explanation,
            Live = live,
        };
    }

    /// <summary>Failures first, then what could not be verified, then notes; otherwise in the order found (stable).</summary>
    private static List<IrsaTrustReason> Ordered(List<IrsaTrustReason> reasons) => reasons.OrderBy(r => r.Kind).ToList();

    private static bool IsValidAudience(string audience)
    {
        if (audience.Length is 0 or > 255 || KubernetesNames.HasWildcard(audience))
        {
            return false;
        }

        foreach (var c in audience)
        {
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }
}
