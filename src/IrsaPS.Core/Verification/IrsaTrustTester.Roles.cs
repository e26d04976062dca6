using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Verification;

// Test-IrsaTrust for a role without a service account (Get-IrsaRole | Test-IrsaTrust): every service account it admits.
internal sealed partial class IrsaTrustTester
{
    /// <summary>
    /// Tests every service account of <paramref name="cluster"/> that <paramref name="roleArn"/>'s trust names exactly,
    /// each against that role, in namespace/name order: what <c>Get-IrsaRole | Test-IrsaTrust</c> means for a role that
    /// admits several service accounts. Patterns (<c>web/*</c>) cannot be tested without a name and are reported as a
    /// warning; subjects of other issuers are not this cluster's. One GetRole for the role, one read per service account.
    /// </summary>
    public async Task<IReadOnlyList<IrsaTrustResult>> TestRoleAsync(TrustClusterContext cluster, string roleArn, TrustTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (cluster is null)
        {
            throw new ArgumentNullException(nameof(cluster));
        }

        var role = Arn.ParseRole(roleArn);
        options = Validate(options);
        var trust = await GetRoleAsync(role.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new IrsaException(ErrorIds.RoleNotFound, IrsaErrorKind.NotFound, $"IAM role '{role.Name}' does not exist in this account.", roleArn);
        if (trust.Report is not { } report)
        {
            throw new IrsaException(
                ErrorIds.MalformedPolicyDocument, IrsaErrorKind.InvalidData, $"The trust policy of role '{role.Name}' could not be read ({trust.ParseError}).", roleArn);
        }

        var ofCluster = report.Subjects.Where(s => cluster.Issuer is not null && s.Issuer.Equals(cluster.Issuer)).ToList();
        foreach (var pattern in ofCluster.Where(s => s.IsPattern).Select(s => s.Namespace + "/" + s.ServiceAccountName).Distinct(StringComparer.Ordinal))
        {
            _host.WriteWarning($"Role '{role.Name}' admits the pattern {pattern}; test a matching service account by name (Test-IrsaTrust -ServiceAccountName <namespace/name> -RoleArn {roleArn}).");
        }

        var exact = ofCluster.Where(s => !s.IsPattern)
            .Select(s => (s.Namespace, s.ServiceAccountName))
            .Distinct()
            .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.ServiceAccountName, StringComparer.Ordinal)
            .ToList();
        if (exact.Count == 0)
        {
            _host.WriteWarning($"Role '{role.Name}' admits no service account of cluster '{cluster.ClusterName}' by name.");
            return [];
        }

        var withRole = new TrustTestOptions { RoleArn = roleArn, Live = options.Live, LiveTokenExpirationSeconds = options.LiveTokenExpirationSeconds, MaxParallelism = options.MaxParallelism };
        var results = new IrsaTrustResult[exact.Count];
        using var gate = new SemaphoreSlim(options.MaxParallelism);
        await Task.WhenAll(exact.Select(async (subject, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                results[i] = await TestAsync(cluster, subject.Namespace, subject.ServiceAccountName, withRole, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return results;
    }
}
