using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace IrsaPS.Sandbox;

/// <summary>
/// Starts servers that outlive the sandbox CLI, and finds or stops exactly those processes later.
/// On Unix the process is started through <c>/bin/sh -c 'exec setsid ...'</c> with its output appended to a log file and
/// stdin from /dev/null: it keeps the PID we record, leaves the caller's session and process group (a Ctrl-C or a CI
/// job's group kill does not take it down), and holds none of the caller's pipes. A process is identified by PID and
/// start time, so a recycled PID is never killed.
/// </summary>
public static class DetachedProcess
{
    public static Process Start(ProcessStartInfo template, string logFile)
    {
        ProcessStartInfo info;
        if (OperatingSystem.IsWindows())
        {
            // Windows does not stop children with their parent; without redirection the server has no console output.
            info = template;
            info.UseShellExecute = false;
            info.CreateNoWindow = true;
        }
        else
        {
            info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("exec \"$@\" </dev/null >>\"$IRSAPS_SANDBOX_LOG\" 2>&1");
            info.ArgumentList.Add("sh");
            if (File.Exists("/usr/bin/setsid") || File.Exists("/bin/setsid"))
            {
                info.ArgumentList.Add("setsid");
            }

            info.ArgumentList.Add(template.FileName);
            foreach (var argument in template.ArgumentList)
            {
                info.ArgumentList.Add(argument);
            }

            // Exactly the template's environment, also where it removed a variable (moto must not see AWS_PROFILE).
            info.Environment.Clear();
            foreach (var pair in template.Environment)
            {
                info.Environment[pair.Key] = pair.Value;
            }

            info.Environment["IRSAPS_SANDBOX_LOG"] = logFile;
            if (template.WorkingDirectory.Length > 0)
            {
                info.WorkingDirectory = template.WorkingDirectory;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{template.FileName} did not start.");
    }

    /// <summary>The start time the OS reports for a process we just started (UTC).</summary>
    public static DateTime StartTimeOf(Process process) => process.StartTime.ToUniversalTime();

    /// <summary>True when <paramref name="recorded"/> still runs (same PID, same start time, not a zombie).</summary>
    public static bool IsRunning(SandboxProcess recorded)
    {
        try
        {
            using var process = Process.GetProcessById(recorded.Pid);
            if (process.HasExited || IsZombie(recorded.Pid))
            {
                return false;
            }

            return Math.Abs((process.StartTime.ToUniversalTime() - recorded.StartTimeUtc).TotalSeconds) < 2;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Stops the recorded process if it is still that process. Returns false when it was not running.</summary>
    public static bool Stop(SandboxProcess recorded)
    {
        if (!IsRunning(recorded))
        {
            return false;
        }

        using var process = Process.GetProcessById(recorded.Pid);
        process.Kill(entireProcessTree: false);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && IsRunning(recorded))
        {
            System.Threading.Thread.Sleep(50);
        }

        return true;
    }

    /// <summary>The last lines of a log file, for error messages.</summary>
    public static string Tail(string logFile, int lines = 15)
    {
        try
        {
            return File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(lines)) : "(no log)";
        }
        catch (IOException)
        {
            return "(log unreadable)";
        }
    }

    // A killed process stays a zombie until its parent (init, for detached servers) reaps it.
    private static bool IsZombie(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!OperatingSystem.IsLinux() || !File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var end = text.LastIndexOf(')');
            return end > 0 && end + 2 < text.Length && text[end + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
