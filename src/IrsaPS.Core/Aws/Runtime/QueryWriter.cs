using System.Collections.Generic;
using System.Globalization;

namespace IrsaPS.Core.Aws.Runtime;

/// <summary>
/// Writes AWS Query protocol parameters (<c>Name=value</c>, lists as <c>Name.member.N</c>, structures in lists as
/// <c>Name.member.N.Field</c>; EC2 flattens lists to <c>Name.N</c>) into the SDK request's parameter collection; the SDK
/// form-encodes and signs them. Absent (null) values are not written.
/// </summary>
internal sealed class QueryWriter
{
    private readonly IDictionary<string, string> _parameters;

    public QueryWriter(IDictionary<string, string> parameters) => _parameters = parameters;

    public QueryWriter Add(string name, string? value)
    {
        if (value is not null)
        {
            _parameters[name] = value;
        }

        return this;
    }

    public QueryWriter Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryWriter AddList(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return this;
        }

        var i = 0;
        foreach (var value in values)
        {
            i++;
            _parameters[$"{name}.member.{i.ToString(CultureInfo.InvariantCulture)}"] = value;
        }

        return this;
    }

    /// <summary>EC2's flattened list: <c>Name.1</c>, <c>Name.2</c>... (e.g. <c>InstanceId.1</c>, <c>Filter.1.Value.1</c>).</summary>
    public QueryWriter AddFlatList(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return this;
        }

        var i = 0;
        foreach (var value in values)
        {
            i++;
            _parameters[$"{name}.{i.ToString(CultureInfo.InvariantCulture)}"] = value;
        }

        return this;
    }

    public QueryWriter AddTags(string name, IEnumerable<Iam.Model.Tag>? tags)
    {
        if (tags is null)
        {
            return this;
        }

        var i = 0;
        foreach (var tag in tags)
        {
            i++;
            var prefix = $"{name}.member.{i.ToString(CultureInfo.InvariantCulture)}";
            _parameters[prefix + ".Key"] = tag.Key ?? string.Empty;
            _parameters[prefix + ".Value"] = tag.Value ?? string.Empty;
        }

        return this;
    }
}
