using System.Threading.Tasks;
using IrsaPS.Bench.CloudFormation;
using IrsaPS.Core.Aws.Eks.Model;
using IrsaPS.Core.Aws.Iam.Model;

namespace IrsaPS.Bench.Scenarios;

/// <summary>
/// One uncounted call to every service a comparison run uses, before its clock starts. moto loads a service's backend
/// on its first request (STS about 0.5 s, CloudFormation about 1.3 s, because its template parser imports every other
/// backend), and the first TLS connection to the Kubernetes stand-in costs a handshake: emulator start-up, not the cost
/// of either tool, so both sides of a comparison get the same warm start.
/// </summary>
internal static class SandboxWarmUp
{
    public static async Task RunAsync(BenchSandbox sandbox)
    {
        using var aws = sandbox.ConnectAws();
        using var cloudFormation = new CloudFormationClient(aws);
        using var kube = sandbox.ConnectKubernetes();
        await aws.Sts.GetCallerIdentityAsync();
        await aws.Eks.DescribeClusterAsync(new DescribeClusterRequest { Name = sandbox.ClusterName });
        await aws.Iam.ListOpenIDConnectProvidersAsync(new ListOpenIDConnectProvidersRequest());
        await cloudFormation.ListStacksAsync(StackStatus.AllNonDeleted);
        await kube.GetVersionAsync();
    }
}
