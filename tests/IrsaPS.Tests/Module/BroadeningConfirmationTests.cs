using System.Reflection;
using Xunit;

namespace IrsaPS.Tests.Module;

/// <summary>
/// A high-impact change (broadening a trust, re-pointing a ServiceAccount) in a Medium cmdlet is confirmed exactly once:
/// by ShouldProcess when $ConfirmPreference already makes it prompt, else by the extra question standing in for
/// ConfirmImpact High. The rule is plain code in IrsaPS.dll, run here by reflection (no PowerShell runtime).
/// </summary>
public class BroadeningConfirmationTests
{
    private const int None = 0, Low = 1, Medium = 2, High = 3;

    private static bool NeedsExtraQuestion(bool highImpact, bool confirmBound, bool force, int declared, int preference)
    {
        var rule = Assembly.LoadFrom(Repository.CmdletAssembly).GetType("IrsaPS.Infrastructure.BroadeningConfirmation", throwOnError: true)!;
        return (bool)rule.GetMethod("NeedsExtraQuestion", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [highImpact, confirmBound, force, declared, preference])!;
    }

    [Theory]
    [InlineData(Medium, High, true)]     // the default: ShouldProcess stays silent, High would prompt
    [InlineData(Medium, Medium, false)]  // $ConfirmPreference = 'Medium': ShouldProcess already asked; no second prompt
    [InlineData(Medium, Low, false)]     // 'Low' (also what an enclosing function's -Confirm passes down)
    [InlineData(Medium, None, false)]    // 'None': nothing prompts, as with ConfirmImpact High
    [InlineData(High, High, false)]      // a High cmdlet already asked
    [InlineData(Low, Medium, true)]
    public void TheExtraQuestionIsAskedOnlyWhenShouldProcessDidNotAsk(int declared, int preference, bool expected) =>
        Assert.Equal(expected, NeedsExtraQuestion(highImpact: true, confirmBound: false, force: false, declared, preference));

    [Fact]
    public void OrdinaryChangesConfirmAndForceSkipNeverAddAQuestion()
    {
        Assert.False(NeedsExtraQuestion(highImpact: false, confirmBound: false, force: false, Medium, High));
        Assert.False(NeedsExtraQuestion(highImpact: true, confirmBound: true, force: false, Medium, High));
        Assert.False(NeedsExtraQuestion(highImpact: true, confirmBound: false, force: true, Medium, High));
    }
}
