using System;
using System.Collections.Generic;
using IrsaPS.Emulators.Aws;
using IrsaPS.Emulators.Eks;
using IrsaPS.Emulators.CloudTrail;
using IrsaPS.Emulators.Iam;

namespace IrsaPS.Sandbox;

/// <summary>
/// The AWS operations the sandbox emulates in front of moto (which lacks them), hosted by the emulator process next to
/// the Kubernetes API stand-in. Each service answers its own operations; everything else goes on to moto.
/// </summary>
public static class SandboxAwsServices
{
    public static IReadOnlyList<IAwsEmulatedService> Create(StandInConfig config)
    {
        var services = new List<IAwsEmulatedService>();
        services.Add(new PodIdentityEmulator(new Uri(config.MotoEndpoint), SandboxPodIdentity.StoreFor(config)));
        services.Add(new CloudTrailEmulation(config.Region));
        services.Add(new RoleLastUsedEmulation());
        return services;
    }
}
