using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Operations;

/// <summary>
/// New-IrsaRole's check, before its first write, that every managed policy and the permissions boundary it was given
/// exist: one GetPolicy per distinct ARN (the caller leaves out policies the role already has). Without it IAM answers the
/// AttachRolePolicy of a missing policy with the same NoSuchEntity as a role it cannot see yet, so the write would be
/// retried for the whole eventual-consistency window and then blamed on the role. A caller without iam:GetPolicy gets a
/// warning and the writes go ahead (a failure then rolls a new role back, see <see cref="RoleRollback"/>).
/// </summary>
internal static class PolicyExistence
{
    /// <summary>Throws <c>PolicyNotFound</c> (ObjectNotFound) naming every policy that does not exist.</summary>
    public static async Task EnsureExistAsync(
        IrsaSession session, IReadOnlyCollection<string> policyArns, string? boundaryArn, CancellationToken cancellationToken)
    {
        var wanted = policyArns.Select(arn => (Arn: arn, What: "managed policy"))
            .Concat(boundaryArn is null ? [] : [(Arn: boundaryArn, What: "permissions boundary policy")])
            .GroupBy(p => p.Arn, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var results = await Task.WhenAll(wanted.Select(p => ExistsAsync(session, p.Arn, cancellationToken))).ConfigureAwait(false);
        var missing = wanted.Where((_, i) => results[i] == false).ToList();
        if (results.Any(r => r is null))
        {
            session.Host.WriteWarning(
                "Could not check that the policies exist (iam:GetPolicy was denied): " + string.Join(", ", wanted.Where((_, i) => results[i] is null).Select(p => p.Arn))
                + ". If one is missing, the role is removed again when attaching it fails.");
        }

        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(p => $"{p.What} {p.Arn}"));
            throw new IrsaException(
                ErrorIds.PolicyNotFound,
                IrsaErrorKind.NotFound,
                $"The {names} {(missing.Count == 1 ? "does" : "do")} not exist in this account's partition. Nothing was written. Check the ARN (AWS-managed policies are arn:<partition>:iam::aws:policy/<path><name>; list them with aws iam list-policies --scope AWS).",
                missing[0].Arn);
        }
    }

    /// <summary>True: it exists; false: IAM says NoSuchEntity; null: the caller may not read it.</summary>
    private static async Task<bool?> ExistsAsync(IrsaSession session, string arn, CancellationToken cancellationToken)
    {
        try
        {
            await session.Aws.Iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = arn }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.NotFound)
        {
            return false;
        }
        catch (AwsServiceException ex) when (ex.Kind == IrsaErrorKind.PermissionDenied)
        {
            return null;
        }
    }
}
