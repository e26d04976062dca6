using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Iam.Model;
using IrsaPS.Core.Operations;
using IrsaPS.Core.Tests.Infrastructure;
using IrsaPS.Core.Tests.Operations;
using IrsaPS.Emulators.CloudTrail;
using IrsaPS.Emulators.Faults;
using IrsaPS.Emulators.Iam;
using IrsaPS.Emulators.Moto;

namespace IrsaPS.Core.Tests.Activity;

/// <summary>
/// An <see cref="IrsaWorld"/> (moto with cluster "demo", the Kubernetes stand-in) behind an emulator layer of its own
/// with CloudTrail and RoleLastUsed: roles of the generator's names are created in moto with IRSA trusts for demo's
/// issuer, and the generator's events are seeded into the emulated CloudTrail.
/// </summary>
internal sealed class ActivityTestWorld : IAsyncDisposable
{
    private ActivityTestWorld(IrsaWorld world, FaultProxy proxy, CloudTrailEmulation trail, RoleLastUsedEmulation lastUsed)
    {
        World = world;
        Proxy = proxy;
        Trail = trail;
        LastUsed = lastUsed;
    }

    public IrsaWorld World { get; }

    public FaultProxy Proxy { get; }

    public CloudTrailEmulation Trail { get; }

    public RoleLastUsedEmulation LastUsed { get; }

    public static async Task<ActivityTestWorld> StartAsync(IrsaWorld world, double emulatorRate = 0)
    {
        var trail = new CloudTrailEmulation(MotoFixture.Region, emulatorRate);
        var lastUsed = new RoleLastUsedEmulation();
        var proxy = await FaultProxy.StartAsync(world.Moto.Endpoint, FaultPlan.None, [trail, lastUsed], port: 0);
        return new ActivityTestWorld(world, proxy, trail, lastUsed);
    }

    /// <summary>A session through the emulator layer, as a cmdlet builds it.</summary>
    public IrsaSession Session(RecordingHost host, double? clientRate = 0, IAwsCallObserver? observer = null) => new(
        new IrsaSessionSettings
        {
            Aws = new AwsConnectionSettings
            {
                Region = MotoFixture.Region,
                AccessKey = MotoServer.AccessKey,
                SecretKey = MotoServer.SecretKey,
                EndpointUrl = Proxy.Endpoint.AbsoluteUri,
                Observer = observer,
                CloudTrailRequestsPerSecond = clientRate,
            },
            KubeConfigPath = World.KubeConfigPath,
            Options = IrsaWorld.FastOptions,
        },
        host);

    /// <summary>The trust IrsaPS writes: demo's provider, exact sub (one per subject) and aud.</summary>
    public string Trust(params string[] subjects)
    {
        var host = World.IssuerHostPath;
        var sub = subjects.Length == 1 ? JsonSerializer.Serialize(subjects[0]) : JsonSerializer.Serialize(subjects);
        return $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{{{World.ProviderArn}}}}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"{{{{host}}}}:sub":{{{{sub}}}},"{{{{host}}}}:aud":"sts.amazonaws.com"}}}]}
            """;
    }

    /// <summary>Creates role i of <paramref name="spec"/> trusting its service accounts 0..<paramref name="trusted"/>-1.</summary>
    public async Task CreateRolesAsync(TrailGenerationSpec spec, int trusted)
    {
        using var aws = World.Connect();
        for (var i = 0; i < spec.Roles; i++)
        {
            var subjects = Enumerable.Range(0, trusted).Select(k => spec.SubjectOf(i, k)).ToArray();
            await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = spec.RoleName(i), AssumeRolePolicyDocument = Trust(subjects) });
        }
    }

    /// <summary>What the events say, read with JsonDocument (independently of the parser under test).</summary>
    public static List<(string Role, string Subject, string? Error, DateTime Time, string Region)> WebIdentityFacts(IEnumerable<TrailEvent> events)
    {
        var facts = new List<(string, string, string?, DateTime, string)>();
        foreach (var e in events.Where(e => e.EventName == "AssumeRoleWithWebIdentity"))
        {
            using var document = JsonDocument.Parse(e.Record);
            var root = document.RootElement;
            facts.Add((
                root.GetProperty("requestParameters").GetProperty("roleArn").GetString()!,
                root.GetProperty("userIdentity").GetProperty("userName").GetString()!,
                root.TryGetProperty("errorCode", out var code) ? code.GetString() : null,
                e.Time,
                e.Region));
        }

        return facts;
    }

    public async ValueTask DisposeAsync() => await Proxy.DisposeAsync();
}
