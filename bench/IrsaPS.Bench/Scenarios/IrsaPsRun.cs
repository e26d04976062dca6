using System;
using IrsaPS.Core.Aws;

namespace IrsaPS.Bench.Scenarios;

/// <summary>One IrsaPS run: wall time, the calls it made, and how many service accounts Test-IrsaTrust verified.</summary>
internal sealed record IrsaPsRun(TimeSpan Time, AwsCallCounter Aws, KubeRequestCounter Kube, int Allowed);
