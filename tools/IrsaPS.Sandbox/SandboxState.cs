using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IrsaPS.Sandbox;

/// <summary>One process the sandbox started: its PID and start time (so a recycled PID is never mistaken for it).</summary>
public sealed record SandboxProcess(string Name, int Pid, DateTime StartTimeUtc, string Endpoint, string LogFile);

/// <summary>What <c>&lt;dir&gt;/sandbox.json</c> records about a running sandbox.</summary>
public sealed record SandboxState
{
    public const string FileName = "sandbox.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required SandboxProcess Moto { get; init; }

    /// <summary>The emulator process: the Kubernetes API stand-in, and (at <see cref="AwsEndpoint"/>) the AWS layer in front of moto.</summary>
    public required SandboxProcess Kubernetes { get; init; }

    /// <summary>Where AWS clients go: the emulator layer in front of moto (the operations moto lacks, then moto).</summary>
    public required string AwsEndpoint { get; init; }

    public required string ClusterName { get; init; }

    public required string Region { get; init; }

    public required string Issuer { get; init; }

    public required string AccountId { get; init; }

    public required string KubeConfig { get; init; }

    public required string EnvFile { get; init; }

    public required DateTime StartedUtc { get; init; }

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static SandboxState? Load(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SandboxState>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a sandbox state file ({ex.Message}). Stop the processes it names by hand, then delete it.", ex);
        }
    }

    public void Save(string directory) => File.WriteAllText(PathIn(directory), JsonSerializer.Serialize(this, Options));
}
