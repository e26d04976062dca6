using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Text;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// Passes an argument list to a child process exactly. On .NET Core the runtime's <c>ProcessStartInfo.ArgumentList</c>
/// (absent from netstandard2.0) is used through reflection; on .NET Framework the arguments are quoted with the
/// rules the C runtime uses to split a command line (backslashes before quotes doubled, quotes escaped).
/// </summary>
internal static class ProcessArguments
{
    private static readonly System.Reflection.PropertyInfo? ArgumentListProperty =
        typeof(ProcessStartInfo).GetProperty("ArgumentList");

    public static void Apply(ProcessStartInfo info, IReadOnlyList<string> args)
    {
        if (ArgumentListProperty?.GetValue(info) is Collection<string> list)
        {
            foreach (var arg in args)
            {
                list.Add(arg);
            }

            return;
        }

        info.Arguments = Join(args);
    }

    /// <summary>One command line whose C-runtime split gives back <paramref name="args"/>.</summary>
    public static string Join(IReadOnlyList<string> args)
    {
        var builder = new StringBuilder();
        foreach (var arg in args)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            AppendQuoted(builder, arg);
        }

        return builder.ToString();
    }

    private static void AppendQuoted(StringBuilder builder, string arg)
    {
        if (arg.Length > 0 && arg.IndexOfAny([' ', '\t', '\n', '\v', '"']) < 0)
        {
            builder.Append(arg);
            return;
        }

        builder.Append('"');
        var backslashes = 0;
        foreach (var c in arg)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            if (c == '"')
            {
                builder.Append('\\', (backslashes * 2) + 1);
            }
            else
            {
                builder.Append('\\', backslashes);
            }

            backslashes = 0;
            builder.Append(c);
        }

        builder.Append('\\', backslashes * 2);
        builder.Append('"');
    }
}
