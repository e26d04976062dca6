using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Iam.Model;

/// <summary>What every IAM answer has: the request id (for AWS support and CloudTrail).</summary>
internal abstract class IamResponse
{
    public string? RequestId { get; set; }
}

/// <summary>What every paged IAM list request has: where to continue, and how many items a page may hold (1-1000).</summary>
internal abstract class PagedIamRequest
{
    /// <summary>The <c>Marker</c> of the previous page's answer; null for the first page.</summary>
    public string? Marker { get; set; }

    /// <summary>At most this many items per page (IAM's default is 100).</summary>
    public int? MaxItems { get; set; }
}

/// <summary>What every paged IAM list answer has: whether more pages follow, and the marker to ask for the next.</summary>
internal abstract class PagedIamResponse : IamResponse, IAwsPage
{
    public bool IsTruncated { get; set; }

    public string? Marker { get; set; }

    string? IAwsPage.NextPageToken => IsTruncated ? Marker ?? string.Empty : null;
}
