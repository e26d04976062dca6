using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Kubernetes.Config;

namespace IrsaPS.Core.Kubernetes.Auth;

/// <summary>
/// Runs an exec credential plugin the way kubectl does: the command with its arguments, this process's environment
/// plus the plugin's <c>env</c> plus <c>KUBERNETES_EXEC_INFO</c>, no terminal (stdin is closed at once), stdout captured
/// as the ExecCredential. Failures name the plugin and the kubeconfig user; stderr is shown only after redaction.
/// </summary>
internal static class ExecPluginRunner
{
    public static async Task<string> RunAsync(KubeExecConfig exec, string userName, string execInfoJson, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(exec.Command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        ProcessArguments.Apply(info, exec.Args);
        foreach (var variable in exec.Env)
        {
            info.Environment[variable.Key] = variable.Value;
        }

        info.Environment["KUBERNETES_EXEC_INFO"] = execInfoJson;

        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(true);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            var hint = exec.InstallHint is null ? string.Empty : " " + exec.InstallHint.Trim();
            throw new KubernetesConfigException(
                ErrorIds.KubeExecPluginNotFound,
                IrsaErrorKind.NotFound,
                $"The credential plugin '{exec.Command}' of kubeconfig user '{userName}' could not be started ({ex.Message}).{hint}",
                userName,
                ex);
        }

        try
        {
            process.StandardInput.Close();
        }
        catch (System.IO.IOException)
        {
            // The plugin already exited; its exit code tells the rest.
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (timeoutSource.Token.Register(() => cancelled.TrySetResult(true)))
        {
            var first = await Task.WhenAny(exited.Task, cancelled.Task).ConfigureAwait(false);
            if (first != exited.Task && !process.HasExited)
            {
                TryKill(process);
                cancellationToken.ThrowIfCancellationRequested();
                throw new KubernetesConfigException(
                    ErrorIds.KubeExecPluginFailed,
                    IrsaErrorKind.Timeout,
                    $"The credential plugin '{exec.Describe()}' of kubeconfig user '{userName}' did not finish within {timeout.TotalSeconds:0} s and was stopped. "
                    + "If it waits for a browser or a prompt, log in once in a terminal (e.g. 'aws sso login'), then try again.",
                    userName);
            }
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var detail = SecretRedactor.Redact(errors, 1500);
            throw new KubernetesConfigException(
                ErrorIds.KubeExecPluginFailed,
                IrsaErrorKind.AuthenticationFailed,
                $"The credential plugin '{exec.Describe()}' of kubeconfig user '{userName}' failed with exit code {process.ExitCode}"
                + (detail.Length > 0 ? ": " + detail : "."),
                userName);
        }

        return output;
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        catch (Win32Exception)
        {
            // Not ours to kill any more.
        }
    }
}
