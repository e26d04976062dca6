using System.Management.Automation;

namespace TrivialModule;

/// <summary>Get-TrivialGreeting: writes one string. The whole module, so that importing it costs only what any binary module costs.</summary>
[Cmdlet(VerbsCommon.Get, "TrivialGreeting")]
[OutputType(typeof(string))]
public sealed class GetTrivialGreetingCommand : PSCmdlet
{
    /// <summary>Who to greet.</summary>
    [Parameter(Position = 0)]
    public string Name { get; set; } = "world";

    protected override void ProcessRecord() => WriteObject("Hello, " + Name);
}
