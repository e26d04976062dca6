using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;
using IrsaPS.Bench.Engine;
using IrsaPS.Bench.Scenarios;

namespace IrsaPS.Bench;

/// <summary>
/// <c>engine [BenchmarkDotNet arguments]</c>, <c>scale [--namespaces 20] [--pods 50000] [--out file.md]</c>,
/// <c>side-by-side [--count 50] [--out file.md]</c>, <c>eksctl-pattern [--count 50] [--cfn-provisioning 1] [--out file.md]</c>,
/// <c>pod-identity-inventory [--service-accounts 20000] [--associations 2000] [--pods 20000] [--out file.md]</c>,
/// <c>pod-identity-migration [--count 50] [--out file.md]</c>,
/// <c>role-activity [--events 100000] [--roles 2000] [--api-events 100000] [--out file.md]</c>.
/// See docs/performance.md.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("Usage: IrsaPS.Bench engine [--filter *Decide*] | scale [--namespaces 20] [--pods 50000] [--out file] | side-by-side [--count 50] [--out file] | eksctl-pattern [--count 50] [--cfn-provisioning 1] [--out file] | pod-identity-inventory [--service-accounts 20000] [--associations 2000] [--pods 20000] [--out file] | pod-identity-migration [--count 50] [--out file] | role-activity [--events 100000] [--roles 2000] [--api-events 100000] [--out file]");
            return 2;
        }

        var rest = args.Skip(1).ToArray();
        switch (args[0])
        {
            case "engine":
                BenchmarkSwitcher.FromAssembly(typeof(TrustEngineBenchmarks).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest);
                return 0;
            case "scale":
                return Write(await ScaleScenario.RunAsync(Int(rest, "--namespaces", 20), Int(rest, "--pods", 50_000)), rest);
            case "side-by-side":
                return Write(await SideBySideScenario.RunAsync(Int(rest, "--count", 50)), rest);
            case "pod-identity-inventory":
                return Write(await PodIdentityInventoryScenario.RunAsync(Int(rest, "--service-accounts", 20_000), Int(rest, "--associations", 2_000), Int(rest, "--pods", 20_000)), rest);
            case "pod-identity-migration":
                return Write(await PodIdentityMigrationScenario.RunAsync(Int(rest, "--count", 50)), rest);
            case "role-activity":
                return Write(await RoleActivityScenario.RunAsync(Int(rest, "--events", 100_000), Int(rest, "--roles", 2_000), Int(rest, "--api-events", Int(rest, "--events", 100_000))), rest);
            case "eksctl-pattern":
                return Write(await EksctlPatternScenario.RunAsync(Int(rest, "--count", 50), TimeSpan.FromSeconds(Int(rest, "--cfn-provisioning", 1))), rest);
            default:
                Console.Error.WriteLine($"Unknown scenario '{args[0]}'.");
                return 2;
        }
    }

    private static int Write(string report, string[] args)
    {
        Console.WriteLine();
        Console.WriteLine(report);
        var index = Array.IndexOf(args, "--out");
        if (index >= 0 && index + 1 < args.Length)
        {
            File.WriteAllText(args[index + 1], report);
        }

        return 0;
    }

    private static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
