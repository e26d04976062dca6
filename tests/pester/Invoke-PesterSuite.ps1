#Requires -Version 5.1
<#
.SYNOPSIS
    Runs IrsaPS's Pester suite (every *.Tests.ps1 here) against the packaged module in output/IrsaPS/<version>/.

.DESCRIPTION
    Package first (./build.ps1 -Task Package, or tools/package). The tests that need AWS and Kubernetes start their own
    sandbox (moto_server + the Kubernetes API stand-in, tools/Sandbox.ps1) in $TestDrive and stop it afterwards, so the
    suite needs the .NET SDK and moto_server, and never touches a real account or cluster.
    Pester 5 is imported, or installed for the current user when missing; the script fails clearly when neither works.
    Exits 0 when every test passed, 1 otherwise.

.PARAMETER ResultPath
    Where to write the NUnit XML results (for CI test reporting); none when omitted.

.EXAMPLE
    pwsh -NoLogo -NoProfile -File ./tests/pester/Invoke-PesterSuite.ps1 -ResultPath ./output/pester.xml
#>
[CmdletBinding()]
param(
    [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$minimum = [version] '5.3.0'
$pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -ge $minimum | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Host "Pester $minimum or later is not installed; installing it for the current user..."
    try {
        Install-Module -Name Pester -MinimumVersion $minimum -Scope CurrentUser -Force -SkipPublisherCheck -AllowClobber -ErrorAction Stop
    }
    catch {
        Write-Error "Pester $minimum+ is required and could not be installed ($($_.Exception.Message)). Install it with: Install-Module Pester -MinimumVersion $minimum -Scope CurrentUser -Force -SkipPublisherCheck"
        exit 1
    }

    $pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -ge $minimum | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Error "Pester $minimum+ still cannot be found after installing it."
        exit 1
    }
}

Import-Module $pester.Path -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($ResultPath) {
    # Relative to the PowerShell location (which .NET's GetFullPath does not know in Windows PowerShell).
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
