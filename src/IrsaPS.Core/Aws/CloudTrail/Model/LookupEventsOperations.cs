using System;
using System.Collections.Generic;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.CloudTrail.Model;

/// <summary>
/// LookupEvents, as botocore's model of CloudTrail 2013-11-01 describes it: at most one lookup attribute, a time range
/// (StartTime and EndTime both inclusive), an optional EventCategory (<c>insight</c>), 1-50 events per page (50 by
/// default), and the NextToken of the previous page, which is only valid with the same parameters.
/// </summary>
internal sealed class LookupEventsRequest
{
    /// <summary>At most one attribute (CloudTrail rejects more with InvalidLookupAttributesException).</summary>
    public List<LookupAttribute> LookupAttributes { get; set; } = [];

    public DateTime? StartTime { get; set; }

    public DateTime? EndTime { get; set; }

    /// <summary><c>insight</c> for Insights events; null for management events.</summary>
    public string? EventCategory { get; set; }

    /// <summary>1-50; CloudTrail's default is 50.</summary>
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

/// <summary>One filter of a lookup: a key (<see cref="LookupAttributeKey"/>) and a value of at most 2,000 characters.</summary>
internal sealed class LookupAttribute
{
    public LookupAttribute()
    {
    }

    public LookupAttribute(string attributeKey, string attributeValue)
    {
        AttributeKey = attributeKey;
        AttributeValue = attributeValue;
    }

    public string AttributeKey { get; set; } = string.Empty;

    public string AttributeValue { get; set; } = string.Empty;
}

/// <summary>The lookup attribute keys of botocore's <c>LookupAttributeKey</c> enum.</summary>
internal static class LookupAttributeKey
{
    public const string EventId = nameof(EventId);
    public const string EventName = nameof(EventName);
    public const string ReadOnly = nameof(ReadOnly);
    public const string Username = nameof(Username);
    public const string ResourceType = nameof(ResourceType);
    public const string ResourceName = nameof(ResourceName);
    public const string EventSource = nameof(EventSource);
    public const string AccessKeyId = nameof(AccessKeyId);

    /// <summary>Every key, in the model's order.</summary>
    public static IReadOnlyList<string> All { get; } = [EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId];
}

internal sealed class LookupEventsResponse : IAwsPage
{
    /// <summary>The page's events, newest first.</summary>
    public List<Event> Events { get; set; } = [];

    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; set; }

    public string? RequestId { get; set; }

    string? IAwsPage.NextPageToken => string.IsNullOrEmpty(NextToken) ? null : NextToken;
}

/// <summary>One event of a lookup; <see cref="CloudTrailEvent"/> is the whole CloudTrail record as a JSON string.</summary>
internal sealed class Event
{
    public string? EventId { get; set; }

    public string? EventName { get; set; }

    /// <summary><c>"true"</c> or <c>"false"</c> (a string in the model).</summary>
    public string? ReadOnly { get; set; }

    public string? AccessKeyId { get; set; }

    public DateTime? EventTime { get; set; }

    public string? EventSource { get; set; }

    public string? Username { get; set; }

    public List<Resource> Resources { get; set; } = [];

    public string? CloudTrailEvent { get; set; }
}

/// <summary>A resource an event references, e.g. <c>AWS::IAM::Role</c> with the role's ARN.</summary>
internal sealed class Resource
{
    public string? ResourceType { get; set; }

    public string? ResourceName { get; set; }
}
