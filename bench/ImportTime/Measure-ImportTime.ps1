#Requires -Version 7.4
<#
.SYNOPSIS
    Times Import-Module of the packaged IrsaPS against a trivial binary module, each in fresh PowerShell processes.

.DESCRIPTION
    Builds bench/ImportTime/TrivialModule (one cmdlet, no dependencies, netstandard2.0 against
    PowerShellStandard.Library, like IrsaPS) and then, alternating the two modules so that machine noise hits both
    alike, starts -Count fresh `pwsh -NoProfile -NonInteractive` processes per module. Each child measures, with a
    Stopwatch around the command itself:
      import       Import-Module <manifest>                       (the target: IrsaPS at most 1.5x the trivial module)
      first use    Import-Module plus the module's first command   (IrsaPS: New-IrsaTrustPolicy offline, which loads
                                                                    IrsaPS.Core and its dependencies; trivial: its cmdlet)
    and the parent records each child's wall time (process start to exit) for context. Medians are reported.
    The children are the PowerShell running this script (the pinned .NET tool or a native pwsh), found the same way as
    tests/pester/TestSetup.ps1 does. Package IrsaPS first: ./build.ps1 -Task Package.

.PARAMETER Count
    Fresh processes per module (default 10).

.PARAMETER OutFile
    Also write the result table as markdown to this file.

.PARAMETER Breakdown
    Also time, in the same alternation, what IrsaPS's import consists of: IrsaPS.dll imported without its manifest,
    the IrsaPS manifest without its format file, and the trivial module with IrsaPS's format file (copies in a
    temporary folder, removed afterwards).

.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/ImportTime/Measure-ImportTime.ps1
#>
[CmdletBinding()]
param(
    [ValidateRange(3, 100)]
    [int] $Count = 10,

    [string] $OutFile,

    [switch] $Breakdown
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

$props = [xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))
$version = $props.SelectSingleNode('/Project/PropertyGroup/VersionPrefix').InnerText.Trim()
$irsaManifest = Join-Path $root "output/IrsaPS/$version/IrsaPS.psd1"
if (-not (Test-Path $irsaManifest)) {
    throw "The packaged module is missing at $irsaManifest. Run ./build.ps1 -Task Package first."
}

$project = Join-Path $PSScriptRoot 'TrivialModule/TrivialModule.csproj'
& dotnet build $project --configuration Release --nologo --verbosity quiet | Out-Host
if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed (exit code $LASTEXITCODE)." }
$trivialManifest = Join-Path $PSScriptRoot 'TrivialModule/bin/Release/netstandard2.0/TrivialModule.psd1'

# The PowerShell running this script: native pwsh, or dotnet + pwsh.dll when it runs as the pinned .NET tool.
$exe = [Environment]::ProcessPath
$prefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($exe) -ne 'pwsh') {
    $prefix = @(Join-Path $PSHOME 'pwsh.dll')
}

$modules = [ordered]@{
    IrsaPS  = @{ Manifest = $irsaManifest; FirstUse = 'New-IrsaTrustPolicy -Issuer https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE -AccountId 123456789012 -ServiceAccountName web/app -AsJson' }
    Trivial = @{ Manifest = $trivialManifest; FirstUse = 'Get-TrivialGreeting bench' }
}

$scratch = $null
if ($Breakdown) {
    $scratch = Join-Path ([IO.Path]::GetTempPath()) ("irsaps-import-" + [guid]::NewGuid().ToString('N'))
    $irsaCopy = Join-Path $scratch 'IrsaPS-no-format'
    Copy-Item -Recurse (Split-Path -Parent $irsaManifest) $irsaCopy
    $manifestText = (Get-Content -Raw (Join-Path $irsaCopy 'IrsaPS.psd1')) -replace "(?m)^\s*FormatsToProcess\s*=.*$", ''
    Set-Content -Path (Join-Path $irsaCopy 'IrsaPS.psd1') -Value $manifestText
    $trivialCopy = Join-Path $scratch 'Trivial-with-format'
    Copy-Item -Recurse (Split-Path -Parent $trivialManifest) $trivialCopy
    Copy-Item (Join-Path (Split-Path -Parent $irsaManifest) 'IrsaPS.Format.ps1xml') $trivialCopy
    $manifestText = (Get-Content -Raw (Join-Path $trivialCopy 'TrivialModule.psd1')) -replace "CmdletsToExport", "FormatsToProcess     = @('IrsaPS.Format.ps1xml')`n    CmdletsToExport"
    Set-Content -Path (Join-Path $trivialCopy 'TrivialModule.psd1') -Value $manifestText
    $modules['IrsaPS.dll only'] = @{ Manifest = (Join-Path (Split-Path -Parent $irsaManifest) 'IrsaPS.dll'); FirstUse = $modules.IrsaPS.FirstUse }
    $modules['IrsaPS, no format file'] = @{ Manifest = (Join-Path $irsaCopy 'IrsaPS.psd1'); FirstUse = $modules.IrsaPS.FirstUse }
    $modules['Trivial + IrsaPS format file'] = @{ Manifest = (Join-Path $trivialCopy 'TrivialModule.psd1'); FirstUse = $modules.Trivial.FirstUse }
}

