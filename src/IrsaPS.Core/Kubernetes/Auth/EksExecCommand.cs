using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using k8s.KubeConfigModels;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// Recognises the exec plugins that only mint an EKS token: <c>aws [--region R] [--profile P] eks get-token --cluster-name X</c>
/// (or <c>--cluster-id</c>) and <c>aws-iam-authenticator token -i X</c>. Such a plugin can be replaced by an
/// <see cref="IEksTokenSource"/>. Anything that changes the identity or the endpoint (<c>--role-arn</c>, <c>-r</c>,
/// unknown options, environment other than the profile and region) keeps the real plugin, so behaviour never differs.
/// </summary>
internal static class EksExecCommand
{
    private const string Cluster = "cluster", Region = "region", Profile = "profile", Ignored = "";

    // Per program: the words it must be given in order, the flags that change nothing, and what each option sets.
    // Any other option (--role-arn, --endpoint-url, -r, session names, unknown) keeps the real plugin.
    private static readonly Dictionary<string, Program> Programs = new(StringComparer.Ordinal)
    {
        ["aws"] = new(
            ["eks", "get-token"],
            ["--no-cli-pager", "--debug", "--no-paginate"],
            new(StringComparer.Ordinal)
            {
                ["--cluster-name"] = Cluster,
                ["--cluster-id"] = Cluster,
                ["--region"] = Region,
                ["--profile"] = Profile,
                ["--output"] = Ignored,
                ["--color"] = Ignored,
                ["--cli-read-timeout"] = Ignored,
                ["--cli-connect-timeout"] = Ignored,
            }),
        ["aws-iam-authenticator"] = new(
            ["token"],
            [],
            new(StringComparer.Ordinal) { ["-i"] = Cluster, ["--cluster-id"] = Cluster, ["--region"] = Region }),
    };

    private static readonly string[] ProgramExtensions = [".exe", ".cmd", ".bat"];
    private static readonly HashSet<string> HarmlessEnvironment = new(StringComparer.Ordinal) { "AWS_STS_REGIONAL_ENDPOINTS", "AWS_PAGER" };

    /// <summary>The token request the plugin stands for, or null when it must run as configured.</summary>
    public static EksTokenRequest? TryParse(ExternalExecution exec)
    {
        if (!Programs.TryGetValue(ProgramName(exec.Command ?? string.Empty), out var program))
        {
            return null;
        }

        var args = exec.Arguments?.ToList() ?? [];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = 0;
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith('-'))
            {
                if (words == program.Words.Length || args[i] != program.Words[words++])
                {
                    return null;
                }
            }
            else if (!program.Flags.Contains(args[i]))
            {
                if (!TakeValue(args, ref i, out var name, out var value) || !program.Options.TryGetValue(name, out var sets))
                {
                    return null;
                }

                values[sets] = value;
            }
        }

        if (words < program.Words.Length || values.GetValueOrDefault(Cluster) is not { Length: > 0 } cluster)
        {
            return null;
        }

        var (region, profile) = (values.GetValueOrDefault(Region), values.GetValueOrDefault(Profile));
        foreach (var variable in exec.EnvironmentVariables ?? [])
        {
            var value = variable.GetValueOrDefault("value") is { Length: > 0 } set ? set : null;
            switch (variable.GetValueOrDefault("name"))
            {
                case "AWS_PROFILE":
                    profile ??= value;
                    break;
                case "AWS_REGION":
                case "AWS_DEFAULT_REGION":
                    region ??= value;
                    break;
                case var other when !HarmlessEnvironment.Contains(other ?? string.Empty):
                    return null;
            }
        }

        return new EksTokenRequest(cluster, region, profile);
    }

    private static string ProgramName(string command)
    {
        var name = Path.GetFileName(command);
        var extension = ProgramExtensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return extension is null ? name : name.Substring(0, name.Length - extension.Length);
    }

    // "--name value" or "--name=value".
    private static bool TakeValue(IReadOnlyList<string> args, ref int index, out string name, out string value)
    {
        var arg = args[index];
        var equals = arg.IndexOf('=');
        if (equals > 0)
        {
            name = arg.Substring(0, equals);
            value = arg.Substring(equals + 1);
            return true;
        }

        name = arg;
        if (index + 1 < args.Count)
        {
            value = args[++index];
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>One token-only program: its words in order, its harmless flags, and what each of its options sets.</summary>
    private sealed record Program(string[] Words, HashSet<string> Flags, Dictionary<string, string> Options);
}
