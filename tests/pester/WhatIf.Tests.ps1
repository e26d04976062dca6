# -WhatIf, -Confirm, -Force and unattended hosts, against the sandbox, as the help documents them (about_IrsaPS SAFETY,
# docs/ci.md, each writer's -Force): -WhatIf writes nothing (IAM, EKS Pod Identity associations and Kubernetes read back
# without IrsaPS) and shows each write with its target; -Force skips the questions but never -WhatIf; where nobody can
# answer a prompt (pwsh -NonInteractive, or redirected standard input) a change that must be confirmed stops with
# MissingConfirmation and writes nothing, while -Force and -Confirm:$false write; changes that need no confirmation run
# unattended.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    # Setup: param($c) -> $t (what the case works on; $t.Target is what the What-if text must name).
    # Run:   param($c, $t, $switches) -> the write, with @switches (-WhatIf, and -Force where the cmdlet has it).
    $script:WhatIfCases = @(
        @{ Cmdlet = 'New-IrsaRole'; Name = 'a new role with policies and tags'
            Setup = { param($c) $r = New-IrsaTestName 'wi-new'; @{ Role = $r; Target = $r } }
            Run = { param($c, $t, $s) New-IrsaRole -RoleName $t.Role -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn $c.Policy -InlinePolicy @{ read = $c.Inline } -Tag @{ team = 'a' } @s } }
        @{ Cmdlet = 'New-IrsaRole'; Name = 'adopting an existing role (more policies, another service account, a tag)'
            Setup = { param($c) $r = New-IrsaTestName 'wi-adopt'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app -Force | Out-Null; @{ Role = $r; Target = $r } }
            Run = { param($c, $t, $s) New-IrsaRole -RoleName $t.Role -ClusterName $c.Cluster -ServiceAccountName web/app, payments/api -PolicyArn $c.Policy -Tag @{ team = 'b' } @s } }
        @{ Cmdlet = 'Add-IrsaRoleTrust'; Name = 'one more service account'
            Setup = { param($c) $r = New-IrsaTestName 'wi-add'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app -Force | Out-Null; @{ Role = $r; Target = $r } }
            Run = { param($c, $t, $s) Add-IrsaRoleTrust -RoleName $t.Role -ClusterName $c.Cluster -ServiceAccountName payments/api @s } }
        @{ Cmdlet = 'Add-IrsaRoleTrust'; Name = 'a wildcard subject'
            Setup = { param($c) $r = New-IrsaTestName 'wi-wild'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app -Force | Out-Null; @{ Role = $r; Target = $r } }
            Run = { param($c, $t, $s) Add-IrsaRoleTrust -RoleName $t.Role -ClusterName $c.Cluster -ServiceAccountName 'web/*' -AllowWildcard @s } }
        @{ Cmdlet = 'Remove-IrsaRoleTrust'; Name = 'one service account of two'
            Setup = { param($c) $r = New-IrsaTestName 'wi-narrow'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app, payments/api -Force | Out-Null; @{ Role = $r; Target = $r } }
            Run = { param($c, $t, $s) Remove-IrsaRoleTrust -RoleName $t.Role -ClusterName $c.Cluster -ServiceAccountName payments/api @s } }
        @{ Cmdlet = 'Remove-IrsaRoleTrust'; Name = 'the whole cluster, beside an unrelated statement'
            Setup = { param($c) $r = New-IrsaTestName 'wi-cluster'; New-IrsaSandboxRole $c.Sandbox $r (New-IrsaSandboxMixedTrust $c.Sandbox web/app) | Out-Null; @{ Role = $r; Target = $r } }
            Run = { param($c, $t, $s) Remove-IrsaRoleTrust -RoleName $t.Role -ClusterName $c.Cluster -AllServiceAccounts @s } }
        @{ Cmdlet = 'Remove-IrsaRole'; Name = 'a role with a managed and an inline policy'
            Setup = { param($c) $r = New-IrsaTestName 'wi-remove'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn $c.Policy -InlinePolicy @{ read = $c.Inline } -Force | Out-Null; @{ Role = $r; Target = $r } }
            Run = { param($c, $t, $s) Remove-IrsaRole -RoleName $t.Role -PassThru @s } }
        @{ Cmdlet = 'Set-IrsaServiceAccount'; Name = 'a ServiceAccount that does not exist yet'
            Setup = { param($c) $n = New-IrsaTestName 'wi-sa'; @{ Name = $n; Target = "web/$n" } }
            Run = { param($c, $t, $s) Set-IrsaServiceAccount -Namespace web -ServiceAccountName $t.Name -RoleArn $c.RoleArn -StsRegionalEndpoints -TokenExpiration 3600 @s } }
        @{ Cmdlet = 'Set-IrsaServiceAccount'; Name = 're-pointing an annotated ServiceAccount'
            Setup = { param($c) $n = New-IrsaTestName 'wi-repoint'; Set-IrsaServiceAccount -Namespace web -ServiceAccountName $n -RoleArn $c.RoleArn -Force | Out-Null; @{ Name = $n; Target = "web/$n" } }
            Run = { param($c, $t, $s) Set-IrsaServiceAccount -Namespace web -ServiceAccountName $t.Name -RoleArn "arn:aws:iam::$($c.Account):role/other" @s } }
        @{ Cmdlet = 'Remove-IrsaServiceAccount'; Name = 'the IRSA annotations'
            Setup = { param($c) $n = New-IrsaTestName 'wi-unannotate'; Set-IrsaServiceAccount -Namespace payments -ServiceAccountName $n -RoleArn $c.RoleArn -Force | Out-Null; @{ Name = $n; Target = "payments/$n" } }
            Run = { param($c, $t, $s) Remove-IrsaServiceAccount -Namespace payments -ServiceAccountName $t.Name -PassThru @s } }
        @{ Cmdlet = 'Remove-IrsaServiceAccount'; Name = 'deleting the ServiceAccount'
            Setup = { param($c) $n = New-IrsaTestName 'wi-delete'; Set-IrsaServiceAccount -Namespace payments -ServiceAccountName $n -RoleArn $c.RoleArn -Force | Out-Null; @{ Name = $n; Target = "payments/$n" } }
            Run = { param($c, $t, $s) Remove-IrsaServiceAccount -Namespace payments -ServiceAccountName $t.Name -DeleteServiceAccount -PassThru @s } }
        @{ Cmdlet = 'Register-IrsaOidcProvider'; Name = 'another client id and a tag on the registered provider'
            Setup = { param($c) @{ Target = ([Uri]$c.Sandbox.issuer).Host } }
            Run = { param($c, $t, $s) Register-IrsaOidcProvider -ClusterName $c.Cluster -ClientId sts.amazonaws.com, (New-IrsaTestName 'aud') -Tag @{ (New-IrsaTestName 'k') = 'v' } @s } }
        @{ Cmdlet = 'Unregister-IrsaOidcProvider'; Name = 'the cluster''s provider'
            Setup = { param($c) @{ Target = ([Uri]$c.Sandbox.issuer).Host } }
            Run = { param($c, $t, $s) Unregister-IrsaOidcProvider -ClusterName $c.Cluster -PassThru @s } }
        @{ Cmdlet = 'New-IrsaPodIdentityAssociation'; Name = 'an association and the trust statement its IRSA role lacks'
            Setup = { param($c) $n = New-IrsaTestName 'wi-pia'; $arn = (New-IrsaRole -RoleName $n -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force).RoleArn; @{ Name = $n; RoleArn = $arn; Target = "web/$n" } }
            Run = { param($c, $t, $s) New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $t.Name -RoleArn $t.RoleArn -Tag @{ team = 'a' } @s } }
        @{ Cmdlet = 'Set-IrsaPodIdentityAssociation'; Name = 'another role and no session tags'
            Setup = { param($c) $n = New-IrsaTestName 'wi-pis'; $first = (New-IrsaRole -PodIdentity -RoleName "$n-a" -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force).RoleArn
                $second = (New-IrsaRole -PodIdentity -TrustScope Any -RoleName "$n-b" -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force).RoleArn
                New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $n -RoleArn $first -Force | Out-Null; @{ Name = $n; RoleArn = $second; Target = "web/$n" } }
            Run = { param($c, $t, $s) Set-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $t.Name -RoleArn $t.RoleArn -DisableSessionTag -TrustScope Any @s } }
        @{ Cmdlet = 'Remove-IrsaPodIdentityAssociation'; Name = 'a service account''s association'
            Setup = { param($c) $n = New-IrsaTestName 'wi-pir'; $arn = (New-IrsaRole -PodIdentity -RoleName $n -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force).RoleArn
                $id = (New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $n -RoleArn $arn -Force).AssociationId; @{ Name = $n; Id = $id; Target = $id } }
            Run = { param($c, $t, $s) Remove-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $t.Name -PassThru @s } }
        @{ Cmdlet = 'Start-IrsaPodIdentityMigration'; Name = 'trust statement, association and annotations of an IRSA service account'
            Setup = { param($c) $n = New-IrsaTestName 'wi-mig'; New-IrsaRole -RoleName $n -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force | Set-IrsaServiceAccount -Force 3>$null | Out-Null; @{ Name = $n; Target = "web/$n" } }
            Run = { param($c, $t, $s) Start-IrsaPodIdentityMigration $t.Name -ClusterName $c.Cluster -Namespace web @s } }
        @{ Cmdlet = 'Complete-IrsaPodIdentityMigration'; Name = 'the IRSA trust statement of a started migration'
            Setup = { param($c) $n = New-IrsaTestName 'wi-done'; New-IrsaRole -RoleName $n -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force | Set-IrsaServiceAccount -Force 3>$null | Out-Null
                Start-IrsaPodIdentityMigration $n -ClusterName $c.Cluster -Namespace web -Force 3>$null | Out-Null; @{ Name = $n; Target = "web/$n" } }
            Run = { param($c, $t, $s) Complete-IrsaPodIdentityMigration $t.Name -ClusterName $c.Cluster -Namespace web @s } }
        @{ Cmdlet = 'Undo-IrsaPodIdentityMigration'; Name = 'everything a started migration wrote'
            Setup = { param($c) $n = New-IrsaTestName 'wi-undo'; New-IrsaRole -RoleName $n -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force | Set-IrsaServiceAccount -Force 3>$null | Out-Null
                Start-IrsaPodIdentityMigration $n -ClusterName $c.Cluster -Namespace web -Force 3>$null | Out-Null; @{ Name = $n; Target = "web/$n" } }
            Run = { param($c, $t, $s) Undo-IrsaPodIdentityMigration $t.Name -ClusterName $c.Cluster -Namespace web @s } }
    )
    $covered = @($script:WhatIfCases.Cmdlet | Sort-Object -Unique)
    $script:Writers = foreach ($writer in Get-Command -Module IrsaPS | Where-Object { $_.Parameters.ContainsKey('WhatIf') }) {
        @{ Writer = $writer.Name; Covered = $covered }
    }
    $script:Variants = foreach ($case in $script:WhatIfCases) {
        $case + @{ Variant = '-WhatIf'; Switches = @{ WhatIf = $true } }
        if ((Get-Command $case.Cmdlet).Parameters.ContainsKey('Force')) {
            $case + @{ Variant = '-WhatIf -Force'; Switches = @{ WhatIf = $true; Force = $true } }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SandboxState.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    Register-IrsaOidcProvider -ClusterName $script:Sandbox.clusterName -Confirm:$false | Out-Null
    $target = New-IrsaRole -RoleName (New-IrsaTestName 'wi-target') -ClusterName $script:Sandbox.clusterName -ServiceAccountName web/app -Force
    $script:Context = @{
        Sandbox = $script:Sandbox
        Cluster = $script:Sandbox.clusterName
        Account = $script:Sandbox.accountId
        Policy  = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
        Inline  = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}'
        RoleArn = $target.RoleArn
    }

    # Output after -WhatIf (or a declined confirmation) must not claim a write: nothing, or objects whose changes
    # (or which, as IrsaChange) are not applied.
    function Assert-NothingClaimedApplied {
        param([object[]] $Output)
        foreach ($item in @($Output | Where-Object { $null -ne $_ })) {
            if ($item.PSObject.Properties['Applied']) {
                $item.Applied | Should -BeFalse -Because "$($item.Action) was not applied"
            }

            if ($item.PSObject.Properties['Changes']) {
                @($item.Changes | Where-Object Applied).Count | Should -Be 0 -Because 'nothing was applied'
            }
        }
    }
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'Every writer has -WhatIf cases' {
    It 'there are fourteen writers, each covered' -ForEach @(@{ Count = @($script:Writers).Count }) {
        $Count | Should -BeGreaterOrEqual 14
    }

    It '<Writer> has a -WhatIf case' -ForEach $script:Writers {
        $Writer | Should -BeIn $Covered
    }
}

Describe '-WhatIf writes nothing' {
    It '<Cmdlet> <Variant>: <Name>' -ForEach $script:Variants {
        $t = & $Setup $script:Context
        $before = Get-IrsaSandboxState $script:Sandbox
        $transcript = Join-Path $TestDrive ((New-IrsaTestName 'whatif') + '.txt')

        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        try {
            $output = & $Run $script:Context $t $Switches -ErrorVariable failures 3>$null
        }
        finally {
            Stop-Transcript | Out-Null
        }

        $failures | Should -BeNullOrEmpty
        Get-IrsaSandboxState $script:Sandbox | Should -Be $before -Because '-WhatIf writes nothing'
        Assert-NothingClaimedApplied $output
        $shown = Get-Content -Raw $transcript
        $shown | Should -BeLike '*What if:*'
        $shown | Should -BeLike "*$($t.Target)*" -Because 'the What-if text names the target'
    }
}

Describe 'Unattended: -Force, -Confirm:$false and a host that cannot prompt (child PowerShell)' {
    BeforeDiscovery {
        # Setup: param($c) -> $t.  Command: param($c, $t) -> the command text for the child.  Written: param($c, $t) -> $true
        # when the write happened, read back in this process.
        $script:Confirming = @(
            @{ Name = 'Remove-IrsaRole (a deletion)'
                Setup = { param($c) $r = New-IrsaTestName 'ci-remove'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn $c.Policy -Force | Out-Null; @{ Role = $r } }
                Command = { param($c, $t) "Remove-IrsaRole -RoleName $($t.Role)" }
                Written = { param($c, $t) -not (Get-IrsaRole -RoleName $t.Role -ErrorAction SilentlyContinue) } }
            @{ Name = 'Remove-IrsaRoleTrust (a trust change)'
                Setup = { param($c) $r = New-IrsaTestName 'ci-narrow'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app, payments/api -Force | Out-Null; @{ Role = $r } }
                Command = { param($c, $t) "Remove-IrsaRoleTrust -RoleName $($t.Role) -ClusterName $($c.Cluster) -ServiceAccountName payments/api" }
                Written = { param($c, $t) (Get-IrsaRole -RoleName $t.Role).TrustPolicy -notlike '*system:serviceaccount:payments:api*' } }
            @{ Name = 'Remove-IrsaServiceAccount (removing the annotations)'
                Setup = { param($c) $n = New-IrsaTestName 'ci-sa'; Set-IrsaServiceAccount -Namespace web -ServiceAccountName $n -RoleArn $c.RoleArn -Force | Out-Null; @{ Name = $n } }
                Command = { param($c, $t) "Remove-IrsaServiceAccount -Namespace web -ServiceAccountName $($t.Name)" }
                Written = { param($c, $t) -not (Get-IrsaServiceAccount -Namespace web -ServiceAccountName $t.Name -IncludeUnannotated).RoleArn } }
            @{ Name = 'Unregister-IrsaOidcProvider (a deletion)'
                Setup = { param($c) $n = New-IrsaTestName 'ci-provider'; @{ Arn = New-IrsaSandboxOidcProvider $c.Sandbox "https://oidc.example.com/id/$n" } }
                Command = { param($c, $t) "Unregister-IrsaOidcProvider -OidcProviderArn '$($t.Arn)'" }
                Written = { param($c, $t) (Get-IrsaSandboxState $c.Sandbox) -notlike "*$($t.Arn)*" } }
            @{ Name = 'Remove-IrsaPodIdentityAssociation (a deletion)'
                Setup = { param($c) $n = New-IrsaTestName 'ci-pia'; $arn = (New-IrsaRole -PodIdentity -RoleName $n -ClusterName $c.Cluster -ServiceAccountName "web/$n" -Force).RoleArn
                    $id = (New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $n -RoleArn $arn -Force).AssociationId; @{ Name = $n; Id = $id } }
                Command = { param($c, $t) "Remove-IrsaPodIdentityAssociation -ClusterName $($c.Cluster) -AssociationId $($t.Id)" }
                Written = { param($c, $t) -not (Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $t.Name) } }
            @{ Name = 'Add-IrsaRoleTrust -AllowWildcard (broadening with a wildcard)'
                Setup = { param($c) $r = New-IrsaTestName 'ci-wild'; New-IrsaRole -RoleName $r -ClusterName $c.Cluster -ServiceAccountName web/app -Force | Out-Null; @{ Role = $r } }
                Command = { param($c, $t) "Add-IrsaRoleTrust -RoleName $($t.Role) -ClusterName $($c.Cluster) -ServiceAccountName 'web/*' -AllowWildcard" }
                Written = { param($c, $t) (Get-IrsaRole -RoleName $t.Role).TrustPolicy -like '*system:serviceaccount:web:`**' } }
            @{ Name = 'Set-IrsaServiceAccount (re-pointing at another role)'
                Setup = { param($c) $n = New-IrsaTestName 'ci-repoint'; Set-IrsaServiceAccount -Namespace web -ServiceAccountName $n -RoleArn $c.RoleArn -Force | Out-Null; @{ Name = $n; Other = "arn:aws:iam::$($c.Account):role/$(New-IrsaTestName 'other')" } }
                Command = { param($c, $t) "Set-IrsaServiceAccount -Namespace web -ServiceAccountName $($t.Name) -RoleArn $($t.Other)" }
                Written = { param($c, $t) (Get-IrsaServiceAccount -Namespace web -ServiceAccountName $t.Name).RoleArn -eq $t.Other } }
        )
        $script:ConfirmingVariants = foreach ($case in $script:Confirming) {
            $case + @{ Switches = ''; Expected = 'MissingConfirmation'; Writes = $false }
            $case + @{ Switches = ' -Force'; Expected = 'DONE'; Writes = $true }
            $case + @{ Switches = ' -Confirm:$false'; Expected = 'DONE'; Writes = $true }
        }

        $script:Unconfirmed = @(
            @{ Name = 'New-IrsaRole (a new role)'
                Setup = { param($c) @{ Role = New-IrsaTestName 'ci-new' } }
                Command = { param($c, $t) "New-IrsaRole -RoleName $($t.Role) -ClusterName $($c.Cluster) -ServiceAccountName web/app -PolicyArn $($c.Policy)" }
                Written = { param($c, $t) [bool](Get-IrsaRole -RoleName $t.Role -ErrorAction SilentlyContinue) } }
            @{ Name = 'Set-IrsaServiceAccount (a new ServiceAccount)'
                Setup = { param($c) @{ Name = New-IrsaTestName 'ci-newsa' } }
                Command = { param($c, $t) "Set-IrsaServiceAccount -Namespace payments -ServiceAccountName $($t.Name) -RoleArn $($c.RoleArn)" }
                Written = { param($c, $t) (Get-IrsaServiceAccount -Namespace payments -ServiceAccountName $t.Name).RoleArn -eq $c.RoleArn } }
            # A tag, not another client id: moto 5.2.1 does not implement AddClientIDToOpenIDConnectProvider.
            @{ Name = 'Register-IrsaOidcProvider (a tag on the registered provider)'
                Setup = { param($c) @{ Key = New-IrsaTestName 'key' } }
                Command = { param($c, $t) "Register-IrsaOidcProvider -ClusterName $($c.Cluster) -Tag @{ '$($t.Key)' = 'v' }" }
                Written = { param($c, $t) (Get-IrsaSandboxState $c.Sandbox) -like "*$($t.Key)=v*" } }
        )
    }

    BeforeAll {
        # Runs the command in a child PowerShell that cannot prompt: -NonInteractive, or (-RedirectInput) a console host
        # whose standard input is a pipe nobody writes to, as in a CI step. Returns 'DONE' or the ErrorId it stopped with.
        function Invoke-Unattended {
            param([string] $Command, [switch] $RedirectInput)
            $manifest = Get-IrsaPSPackagePath
            $script = "Import-Module '$manifest'; try { $Command -ErrorAction Stop -WarningAction SilentlyContinue | Out-Null; 'DONE' } catch { `$_.FullyQualifiedErrorId.Split(',')[0] }"
            if (-not $RedirectInput) {
                $output = Invoke-IrsaChildPwsh -NoLogo -NoProfile -NonInteractive -Command $script 2>&1
                return ($output | Select-Object -Last 1).ToString()
            }

            $pwsh = Get-IrsaChildPwshCommand
            $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoLogo', '-NoProfile', '-Command', $script)) {
                $info.ArgumentList.Add($argument)
            }

            $info.RedirectStandardInput = $true
            $info.RedirectStandardOutput = $true
            $info.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($info)
            try {
                $read = $process.StandardOutput.ReadToEndAsync()
                if (-not $process.WaitForExit(120000)) {
                    $process.Kill($true)
                    throw 'The child waited for an answer on its redirected standard input.'
                }

                ($read.Result -split "`r?`n" | Where-Object { $_ } | Select-Object -Last 1)
            }
            finally {
                $process.Dispose()
            }
        }
    }

    It '<Name><Switches> in pwsh -NonInteractive: <Expected>' -ForEach $script:ConfirmingVariants {
        $t = & $Setup $script:Context
        $before = Get-IrsaSandboxState $script:Sandbox

        $result = Invoke-Unattended -Command ((& $Command $script:Context $t) + $Switches)

        $result | Should -Be $Expected
        if ($Writes) {
            & $Written $script:Context $t | Should -BeTrue -Because "$Switches writes unattended"
        }
        else {
            Get-IrsaSandboxState $script:Sandbox | Should -Be $before -Because 'a write that could not be confirmed is not made'
        }
    }

    It '<Name> in pwsh -NonInteractive, no -Force: needs no confirmation and writes' -ForEach $script:Unconfirmed {
        $t = & $Setup $script:Context

        Invoke-Unattended -Command (& $Command $script:Context $t) | Should -Be 'DONE'

        & $Written $script:Context $t | Should -BeTrue
    }

    It '<Name> with -Confirm in pwsh -NonInteractive: MissingConfirmation, nothing written' -ForEach $script:Unconfirmed {
        $t = & $Setup $script:Context
        $before = Get-IrsaSandboxState $script:Sandbox

        Invoke-Unattended -Command ((& $Command $script:Context $t) + ' -Confirm') | Should -Be 'MissingConfirmation'

        Get-IrsaSandboxState $script:Sandbox | Should -Be $before
    }

    It 'a deletion with redirected standard input (no -NonInteractive, as in a CI step): MissingConfirmation, nothing written' {
        $role = New-IrsaTestName 'ci-stdin'
        New-IrsaRole -RoleName $role -ClusterName $script:Context.Cluster -ServiceAccountName web/app -Force | Out-Null
        $before = Get-IrsaSandboxState $script:Sandbox

        Invoke-Unattended -Command "Remove-IrsaRole -RoleName $role" -RedirectInput | Should -Be 'MissingConfirmation'

        Get-IrsaSandboxState $script:Sandbox | Should -Be $before
    }

    It '-WhatIf in pwsh -NonInteractive: no prompt, no error, nothing written' {
        $role = New-IrsaTestName 'ci-whatif'
        New-IrsaRole -RoleName $role -ClusterName $script:Context.Cluster -ServiceAccountName web/app -Force | Out-Null
        $before = Get-IrsaSandboxState $script:Sandbox

        Invoke-Unattended -Command "Remove-IrsaRole -RoleName $role -WhatIf" | Should -Be 'DONE'

        Get-IrsaSandboxState $script:Sandbox | Should -Be $before
    }
}
