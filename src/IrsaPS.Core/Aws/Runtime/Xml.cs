using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>Namespace-agnostic reading of AWS Query protocol XML answers (IAM, STS).</summary>
internal static class Xml
{
    /// <summary>The first child element with this local name, or null.</summary>
    public static XElement? Child(this XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>The text of a child element, or null when absent.</summary>
    public static string? Text(this XElement? parent, string localName) => parent.Child(localName)?.Value;

    public static int? Int(this XElement? parent, string localName)
    {
        var text = parent.Text(localName);
        return text is null ? null : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    public static bool Bool(this XElement? parent, string localName) =>
        string.Equals(parent.Text(localName), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An ISO 8601 timestamp as UTC, or null when absent.</summary>
    public static DateTime? Date(this XElement? parent, string localName)
    {
        var text = parent.Text(localName);
        return string.IsNullOrEmpty(text)
            ? null
            : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    /// <summary>The <c>member</c> elements of a list element (<c>&lt;Roles&gt;&lt;member&gt;...</c>).</summary>
    public static IEnumerable<XElement> Members(this XElement? parent, string listName) =>
        parent.Child(listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? Enumerable.Empty<XElement>();

    /// <summary>The texts of a list of strings.</summary>
    public static List<string> Strings(this XElement? parent, string listName) =>
        parent.Members(listName).Select(e => e.Value).ToList();
}
