namespace IrsaPS.Infrastructure;

/// <summary>
/// When a high-impact change (trust broadening, re-pointing) in a cmdlet declared with a lower ConfirmImpact needs the
/// extra ShouldContinue question. ShouldProcess itself prompts when the declared impact is at or above
/// $ConfirmPreference (None never prompts); the extra question stands in for ConfirmImpact High, so it is asked exactly
/// when High would have prompted and ShouldProcess did not. Impacts use PowerShell's ConfirmImpact values
/// (None 0, Low 1, Medium 2, High 3) so the rule can be tested without a PowerShell runtime.
/// </summary>
internal static class BroadeningConfirmation
{
    internal const int None = 0;
    internal const int High = 3;

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
