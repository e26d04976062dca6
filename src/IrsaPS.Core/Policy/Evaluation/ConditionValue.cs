using System;
using System.Globalization;
using System.Net;

namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// One policy-side condition value, parsed once for its operator's comparison (number, date, CIDR, ARN parts,
/// boolean, bytes) so that evaluating a request parses only the request side. A value that cannot be parsed for
/// its operator carries <see cref="Problem"/>, and every comparison with it is "cannot evaluate".
/// </summary>
internal sealed class ConditionValue
{
    private ConditionValue(string text)
    {
        Text = text;
    }

    public string Text { get; }

    /// <summary>Characters that must match literally (from <c>${*}</c> escapes or substituted variables), or null.</summary>
    public bool[]? LiteralMask { get; private set; }

    /// <summary>Set when the value holds policy variables; they are resolved per request.</summary>
    public PolicyVariableTemplate? Template { get; private set; }

    public decimal Number { get; private set; }

    public DateTimeOffset Date { get; private set; }

    public bool Boolean { get; private set; }

    public byte[]? Bytes { get; private set; }

    public IpNetwork? Network { get; private set; }

    public string[]? ArnParts { get; private set; }

    /// <summary>Why this policy value cannot be compared, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Parses a written value; with <paramref name="variables"/>, <c>${...}</c> is kept for per-request resolution.</summary>
    public static ConditionValue Compile(string text, Comparison comparison, bool variables)
    {
        if (variables)
        {
            var template = PolicyVariableTemplate.TryParse(text);
            if (template is not null)
            {
                return new ConditionValue(text) { Template = template };
            }
        }

        return Prepare(text, null, comparison);
    }

    /// <summary>A concrete value (after variable substitution) prepared for a comparison.</summary>
    public static ConditionValue Prepare(string text, bool[]? literalMask, Comparison comparison)
    {
        var value = new ConditionValue(text) { LiteralMask = literalMask };
        switch (comparison)
        {
            case Comparison.NumericEquals or Comparison.NumericLessThan or Comparison.NumericLessThanEquals
                or Comparison.NumericGreaterThan or Comparison.NumericGreaterThanEquals:
                if (TryParseNumber(text, out var number))
                {
                    value.Number = number;
                }
                else
                {
                    value.Problem = $"the policy value '{text}' is not a number";
                }

                break;
            case Comparison.DateEquals or Comparison.DateLessThan or Comparison.DateLessThanEquals
                or Comparison.DateGreaterThan or Comparison.DateGreaterThanEquals:
                if (TryParseDate(text, out var date))
                {
                    value.Date = date;
                }
                else
                {
                    value.Problem = $"the policy value '{text}' is not a date (ISO 8601 or epoch seconds)";
                }

                break;
            case Comparison.Bool or Comparison.Null:
                if (TryParseBoolean(text, out var boolean))
                {
                    value.Boolean = boolean;
                }
                else
                {
                    value.Problem = $"the policy value '{text}' is not true or false";
                }

                break;
            case Comparison.BinaryEquals:
                if (TryParseBase64(text, out var bytes))
                {
                    value.Bytes = bytes;
                }
                else
                {
                    value.Problem = $"the policy value '{text}' is not base64";
                }

                break;
            case Comparison.IpAddress:
                if (IpNetwork.TryParse(text, out var network))
                {
                    value.Network = network;
                }
                else
                {
                    value.Problem = $"the policy value '{text}' is not an IP address or CIDR range";
                }

                break;
            case Comparison.ArnLike:
                value.ArnParts = SplitArn(text);
                if (value.ArnParts is null)
                {
                    value.Problem = $"the policy value '{text}' is not an ARN (arn:partition:service:region:account:resource)";
                }

                break;
        }

        return value;
    }

    public static bool TryParseNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary>ISO 8601 date/time (UTC unless an offset is given) or integer epoch seconds, as IAM accepts.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset date)
    {
        if (text.Length > 0 && IsDigits(text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= 253402300799)
        {
            date = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
    }

    public static bool TryParseBoolean(string text, out bool value)
    {
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    public static bool TryParseBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>The six colon-separated ARN components (the resource may itself contain ':'), or null.</summary>
    public static string[]? SplitArn(string text)
    {
        var parts = text.Split([':'], 6);
        return parts.Length == 6 && string.Equals(parts[0], "arn", StringComparison.Ordinal) ? parts : null;
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>An IP address range (a single address is a /32 or /128).</summary>
internal sealed class IpNetwork
{
    private readonly byte[] _address;
    private readonly int _prefixLength;

    private IpNetwork(byte[] address, int prefixLength)
    {
        _address = address;
        _prefixLength = prefixLength;
    }

    public static bool TryParse(string text, out IpNetwork network)
    {
        network = null!;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text.Substring(0, slash);
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
        {
            return false;
        }

        network = new IpNetwork(bytes, prefix);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (bytes.Length != _address.Length)
        {
            return false;
        }

        var remaining = _prefixLength;
        for (var i = 0; i < bytes.Length && remaining > 0; i++, remaining -= 8)
        {
            var mask = remaining >= 8 ? 0xFF : (byte)(0xFF << (8 - remaining));
            if ((bytes[i] & mask) != (_address[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