function Measure-Child {
    param([string] $Manifest, [string] $FirstUse)
    # One line of output: import ms, import + first use ms, and the number of exported commands (proof it imported).
    $script = @"
`$ErrorActionPreference = 'Stop'
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$module = Import-Module '$($Manifest.Replace("'", "''"))' -PassThru
`$import = `$watch.Elapsed.TotalMilliseconds
`$null = $FirstUse
`$first = `$watch.Elapsed.TotalMilliseconds
'{0:F1} {1:F1} {2}' -f `$import, `$first, `$module.ExportedCommands.Count
"@
    $wall = [Diagnostics.Stopwatch]::StartNew()
    $line = & $exe @prefix -NoProfile -NonInteractive -NoLogo -Command $script
    $wall.Stop()
    if ($LASTEXITCODE -ne 0) { throw "The child PowerShell failed for $Manifest (exit code $LASTEXITCODE): $line" }
    $parts = "$line".Trim() -split ' '
    if ([int]$parts[2] -lt 1) { throw "The child imported no command from $Manifest." }
    [pscustomobject]@{
        ImportMs   = [double]::Parse($parts[0], [cultureinfo]::InvariantCulture)
        FirstUseMs = [double]::Parse($parts[1], [cultureinfo]::InvariantCulture)
        WallMs     = $wall.Elapsed.TotalMilliseconds
    }
}

function Get-Median {
    param([double[]] $Values)
    $sorted = @($Values | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

# One warm-up child per module (disk cache, the tool's first-run work), not counted.
foreach ($name in $modules.Keys) { $null = Measure-Child -Manifest $modules[$name].Manifest -FirstUse $modules[$name].FirstUse }

$samples = @{}
foreach ($name in $modules.Keys) { $samples[$name] = [Collections.Generic.List[object]]::new() }
try {
    for ($i = 0; $i -lt $Count; $i++) {
        foreach ($name in $modules.Keys) {
            $samples[$name].Add((Measure-Child -Manifest $modules[$name].Manifest -FirstUse $modules[$name].FirstUse))
        }
    }
}
finally {
    if ($scratch) { Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue }
}

$rows = foreach ($name in $modules.Keys) {
    [pscustomobject]@{
        Module        = $name
        ImportMedian  = [Math]::Round((Get-Median $samples[$name].ImportMs), 1)
        ImportMin     = [Math]::Round(($samples[$name].ImportMs | Measure-Object -Minimum).Minimum, 1)
        ImportMax     = [Math]::Round(($samples[$name].ImportMs | Measure-Object -Maximum).Maximum, 1)
        FirstUseMedian = [Math]::Round((Get-Median $samples[$name].FirstUseMs), 1)
        WallMedian    = [Math]::Round((Get-Median $samples[$name].WallMs), 0)
    }
}

$irsa = $rows | Where-Object Module -eq 'IrsaPS'
$trivial = $rows | Where-Object Module -eq 'Trivial'
$ratio = [Math]::Round($irsa.ImportMedian / $trivial.ImportMedian, 2)
$rows | Format-Table -AutoSize | Out-Host
$verdict = if ($ratio -le 1.5) { 'within' } else { 'OVER' }
Write-Host ("Import-Module, median of {0} fresh processes: IrsaPS {1} ms, trivial {2} ms: {3}x ({4} the 1.5x target)" -f $Count, $irsa.ImportMedian, $trivial.ImportMedian, $ratio, $verdict)

if ($OutFile) {
    $lines = @(
        '| module | Import-Module median (min-max) | import + first command, median | process wall time, median |'
        '|---|---|---|---|'
    )
    foreach ($row in $rows) {
        $lines += '| {0} | {1} ms ({2}-{3}) | {4} ms | {5} ms |' -f $row.Module, $row.ImportMedian, $row.ImportMin, $row.ImportMax, $row.FirstUseMedian, $row.WallMedian
    }
    $lines += ''
    $lines += "IrsaPS / trivial, Import-Module medians: **$ratio×** ($Count fresh processes each, PowerShell $($PSVersionTable.PSVersion))."
    Set-Content -Path $OutFile -Value $lines
}

[pscustomobject]@{ Count = $Count; IrsaPSImportMs = $irsa.ImportMedian; TrivialImportMs = $trivial.ImportMedian; Ratio = $ratio; Rows = $rows }
