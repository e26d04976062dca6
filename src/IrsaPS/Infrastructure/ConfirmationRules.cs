namespace IrsaPS.Infrastructure;

/// <summary>
/// When PowerShell will prompt, mirrored so IrsaPS can decide before it asks. ShouldProcess prompts when the declared
/// ConfirmImpact is at or above $ConfirmPreference (-Confirm makes the preference Low, -Confirm:$false None; None never
/// prompts; -WhatIf never prompts). A high-impact change (trust broadening, re-pointing a ServiceAccount) in a cmdlet
/// declared with a lower impact gets one extra question standing in for ConfirmImpact High, asked exactly when High
/// would have prompted and ShouldProcess did not. Impacts use PowerShell's ConfirmImpact values (None 0, Low 1,
/// Medium 2, High 3) so the rules can be tested without a PowerShell runtime.
/// </summary>
internal static class ConfirmationRules
{
    internal const int None = 0;
    internal const int Low = 1;
    internal const int High = 3;

    /// <summary>Whether ShouldProcess will show a prompt.</summary>
    /// <param name="whatIf">-WhatIf (or $WhatIfPreference) is in effect.</param>
    /// <param name="confirm">-Confirm as bound: true, false (-Confirm:$false), or null when not given.</param>
    /// <param name="declaredImpact">The cmdlet's declared ConfirmImpact.</param>
    /// <param name="preference">$ConfirmPreference.</param>
    internal static bool ShouldProcessPrompts(bool whatIf, bool? confirm, int declaredImpact, int preference)
    {
        if (whatIf || declaredImpact == None)
        {
            return false;
        }

        var effective = confirm switch
        {
            true => Low,
            false => None,
            null => preference,
        };
        return effective != None && declaredImpact >= effective;
    }

    /// <param name="highImpact">The core marked the change as high impact.</param>
    /// <param name="confirmBound">-Confirm or -Confirm:$false was given (ShouldProcess already honoured it).</param>
    /// <param name="force">-Force was given.</param>
    /// <param name="declaredImpact">The cmdlet's declared ConfirmImpact.</param>
    /// <param name="preference">$ConfirmPreference (High when unreadable).</param>
    internal static bool NeedsExtraQuestion(bool highImpact, bool confirmBound, bool force, int declaredImpact, int preference)
    {
        if (!highImpact || confirmBound || force || preference == None)
        {
            return false;
        }

        var shouldProcessPrompted = declaredImpact != None && declaredImpact >= preference;
        return !shouldProcessPrompted && High >= preference;
    }
}
