using System.Reflection;
using Xunit;

namespace IrsaPS.Tests.Module;

/// <summary>
/// When IrsaPS's writers prompt. IrsaPS must know before PowerShell asks (a console host whose input is redirected, as in
/// a GitHub Actions 'pwsh' step, would wait forever), and a high-impact change in a Medium cmdlet is confirmed exactly once.
/// The rules are plain code in IrsaPS.dll, run here by reflection (no PowerShell runtime).
/// </summary>
public class ConfirmationRulesTests
{
    private const int None = 0, Low = 1, Medium = 2, High = 3;

    private static MethodInfo Rule(string name) =>
        Assembly.LoadFrom(Repository.CmdletAssembly).GetType("IrsaPS.Infrastructure.ConfirmationRules", throwOnError: true)!
            .GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static bool ShouldProcessPrompts(bool whatIf, bool? confirm, int declared, int preference) =>
        (bool)Rule("ShouldProcessPrompts").Invoke(null, [whatIf, confirm, declared, preference])!;

    private static bool NeedsExtraQuestion(bool highImpact, bool confirmBound, bool force, int declared, int preference) =>
        (bool)Rule("NeedsExtraQuestion").Invoke(null, [highImpact, confirmBound, force, declared, preference])!;

    [Theory]
    [InlineData(false, null, High, High, true)]      // Remove-IrsaRole with the default $ConfirmPreference
    [InlineData(false, null, Medium, High, false)]   // New-IrsaRole: silent by default
    [InlineData(false, null, Medium, Medium, true)]  // ... unless $ConfirmPreference = 'Medium'
    [InlineData(false, null, High, None, false)]     // $ConfirmPreference = 'None'
    [InlineData(false, true, Medium, High, true)]    // -Confirm
    [InlineData(false, false, High, High, false)]    // -Confirm:$false
    [InlineData(true, null, High, High, false)]      // -WhatIf prints instead
    [InlineData(true, true, High, High, false)]      // -WhatIf wins over -Confirm
    [InlineData(false, true, None, Low, false)]      // a cmdlet declared None never prompts
    public void ShouldProcessPromptsAsPowerShellDoes(bool whatIf, bool? confirm, int declared, int preference, bool expected) =>
        Assert.Equal(expected, ShouldProcessPrompts(whatIf, confirm, declared, preference));

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
