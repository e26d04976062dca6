@{
    RootModule           = 'TrivialModule.dll'
    ModuleVersion        = '1.0.0'
    GUID                 = '0d6c1a52-3f0e-4b8e-9a51-7c2d4e8f1a93'
    Author               = 'IrsaPS contributors'
    Description          = 'The trivial binary module IrsaPS''s import time is compared with (bench/ImportTime).'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @('Get-TrivialGreeting')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
