using System;
using System.Collections.Generic;
using System.Text.Json;
using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Policy;

/// <summary>
/// Reads IAM policy JSON into the model, checking the structure IAM requires and naming the JSON path of the
/// first problem. Unknown fields are kept (cloned) with their position; duplicate fields are refused because IAM
/// and JSON parsers disagree on which copy wins.
/// </summary>
internal static class PolicyJsonReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    public static PolicyDocument Read(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new MalformedPolicyException(ErrorIds.InvalidPolicyJson, PolicyJsonPath.Root, "the document is empty.");
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new MalformedPolicyException(ErrorIds.InvalidPolicyJson, PolicyJsonPath.Root, "the text is not valid JSON (" + ex.Message + ").");
        }

        using (parsed)
        {
            return ReadDocument(parsed.RootElement);
        }
    }

    private static PolicyDocument ReadDocument(JsonElement root)
    {
        const string path = PolicyJsonPath.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, $"a policy document is a JSON object, but this is {Describe(root)}.");
        }

        var document = new PolicyDocument { Version = null };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hasStatement = false;
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var propertyPath = PolicyJsonPath.Property(path, name);
            if (!seen.Add(name))
            {
                throw Malformed(propertyPath, $"the field '{name}' appears more than once.");
            }

            document.FieldOrder.Add(name);
            switch (name)
            {
                case "Version":
                    var version = ReadString(property.Value, propertyPath);
                    if (version != PolicyDocument.Version2012 && version != PolicyDocument.Version2008)
                    {
                        throw Malformed(propertyPath, $"Version '{version}' is not one IAM accepts; use \"2012-10-17\".");
                    }

                    document.Version = version;
                    break;
                case "Id":
                    document.Id = ReadString(property.Value, propertyPath);
                    break;
                case "Statement":
                    hasStatement = true;
                    ReadStatements(property.Value, propertyPath, document);
                    break;
                default:
                    document.ExtraFields.Add(new PolicyExtraField(name, property.Value.Clone()));
                    break;
            }
        }

        if (!hasStatement)
        {
            throw Malformed(path, "the document has no Statement.");
        }

        return document;
    }

    private static void ReadStatements(JsonElement value, string path, PolicyDocument document)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            document.StatementIsArray = false;
            document.Statements.Add(ReadStatement(value, path));
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(path, $"Statement must be an object or an array of objects, but is {Describe(value)}.");
        }

        document.StatementIsArray = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = PolicyJsonPath.Index(path, index);
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(itemPath, $"each statement must be an object, but this is {Describe(item)}.");
            }

            document.Statements.Add(ReadStatement(item, itemPath));
            index++;
        }
    }

    private static PolicyStatement ReadStatement(JsonElement value, string path)
    {
        var statement = new PolicyStatement(PolicyEffect.Allow);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hasEffect = false;
        foreach (var property in value.EnumerateObject())
        {
            var name = property.Name;
            var propertyPath = PolicyJsonPath.Property(path, name);
            if (!seen.Add(name))
            {
                throw Malformed(propertyPath, $"the field '{name}' appears more than once in the statement.");
            }

            statement.FieldOrder.Add(name);
            switch (name)
            {
                case "Sid":
                    statement.Sid = ReadString(property.Value, propertyPath);
                    break;
                case "Effect":
                    statement.Effect = ReadEffect(property.Value, propertyPath);
                    hasEffect = true;
                    break;
                case "Principal":
                    statement.Principal = ReadPrincipal(property.Value, propertyPath);
                    break;
                case "NotPrincipal":
                    statement.NotPrincipal = ReadPrincipal(property.Value, propertyPath);
                    break;
                case "Action":
                    statement.Action = ReadStringList(property.Value, propertyPath, allowEmpty: false);
                    break;
                case "NotAction":
                    statement.NotAction = ReadStringList(property.Value, propertyPath, allowEmpty: false);
                    break;
                case "Resource":
                    statement.Resource = ReadStringList(property.Value, propertyPath, allowEmpty: false);
                    break;
                case "NotResource":
                    statement.NotResource = ReadStringList(property.Value, propertyPath, allowEmpty: false);
                    break;
                case "Condition":
                    statement.Condition = ReadCondition(property.Value, propertyPath);
                    break;
                default:
                    statement.ExtraFields.Add(new PolicyExtraField(name, property.Value.Clone()));
                    break;
            }
        }

        if (!hasEffect)
        {
            throw Malformed(path, "the statement has no Effect; add \"Effect\": \"Allow\" or \"Deny\".");
        }

        if (statement.Principal is not null && statement.NotPrincipal is not null)
        {
            throw Malformed(path, "a statement cannot have both Principal and NotPrincipal.");
        }

        if (statement.Action is not null && statement.NotAction is not null)
        {
            throw Malformed(path, "a statement cannot have both Action and NotAction.");
        }

        if (statement.Action is null && statement.NotAction is null)
        {
            throw Malformed(path, "the statement has neither Action nor NotAction.");
        }

        if (statement.Resource is not null && statement.NotResource is not null)
        {
            throw Malformed(path, "a statement cannot have both Resource and NotResource.");
        }

        return statement;
    }

    private static PolicyEffect ReadEffect(JsonElement value, string path)
    {
        var text = ReadString(value, path);
        return text switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            _ => throw Malformed(path, $"Effect '{text}' is not valid; IAM accepts exactly \"Allow\" or \"Deny\"."),
        };
    }

    private static PolicyPrincipal ReadPrincipal(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.GetString() != "*")
            {
                throw Malformed(path, $"a principal written as a string must be \"*\", not \"{value.GetString()}\"; use an object such as {{\"Federated\": \"arn:...\"}}.");
            }

            return PolicyPrincipal.Wildcard();
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, $"a principal is \"*\" or an object of principal types, but this is {Describe(value)}.");
        }

        var principal = PolicyPrincipal.Empty();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var typePath = PolicyJsonPath.Property(path, property.Name);
            if (!seen.Add(property.Name))
            {
                throw Malformed(typePath, $"the principal type '{property.Name}' appears more than once.");
            }

            if (!PolicyPrincipal.IsKnownType(property.Name))
            {
                throw Malformed(typePath, $"'{property.Name}' is not a principal type; IAM accepts AWS, Federated, Service and CanonicalUser (case-sensitive).");
            }

            principal.Set(property.Name, ReadStringList(property.Value, typePath, allowEmpty: false));
        }

        if (principal.Entries.Count == 0)
        {
            throw Malformed(path, "the principal object is empty.");
        }

        return principal;
    }

    private static PolicyCondition ReadCondition(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, $"Condition must be an object of condition operators, but is {Describe(value)}.");
        }

        var condition = new PolicyCondition();
        var seenOperators = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operatorProperty in value.EnumerateObject())
        {
            var operatorPath = PolicyJsonPath.Property(path, operatorProperty.Name);
            if (!seenOperators.Add(operatorProperty.Name))
            {
                throw Malformed(operatorPath, $"the condition operator '{operatorProperty.Name}' appears more than once; merge its keys into one object.");
            }

            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(operatorPath, $"a condition operator maps condition keys to values, so it must be an object, but is {Describe(operatorProperty.Value)}.");
            }

            var block = new ConditionBlock(operatorProperty.Name);
            var seenKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                var keyPath = PolicyJsonPath.Property(operatorPath, keyProperty.Name);
                if (!seenKeys.Add(keyProperty.Name))
                {
                    throw Malformed(keyPath, $"the condition key '{keyProperty.Name}' appears more than once under {operatorProperty.Name} (keys are case-insensitive); merge the values into one array.");
                }

                block.Entries.Add(new ConditionEntry(keyProperty.Name, ReadConditionValues(keyProperty.Value, keyPath)));
            }

            condition.Blocks.Add(block);
        }

        return condition;
    }

    private static PolicyValueList ReadConditionValues(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = new List<PolicyScalar>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                items.Add(ReadConditionScalar(item, PolicyJsonPath.Index(path, index)));
                index++;
            }

            return new PolicyValueList(items, isArray: true);
        }

        return new PolicyValueList([ReadConditionScalar(value, path)], isArray: false);
    }

    private static PolicyScalar ReadConditionScalar(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => new PolicyScalar(value.GetString()!),
        JsonValueKind.True => PolicyScalar.FromBoolean(true),
        JsonValueKind.False => PolicyScalar.FromBoolean(false),
        JsonValueKind.Number => new PolicyScalar(value.GetRawText(), PolicyScalarKind.Number),
        _ => throw Malformed(path, $"a condition value must be a string, a number or a boolean (or an array of them), but this is {Describe(value)}."),
    };

    private static PolicyValueList ReadStringList(JsonElement value, string path, bool allowEmpty)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return new PolicyValueList([new PolicyScalar(value.GetString()!)], isArray: false);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(path, $"expected a string or an array of strings, but this is {Describe(value)}.");
        }

        var items = new List<PolicyScalar>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Malformed(PolicyJsonPath.Index(path, index), $"expected a string, but this is {Describe(item)}.");
            }

            items.Add(new PolicyScalar(item.GetString()!));
            index++;
        }

        if (items.Count == 0 && !allowEmpty)
        {
            throw Malformed(path, "the array is empty; give at least one value.");
        }

        return new PolicyValueList(items, isArray: true);
    }

    private static string ReadString(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Malformed(path, $"expected a string, but this is {Describe(value)}.");
        }

        return value.GetString()!;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static MalformedPolicyException Malformed(string path, string problem) =>
        new(ErrorIds.MalformedPolicyDocument, path, problem);
}
