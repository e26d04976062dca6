using System.Collections.Generic;
using System.Linq;
using IrsaPS.Packager;

namespace IrsaPS.Tests.Contract;

/// <summary>The compiled cmdlets, read once per test run with MetadataLoadContext.</summary>
internal static class CompiledModule
{
    private static readonly System.Lazy<IReadOnlyList<CmdletDescriptor>> Lazy = new(() => CmdletCatalog.Read(Repository.CmdletAssembly));

    public static IReadOnlyList<CmdletDescriptor> Cmdlets => Lazy.Value;

    public static CmdletDescriptor Get(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>The public contract: the cmdlets docs/architecture.md and README.md list.</summary>
    public static readonly string[] ContractCmdlets =
    [
        "Get-IrsaCluster", "Get-IrsaOidcProvider", "Register-IrsaOidcProvider", "Unregister-IrsaOidcProvider",
        "New-IrsaTrustPolicy", "New-IrsaRole", "Get-IrsaRole", "Add-IrsaRoleTrust", "Remove-IrsaRoleTrust", "Remove-IrsaRole",
        "Set-IrsaServiceAccount", "Get-IrsaServiceAccount", "Remove-IrsaServiceAccount", "Test-IrsaTrust", "Invoke-IrsaAudit",
        "Get-IrsaPolicyTemplate",
        "Get-IrsaPodIdentityAssociation", "New-IrsaPodIdentityAssociation", "Set-IrsaPodIdentityAssociation", "Remove-IrsaPodIdentityAssociation",
        "Get-IrsaWorkloadIdentity", "Start-IrsaPodIdentityMigration", "Complete-IrsaPodIdentityMigration", "Undo-IrsaPodIdentityMigration",
        "Get-IrsaRoleActivity",
    ];

    /// <summary>Verbs that write to IAM or Kubernetes.</summary>
    public static readonly string[] WritingVerbs = ["New", "Set", "Add", "Remove", "Register", "Unregister", "Start", "Complete", "Undo"];

    /// <summary>The shared connection parameters every cluster-facing cmdlet binds (AWS.Tools names).</summary>
    public static readonly string[] AwsConnectionParameters =
        ["Region", "ProfileName", "ProfileLocation", "AccessKey", "SecretKey", "SessionToken", "Credential", "EndpointUrl"];

    public static readonly string[] KubernetesConnectionParameters = ["KubeConfig", "KubeContext"];

    /// <summary>PowerShell's approved verbs (Get-Verb).</summary>
    public static readonly HashSet<string> ApprovedVerbs = new(
    [
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open",
        "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip",
        "Split", "Step", "Switch", "Undo", "Unlock", "Watch", "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand",
        "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync",
        "Unpublish", "Update", "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable",
        "Install", "Invoke", "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall",
        "Unregister", "Wait", "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace", "Block", "Grant", "Protect",
        "Revoke", "Unblock", "Unprotect", "Use",
    ], System.StringComparer.Ordinal);
}
