using System;
using System.Globalization;
using System.IO;

namespace IrsaPS.Core.Tests.Kubernetes;

/// <summary>
/// A scripted exec credential plugin (POSIX sh) for tests: it counts its runs, saves its arguments and
/// KUBERNETES_EXEC_INFO, and prints the n-th configured answer (the last one from then on), or fails.
/// </summary>
internal sealed class ExecPlugin
{
    private ExecPlugin(string directory) => Directory = directory;

    public string Directory { get; }

    public string Script => Path.Combine(Directory, "plugin.sh");

    public int Runs => File.Exists(Path.Combine(Directory, "runs")) ? File.ReadAllLines(Path.Combine(Directory, "runs")).Length : 0;

    public string[] LastArgs => File.ReadAllLines(Path.Combine(Directory, "args"));

    public string LastExecInfo => File.ReadAllText(Path.Combine(Directory, "info"));

    public string LastEnv(string name) => File.ReadAllText(Path.Combine(Directory, "env-" + name)).TrimEnd('\n');

    /// <summary>A plugin whose n-th run prints <paramref name="answers"/>[n] (the last answer afterwards).</summary>
    public static ExecPlugin Answering(string parent, params string[] answers)
    {
        var plugin = Create(parent);
        for (var i = 0; i < answers.Length; i++)
        {
            File.WriteAllText(Path.Combine(plugin.Directory, "answer-" + (i + 1).ToString(CultureInfo.InvariantCulture)), answers[i]);
        }

        plugin.WriteScript($"""
            n=$(wc -l < "$d/runs" | tr -d ' ')
            f="$d/answer-$n"
            [ -f "$f" ] || f="$d/answer-{answers.Length}"
            cat "$f"
            """);
        return plugin;
    }

    /// <summary>A plugin that writes <paramref name="stderr"/> and exits with <paramref name="exitCode"/>.</summary>
    public static ExecPlugin Failing(string parent, int exitCode, string stderr)
    {
        var plugin = Create(parent);
        File.WriteAllText(Path.Combine(plugin.Directory, "stderr"), stderr);
        plugin.WriteScript($"cat \"$d/stderr\" >&2\nexit {exitCode}");
        return plugin;
    }

    public static string TokenCredential(string token, string apiVersion = "client.authentication.k8s.io/v1", DateTimeOffset? expires = null) =>
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"" + apiVersion + "\",\"status\":{\"token\":\"" + token + "\""
        + (expires is { } e ? ",\"expirationTimestamp\":\"" + e.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\"" : string.Empty)
        + "}}";

    public static string CertificateCredential(string certificatePem, string keyPem, string apiVersion = "client.authentication.k8s.io/v1") =>
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"" + apiVersion + "\",\"status\":{\"clientCertificateData\":" + Json(certificatePem) + ",\"clientKeyData\":" + Json(keyPem) + "}}";

    /// <summary>The kubeconfig <c>user:</c> block that runs this plugin.</summary>
    public string UserYaml(string apiVersion = "client.authentication.k8s.io/v1", string interactiveMode = "Never", bool provideClusterInfo = false, string args = "[]", string env = "[]") =>
        $"""
            exec:
              apiVersion: {apiVersion}
              command: {Script}
              args: {args}
              env: {env}
              interactiveMode: {interactiveMode}
              provideClusterInfo: {(provideClusterInfo ? "true" : "false")}
              installHint: Install the test plugin.
        """;

    private static ExecPlugin Create(string parent)
    {
        var directory = Path.Combine(parent, "plugin-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        return new ExecPlugin(directory);
    }

    private void WriteScript(string body)
    {
        var script = $"""
            #!/bin/sh
            d='{Directory}'
            echo run >> "$d/runs"
            : > "$d/args"
            for a in "$@"; do printf '%s\n' "$a" >> "$d/args"; done
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$d/info"
            printf '%s\n' "$PLUGIN_MODE" > "$d/env-PLUGIN_MODE"
            {body}

            """;
        File.WriteAllText(Script, script.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
