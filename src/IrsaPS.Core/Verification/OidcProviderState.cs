using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Verification;

/// <summary>Whether the IAM OIDC provider a token is checked against exists, as far as IrsaPS could see.</summary>
internal enum OidcProviderStatus
{
    /// <summary>The provider exists; <see cref="OidcProviderState.ClientIds"/> holds its audiences.</summary>
    Exists,

    /// <summary>The provider does not exist in the role's account.</summary>
    NotFound,
}

/// <summary>What IrsaPS knows about one IAM OIDC provider.</summary>
internal sealed class OidcProviderState
{
    private OidcProviderState(string arn, OidcProviderStatus status, IReadOnlyList<string> clientIds)
    {
        Arn = arn;
        Status = status;
        ClientIds = clientIds;
    }

    public string Arn { get; }

    public OidcProviderStatus Status { get; }

    /// <summary>The provider's client ids (audiences); empty unless it exists.</summary>
    public IReadOnlyList<string> ClientIds { get; }

    public static OidcProviderState Found(string arn, IEnumerable<string> clientIds) =>
        new(arn, OidcProviderStatus.Exists, new List<string>(clientIds ?? throw new ArgumentNullException(nameof(clientIds))));

    public static OidcProviderState Missing(string arn) => new(arn, OidcProviderStatus.NotFound, []);

    /// <summary>True when the provider exists and lists <paramref name="audience"/> (IAM compares client ids exactly).</summary>
    public bool Lists(string audience)
    {
        foreach (var clientId in ClientIds)
        {
            if (string.Equals(clientId, audience, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"{Arn} ({Status})";
}
