#Requires -Version 7.4
<#
.SYNOPSIS
    IrsaPS's main job, end to end, through the cmdlets, against a local sandbox (no AWS account, no cluster).

.DESCRIPTION
    Starts the sandbox (moto_server with an EKS cluster 'demo' plus the project's Kubernetes API stand-in, on free
    127.0.0.1 ports), imports the packaged module from output/, and runs what a user runs:
      Register-IrsaOidcProvider, New-IrsaRole | Set-IrsaServiceAccount | Test-IrsaTrust -Live,
      Add-IrsaRoleTrust -WhatIf, Invoke-IrsaAudit with a SARIF file.
    Then stops the sandbox (unless -Keep). Run it through ./build.ps1 -Task Demo, which packages the module first.

.PARAMETER SandboxDirectory
    Where the sandbox keeps its state and where irsa.sarif is written; a new temporary folder when omitted.

.PARAMETER Keep
    Leave the sandbox running (stop it later with ./tools/Sandbox.ps1 stop <SandboxDirectory>).

.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [string] $SandboxDirectory,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
. (Join-Path $root 'tests/pester/TestSetup.ps1')   # Get-IrsaPSPackagePath: the packaged module, not a build folder

if (-not $SandboxDirectory) {
    $SandboxDirectory = Join-Path ([IO.Path]::GetTempPath()) ('irsaps-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
}

function Show-Step([string] $Command) {
    Write-Host ''
    Write-Host "PS> $Command" -ForegroundColor Cyan
}

$clock = [Diagnostics.Stopwatch]::StartNew()
& (Join-Path $root 'tools/Sandbox.ps1') start $SandboxDirectory -Import
try {
    Import-Module (Get-IrsaPSPackagePath) -Force
    $sarif = Join-Path $SandboxDirectory 'irsa.sarif'
    $policy = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'

    Show-Step 'Get-IrsaCluster demo | Register-IrsaOidcProvider -Confirm:$false'
    Get-IrsaCluster demo | Register-IrsaOidcProvider -Confirm:$false | Out-Host

    Show-Step "Get-IrsaCluster demo | New-IrsaRole -RoleName demo-web-app -Namespace web -ServiceAccountName app -PolicyArn $policy -Confirm:`$false | Set-IrsaServiceAccount -Confirm:`$false | Test-IrsaTrust -Live"
    $verdict = Get-IrsaCluster demo |
        New-IrsaRole -RoleName demo-web-app -Namespace web -ServiceAccountName app -PolicyArn $policy -Confirm:$false |
        Set-IrsaServiceAccount -Confirm:$false |
        Test-IrsaTrust -Live
    $verdict | Out-Host

    Show-Step 'Add-IrsaRoleTrust -RoleName demo-web-app -ClusterName demo -ServiceAccountName payments/api -WhatIf'
    Add-IrsaRoleTrust -RoleName demo-web-app -ClusterName demo -ServiceAccountName payments/api -WhatIf | Out-Host

    Show-Step 'Invoke-IrsaAudit -ClusterName demo'
    $findings = @(Invoke-IrsaAudit -ClusterName demo)
    $findings | Out-Host
    Write-Host ("The sandbox plants these {0} finding(s) on purpose, so the audit has something to find." -f $findings.Count)

    Show-Step "Invoke-IrsaAudit -ClusterName demo -OutputFormat Sarif -OutFile $sarif"
    Invoke-IrsaAudit -ClusterName demo -OutputFormat Sarif -OutFile $sarif
    Write-Host "SARIF for GitHub code scanning: $sarif. In CI, add -FailOn High to fail the step on such findings."
    Write-Host ''
    Write-Host ("Done in {0:0.0} s. Trust proven: {1}." -f $clock.Elapsed.TotalSeconds, $verdict.Allowed) -ForegroundColor Green
    if (-not $verdict.Allowed) {
        exit 1
    }
}
finally {
    if (-not $Keep) {
        & (Join-Path $root 'tools/Sandbox.ps1') stop $SandboxDirectory | Out-Null
    }
    else {
        Write-Host "The sandbox keeps running: ./tools/Sandbox.ps1 stop $SandboxDirectory"
    }
}
