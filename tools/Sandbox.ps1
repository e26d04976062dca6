#Requires -Version 7.4
<#
.SYNOPSIS
    Starts, stops or shows the IrsaPS sandbox: moto_server (IAM, EKS, STS) and a Kubernetes API stand-in on 127.0.0.1.

.DESCRIPTION
    A thin wrapper around tools/IrsaPS.Sandbox (built once, again only when its sources change). Runs in PowerShell
    7.4+, like the module (the sandbox itself needs the .NET 10 SDK and moto_server).
    'start' writes <Directory>/kubeconfig, <Directory>/env.ps1 and <Directory>/sandbox.json and, with -Import,
    loads env.ps1 into the current session so that every IrsaPS cmdlet talks to the sandbox.
    'stop' stops exactly the processes recorded in <Directory>/sandbox.json and is safe to run twice. In the session
    that ran 'start -Import' it also puts back the environment variables env.ps1 changed (AWS_ENDPOINT_URL, the keys,
    the region, KUBECONFIG, IRSAPS_SANDBOX...): each one that still holds the sandbox's value gets its previous value
    back, or is removed when it had none; a variable changed since is left alone. In another session, the variables
    that still hold this sandbox's values are removed.

.EXAMPLE
    ./tools/Sandbox.ps1 start ./.sandbox -Import
    Get-IrsaCluster demo

.EXAMPLE
    ./tools/Sandbox.ps1 stop ./.sandbox

.EXAMPLE
    $proxy = ./tools/Sandbox.ps1 faults-start ./.sandbox -FaultRate 0.2 -FaultSeed 7
    New-IrsaRole -RoleName app -ClusterName demo -ServiceAccountName web/app -EndpointUrl $proxy -Force
    ./tools/Sandbox.ps1 faults-stop ./.sandbox
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateSet('start', 'stop', 'status', 'faults-start', 'faults-stop')]
    [string] $Command,

    [Parameter(Mandatory, Position = 1)]
    [string] $Directory,

    # A seed file (JSON) with namespaces, ServiceAccounts and pods to load instead of the default ones.
    [string] $Seed,

    # After 'start', dot-source <Directory>/env.ps1 into the caller's session.
    [switch] $Import,

    # 'faults-start': the share of AWS requests that get a fault (0-1), the seed of the fault sequence, which faults
    # (Throttle, ServerError, ServiceUnavailable, ConnectionReset, Latency) and when (BeforeForward: the request never
    # reaches moto; AfterForward: moto acted, the answer is lost). The command writes the proxy's endpoint: give it to
    # the cmdlets as -EndpointUrl.
    [ValidateRange(0, 1)]
    [double] $FaultRate = 0.2,

    [int] $FaultSeed = 1,

    [string[]] $FaultKinds = @('Throttle', 'ServerError', 'ServiceUnavailable'),

    [string[]] $FaultPhases = @('BeforeForward', 'AfterForward')
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

# The variables env.ps1 sets or removes, read from the file itself (so this list never drifts from it), with the
# values it sets: @{ Name = value-or-$null }.
function Get-SandboxEnvironment([string] $EnvFile) {
    $values = [ordered]@{}
    foreach ($line in Get-Content -LiteralPath $EnvFile) {
        if ($line -match '^\s*Remove-Item\s+-Path\s+(.+?)\s+-ErrorAction') {
            foreach ($item in $Matches[1] -split ',') {
                $values[($item.Trim() -replace '^Env:', '')] = $null
            }
        }
        elseif ($line -match "^\s*\`$env:(\w+)\s*=\s*'((?:[^']|'')*)'\s*`$") {
            $values[$Matches[1]] = $Matches[2] -replace "''", "'"
        }
    }

    $values
}

function Get-SandboxKey([string] $Path) {
    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path).TrimEnd([IO.Path]::DirectorySeparatorChar, [IO.Path]::AltDirectorySeparatorChar)
}

# Puts back what 'start -Import' changed in this session; without a record (env.ps1 loaded by hand, another session),
# removes the variables that still hold this sandbox's values.
function Restore-SandboxEnvironment([string] $Key, [string] $EnvFile) {
    $saved = Get-Variable -Name IrsaPSSandboxEnvironment -Scope Global -ValueOnly -ErrorAction SilentlyContinue
    $record = if ($saved) { $saved[$Key] }
    if ($record) {
        foreach ($name in $record.Set.Keys) {
            $current = [Environment]::GetEnvironmentVariable($name)
            if ($current -cne $record.Set[$name]) {
                Write-Verbose "Leaving `$env:$name as it is: it changed after the sandbox set it."
                continue
            }

            $previous = $record.Before[$name]
            if ($null -eq $previous) {
                Remove-Item -Path "Env:$name" -ErrorAction SilentlyContinue
            }
            else {
                Set-Item -Path "Env:$name" -Value $previous
            }
        }

        $saved.Remove($Key)
        Write-Host 'Restored the environment variables the sandbox had changed in this session.'
        return
    }

    if (-not (Test-Path -LiteralPath $EnvFile)) {
        return
    }

    $removed = @()
    foreach ($entry in (Get-SandboxEnvironment $EnvFile).GetEnumerator()) {
        if ($null -ne $entry.Value -and [Environment]::GetEnvironmentVariable($entry.Key) -ceq $entry.Value) {
            Remove-Item -Path "Env:$($entry.Key)" -ErrorAction SilentlyContinue
            $removed += $entry.Key
        }
    }

    if ($removed) {
        Write-Host "Removed the sandbox's environment variables from this session: $($removed -join ', ')."
    }
}

$arguments = @($dll, $Command, $Directory)
if ($Seed -and $Command -eq 'start') {
    $arguments += @('--seed', $Seed)
}

if ($Command -eq 'faults-start') {
    $arguments += @('--rate', $FaultRate.ToString([Globalization.CultureInfo]::InvariantCulture), '--seed', "$FaultSeed", '--kinds', ($FaultKinds -join ','), '--phases', ($FaultPhases -join ','))
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

$key = Get-SandboxKey $Directory
$envFile = Join-Path $key 'env.ps1'
if ($Command -eq 'stop') {
    Restore-SandboxEnvironment -Key $key -EnvFile $envFile
}

if ($Command -eq 'start' -and $Import) {
    # Remember what the variables held before, so that 'stop' can put it back (a second start keeps the first record).
    $saved = Get-Variable -Name IrsaPSSandboxEnvironment -Scope Global -ValueOnly -ErrorAction SilentlyContinue
    if (-not $saved) {
        $saved = @{}
        Set-Variable -Name IrsaPSSandboxEnvironment -Scope Global -Value $saved
    }

    $names = @((Get-SandboxEnvironment $envFile).Keys)
    $before = @{}
    foreach ($name in $names) {
        $before[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    # $env: variables are process-wide, so the caller's session sees them after the script returns.
    . $envFile
    $set = @{}
    foreach ($name in $names) {
        $set[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    if (-not $saved.ContainsKey($key)) {
        $saved[$key] = @{ Before = $before; Set = $set }
    }

    Write-Host "Loaded $envFile into this session ('stop' puts the previous values back)."
}
