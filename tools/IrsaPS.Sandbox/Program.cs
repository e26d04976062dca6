using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace IrsaPS.Sandbox;

/// <summary>The sandbox CLI: <c>start|stop|status &lt;dir&gt; [--seed file]</c> (and the internal <c>serve-kube</c>).</summary>
public static class Program
{
    private const string Usage = """
        IrsaPS sandbox: moto_server (IAM, EKS, STS) and a Kubernetes API stand-in on 127.0.0.1, for trying IrsaPS without AWS.

        Usage:
          sandbox start  <dir> [--seed <file.json>]   start both servers, write <dir>/kubeconfig, <dir>/env, <dir>/env.ps1, <dir>/sandbox.json
          sandbox status <dir>                        say what runs (exit 0 when both servers answer)
          sandbox stop   <dir>                        stop exactly the processes recorded in <dir>/sandbox.json (safe to repeat)
          sandbox faults-start <dir> [--rate 0.2] [--seed 1] [--kinds Throttle,ServerError,ServiceUnavailable] [--phases BeforeForward,AfterForward]
                                                      put a seeded fault-injecting proxy in front of moto_server; prints its endpoint
          sandbox faults-stop  <dir>                  stop that proxy (stop does too)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var commands = new SandboxCommands(Console.Out);
        using var cancel = new CancellationTokenSource();
        try
        {
            switch (args[0])
            {
                case "start":
                    string? seed = null;
                    if (args.Length == 4 && args[2] == "--seed")
                    {
                        seed = args[3];
                    }
                    else if (args.Length != 2)
                    {
                        Console.Error.WriteLine(Usage);
                        return 2;
                    }

                    return await commands.StartAsync(args[1], seed, cancel.Token);
                case "stop":
                    return commands.Stop(args[1]);
                case "status":
                    return await commands.StatusAsync(args[1], cancel.Token);
                case "serve-kube":
                    return await KubeServeCommand.RunAsync(args[1]);
                case "faults-start":
                    return await new FaultProxyCommands(Console.Out).StartAsync(args[1], args[2..], cancel.Token);
                case "faults-stop":
                    return new FaultProxyCommands(Console.Out).Stop(args[1]);
                case "serve-faults":
                    return await FaultProxyCommands.ServeAsync(args[1]);
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"sandbox {args[0]}: {ex.Message}");
            return 1;
        }
    }
}
