using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using IrsaPS.Core.Aws.Ec2;
using IrsaPS.Core.Aws.Eks;
using IrsaPS.Core.Aws.Iam;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Aws.Sts;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws;

/// <summary>
/// A resolved way to reach AWS: region, partition, credentials, optional endpoint override and observer, with
/// lazily created, thread-safe IAM, EKS, STS and EC2 clients. <see cref="Create(AwsConnectionSettings)"/> checks
/// everything it can before any request is sent: bad settings, a missing region or missing credentials fail there
/// with a specific ErrorId. One connection serves any number of parallel calls; dispose it when done.
/// </summary>
internal sealed partial class AwsConnection : IDisposable
{
    private readonly Lazy<ServiceClient> _iamService;
    private readonly Lazy<ServiceClient> _eksService;
    private readonly Lazy<ServiceClient> _ec2Service;
    private readonly Lazy<ObservedStsClient> _stsSigned;
    private readonly Lazy<ObservedStsClient> _stsAnonymous;
    private readonly Lazy<IamClient> _iam;
    private readonly Lazy<EksClient> _eks;
    private readonly Lazy<StsClient> _sts;
    private readonly Lazy<Ec2Client> _ec2;
    private readonly string? _profileName;
    private readonly string? _profileLocation;
    private readonly object _gate = new();
    private Task<CallerIdentity>? _callerIdentity;

    private AwsConnection(AwsConnectionSettings settings, string region, AWSCredentials credentials, Uri? endpointUrl, CredentialProfile? profile, AwsCallBudget budget)
    {
        Region = region;
        Partition = AwsPartition.FromRegion(region);
        Credentials = credentials;
        EndpointUrl = endpointUrl;
        Observer = settings.Observer ?? NullCallObserver.Instance;
        Budget = budget;
        _profileName = profile?.Name;
        _profileLocation = settings.ProfileLocation;
        _cloudTrailRate = settings.CloudTrailRequestsPerSecond ?? IrsaPS.Core.Aws.CloudTrail.CloudTrailClient.DocumentedRequestsPerSecond;

        const LazyThreadSafetyMode once = LazyThreadSafetyMode.ExecutionAndPublication;
        _iamService = new Lazy<ServiceClient>(() => new ServiceClient(Credentials, Configure(new AwsServiceConfig(ServiceDescription.Iam, Region, Observer))), once);
        _eksService = new Lazy<ServiceClient>(() => new ServiceClient(Credentials, Configure(new AwsServiceConfig(ServiceDescription.Eks, Region, Observer))), once);
        _ec2Service = new Lazy<ServiceClient>(() => new ServiceClient(Credentials, Configure(new AwsServiceConfig(ServiceDescription.Ec2, Region, Observer))), once);
        _stsSigned = new Lazy<ObservedStsClient>(() => new ObservedStsClient(Credentials, StsConfig()), once);
        _stsAnonymous = new Lazy<ObservedStsClient>(() => new ObservedStsClient(new AnonymousAWSCredentials(), StsConfig()), once);
        _iam = new Lazy<IamClient>(() => new IamClient(_iamService, Observer, budget.CallTimeout), once);
        _eks = new Lazy<EksClient>(() => new EksClient(_eksService, Observer, budget.CallTimeout), once);
        _sts = new Lazy<StsClient>(() => new StsClient(_stsSigned, _stsAnonymous, Observer, budget.CallTimeout), once);
        _ec2 = new Lazy<Ec2Client>(() => new Ec2Client(_ec2Service, Observer, budget.CallTimeout), once);
    }

    /// <summary>The region EKS, STS and EC2 calls go to, e.g. <c>eu-west-1</c>.</summary>
    public string Region { get; }

    /// <summary>The partition of <see cref="Region"/>: <c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>; ARNs are built with it.</summary>
    public string Partition { get; }

    /// <summary>The credentials every signed call uses (also what EKS tokens are signed with).</summary>
    public AWSCredentials Credentials { get; }

    /// <summary>The one endpoint for IAM, EKS, STS and EC2, when set.</summary>
    public Uri? EndpointUrl { get; }

    /// <summary>Who hears about every call and attempt.</summary>
    public IAwsCallObserver Observer { get; }

    /// <summary>How many attempts and how much time each call gets.</summary>
    public AwsCallBudget Budget { get; }

