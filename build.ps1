#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages IrsaPS.
.DESCRIPTION
    Tasks:
      Build    dotnet build IrsaPS.sln (warnings are errors).
      Test     the xunit suite (dotnet test) and then the Pester suite in tests/pester against the packaged module.
      Package  assembles output/IrsaPS/<version>/ (manifest stamped with the version from Directory.Build.props,
               binaries with isolated dependencies, format file, MAML help from docs/en-US), ready for Publish-Module.
      Pester   only the Pester suite (packages first).
      Clean    removes output/ and every bin/ and obj/.
    Every step is a plain dotnet command, so machines without PowerShell run the same thing through tools/package
    and `dotnet test IrsaPS.sln -c Release`.
.EXAMPLE
    ./build.ps1 -Task Package
.EXAMPLE
    ./build.ps1 -Task Test -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Pester', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

# The arguments travel as one array: PowerShell's parameter binder would swallow a bare '--' (its end-of-parameters
# token) if they were passed to this function as separate arguments, and 'dotnet run' needs it.
function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    $ErrorActionPreference = 'Continue'   # Windows PowerShell 5.1: a line on stderr must not become a terminating error
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet @('build', (Join-Path $root 'IrsaPS.sln'), '--configuration', $Configuration)
}

function Invoke-Package {
    Invoke-Build
    Invoke-Dotnet @('run', '--project', (Join-Path $root 'tools/IrsaPS.Packager'), '--configuration', $Configuration, '--no-build', '--',
        '--configuration', $Configuration, '--repository', $root, '--output', (Join-Path $root 'output'))
}

function Invoke-PesterSuite {
    Invoke-Package
    & (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1')
    if ($LASTEXITCODE -ne 0) { throw "The Pester suite failed (exit code $LASTEXITCODE)." }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build'   { Invoke-Build }
        'Package' { Invoke-Package }
        'Test'    {
            Invoke-Dotnet @('test', (Join-Path $root 'IrsaPS.sln'), '--configuration', $Configuration)
            Invoke-PesterSuite
        }
        'Pester'  { Invoke-PesterSuite }
        'Clean'   {
            Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $root 'output')
            Get-ChildItem -Path $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
        }
    }
}
