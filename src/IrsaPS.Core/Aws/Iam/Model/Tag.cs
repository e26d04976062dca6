namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>An IAM tag (key and value), as on roles and OIDC providers.</summary>
internal sealed class Tag
{
    public Tag()
    {
    }

    public Tag(string key, string value)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public override string ToString() => $"{Key}={Value}";
}
