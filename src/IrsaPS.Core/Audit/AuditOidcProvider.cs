using System.Collections.Generic;

namespace IrsaPS.Core.Audit;

/// <summary>An IAM OIDC provider of the account. <see cref="ClientIds"/> is null unless GetOpenIDConnectProvider was called for it.</summary>
internal sealed class AuditOidcProvider
{
    public string Arn { get; init; } = string.Empty;

    /// <summary>The issuer host/path the ARN names (null when the ARN is not an OIDC provider ARN IrsaPS can read).</summary>
    public string? IssuerHostPath { get; init; }

    public IReadOnlyList<string>? ClientIds { get; init; }

    public override string ToString() => Arn;
}
