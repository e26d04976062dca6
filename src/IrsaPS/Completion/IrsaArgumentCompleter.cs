using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Hosting;
using IrsaPS.Core.Operations;
using IrsaPS.Infrastructure;

namespace IrsaPS.Completion;

/// <summary>
/// The base of IrsaPS's tab completers: builds a session from the connection parameters already typed on the command
/// line (fakeBoundParameters: -Region, -ProfileName, -EndpointUrl, -KubeConfig, -ClusterName, -Namespace...), asks the
/// core for names within <see cref="Timeout"/>, and offers them quoted where needed. It never throws and never waits
/// longer: no answer in time, bad settings or no access simply complete nothing.
/// </summary>
public abstract class IrsaArgumentCompleter : IArgumentCompleter
{
    /// <summary>The longest a Tab press waits for AWS or Kubernetes.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var bound = new BoundValues(fakeBoundParameters);
            var names = Names(bound, wordToComplete);
            return names.Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name)).ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            return [];
        }
    }

    internal abstract Task<IReadOnlyList<string>> ListAsync(IrsaSession session, BoundValues bound, string typed, CancellationToken cancellationToken);

    /// <summary>Names for <paramref name="typed"/>, or none when the lookup fails or takes longer than <see cref="Timeout"/>.</summary>
    internal virtual IReadOnlyList<string> Names(BoundValues bound, string typed)
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var token = cancellation.Token;
        var task = Task.Run(
            async () =>
            {
                using var session = new IrsaSession(bound.Settings(), SilentHost.Instance);
                return await ListAsync(session, bound, typed, token).ConfigureAwait(false);
            },
            token);
        try
        {
            return task.Wait(Timeout) ? task.Result : [];
        }
        catch (AggregateException)
        {
            return [];
        }
    }

    internal static string Quote(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '+' or '=' or '@' or ',')
            ? name
            : "'" + name.Replace("'", "''") + "'";

    /// <summary>The parameters typed so far, as plain strings.</summary>
    internal sealed class BoundValues
    {
        private readonly IDictionary _values;

        public BoundValues(IDictionary values) => _values = values ?? new Hashtable();

        public string? this[string name]
        {
            get
            {
                if (!_values.Contains(name))
                {
                    return null;
                }

                var value = ParameterConversion.Unwrap(_values[name]);
                if (value is IList list)
                {
                    value = list.Count > 0 ? ParameterConversion.Unwrap(list[0]) : null;
                }

                return value is string text && text.Length > 0 ? text : null;
            }
        }

        public object? Raw(string name) => _values.Contains(name) ? _values[name] : null;

        public IrsaSessionSettings Settings()
        {
            var aws = new AwsConnectionSettings
            {
                Region = this["Region"],
                ProfileName = this["ProfileName"],
                ProfileLocation = FullPath(this["ProfileLocation"]),
                AccessKey = this["AccessKey"],
                SecretKey = this["SecretKey"],
                SessionToken = this["SessionToken"],
                EndpointUrl = this["EndpointUrl"],
                MaxErrorRetry = 0,
                Timeout = Timeout,
            };
            CredentialObject.Apply(aws, ParameterConversion.CredentialValue(Raw("Credential")));
            return new IrsaSessionSettings
            {
                Aws = aws,
                KubeConfigPath = FullPath(this["KubeConfig"]),
                KubeContext = this["KubeContext"],
                KubernetesClient = new Core.Kubernetes.KubernetesClientOptions { MaxAttempts = 1, RequestTimeout = Timeout },
            };
        }

        private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);
    }
}