    /// <summary>IAM (global per partition). Created on first use.</summary>
    public IamClient Iam => _iam.Value;

    /// <summary>EKS in <see cref="Region"/>. Created on first use.</summary>
    public EksClient Eks => _eks.Value;

    /// <summary>STS in <see cref="Region"/> (regional endpoint). Created on first use.</summary>
    public StsClient Sts => _sts.Value;

    /// <summary>EC2 in <see cref="Region"/> (only DescribeInstances, for the audit's IMDS check). Created on first use.</summary>
    public Ec2Client Ec2 => _ec2.Value;

    /// <summary>Resolves <paramref name="settings"/>; see <see cref="AwsConnectionSettings"/> for the order things are looked up in.</summary>
    public static AwsConnection Create(AwsConnectionSettings settings) => Create(settings, Environment.GetEnvironmentVariable);

    internal static AwsConnection Create(AwsConnectionSettings settings, Func<string, string?> environment)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        AwsCredentialResolver.CheckCombination(settings);
        AwsCredentialResolver.CheckLimits(settings);
        var endpointUrl = AwsCredentialResolver.ParseEndpointUrl(settings.EndpointUrl);
        var explicitRegion = settings.Region is null ? null : AwsRegionResolver.Validate(settings.Region.Trim());
        var sessionRegion = explicitRegion is null ? AwsRegionResolver.ValidateSessionRegion(settings.SessionRegion) : null;
        var profiles = new CredentialProfileStoreChain(settings.ProfileLocation);
        var namedProfile = AwsCredentialResolver.FindNamedProfile(settings.ProfileName, profiles, settings.ProfileLocation);
        var defaultProfile = AwsCredentialResolver.FindDefaultProfile(profiles, environment);
        var region = explicitRegion ?? sessionRegion
            ?? AwsRegionResolver.Resolve(null, namedProfile, defaultProfile, environment);
        var budget = AwsCallBudget.Resolve(settings, namedProfile ?? defaultProfile, environment);
        var credentials = AwsCredentialResolver.Resolve(settings, namedProfile, profiles);
        return new AwsConnection(settings, region, credentials, endpointUrl, namedProfile, budget);
    }

    /// <summary>
    /// The caller's account, ARN and partition; asked once per connection and shared by concurrent callers (a failed
    /// or cancelled attempt is not kept, so the next caller asks again).
    /// </summary>
    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_callerIdentity is null || _callerIdentity.IsFaulted || _callerIdentity.IsCanceled)
            {
                _callerIdentity = Sts.GetCallerIdentityAsync(cancellationToken);
            }

            return _callerIdentity;
        }
    }

    /// <summary>A bearer token for the cluster's API server, as <c>aws eks get-token</c> makes it, signed with <see cref="Credentials"/>.</summary>
    public Task<EksToken> GetEksTokenAsync(string clusterName, CancellationToken cancellationToken = default) =>
        EksTokenGenerator.CreateAsync(Credentials, Region, clusterName, null, cancellationToken);

    public void Dispose()
    {
        DisposeIfCreated(_iamService);
        DisposeIfCreated(_eksService);
        DisposeIfCreated(_ec2Service);
        DisposeIfCreated(_stsSigned);
        DisposeIfCreated(_stsAnonymous);
        DisposeCloudTrail();
    }

    private static void DisposeIfCreated<T>(Lazy<T> client)
        where T : IDisposable
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    /// <summary>Applies the settings every client shares. Region is already set; ServiceURL after it (they clear each other).</summary>
    private T Configure<T>(T config)
        where T : ClientConfig
    {
        if (_profileName is not null)
        {
            config.Profile = new Profile(_profileName, _profileLocation);
        }

        if (EndpointUrl is not null)
        {
            config.ServiceURL = EndpointUrl.AbsoluteUri;
        }

        config.MaxErrorRetry = Budget.MaxAttempts - 1;
        config.Timeout = Budget.AttemptTimeout;
        return config;
    }

    /// <summary>STS signs for the connection's region, also when an endpoint URL replaces its regional endpoint.</summary>
    private ObservedStsConfig StsConfig()
    {
        var config = Configure(new ObservedStsConfig(Observer) { RegionEndpoint = RegionEndpoint.GetBySystemName(Region) });
        config.AuthenticationRegion = Region;
        return config;
    }
}
