#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates IrsaPS.
.DESCRIPTION
    Tasks:
      Restore  the pinned tools: PowerShell 7.6.10 (.config/dotnet-tools.json) and Pester 5.7.1
               (tools/Pester/Pester.proj, into .tools/packages). Nothing global, nothing from the Gallery.
      Build    dotnet build IrsaPS.sln (warnings are errors).
      Format   dotnet format --verify-no-changes (fails on unformatted code).
      Package  assembles output/IrsaPS/<version>/ (manifest stamped with the version from Directory.Build.props,
               binaries with isolated dependencies, format file, MAML help from docs/en-US), ready for Publish-Module.
      Test     every test: the xunit suite (dotnet test), then the Pester suite in tests/pester against the package.
      Pester   only the Pester suite (restores and packages first).
      Demo     packages, then runs the module's main job in pwsh against a local sandbox (tools/Demo.ps1).
      Clean    removes output/, .tools/ and every bin/ and obj/.
    Run it with the pinned PowerShell, so no pwsh needs to be installed:
      dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1 -Task Test -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Restore', 'Build', 'Format', 'Test', 'Package', 'Pester', 'Demo', 'Clean')]
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
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Restore {
    Invoke-Dotnet @('tool', 'restore')
    Invoke-Dotnet @('restore', (Join-Path $root 'tools/Pester/Pester.proj'), '--verbosity', 'quiet')
}

function Invoke-Build {
    Invoke-Dotnet @('build', (Join-Path $root 'IrsaPS.sln'), '--configuration', $Configuration)
}

function Invoke-Package {
    param([switch] $NoBuild)
    if (-not $NoBuild) { Invoke-Build }
    Invoke-Dotnet @('run', '--project', (Join-Path $root 'tools/IrsaPS.Packager'), '--configuration', $Configuration, '--no-build', '--',
        '--configuration', $Configuration, '--repository', $root, '--output', (Join-Path $root 'output'))
}

function Invoke-PesterSuite {
    & (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1') -ResultPath (Join-Path $root 'output/pester.xml')
    if ($LASTEXITCODE -ne 0) { throw "The Pester suite failed (exit code $LASTEXITCODE)." }
}

foreach ($name in $Task) {
    switch ($name) {
        'Restore' { Invoke-Restore }
        'Build'   { Invoke-Build }
        'Format'  { Invoke-Dotnet @('format', 'whitespace', (Join-Path $root 'IrsaPS.sln'), '--verify-no-changes', '--verbosity', 'minimal') }
        'Package' { Invoke-Package }
        'Test'    {
            Invoke-Restore
            Invoke-Dotnet @('test', (Join-Path $root 'IrsaPS.sln'), '--configuration', $Configuration)
            Invoke-Package -NoBuild
            Invoke-PesterSuite
        }
        'Pester'  { Invoke-Restore; Invoke-Package; Invoke-PesterSuite }
        'Demo'    {
            Invoke-Package
            & (Join-Path $root 'tools/Demo.ps1')
            if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
        }
        'Clean'   {
            Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $root 'output'), (Join-Path $root '.tools')
            Get-ChildItem -Path $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
        }
    }
}
