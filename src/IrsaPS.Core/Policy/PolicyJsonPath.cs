using System.Globalization;

namespace IrsaPS.Core.Policy;

/// <summary>JSON paths for error messages: <c>$.Statement[0].Condition.StringEquals['oidc.example.com:sub']</c>.</summary>
internal static class PolicyJsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IsPlainName(name) ? parent + "." + name : parent + "['" + name.Replace("'", "\\'") + "']";

    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
