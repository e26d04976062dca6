#Requires -Version 7.4
<#
.SYNOPSIS
    Starts, stops or shows the IrsaPS sandbox: moto_server (IAM, EKS, STS) and a Kubernetes API stand-in on 127.0.0.1.

.DESCRIPTION
    A thin wrapper around tools/IrsaPS.Sandbox (built once, again only when its sources change). Runs in PowerShell
    7.4+, like the module (the sandbox itself needs the .NET 10 SDK and moto_server).
    'start' writes <Directory>/kubeconfig, <Directory>/env.ps1 and <Directory>/sandbox.json and, with -Import,
    loads env.ps1 into the current session so that every IrsaPS cmdlet talks to the sandbox.
    'stop' stops exactly the processes recorded in <Directory>/sandbox.json and is safe to run twice.

.EXAMPLE
    ./tools/Sandbox.ps1 start ./.sandbox -Import
    Get-IrsaCluster demo

.EXAMPLE
    ./tools/Sandbox.ps1 stop ./.sandbox
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateSet('start', 'stop', 'status')]
    [string] $Command,

    [Parameter(Mandatory, Position = 1)]
    [string] $Directory,

    # A seed file (JSON) with namespaces, ServiceAccounts and pods to load instead of the default ones.
    [string] $Seed,

    # After 'start', dot-source <Directory>/env.ps1 into the caller's session.
    [switch] $Import
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$project = Join-Path $root 'tools/IrsaPS.Sandbox/IrsaPS.Sandbox.csproj'
$dll = Join-Path $root 'tools/IrsaPS.Sandbox/bin/Release/net10.0/IrsaPS.Sandbox.dll'

$stale = -not (Test-Path $dll)
if (-not $stale) {
    $built = (Get-Item $dll).LastWriteTimeUtc
    $stale = [bool](Get-ChildItem -Path (Join-Path $root 'tools/IrsaPS.Sandbox'), (Join-Path $root 'tools/IrsaPS.Emulators') -Recurse -File -Include '*.cs', '*.csproj' |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $built } |
        Select-Object -First 1)
}

# Native commands run with 'Continue' (a line on stderr must not stop the script); their exit codes decide.
if ($stale) {
    Write-Host 'Building the sandbox (once)...'
    $ErrorActionPreference = 'Continue'
    $log = & dotnet build $project -c Release -nologo 2>&1
    $buildExit = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($buildExit -ne 0) {
        $log | Out-Host
        throw 'sandbox: the build failed.'
    }
}

$arguments = @($dll, $Command, $Directory)
if ($Seed) {
    $arguments += @('--seed', $Seed)
}

$ErrorActionPreference = 'Continue'
& dotnet @arguments
$exit = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($Command -eq 'status') {
    return
}

if ($exit -ne 0) {
    throw "sandbox $Command failed (exit code $exit)."
}

if ($Command -eq 'start' -and $Import) {
    $envFile = Join-Path (Resolve-Path $Directory) 'env.ps1'
    # $env: variables are process-wide, so the caller's session sees them after the script returns.
    . $envFile
    Write-Host "Loaded $envFile into this session."
}
