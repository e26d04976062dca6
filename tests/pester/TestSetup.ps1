# Shared by every *.Tests.ps1: dot-source it in BeforeAll.
#   Import-IrsaPSPackage          imports output/IrsaPS/<version>/IrsaPS.psd1 (the packaged module, not a build folder)
#   Start-IrsaSandbox / Stop-...  the sandbox (moto_server + Kubernetes API stand-in) in its own directory; env vars set
#   New-IrsaTestName              names no other test uses (tests share one sandbox per file)
#   Invoke-IrsaChildPwsh          a child PowerShell, the same one this suite runs in (native pwsh or the .NET tool)

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-IrsaPSPackagePath {
    $props = [xml](Get-Content -Raw (Join-Path $script:RepositoryRoot 'Directory.Build.props'))
    # SelectSingleNode, not $props.Project.PropertyGroup.VersionPrefix: a PropertyGroup without it fails under strict mode.
    $version = $props.SelectSingleNode('/Project/PropertyGroup/VersionPrefix').InnerText.Trim()
    $manifest = Join-Path $script:RepositoryRoot "output/IrsaPS/$version/IrsaPS.psd1"
    if (-not (Test-Path $manifest)) {
        throw "The packaged module is missing at $manifest. Run ./build.ps1 -Task Package (or tools/package Release) first."
    }

    $manifest
}

function Import-IrsaPSPackage {
    Get-Module IrsaPS | Remove-Module -Force
    Import-Module (Get-IrsaPSPackagePath) -Force -ErrorAction Stop
}

function Start-IrsaSandbox {
    param([Parameter(Mandatory)] [string] $Directory)
    & (Join-Path $script:RepositoryRoot 'tools/Sandbox.ps1') start $Directory -Import | Out-Host
    Get-Content -Raw (Join-Path $Directory 'sandbox.json') | ConvertFrom-Json
}

function Stop-IrsaSandbox {
    param([Parameter(Mandatory)] [string] $Directory)
    if (Test-Path (Join-Path $Directory 'sandbox.json')) {
        & (Join-Path $script:RepositoryRoot 'tools/Sandbox.ps1') stop $Directory | Out-Host
    }
}

function New-IrsaTestName {
    param([Parameter(Mandatory)] [string] $Prefix)
    '{0}-{1}' -f $Prefix, ([guid]::NewGuid().ToString('N').Substring(0, 8))
}

# A child PowerShell must be the one running this suite, found the same way whether pwsh is installed natively
# (the process is pwsh itself) or runs as the pinned .NET tool (the process is dotnet, and pwsh.dll sits in $PSHOME).
function Get-IrsaChildPwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'pwsh') {
        return , @($process)
    }

    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (-not (Test-Path $dll)) {
        throw "Cannot find the PowerShell this suite runs in: the process is $process and $PSHOME has no pwsh.dll."
    }

    , @($process, $dll)
}

# Runs a child PowerShell with the arguments as given (a simple function: -NoProfile and the like pass through
# unbound); the caller reads $LASTEXITCODE and the output.
function Invoke-IrsaChildPwsh {
    $command = Get-IrsaChildPwshCommand
    $exe = $command[0]
    $prefix = @($command | Select-Object -Skip 1)
    & $exe @prefix @args
}

# The AWS calls the sandbox received, per action, since the last reset (the emulator layer in front of moto counts them).
function Reset-IrsaSandboxCalls {
    Invoke-RestMethod -Method Delete -Uri "$env:AWS_ENDPOINT_URL/irsaps-emulator/requests" | Out-Null
}

function Get-IrsaSandboxCalls {
    $counts = Invoke-RestMethod -Uri "$env:AWS_ENDPOINT_URL/irsaps-emulator/requests"
    $table = @{}
    foreach ($property in $counts.PSObject.Properties) {
        $table[$property.Name] = [int] $property.Value
    }

    $table
}
