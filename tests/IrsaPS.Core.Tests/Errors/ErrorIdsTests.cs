using System.Linq;
using System.Reflection;
using IrsaPS.Core.Errors;
using Xunit;

namespace IrsaPS.Core.Tests.Errors;

public class ErrorIdsTests
{
    private static readonly FieldInfo[] Fields = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).ToArray();

    [Fact]
    public void EveryErrorIdIsPascalCaseAndEqualsItsName()
    {
        Assert.NotEmpty(Fields);
        foreach (var field in Fields)
        {
            var value = (string)field.GetRawConstantValue()!;
            Assert.Equal(field.Name, value);
            Assert.True(char.IsUpper(value[0]), $"{value} does not start with an uppercase letter.");
            Assert.True(value.All(char.IsLetterOrDigit), $"{value} is not PascalCase.");
        }
    }

    [Fact]
    public void ErrorIdsAreUnique() =>
        Assert.Equal(Fields.Length, Fields.Select(f => (string)f.GetRawConstantValue()!).Distinct().Count());
}
