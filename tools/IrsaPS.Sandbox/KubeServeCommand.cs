using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Kubernetes;

namespace IrsaPS.Sandbox;

/// <summary>A token of the sandbox's API stand-in: who it is and which namespaces it may touch (null: all).</summary>
public sealed record StandInToken(string Token, string User, IReadOnlyList<string>? Namespaces);

/// <summary>
/// What <c>serve-kube</c> needs, written by <c>start</c> to <c>&lt;dir&gt;/kube/standin.json</c> (private: it holds tokens):
/// the stand-in's port, and the port of the AWS emulator layer it also hosts in front of moto (<paramref name="MotoEndpoint"/>).
/// </summary>
public sealed record StandInConfig(
    int Port,
    string Issuer,
    string Region,
    string CaPkcs12File,
    string SeedFile,
    IReadOnlyList<StandInToken> Tokens,
    int AwsPort,
    string MotoEndpoint,
    string ClusterName = SandboxCommands.ClusterName,
    string AccountId = "123456789012")
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static StandInConfig Load(string path) =>
        JsonSerializer.Deserialize<StandInConfig>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"'{path}' is empty.");

    public void Save(string path) => SandboxFiles.WritePrivate(path, JsonSerializer.Serialize(this, Options));
}

/// <summary>
/// <c>serve-kube &lt;config&gt;</c>: runs the Kubernetes API stand-in and the AWS emulator layer in front of moto (the
/// operations moto lacks, <see cref="SandboxAwsServices"/>) in the foreground until SIGTERM/SIGINT (or a kill).
/// <c>start</c> launches it as a detached process; it is not meant to be run by hand.
/// </summary>
public static class KubeServeCommand
{
    public static async Task<int> RunAsync(string configPath)
    {
        var config = StandInConfig.Load(configPath);
        using var authority = KubeCertificateAuthority.Load(File.ReadAllBytes(config.CaPkcs12File));
        var tokens = new Dictionary<string, KubeGrant>(StringComparer.Ordinal);
        foreach (var token in config.Tokens)
        {
            tokens[token.Token] = token.Namespaces is null ? KubeGrant.ClusterAdmin(token.User) : KubeGrant.InNamespaces(token.User, [.. token.Namespaces]);
        }

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var seed = KubeSeed.Load(config.SeedFile);
        var podIdentity = SandboxPodIdentity.StoreFor(config, seed);
        await using var standIn = await KubeApiStandIn.StartAsync(new KubeApiStandInOptions
        {
            Tls = true,
            Port = config.Port,
            Issuer = config.Issuer,
            CertificateAuthority = authority,
            WebhookRegion = config.Region,
            Tokens = tokens,
            Seed = seed,
            PodIdentity = podIdentity.ForCluster(config.Region, config.ClusterName),
        });
        await using var aws = await FaultProxy.StartAsync(new Uri(config.MotoEndpoint), FaultPlan.None, SandboxAwsServices.Create(config), config.AwsPort);
        Console.WriteLine($"{DateTime.UtcNow:u} IrsaPS Kubernetes API stand-in listening on {standIn.Endpoint} (pid {Environment.ProcessId}), issuer {config.Issuer}");
        Console.WriteLine($"{DateTime.UtcNow:u} IrsaPS AWS emulator layer listening on {aws.Endpoint}, in front of moto_server at {config.MotoEndpoint}");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"{DateTime.UtcNow:u} stopping.");
        }

        return 0;
    }
}
