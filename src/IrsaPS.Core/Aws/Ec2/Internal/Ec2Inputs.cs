using System;
using System.Collections.Generic;
using System.Globalization;
using IrsaPS.Core.Aws.Ec2.Model;
using IrsaPS.Core.Errors;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Aws.Ec2.Internal;

/// <summary>EC2's input rules, checked before anything is sent.</summary>
internal static class Ec2Inputs
{
    /// <summary>Filter values EC2 accepts in one call (more fail with FilterLimitExceeded).</summary>
    public const int MaxFilterValues = 200;

    /// <summary>Explicit instance ids EC2 accepts in one call.</summary>
    public const int MaxInstanceIds = 1000;

    public const int MinMaxResults = 5;

    public const int MaxMaxResults = 1000;

    public static void NotNull(object? request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }
    }

    public static void Check(DescribeInstancesRequest request)
    {
        if (request.InstanceIds.Count > MaxInstanceIds)
        {
            throw Invalid($"EC2 accepts at most {MaxInstanceIds} instance ids per DescribeInstances call; {Count(request.InstanceIds.Count)} were given.");
        }

        if (request.InstanceIds.Count > 0 && request.MaxResults is not null)
        {
            throw Invalid("EC2 does not accept MaxResults together with InstanceIds: page with a filter, or give the ids without MaxResults.");
        }

        if (request.MaxResults is < MinMaxResults or > MaxMaxResults)
        {
            throw Invalid($"MaxResults {request.MaxResults} is outside EC2's range of {MinMaxResults}-{MaxMaxResults}.");
        }

        var values = 0;
        foreach (var filter in request.Filters)
        {
            if (filter is null || string.IsNullOrWhiteSpace(filter.Name) || filter.Values is null || filter.Values.Count == 0)
            {
                throw Invalid("Every EC2 filter needs a name and at least one value.");
            }

            values += filter.Values.Count;
        }

        if (values > MaxFilterValues)
        {
            throw Invalid($"EC2 accepts at most {MaxFilterValues} filter values per call; {Count(values)} were given.");
        }
    }

    public static List<string> InstanceIds(IEnumerable<string> ids)
    {
        var result = new List<string>();
        foreach (var id in ids)
        {
            result.Add(InstanceId.Validate(id));
        }

        return result;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static IrsaValidationException Invalid(string message) => new(ErrorIds.AwsInvalidParameter, message);
}
