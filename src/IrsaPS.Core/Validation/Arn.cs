using System;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Validation;

/// <summary>
/// An Amazon Resource Name, <c>arn:partition:service:region:account:resource</c>, parsed strictly.
/// Only the <c>aws</c>, <c>aws-cn</c> and <c>aws-us-gov</c> partitions are accepted.
/// </summary>
internal sealed record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";

    /// <summary>Parses an ARN or throws <c>InvalidArn</c> / <c>InvalidPartition</c> naming what is wrong.</summary>
    public static Arn Parse(string? value)
    {
        if (TryParse(value, out var arn, out var problem))
        {
            return arn;
        }

        var errorId = problem!.StartsWith("partition", StringComparison.Ordinal) ? ErrorIds.InvalidPartition : ErrorIds.InvalidArn;
        throw new IrsaValidationException(errorId, $"'{value}' is not a valid ARN: {problem}.", value);
    }

    public static bool TryParse(string? value, out Arn arn) => TryParse(value, out arn, out _);

    private static bool TryParse(string? value, out Arn arn, out string? problem)
    {
        arn = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "it is empty";
            return false;
        }

        if (value!.Trim().Length != value.Length)
        {
            problem = "it has leading or trailing whitespace";
            return false;
        }

        var parts = value.Split([':'], 6);
        if (parts.Length != 6 || parts[0] != "arn")
        {
            problem = "an ARN has the form arn:partition:service:region:account:resource";
            return false;
        }

        if (!AwsPartition.IsSupported(parts[1]))
        {
            problem = $"partition '{parts[1]}' is not one of aws, aws-cn, aws-us-gov";
            return false;
        }

        if (parts[2].Length == 0)
        {
            problem = "the service is empty";
            return false;
        }

        if (parts[4].Length != 0 && parts[4] != "aws" && !AccountId.IsValid(parts[4]))
        {
            problem = $"account '{parts[4]}' is not 12 digits";
            return false;
        }

        if (parts[5].Length == 0)
        {
            problem = "the resource is empty";
            return false;
        }

        arn = new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        problem = null;
        return true;
    }

    /// <summary>Parses and checks an IAM role ARN (<c>arn:p:iam::123456789012:role/path/name</c>).</summary>
    public static RoleArn ParseRole(string? value)
    {
        var arn = Parse(value);
        if (arn.Service != "iam" || arn.Region.Length != 0 || !AccountId.IsValid(arn.Account)
            || !arn.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidArn,
                $"'{value}' is not an IAM role ARN: expected arn:<partition>:iam::<12-digit account>:role/<path><name>.",
                value);
        }

        var pathAndName = arn.Resource.Substring("role".Length); // "/path/name" or "/name"
        var lastSlash = pathAndName.LastIndexOf('/');
        var path = pathAndName.Substring(0, lastSlash + 1);
        var name = pathAndName.Substring(lastSlash + 1);
        IamNames.ValidateRoleName(name);
        IamNames.ValidatePath(path);
        return new RoleArn(arn.Partition, arn.Account, path, name);
    }

    /// <summary>Parses and checks an IAM managed-policy ARN (AWS-managed <c>arn:p:iam::aws:policy/...</c> or customer-managed).</summary>
    public static Arn ParsePolicy(string? value)
    {
        var arn = Parse(value);
        if (arn.Service != "iam" || arn.Region.Length != 0
            || !(arn.Account == "aws" || AccountId.IsValid(arn.Account))
            || !arn.Resource.StartsWith("policy/", StringComparison.Ordinal)
            || arn.Resource.EndsWith("/", StringComparison.Ordinal))
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidArn,
                $"'{value}' is not an IAM managed-policy ARN: expected arn:<partition>:iam::<account or aws>:policy/<path><name>.",
                value);
        }

        return arn;
    }

    /// <summary>Parses and checks an IAM OIDC provider ARN (<c>arn:p:iam::123456789012:oidc-provider/host/path</c>).</summary>
    public static Arn ParseOidcProvider(string? value)
    {
        var arn = Parse(value);
        const string prefix = "oidc-provider/";
        if (arn.Service != "iam" || arn.Region.Length != 0 || !AccountId.IsValid(arn.Account)
            || !arn.Resource.StartsWith(prefix, StringComparison.Ordinal) || arn.Resource.Length == prefix.Length)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidArn,
                $"'{value}' is not an IAM OIDC provider ARN: expected arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path>.",
                value);
        }

        return arn;
    }
}

/// <summary>An IAM role ARN split into its parts. <see cref="Path"/> starts and ends with '/'.</summary>
public sealed record RoleArn(string Partition, string Account, string Path, string Name)
{
    public override string ToString() => $"arn:{Partition}:iam::{Account}:role{Path}{Name}";
}
