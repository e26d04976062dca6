namespace IrsaPS.Core.Templates;

/// <summary>What an entry does when a parameter is not given.</summary>
internal enum TemplateParameterOmission
{
    /// <summary>Nothing can be rendered without it: TemplateParameterRequired.</summary>
    Required,

    /// <summary>
    /// It narrows a write upstream leaves on "*" for the user to narrow: TemplateScopeRequired, unless the caller
    /// passes -AllowUnscopedTemplate, in which case <see cref="TemplateParameter.Unscoped"/> is used and the change is
    /// confirmed as broadening.
    /// </summary>
    Scope,

    /// <summary>The statements that use it are left out (the feature they serve is not granted).</summary>
    Optional,

    /// <summary>Taken from the cluster (its name, region, account).</summary>
    FromCluster,
}

/// <summary>The kind of value a parameter takes.</summary>
internal enum TemplateParameterKind
{
    /// <summary>An ARN of <see cref="TemplateParameter.Service"/> whose resource starts with <see cref="TemplateParameter.ResourcePrefix"/>.</summary>
    Arn,

    /// <summary>Plain text (a cluster name, region or account from the cluster).</summary>
    Text,
}

/// <summary>A value a catalog entry takes, e.g. the hosted zones ExternalDNS may change.</summary>
internal sealed record TemplateParameter(
    string Name,
    string Description,
    TemplateParameterKind Kind,
    TemplateParameterOmission WhenOmitted,
    bool Multiple,
    string? Service,
    string? ResourcePrefix,
    string? Unscoped)
{
    public override string ToString() => Name;
}
