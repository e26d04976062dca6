using System;
using System.Collections.Generic;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>Registers an OIDC identity provider (a cluster's issuer) in IAM.</summary>
internal sealed class CreateOpenIDConnectProviderRequest
{
    /// <summary>The issuer URL, <c>https://host/path</c>.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The audiences (client ids), for IRSA <c>sts.amazonaws.com</c>.</summary>
    public List<string> ClientIDList { get; set; } = [];

    /// <summary>SHA-1 thumbprints (40 hex digits); optional, IAM fills one in when empty.</summary>
    public List<string> ThumbprintList { get; set; } = [];

    public List<Tag> Tags { get; set; } = [];
}

internal sealed class CreateOpenIDConnectProviderResponse : IamResponse
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;

    public List<Tag> Tags { get; set; } = [];
}

internal sealed class GetOpenIDConnectProviderRequest
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;
}

internal sealed class GetOpenIDConnectProviderResponse : IamResponse
{
    /// <summary>The issuer as IAM stores it: host and path, without <c>https://</c>.</summary>
    public string Url { get; set; } = string.Empty;

    public List<string> ClientIDList { get; set; } = [];

    public List<string> ThumbprintList { get; set; } = [];

    public DateTime? CreateDate { get; set; }

    public List<Tag> Tags { get; set; } = [];
}

internal sealed class ListOpenIDConnectProvidersRequest
{
}

internal sealed class ListOpenIDConnectProvidersResponse : IamResponse
{
    public List<OpenIDConnectProviderListEntry> OpenIDConnectProviderList { get; set; } = [];
}

/// <summary>One provider in a ListOpenIDConnectProviders answer.</summary>
internal sealed class OpenIDConnectProviderListEntry
{
    public string Arn { get; set; } = string.Empty;

    public override string ToString() => Arn;
}

internal sealed class DeleteOpenIDConnectProviderRequest
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;
}

internal sealed class DeleteOpenIDConnectProviderResponse : IamResponse
{
}

internal sealed class TagOpenIDConnectProviderRequest
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;

    public List<Tag> Tags { get; set; } = [];
}

internal sealed class TagOpenIDConnectProviderResponse : IamResponse
{
}

internal sealed class UntagOpenIDConnectProviderRequest
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;

    public List<string> TagKeys { get; set; } = [];
}

internal sealed class UntagOpenIDConnectProviderResponse : IamResponse
{
}

/// <summary>Replaces the provider's thumbprint list.</summary>
internal sealed class UpdateOpenIDConnectProviderThumbprintRequest
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;

    public List<string> ThumbprintList { get; set; } = [];
}

internal sealed class UpdateOpenIDConnectProviderThumbprintResponse : IamResponse
{
}

/// <summary>Adds an audience; IAM does nothing when the provider already has it.</summary>
internal sealed class AddClientIDToOpenIDConnectProviderRequest
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;

    public string ClientID { get; set; } = string.Empty;
}

internal sealed class AddClientIDToOpenIDConnectProviderResponse : IamResponse
{
}

internal sealed class RemoveClientIDFromOpenIDConnectProviderRequest
{
    public string OpenIDConnectProviderArn { get; set; } = string.Empty;

    public string ClientID { get; set; } = string.Empty;
}

internal sealed class RemoveClientIDFromOpenIDConnectProviderResponse : IamResponse
{
}
