using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Verification;

/// <summary>How Test-IrsaTrust tests: which role (-RoleArn), whether to prove it live (-Live), how many at once.</summary>
internal sealed class TrustTestOptions
{
    public static readonly TrustTestOptions Default = new();

    /// <summary>Test this role instead of the service account's annotation (-RoleArn).</summary>
    public string? RoleArn { get; init; }

    /// <summary>Also request a token, call AssumeRoleWithWebIdentity and GetCallerIdentity (-Live).</summary>
    public bool Live { get; init; }

    /// <summary>The lifetime asked for the -Live token (the API server's minimum, 600 s, by default).</summary>
    public long LiveTokenExpirationSeconds { get; init; } = LiveTrustProbe.MinimumTokenSeconds;

    /// <summary>How many service accounts -AllNamespaces tests at once (1-32).</summary>
    public int MaxParallelism { get; init; } = 8;

    /// <summary>
    /// Checks what Test-IrsaTrust was given before it reads anything: the namespace and name (when one service account is
    /// tested) and -RoleArn, with the same validators Set-IrsaServiceAccount and New-IrsaRole use.
    /// </summary>
    public void Validate(string? @namespace = null, string? serviceAccountName = null)
    {
        if (@namespace is not null)
        {
            KubernetesNames.ValidateNamespace(@namespace);
        }

        if (serviceAccountName is not null)
        {
            KubernetesNames.ValidateServiceAccountName(serviceAccountName);
        }

        if (RoleArn is not null)
        {
            Arn.ParseRole(RoleArn);
        }
    }
}
