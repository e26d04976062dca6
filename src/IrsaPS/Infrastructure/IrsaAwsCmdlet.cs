using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IrsaPS.Completion;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Operations;

namespace IrsaPS.Infrastructure;

/// <summary>
/// The AWS connection parameters every cluster-facing cmdlet binds, named as in AWS.Tools, and the IrsaSession built
/// from them: created lazily on the pipeline thread at the first item, reused by every further item (a pipeline of 50
/// service accounts resolves its cluster once), one per region when objects piped in carry different regions
/// (Get-IrsaCluster -Region eu-west-1 | ...), disposed when the cmdlet ends.
/// </summary>
public abstract class IrsaAwsCmdlet : IrsaCmdlet
{
    private readonly Dictionary<string, IrsaSession> _sessions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The AWS region (e.g. us-east-1); else the profile's, else AWS_REGION / AWS_DEFAULT_REGION. Binds from objects that carry a Region (IrsaCluster).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>A profile of the shared AWS config/credentials files (keys, SSO, role_arn, credential_process, web identity).</summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>The shared credentials file to read profiles from.</summary>
    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    [ValidateNotNullOrEmpty]
    public string? ProfileLocation { get; set; }

    /// <summary>An AWS access key id (with -SecretKey).</summary>
    [Parameter]
    [Alias("AK")]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    /// <summary>The secret access key of -AccessKey. Never logged.</summary>
    [Parameter]
    [Alias("SecretAccessKey", "SK")]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    /// <summary>The session token of temporary keys. Never logged.</summary>
    [Parameter]
    [Alias("ST")]
    [ValidateNotNullOrEmpty]
    public string? SessionToken { get; set; }

    /// <summary>AWS credentials: an AWSCredentials object (Get-AWSCredential), or a PSCredential of access key id and secret key.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Credential { get; set; }

    /// <summary>One endpoint URL for IAM, EKS and STS (an emulator, a proxy).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    /// <summary>The longest one AWS call may take, retries included, in seconds (1-3600, default 40; the core checks the range).</summary>
    [Parameter]
    public int? TimeoutSec { get; set; }

    /// <summary>
    /// Runs one item's core operation with the session of the current connection settings. Bad connection settings
    /// stop the cmdlet (every item would fail alike); other failures are per item (see <see cref="IrsaCmdlet.TryRunOperation{T}"/>).
    /// </summary>
    internal bool TryRun<T>(object? target, Func<IrsaSession, CancellationToken, Task<T>> operation, out T result)
    {
        var session = GetSession();
        return TryRunOperation(target, (_, cancellationToken) => operation(session, cancellationToken), out result);
    }

    /// <summary>
    /// What -Region, -ProfileName, -Credential... say, checked on the pipeline thread, and after them the session defaults
    /// AWS.Tools users set with Set-DefaultAWSRegion and Set-AWSCredential ($StoredAWSRegion, $StoredAWSCredentials), in
    /// AWS.Tools' order (see <see cref="SessionDefaults"/>). The credential objects are converted by the core
    /// (CredentialObject): this assembly must never name an AWSSDK type (see the Loading folder).
    /// </summary>
    internal AwsConnectionSettings CreateAwsSettings()
    {
        var settings = new AwsConnectionSettings
        {
            Region = ParameterConversion.EmptyAsNull(Region),
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation is null ? null : ResolvePath(ProfileLocation),
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            EndpointUrl = EndpointUrl,
            CallTimeout = TimeoutSec is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            SessionRegion = SessionDefaults.Region(SessionState),
        };
        CredentialObject.Apply(settings, ParameterConversion.CredentialValue(Credential));
        if (SessionDefaults.Credentials(SessionState) is { } stored && !settings.HasExplicitCredentials)
        {
            CredentialObject.ApplySessionDefault(settings, stored);
        }

        return settings;
    }

    /// <summary>
    /// Writes one result. When this invocation's region was given (-Region, or bound from a piped object such as an
    /// IrsaCluster), a result without a Region of its own carries it as a Region note property, so the next cmdlet binds
    /// it by property name: <c>Get-IrsaCluster prod -Region eu-west-1 | New-IrsaRole ... | Set-IrsaServiceAccount |
    /// Test-IrsaTrust</c> stays in eu-west-1 although IrsaRole and IrsaServiceAccount have no Region property (without
    /// it the later cmdlets would look for the cluster in the default region and answer ClusterNotFound).
    /// </summary>
    internal void WriteResult(object? item)
    {
        if (SuppressesOutput())
        {
            return; // -WhatIf: see IrsaCmdlet.SuppressesOutput.
        }

        var region = ParameterConversion.EmptyAsNull(Region);
        if (item is null || region is null)
        {
            WriteObject(item);
            return;
        }

        var result = PSObject.AsPSObject(item);
        if (result.Properties[nameof(Region)] is null)
        {
            result.Properties.Add(new PSNoteProperty(nameof(Region), region));
        }

        WriteObject(result);
    }

    /// <summary>Writes every result of a collection (see <see cref="WriteResult"/>).</summary>
    internal void WriteResults(System.Collections.IEnumerable items)
    {
        foreach (var item in items)
        {
            WriteResult(item);
        }
    }

    /// <summary>The session settings; the Kubernetes-facing base adds -KubeConfig and -KubeContext.</summary>
    internal virtual IrsaSessionSettings CreateSettings() => new() { Aws = CreateAwsSettings() };

    internal IrsaSession GetSession()
    {
        var key = ParameterConversion.EmptyAsNull(Region) ?? string.Empty;
        if (_sessions.TryGetValue(key, out var session))
        {
            return session;
        }

        IrsaSessionSettings settings;
        try
        {
            settings = CreateSettings();
        }
        catch (IrsaException ex)
        {
            ThrowFailure(ex, null);
            throw;
        }

        session = new IrsaSession(settings, OperationHost);
        _sessions[key] = session;
        return session;
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        DisposeSessions();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeSessions();
        }

        base.Dispose(disposing);
    }

    private void DisposeSessions()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        _sessions.Clear();
    }
}
