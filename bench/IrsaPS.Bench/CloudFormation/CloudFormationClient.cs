using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Bench.CloudFormation;

/// <summary>
/// The three CloudFormation calls eksctl's <c>create iamserviceaccount</c> makes (CreateStack, DescribeStacks,
/// ListStacks), over the Query protocol on the same AWSSDK.Core pipeline as IrsaPS's IAM client (SigV4, standard
/// retries, the connection's endpoint and observer): every call is counted by the connection's
/// <see cref="AwsCallCounter"/> as <c>"CloudFormation &lt;Operation&gt;"</c>. Benchmark code only; IrsaPS itself never
/// calls CloudFormation.
/// </summary>
internal sealed class CloudFormationClient : IDisposable
{
    public const string ServiceName = "CloudFormation";

    /// <summary>SDK service id CloudFormation (so <c>AWS_ENDPOINT_URL_CLOUDFORMATION</c> works), signing name, API version 2010-05-15.</summary>
    internal static readonly ServiceDescription Service = new(ServiceName, "cloudformation", "2010-05-15", IsGlobal: false);

    private readonly ServiceClient _client;
    private readonly AwsCallRunner _runner;

    public CloudFormationClient(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var config = new AwsServiceConfig(Service, connection.Region, connection.Observer);
        if (connection.EndpointUrl is not null)
        {
            // After the region (set by the config's constructor): the two clear each other.
            config.ServiceURL = connection.EndpointUrl.AbsoluteUri;
        }

        _client = new ServiceClient(connection.Credentials, config);
        _runner = new AwsCallRunner(ServiceName, connection.Observer);
    }

    /// <summary>CreateStack; returns the new stack's id (ARN).</summary>
    public Task<string> CreateStackAsync(CreateStackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new QueryRequest(Service, "CreateStack");
        call.Writer
            .Add("StackName", request.StackName)
            .Add("TemplateBody", request.TemplateBody)
            .Add("DisableRollback", request.DisableRollback is { } disable ? (disable ? "true" : "false") : null)
            .AddList("Capabilities", request.Capabilities);
        for (var i = 0; i < request.Tags.Count; i++)
        {
            var prefix = "Tags.member." + (i + 1).ToString(CultureInfo.InvariantCulture);
            call.Writer.Add(prefix + ".Key", request.Tags[i].Key).Add(prefix + ".Value", request.Tags[i].Value);
        }

        return RunAsync(call, request.StackName, result => result.Text("StackId") ?? throw Malformed("CreateStack", "StackId"), cancellationToken);
    }

    /// <summary>DescribeStacks for one stack (name or id). Unknown stacks fail with AwsErrorCode <c>ValidationError</c>.</summary>
    public Task<IReadOnlyList<CloudFormationStack>> DescribeStacksAsync(string stackName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stackName);
        var call = new QueryRequest(Service, "DescribeStacks");
        call.Writer.Add("StackName", stackName);
        return RunAsync<IReadOnlyList<CloudFormationStack>>(call, stackName, result => result.Members("Stacks").Select(ReadStack).ToList(), cancellationToken);
    }

    /// <summary>One ListStacks page with a status filter (eksctl passes every non-deleted status).</summary>
    public Task<ListStacksPage> ListStacksAsync(IReadOnlyList<string> statusFilter, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        var call = new QueryRequest(Service, "ListStacks");
        call.Writer.AddList("StackStatusFilter", statusFilter).Add("NextToken", nextToken);
        return RunAsync(
            call,
            null,
            result => new ListStacksPage(
                result.Members("StackSummaries")
                    .Select(s => new CloudFormationStackSummary(s.Text("StackName") ?? string.Empty, s.Text("StackId") ?? string.Empty, s.Text("StackStatus") ?? string.Empty))
                    .ToList(),
                string.IsNullOrEmpty(result.Text("NextToken")) ? null : result.Text("NextToken")),
            cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private static CloudFormationStack ReadStack(XElement stack) => new(
        stack.Text("StackName") ?? string.Empty,
        stack.Text("StackId") ?? string.Empty,
        stack.Text("StackStatus") ?? string.Empty,
        stack.Text("StackStatusReason"),
        Pairs(stack, "Outputs", "OutputKey", "OutputValue"),
        Pairs(stack, "Tags", "Key", "Value"));

    private static Dictionary<string, string> Pairs(XElement parent, string list, string key, string value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in parent.Members(list))
        {
            if (member.Text(key) is { } k)
            {
                result[k] = member.Text(value) ?? string.Empty;
            }
        }

        return result;
    }

    private Task<T> RunAsync<T>(QueryRequest call, string? target, Func<XElement?, T> read, CancellationToken cancellationToken) =>
        _runner.RunAsync(
            call.Operation,
            target,
            async token =>
            {
                var response = await _client.QueryAsync(call, token);
                return read(response.Result);
            },
            cancellationToken);

    private static InvalidOperationException Malformed(string operation, string element) =>
        new($"CloudFormation {operation} answered without {element}.");
}
