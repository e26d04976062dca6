using System.Text;

namespace IrsaPS.Core.Verification;

/// <summary>
/// The concrete commands fixes point to, with PowerShell quoting. Only cmdlets and parameters of the public contract
/// (the cmdlets docs/architecture.md lists) and plain aws CLI commands are suggested.
/// </summary>
internal static class FixCommands
{
    public static string AddRoleTrust(string roleName, string? clusterName, string ns, string serviceAccountName) =>
        new StringBuilder("Add-IrsaRoleTrust -RoleName ").Append(Quote(roleName))
            .Append(Cluster(clusterName))
            .Append(" -Namespace ").Append(Quote(ns))
            .Append(" -ServiceAccountName ").Append(Quote(serviceAccountName))
            .ToString();

    public static string NewRole(string roleName, string? clusterName, string ns, string serviceAccountName) =>
        new StringBuilder("New-IrsaRole -RoleName ").Append(Quote(roleName))
            .Append(Cluster(clusterName))
            .Append(" -Namespace ").Append(Quote(ns))
            .Append(" -ServiceAccountName ").Append(Quote(serviceAccountName))
            .ToString();

    public static string RegisterProvider(string? clusterName) =>
        "Register-IrsaOidcProvider" + (clusterName is null ? string.Empty : " -ClusterName " + Quote(clusterName));

    public static string SetServiceAccount(string ns, string serviceAccountName, string? roleArn, string? audience = null)
    {
        var text = new StringBuilder("Set-IrsaServiceAccount -Namespace ").Append(Quote(ns))
            .Append(" -ServiceAccountName ").Append(Quote(serviceAccountName));
        if (roleArn is not null)
        {
            text.Append(" -RoleArn ").Append(Quote(roleArn));
        }

        if (audience is not null)
        {
            text.Append(" -Audience ").Append(Quote(audience));
        }

        return text.ToString();
    }

    public static string AddClientId(string providerArn, string audience) =>
        "aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn " + ShellQuote(providerArn) + " --client-id " + ShellQuote(audience);

    public static string UpdateTrust(string roleName) =>
        "aws iam update-assume-role-policy --role-name " + ShellQuote(roleName) + " --policy-document file://trust.json";

    /// <summary>A PowerShell argument: bare when it is plainly safe, else single-quoted with quotes doubled.</summary>
    public static string Quote(string value)
    {
        if (IsPlain(value))
        {
            return value;
        }

        return "'" + value.Replace("'", "''") + "'";
    }

    /// <summary>A POSIX shell argument: bare when plainly safe, else single-quoted.</summary>
    public static string ShellQuote(string value) => IsPlain(value) ? value : "'" + value.Replace("'", "'\\''") + "'";

    private static string Cluster(string? clusterName) => clusterName is null ? string.Empty : " -ClusterName " + Quote(clusterName);

    private static bool IsPlain(string value)
    {
        if (value.Length == 0 || value[0] == '-')
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' or '/' or ':';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
