using System;

namespace IrsaPS.Infrastructure;

/// <summary>
/// A write needed confirmation but the host cannot ask (pwsh -NonInteractive, a CI step): the run stops and says how to
/// proceed (-Force or -Confirm:$false) instead of failing deep inside a prompt.
/// </summary>
internal sealed class ConfirmationUnavailableException : InvalidOperationException
{
    public ConfirmationUnavailableException(string target, Exception innerException)
        : base(Text(target, "non-interactive session"), innerException)
    {
        Target = target;
    }

    public ConfirmationUnavailableException(string target, string reason)
        : base(Text(target, reason))
    {
        Target = target;
    }

    public string Target { get; }

    private static string Text(string target, string reason) =>
        $"Changing \"{target}\" needs confirmation, but this PowerShell host cannot ask for it ({reason}). "
        + "Pass -Force (or -Confirm:$false) to proceed without a prompt, or -WhatIf to see the plan.";
}
