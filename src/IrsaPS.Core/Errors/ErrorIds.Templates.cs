namespace IrsaPS.Core.Errors;

/// <summary>ErrorIds raised by the policy template catalog (IrsaPS.Core.Templates).</summary>
public static partial class ErrorIds
{
    /// <summary>No catalog entry has that name.</summary>
    public const string UnknownPolicyTemplate = nameof(UnknownPolicyTemplate);

    /// <summary>The entry exists, but not in the version asked for.</summary>
    public const string UnknownTemplateVersion = nameof(UnknownTemplateVersion);

    /// <summary>The entry has several roles (e.g. controller and node) and none was chosen, or the one named does not exist.</summary>
    public const string TemplateRoleRequired = nameof(TemplateRoleRequired);

    /// <summary>A parameter the entry needs (or one of a group of which one is needed) was not given.</summary>
    public const string TemplateParameterRequired = nameof(TemplateParameterRequired);

    /// <summary>
    /// A parameter that narrows a write upstream leaves on "*" was not given (or was given as a wildcard) and
    /// -AllowUnscopedTemplate was not passed.
    /// </summary>
    public const string TemplateScopeRequired = nameof(TemplateScopeRequired);

    /// <summary>-TemplateParameter names a parameter the entry does not have.</summary>
    public const string UnknownTemplateParameter = nameof(UnknownTemplateParameter);

    /// <summary>A parameter value is not of the expected shape (ARN service, resource type, partition, several values where one is allowed).</summary>
    public const string InvalidTemplateParameter = nameof(InvalidTemplateParameter);

    /// <summary>The rendered policy is larger than IAM's inline-policy quota per role.</summary>
    public const string TemplatePolicyTooLarge = nameof(TemplatePolicyTooLarge);

    /// <summary>A catalog file shipped with the module is malformed (a packaging bug, never user input).</summary>
    public const string InvalidTemplateCatalog = nameof(InvalidTemplateCatalog);
}
