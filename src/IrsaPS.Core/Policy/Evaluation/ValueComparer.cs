using System;
using System.Net;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// Compares one request value with one (parsed) policy value for a comparison. Rules from the IAM User Guide,
/// "IAM JSON policy elements: Condition operators": string operators are case-sensitive except the
/// *IgnoreCase ones; StringLike and ArnLike/ArnEquals take <c>*</c> and <c>?</c>, ARNs component by component;
/// numeric and date operators compare values, dates as ISO 8601 or epoch seconds; Bool compares true/false;
/// BinaryEquals compares base64-decoded bytes; IpAddress tests CIDR membership.
/// A value that cannot be read as the operator's type gives "cannot evaluate", never a match.
/// </summary>
internal static class ValueComparer
{
    public static MatchState Compare(Comparison comparison, string actual, ConditionValue expected, ref string? problem)
    {
        if (expected.Problem is not null)
        {
            problem ??= expected.Problem;
            return MatchState.Undetermined;
        }

        switch (comparison)
        {
            case Comparison.StringEquals:
                return MatchStates.From(string.Equals(actual, expected.Text, StringComparison.Ordinal));
            case Comparison.StringEqualsIgnoreCase:
                return MatchStates.From(string.Equals(actual, expected.Text, StringComparison.OrdinalIgnoreCase));
            case Comparison.StringLike:
                return MatchStates.From(WildcardMatcher.IsMatch(actual, expected.Text, ignoreCase: false, expected.LiteralMask));
            case Comparison.NumericEquals or Comparison.NumericLessThan or Comparison.NumericLessThanEquals
                or Comparison.NumericGreaterThan or Comparison.NumericGreaterThanEquals:
                if (!ConditionValue.TryParseNumber(actual, out var number))
                {
                    problem ??= $"the request value '{actual}' is not a number";
                    return MatchState.Undetermined;
                }

                return MatchStates.From(Order(comparison, number.CompareTo(expected.Number)));
            case Comparison.DateEquals or Comparison.DateLessThan or Comparison.DateLessThanEquals
                or Comparison.DateGreaterThan or Comparison.DateGreaterThanEquals:
                if (!ConditionValue.TryParseDate(actual, out var date))
                {
                    problem ??= $"the request value '{actual}' is not a date";
                    return MatchState.Undetermined;
                }

                return MatchStates.From(Order(comparison, date.CompareTo(expected.Date)));
            case Comparison.Bool:
                if (!ConditionValue.TryParseBoolean(actual, out var boolean))
                {
                    problem ??= $"the request value '{actual}' is not true or false";
                    return MatchState.Undetermined;
                }

                return MatchStates.From(boolean == expected.Boolean);
            case Comparison.BinaryEquals:
                if (!ConditionValue.TryParseBase64(actual, out var bytes))
                {
                    problem ??= $"the request value '{actual}' is not base64";
                    return MatchState.Undetermined;
                }

                return MatchStates.From(SameBytes(bytes, expected.Bytes!));
            case Comparison.IpAddress:
                if (!IPAddress.TryParse(actual, out var address))
                {
                    problem ??= $"the request value '{actual}' is not an IP address";
                    return MatchState.Undetermined;
                }

                return MatchStates.From(expected.Network!.Contains(address));
            case Comparison.ArnLike:
                var parts = ConditionValue.SplitArn(actual);
                if (parts is null)
                {
                    return MatchState.False;
                }

                for (var i = 0; i < 6; i++)
                {
                    if (!WildcardMatcher.IsMatch(parts[i], expected.ArnParts![i], ignoreCase: false))
                    {
                        return MatchState.False;
                    }
                }

                return MatchState.True;
            default:
                problem ??= $"the comparison {comparison} is not supported";
                return MatchState.Undetermined;
        }
    }

    private static bool Order(Comparison comparison, int order) => comparison switch
    {
        Comparison.NumericEquals or Comparison.DateEquals => order == 0,
        Comparison.NumericLessThan or Comparison.DateLessThan => order < 0,
        Comparison.NumericLessThanEquals or Comparison.DateLessThanEquals => order <= 0,
        Comparison.NumericGreaterThan or Comparison.DateGreaterThan => order > 0,
        _ => order >= 0,
    };

    private static bool SameBytes(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}
