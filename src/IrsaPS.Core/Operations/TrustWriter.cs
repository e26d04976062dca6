using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;

namespace IrsaPS.Core.Operations;

/// <summary>
/// Writes a trust-policy edit so that it sticks although IAM has no conditional write. Two IrsaPS runs (or a person in
/// the console) may read the same document, each add their subject and write: the second write silently drops the
/// first one's subject. So after writing, the writer waits <see cref="IrsaOperationOptions.TrustSettleDelay"/>,
/// reads again, and if its edit is no longer there (someone overwrote it), merges it into the document it now sees
/// and writes again. It stops when its edit holds in a document that stayed unchanged for one settle period, and
/// gives up (with an error, not silently) after <see cref="IrsaOperationOptions.MaxTrustWriteAttempts"/> rounds.
/// Because every writer verifies its own edit this way, concurrent additions all end in the trust, and the merge
/// never loses statements it did not write.
/// Within one process (ForEach-Object -Parallel, runspaces, a host running many sessions) the read-edit-write of one
/// role is also serialized, and a writer that waited re-reads the trust first: concurrent edits from this process can
/// then never overwrite each other, however long retries delay a write. Across processes the settle check remains.
/// </summary>
internal static class TrustWriter
{
    private static readonly ConcurrentDictionary<string, RoleGate> Gates = new(StringComparer.Ordinal);

    public static async Task<PolicyDocument> ConvergeAsync(
        IrsaSession session, string roleName, PolicyDocument firstRead, Func<PolicyDocument, TrustPolicyEdit> edit, CancellationToken cancellationToken)
    {
        var options = session.Options;
        var current = firstRead;
        string? lastSeen = null;
        var gate = Gates.GetOrAdd((session.Settings.Aws.EndpointUrl ?? string.Empty) + "|" + roleName, _ => new RoleGate());
        for (var round = 1; round <= options.MaxTrustWriteAttempts; round++)
        {
            await gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var written = gate.LastWritten;
                if (written is not null && !string.Equals(written, current.ToJson(), StringComparison.Ordinal))
                {
                    // Another writer of this process wrote since our read: edit what is there now, not what we read.
                    current = await ReadTrustAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
                }

                var result = edit(current);
                if (result.Changed)
                {
                    if (result.IsEmpty)
                    {
                        throw EmptyTrust(roleName);
                    }

                    TrustPolicySize.EnsureWithinLimit(result.Document, options.TrustPolicySizeLimit);
                    if (round > 1)
                    {
                        session.Host.WriteVerbose($"The trust of role '{roleName}' changed under us (a concurrent writer); merging again (round {round}).");
                    }

                    await EventualConsistency.RetryWhileNotFoundAsync(
                        ct => session.Aws.Iam.UpdateAssumeRolePolicyAsync(
                            new UpdateAssumeRolePolicyRequest { RoleName = roleName, PolicyDocument = result.AfterJson }, ct),
                        $"Role '{roleName}'",
                        options,
                        cancellationToken).ConfigureAwait(false);
                    gate.LastWritten = result.Document.ToJson();
                    lastSeen = result.AfterJson;
                }
                else if (lastSeen is null)
                {
                    return current; // Nothing to write: the edit already holds.
                }
            }
            finally
            {
                gate.Lock.Release();
            }

            await Task.Delay(options.TrustSettleDelay, cancellationToken).ConfigureAwait(false);
            var reread = await ReadTrustAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
            var rereadJson = reread.ToJson();
            if (!edit(reread).Changed && string.Equals(rereadJson, lastSeen, StringComparison.Ordinal))
            {
                return reread; // Our edit holds and nobody else wrote during the settle period.
            }

            lastSeen = rereadJson;
            current = reread;
        }

        var final = await ReadTrustAsync(session.Aws, roleName, cancellationToken).ConfigureAwait(false);
        if (!edit(final).Changed)
        {
            return final; // It holds, but writers were still active; good enough to report success.
        }

        throw new IrsaException(
            ErrorIds.TrustNotConverged,
            IrsaErrorKind.Conflict,
            $"The trust of role '{roleName}' kept being overwritten by another writer for {options.MaxTrustWriteAttempts} rounds; the change is not in place. Run the command again when the other writer is done.",
            roleName);
    }

    /// <summary>The role's trust document (GetRole), parsed.</summary>
    public static async Task<PolicyDocument> ReadTrustAsync(AwsConnection aws, string roleName, CancellationToken cancellationToken)
    {
        var role = (await aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, cancellationToken).ConfigureAwait(false)).Role;
        return PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
    }

    public static IrsaException EmptyTrust(string roleName) => new(
        ErrorIds.TrustWouldBeEmpty,
        IrsaErrorKind.InvalidArgument,
        $"Removing this trust would leave role '{roleName}' with an empty trust policy, which IAM refuses. Delete the role with Remove-IrsaRole instead, or keep at least one subject.",
        roleName);

    /// <summary>One role's writers in this process: one at a time, and what the last of them wrote.</summary>
    private sealed class RoleGate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public string? LastWritten { get; set; }
    }
}
