using System;
using System.Collections;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading.Tasks;
using Amazon.Runtime;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Aws;

/// <summary>
/// Turns what a script passes as <c>-Credential</c> into SDK credentials. Accepted:
/// <list type="bullet">
/// <item>an <see cref="AWSCredentials"/> of IrsaPS's own AWSSDK.Core;</item>
/// <item>an AWSCredentials from another copy of AWSSDK.Core — <c>(Get-AWSCredential -ProfileName x)</c> from AWS.Tools,
/// which lives in another load context — used through its <c>GetCredentials()</c> on every signing, so refreshing
/// credentials (assumed roles, SSO) keep refreshing;</item>
/// <item>ImmutableCredentials-like objects (<c>AccessKey</c>, <c>SecretKey</c>, optional <c>Token</c>);</item>
/// <item>a <see cref="NetworkCredential"/> (the module turns a PSCredential into one): user name = access key id,
/// password = secret access key;</item>
/// <item>a dictionary (hashtable) with <c>AccessKey</c>, <c>SecretKey</c> and optionally <c>SessionToken</c> or <c>Token</c>.</item>
/// </list>
/// Anything else is refused with <c>InvalidCredential</c>; messages name the type, never a key.
/// </summary>
public static class CredentialObject
{
    /// <summary>
    /// Sets <paramref name="settings"/>' credential from a <c>-Credential</c> value. The module calls this rather than
    /// <see cref="Convert"/> so that its own assembly never names an AWSSDK type (which would load AWSSDK.Core into the
    /// default load context, beside the isolated copy IrsaPS.Core uses).
    /// </summary>
    public static void Apply(AwsConnectionSettings settings, object? value)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        settings.Credential = Convert(value);
    }

    /// <summary>
    /// Sets <paramref name="settings"/>' session default credentials from the value of <c>$StoredAWSCredentials</c>
    /// (AWS.Tools' Set-AWSCredential): AWS.Tools stores an <c>AWSPSCredentials</c> wrapper whose non-public
    /// <c>Credentials</c> property holds the AWSCredentials of AWS.Tools' own AWSSDK.Core; a bare AWSCredentials (or
    /// anything <c>-Credential</c> accepts) is taken as well. Read by reflection, never by type, so any AWSSDK.Core works.
    /// </summary>
    public static void ApplySessionDefault(AwsConnectionSettings settings, object? value)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        settings.SessionCredential = ConvertFrom(Unwrapped(value), StoredVariable);
    }

    public static AWSCredentials? Convert(object? value) => ConvertFrom(value, "-Credential");

    private const string StoredVariable = "$StoredAWSCredentials";

    /// <summary>The AWSCredentials inside AWS.Tools' AWSPSCredentials wrapper (its Credentials property), else the value itself.</summary>
    private static object? Unwrapped(object? value)
    {
        if (value is null || value is AWSCredentials)
        {
            return value;
        }

        var property = value.GetType().GetProperty("Credentials", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
        if (property is null || property.GetIndexParameters().Length != 0 || property.GetMethod is null)
        {
            return value;
        }

        try
        {
            return property.GetValue(value) ?? value;
        }
        catch (TargetInvocationException)
        {
            return value;
        }
    }

    private static AWSCredentials? ConvertFrom(object? value, string source)
    {
        switch (value)
        {
            case null:
                return null;
            case AWSCredentials credentials:
                return credentials;
            case ImmutableCredentials immutable:
                return FromKeys(immutable.AccessKey, immutable.SecretKey, immutable.Token, "ImmutableCredentials", source);
            case NetworkCredential network:
                return FromKeys(network.UserName, network.Password, null, "PSCredential", source);
            case IDictionary dictionary:
                return FromKeys(
                    Entry(dictionary, "AccessKey", "AccessKeyId"),
                    Entry(dictionary, "SecretKey", "SecretAccessKey"),
                    Entry(dictionary, "SessionToken", "Token"),
                    "hashtable",
                    source);
        }

        var type = value.GetType();
        var getCredentials = type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
        if (getCredentials is not null && getCredentials.ReturnType != typeof(void))
        {
            return new ForeignCredentials(value, getCredentials, source);
        }

        if (Property(type, "AccessKey") is not null && Property(type, "SecretKey") is not null)
        {
            return FromKeys(Read(value, "AccessKey"), Read(value, "SecretKey"), Read(value, "Token"), type.Name, source);
        }

        if (source == StoredVariable)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidCredential,
                $"{StoredVariable} holds a {type.FullName}, which is not AWS credentials. Set it with AWS.Tools' Set-AWSCredential (Clear-AWSCredential removes it), or give -ProfileName, -AccessKey and -SecretKey, or -Credential.");
        }

        throw new IrsaValidationException(
            ErrorIds.InvalidCredential,
            $"-Credential got a {type.FullName}, which is not AWS credentials. Pass an AWSCredentials object (e.g. Get-AWSCredential -ProfileName name), "
            + "a PSCredential whose user name is the access key id and whose password is the secret access key, or use -ProfileName / -AccessKey and -SecretKey.");
    }

    private static AWSCredentials FromKeys(string? accessKey, string? secretKey, string? token, string what, string source)
    {
        if (string.IsNullOrWhiteSpace(accessKey) || string.IsNullOrWhiteSpace(secretKey))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidCredential,
                $"The {what} given as {source} lacks an access key id or a secret access key; both are required.");
        }

        return string.IsNullOrEmpty(token)
            ? new BasicAWSCredentials(accessKey, secretKey)
            : new SessionAWSCredentials(accessKey, secretKey, token);
    }

    private static string? Entry(IDictionary dictionary, params string[] names)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is string key && names.Any(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase)))
            {
                return entry.Value?.ToString();
            }
        }

        return null;
    }

    private static PropertyInfo? Property(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { CanRead: true } property && property.GetIndexParameters().Length == 0
            ? property
            : null;

    private static string? Read(object value, string name) => Property(value.GetType(), name)?.GetValue(value) as string;

    /// <summary>An AWSCredentials of another AWSSDK.Core copy, asked for its keys every time the SDK signs.</summary>
    private sealed class ForeignCredentials : AWSCredentials
    {
        private readonly object _source;
        private readonly MethodInfo _getCredentials;
        private readonly string _what;

        public ForeignCredentials(object source, MethodInfo getCredentials, string what)
        {
            _source = source;
            _getCredentials = getCredentials;
            _what = what;
        }

        public override ImmutableCredentials GetCredentials()
        {
            object? keys;
            try
            {
                keys = _getCredentials.Invoke(_source, null);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw new IrsaException(
                    ErrorIds.InvalidCredential,
                    IrsaErrorKind.AuthenticationFailed,
                    $"The {_what} object ({_source.GetType().FullName}) could not produce credentials: {ex.InnerException.Message}",
                    null,
                    ex.InnerException);
            }

            if (keys is null)
            {
                throw new IrsaException(
                    ErrorIds.InvalidCredential,
                    IrsaErrorKind.AuthenticationFailed,
                    $"The {_what} object ({_source.GetType().FullName}) returned no credentials.",
                    null);
            }

            var accessKey = Read(keys, "AccessKey");
            var secretKey = Read(keys, "SecretKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw new IrsaException(
                    ErrorIds.InvalidCredential,
                    IrsaErrorKind.AuthenticationFailed,
                    $"The credentials of the {_what} object ({_source.GetType().FullName}) have no access key id or secret access key.",
                    null);
            }

            return new ImmutableCredentials(accessKey, secretKey, Read(keys, "Token"));
        }

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(GetCredentials());
    }
}
