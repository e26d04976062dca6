#Requires -Version 7.4
<#
.SYNOPSIS
    Runs IrsaPS's Pester suite (every *.Tests.ps1 here) against the packaged module in output/IrsaPS/<version>/.

.DESCRIPTION
    Package first (./build.ps1 -Task Package, or tools/package). The tests that need AWS and Kubernetes start their own
    sandbox (moto_server + the Kubernetes API stand-in, tools/Sandbox.ps1) in $TestDrive and stop it afterwards, so the
    suite needs the .NET SDK and moto_server, and never touches a real account or cluster.
    Runs the Pester pinned in tools/Pester/Pester.proj (restored into .tools/packages; nothing from the Gallery).
    Exits 0 when every test passed, 1 otherwise.

.PARAMETER ResultPath
    Where to write the NUnit XML results (for CI test reporting); none when omitted.

.PARAMETER Path
    Only these test files (e.g. tests/pester/Provider.Tests.ps1); every *.Tests.ps1 here when omitted.

.EXAMPLE
    dotnet pwsh -NoLogo -NoProfile -File ./tests/pester/Invoke-PesterSuite.ps1 -ResultPath ./output/pester.xml
#>
[CmdletBinding()]
param(
    [string] $ResultPath,
    [string[]] $Path
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The Pester the repository pins (tools/Pester/Pester.proj), restored into .tools/packages by build.ps1 -Task Restore.
# Never the Gallery, never whatever Pester happens to be installed: every machine runs the same one.
$pinned = ([xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../tools/Pester/Pester.proj'))).SelectSingleNode('//PackageDownload[@Include="Pester"]').Version.Trim('[', ']')
$pesterManifest = Join-Path $PSScriptRoot "../../.tools/packages/pester/$pinned/tools/Pester.psd1"
if (-not (Test-Path $pesterManifest)) {
    Write-Error "Pester $pinned is not restored at $pesterManifest. Run: dotnet restore tools/Pester/Pester.proj (or ./build.ps1 -Task Restore)."
    exit 1
}

Import-Module $pesterManifest -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = if ($Path) { $Path } else { $PSScriptRoot }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($ResultPath) {
    # Relative to the PowerShell location, which .NET's GetFullPath does not know.
    $resultFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ResultPath)
    $directory = Split-Path -Parent $resultFile
    if ($directory -and -not (Test-Path $directory)) {
        New-Item -ItemType Directory -Path $directory | Out-Null
    }

    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $resultFile
}

# The tests run with PowerShell's defaults, not with this script's strict mode and 'Stop' (scopes created below this
# one inherit both): they assert error ids of non-terminating errors and read XML and JSON with optional members.
$result = & {
    Set-StrictMode -Off
    $ErrorActionPreference = 'Continue'
    Invoke-Pester -Configuration $configuration
}
Write-Host ("{0} passed, {1} failed" -f $result.PassedCount, $result.FailedCount)
if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
    exit 1
}

exit 0
