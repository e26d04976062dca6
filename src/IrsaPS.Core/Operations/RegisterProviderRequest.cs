using System.Collections.Generic;
using System.Linq;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Policy;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>What Register-IrsaOidcProvider asks for.</summary>
public sealed record RegisterProviderRequest
{
    public string ClusterName { get; init; } = string.Empty;

    /// <summary>Client ids (audiences) the provider must list; sts.amazonaws.com when empty.</summary>
    public IReadOnlyList<string> ClientIds { get; init; } = [];

    /// <summary>
    /// Explicit thumbprints (40 hex digits). IAM validates EKS issuers against its own trusted CA library, so none are
    /// needed; give them (or <see cref="ComputeThumbprint"/>) only for tooling that insists on one.
    /// </summary>
    public IReadOnlyList<string> Thumbprints { get; init; } = [];

    /// <summary>Compute the thumbprint from the issuer's TLS chain (top intermediate CA, SHA-1).</summary>
    public bool ComputeThumbprint { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> EffectiveClientIds => ClientIds.Count == 0 ? [IrsaSubject.DefaultAudience] : ClientIds;

    public void Validate()
    {
        EksNames.ValidateClusterName(ClusterName);
        foreach (var clientId in EffectiveClientIds)
        {
            IrsaSubject.ValidateAudience(clientId);
        }

        if (ComputeThumbprint && Thumbprints.Count > 0)
        {
            throw new IrsaValidationException(ErrorIds.InvalidParameterCombination, "Give thumbprints or ask to compute one, not both.");
        }

        if (Thumbprints.Count > 5)
        {
            throw new IrsaValidationException(ErrorIds.InvalidThumbprint, $"{Thumbprints.Count} thumbprints given; IAM allows at most 5.");
        }

        foreach (var thumbprint in Thumbprints)
        {
            if (thumbprint.Length != 40 || !thumbprint.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F')))
            {
                throw new IrsaValidationException(ErrorIds.InvalidThumbprint, $"'{thumbprint}' is not a thumbprint: expected 40 hexadecimal digits (a SHA-1 hash).", thumbprint);
            }
        }

        foreach (var tag in Tags)
        {
            IamNames.ValidateTag(tag.Key, tag.Value);
        }
    }
}
