# The module as users install it: what it exports, its help, its formats and its completers. No sandbox needed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:Contract = @(
        'Get-IrsaCluster', 'Get-IrsaOidcProvider', 'Register-IrsaOidcProvider', 'Unregister-IrsaOidcProvider',
        'New-IrsaTrustPolicy', 'New-IrsaRole', 'Get-IrsaRole', 'Add-IrsaRoleTrust', 'Remove-IrsaRoleTrust', 'Remove-IrsaRole',
        'Set-IrsaServiceAccount', 'Get-IrsaServiceAccount', 'Remove-IrsaServiceAccount', 'Test-IrsaTrust', 'Invoke-IrsaAudit',
        'Get-IrsaPolicyTemplate',
        'Get-IrsaPodIdentityAssociation', 'New-IrsaPodIdentityAssociation', 'Set-IrsaPodIdentityAssociation', 'Remove-IrsaPodIdentityAssociation',
        'Get-IrsaWorkloadIdentity', 'Start-IrsaPodIdentityMigration', 'Complete-IrsaPodIdentityMigration', 'Undo-IrsaPodIdentityMigration',
        'Get-IrsaRoleActivity')
    # Static members of Cmdlet itself; WhatIf and Confirm are the optional ones.
    $script:CommonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
}

Describe 'The IrsaPS module' {
    It 'imports from the package and exports exactly the contract cmdlets' {
        $module = Get-Module IrsaPS
        $module | Should -Not -BeNullOrEmpty
        $module.ModuleBase | Should -BeLike '*output*IrsaPS*'
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($script:Contract | Sort-Object)
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }

    It 'loads IrsaPS.Core from the package''s deps folder (isolated from other modules'' AWS SDKs)' {
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'IrsaPS.Core' } | Select-Object -First 1
        if (-not $core) {
            # IrsaPS.Core loads on first use; a trust policy built offline is enough to load it.
            New-IrsaTrustPolicy -Issuer https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE -AccountId 123456789012 -ServiceAccountName web/app | Out-Null
            $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'IrsaPS.Core' } | Select-Object -First 1
        }

        $core.Location | Should -BeLike ((Get-Module IrsaPS).ModuleBase + '*deps*')
    }

    It 'has views for its output types' {
        foreach ($type in 'IrsaCluster', 'IrsaOidcProvider', 'IrsaRole', 'IrsaServiceAccount', 'IrsaTrustPolicy', 'IrsaChange', 'IrsaPolicyTemplate', 'IrsaPodIdentityAssociation', 'IrsaWorkloadIdentity', 'IrsaPodIdentityMigration', 'IrsaRoleActivity') {
            $format = Get-FormatData -TypeName "IrsaPS.Core.Models.$type"
            $format | Should -Not -BeNullOrEmpty -Because "$type needs a table view"
            @($format.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] }).Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Help of <_>' -ForEach @(
    'Get-IrsaCluster', 'Get-IrsaOidcProvider', 'Register-IrsaOidcProvider', 'Unregister-IrsaOidcProvider',
    'New-IrsaTrustPolicy', 'New-IrsaRole', 'Get-IrsaRole', 'Add-IrsaRoleTrust', 'Remove-IrsaRoleTrust', 'Remove-IrsaRole',
    'Set-IrsaServiceAccount', 'Get-IrsaServiceAccount', 'Remove-IrsaServiceAccount', 'Test-IrsaTrust', 'Invoke-IrsaAudit',
    'Get-IrsaPolicyTemplate',
    'Get-IrsaPodIdentityAssociation', 'New-IrsaPodIdentityAssociation', 'Set-IrsaPodIdentityAssociation', 'Remove-IrsaPodIdentityAssociation',
    'Get-IrsaWorkloadIdentity', 'Start-IrsaPodIdentityMigration', 'Complete-IrsaPodIdentityMigration', 'Undo-IrsaPodIdentityMigration',
    'Get-IrsaRoleActivity') {
    BeforeAll {
        $script:Name = $_
        $script:Help = Get-Help $_ -Full
        $script:Command = Get-Command $_
    }

    It 'has a synopsis and a description' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis | Should -Not -BeLike "*$($script:Name) *[<]*"   # not the auto-generated syntax line
        ($script:Help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples that use it' {
        @($script:Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $script:Help.Examples.Example) {
            $example.Code | Should -BeLike "*$($script:Name)*"
        }
    }

    It 'describes every parameter' {
        $documented = @{}
        foreach ($parameter in $script:Help.Parameters.Parameter) {
            $documented[$parameter.Name] = ($parameter.Description | Out-String).Trim()
        }

        foreach ($parameter in $script:Command.Parameters.Keys | Where-Object { $_ -notin $script:CommonParameters }) {
            $documented[$parameter] | Should -Not -BeNullOrEmpty -Because "-$parameter of $($script:Name) needs a description"
        }
    }

    It 'declares its output type' {
        $script:Command.OutputType.Count | Should -BeGreaterThan 0
    }
}

Describe 'Tab completion wiring' {
    It 'offers completers for clusters, namespaces, service accounts and roles' {
        $parameters = (Get-Command New-IrsaRole).Parameters
        foreach ($pair in @(
                @('ClusterName', 'ClusterNameCompleter'), @('Namespace', 'NamespaceCompleter'),
                @('ServiceAccountName', 'ServiceAccountNameCompleter'), @('RoleName', 'RoleNameCompleter'), @('Region', 'RegionCompleter'))) {
            $attribute = $parameters[$pair[0]].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
            $attribute.Type.Name | Should -Be $pair[1]
        }
    }

    It 'completes regions offline' {
        $result = TabExpansion2 -inputScript 'Get-IrsaCluster -Region eu-we' -cursorColumn 'Get-IrsaCluster -Region eu-we'.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'eu-west-1'
    }

    It 'completes and binds the audit enums -OutputFormat and -FailOn like the ValidateSets they replaced' {
        $parameters = (Get-Command Invoke-IrsaAudit).Parameters
        $parameters['OutputFormat'].ParameterType.FullName | Should -Be 'IrsaPS.Core.Models.AuditOutputFormat'
        $parameters['FailOn'].ParameterType.FullName | Should -BeLike 'System.Nullable*IrsaPS.Core.Models.IrsaSeverity*'
        foreach ($case in @(@('Invoke-IrsaAudit -OutputFormat ', @('Objects', 'Sarif', 'JUnit')), @('Invoke-IrsaAudit -FailOn ', @('Info', 'Low', 'Medium', 'High', 'Critical')))) {
            $line = $case[0]
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object) | Should -Be @($case[1] | Sort-Object)
        }

        # Case-insensitive, as the ValidateSets were: -OutputFormat sarif -FailOn high binds (and fails later, offline, for the missing -OutFile).
        { Invoke-IrsaAudit -ClusterName c -OutputFormat sarif -FailOn high -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameterCombination,IrsaPS.Audit.InvokeIrsaAuditCommand'
    }
}
