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
    private static readonly HashSet<string> HarmlessAwsFlags = new(StringComparer.Ordinal) { "--no-cli-pager", "--debug", "--no-paginate" };
    private static readonly HashSet<string> HarmlessAwsOptions = new(StringComparer.Ordinal) { "--output", "--color", "--cli-read-timeout", "--cli-connect-timeout" };
    private static readonly string[] ProgramExtensions = [".exe", ".cmd", ".bat"];
    private static readonly HashSet<string> HarmlessEnvironment = new(StringComparer.Ordinal) { "AWS_STS_REGIONAL_ENDPOINTS", "AWS_PAGER" };

    /// <summary>The token request the plugin stands for, or null when it must run as configured.</summary>
    public static EksTokenRequest? TryParse(ExternalExecution exec)
    {
        var args = exec.Arguments?.ToList() ?? [];
        var parsed = ProgramName(exec.Command ?? string.Empty) switch
        {
            "aws" => ParseAws(args),
            "aws-iam-authenticator" => ParseAuthenticator(args),
            _ => null,
        };
        if (parsed is null)
        {
            return null;
        }

        var (cluster, region, profile) = parsed.Value;
        foreach (var variable in exec.EnvironmentVariables ?? [])
        {
            var value = variable.GetValueOrDefault("value") ?? string.Empty;
            switch (variable.GetValueOrDefault("name"))
            {
                case "AWS_PROFILE":
                    profile ??= NullIfEmpty(value);
                    break;
                case "AWS_REGION":
                case "AWS_DEFAULT_REGION":
                    region ??= NullIfEmpty(value);
                    break;
                default:
                    if (!HarmlessEnvironment.Contains(variable.GetValueOrDefault("name") ?? string.Empty))
                    {
                        return null;
                    }

                    break;
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

    private static (string Cluster, string? Region, string? Profile)? ParseAws(IReadOnlyList<string> args)
    {
        string? cluster = null, region = null, profile = null;
        var sawEks = false;
        var sawGetToken = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!sawEks && arg == "eks")
                {
                    sawEks = true;
                }
                else if (sawEks && !sawGetToken && arg == "get-token")
                {
                    sawGetToken = true;
                }
                else
                {
                    return null;
                }

                continue;
            }

            if (HarmlessAwsFlags.Contains(arg))
            {
                continue;
            }

            if (!TakeValue(args, ref i, out var name, out var value))
            {
                return null;
            }

            switch (name)
            {
                case "--cluster-name":
                case "--cluster-id":
                    cluster = value;
                    break;
                case "--region":
                    region = value;
                    break;
                case "--profile":
                    profile = value;
                    break;
                default:
                    if (!HarmlessAwsOptions.Contains(name))
                    {
                        return null; // --role-arn, --endpoint-url and anything unknown: keep the real plugin.
                    }

                    break;
            }
        }

        return sawEks && sawGetToken && !string.IsNullOrEmpty(cluster) ? (cluster!, region, profile) : null;
    }

    private static (string Cluster, string? Region, string? Profile)? ParseAuthenticator(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "token")
        {
            return null;
        }

        string? cluster = null, region = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("-", StringComparison.Ordinal) || !TakeValue(args, ref i, out var name, out var value))
            {
                return null;
            }

            switch (name)
            {
                case "-i":
                case "--cluster-id":
                    cluster = value;
                    break;
                case "--region":
                    region = value;
                    break;
                default:
                    return null; // -r/--role, session names, unknown: keep the real plugin.
            }
        }

        return string.IsNullOrEmpty(cluster) ? null : (cluster!, region, null);
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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
