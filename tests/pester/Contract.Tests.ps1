# The public contract against the sandbox (moto_server + Kubernetes API stand-in with cluster 'demo').

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    $script:Cluster = $script:Sandbox.clusterName
    $script:PolicyArn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
    Register-IrsaOidcProvider -ClusterName $script:Cluster -Confirm:$false | Out-Null
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'The contract pipeline' {
    It 'creates the role, annotates the ServiceAccount and proves the trust' {
        $role = New-IrsaTestName 'app'
        $results = @(Get-IrsaCluster $script:Cluster |
            New-IrsaRole -RoleName $role -Namespace web -ServiceAccountName app -PolicyArn $script:PolicyArn -Force |
            Set-IrsaServiceAccount -Force |
            Test-IrsaTrust)

        $results.Count | Should -Be 1
        $results[0].Allowed | Should -BeTrue
        $results[0].Namespace | Should -Be 'web'
        $results[0].ServiceAccountName | Should -Be 'app'
        $results[0].RoleName | Should -Be $role

        $account = Get-IrsaServiceAccount -Namespace web -ServiceAccountName app
        $account.RoleName | Should -Be $role
        (Get-IrsaRole -RoleName $role).AttachedPolicyArns | Should -Contain $script:PolicyArn
    }

    It 'keeps the region of a piped cluster through the whole pipeline' {
        # IrsaRole and IrsaServiceAccount have no Region property: the cmdlets carry the region they were given as a
        # Region note property. With another default region, Set-IrsaServiceAccount and Test-IrsaTrust would otherwise
        # look for the cluster there and fail with ClusterNotFound.
        $role = New-IrsaTestName 'region'
        $saved = $env:AWS_REGION, $env:AWS_DEFAULT_REGION
        try {
            $env:AWS_REGION = 'eu-west-1'
            $env:AWS_DEFAULT_REGION = 'eu-west-1'
            $results = @(Get-IrsaCluster $script:Cluster -Region $script:Sandbox.region |
                New-IrsaRole -RoleName $role -Namespace web -ServiceAccountName $role -Force |
                Set-IrsaServiceAccount -Force |
                Test-IrsaTrust)
        }
        finally {
            $env:AWS_REGION, $env:AWS_DEFAULT_REGION = $saved
        }

        $results.Count | Should -Be 1
        $results[0].Allowed | Should -BeTrue
        $results[0].Region | Should -Be $script:Sandbox.region
    }

    It 'is idempotent: the same New-IrsaRole again applies nothing' {
        $role = New-IrsaTestName 'again'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -PolicyArn $script:PolicyArn -Force | Out-Null
        $second = New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -PolicyArn $script:PolicyArn -Force
        $second.Created | Should -BeFalse
        @($second.Changes | Where-Object Applied).Count | Should -Be 0
    }

    It 'takes one row per service account from Import-Csv' {
        $prefix = New-IrsaTestName 'csv'
        $csv = Join-Path $TestDrive "$prefix.csv"
        @(
            [pscustomobject]@{ RoleName = "$prefix-a"; ClusterName = $script:Cluster; Namespace = 'web'; ServiceAccountName = "$prefix-a" }
            [pscustomobject]@{ RoleName = "$prefix-b"; ClusterName = $script:Cluster; Namespace = 'payments'; ServiceAccountName = "$prefix-b" }
        ) | Export-Csv -Path $csv -NoTypeInformation

        $accounts = @(Import-Csv $csv | New-IrsaRole -PolicyArn $script:PolicyArn -Force | Set-IrsaServiceAccount -Force)

        $accounts.Count | Should -Be 2
        ($accounts | ForEach-Object { "$($_.Namespace)/$($_.ServiceAccountName)=$($_.RoleName)" }) |
            Should -Be @("web/$prefix-a=$prefix-a", "payments/$prefix-b=$prefix-b")
        @(Import-Csv $csv | Test-IrsaTrust -ClusterName $script:Cluster | Where-Object Allowed).Count | Should -Be 2
    }

    It 'reports a bad row as one error and completes the others' {
        $prefix = New-IrsaTestName 'rows'
        $rows = @(
            [pscustomobject]@{ RoleName = "$prefix-1"; ClusterName = $script:Cluster; Namespace = 'web'; ServiceAccountName = "$prefix-1" }
            [pscustomobject]@{ RoleName = "$prefix-2"; ClusterName = $script:Cluster; Namespace = 'Not_A_Namespace'; ServiceAccountName = "$prefix-2" }
            [pscustomobject]@{ RoleName = "$prefix-3"; ClusterName = $script:Cluster; Namespace = 'web'; ServiceAccountName = "$prefix-3" }
        )

        $roles = @($rows | New-IrsaRole -Force -ErrorAction SilentlyContinue -ErrorVariable failures)

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidNamespace,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $roles.RoleName | Should -Be @("$prefix-1", "$prefix-3")
        { Get-IrsaRole -RoleName "$prefix-2" -ErrorAction Stop } | Should -Throw
    }
}

Describe '-WhatIf changes nothing' {
    It 'does not create a role' {
        $role = New-IrsaTestName 'whatif'
        $output = New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -PolicyArn $script:PolicyArn -WhatIf
        $output | Should -BeNullOrEmpty
        Get-IrsaRole -RoleName $role -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'RoleNotFound,*'
    }

    It 'does not change a trust or an annotation' {
        $role = New-IrsaTestName 'keep'
        $created = New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -Force
        $before = (Get-IrsaRole -RoleName $role).TrustPolicy

        Add-IrsaRoleTrust -RoleName $role -ClusterName $script:Cluster -ServiceAccountName 'web/*' -AllowWildcard -WhatIf | Out-Null
        Remove-IrsaRole -RoleName $role -WhatIf
        Set-IrsaServiceAccount -Namespace payments -ServiceAccountName api -RoleArn $created.RoleArn -WhatIf | Out-Null

        (Get-IrsaRole -RoleName $role).TrustPolicy | Should -Be $before
        (Get-IrsaServiceAccount -Namespace payments -ServiceAccountName api -IncludeUnannotated).RoleArn | Should -Not -Be $created.RoleArn
    }
}

Describe 'Bad input yields the specific error id, before anything is written' {
    It '<Name>' -ForEach @(
        @{ Name = 'an invalid role name'; Id = 'InvalidRoleName'; Script = { New-IrsaRole -RoleName 'bad name!' -ClusterName demo -ServiceAccountName web/app -Force } }
        @{ Name = 'an invalid namespace'; Id = 'InvalidNamespace'; Script = { New-IrsaRole -RoleName ok-name -ClusterName demo -Namespace 'Web_Bad' -ServiceAccountName app -Force } }
        @{ Name = 'a wildcard without -AllowWildcard'; Id = 'WildcardNotAllowed'; Script = { New-IrsaRole -RoleName ok-name -ClusterName demo -ServiceAccountName 'web/*' -Force } }
        @{ Name = 'an invalid role ARN'; Id = 'InvalidArn'; Script = { Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn 'not-an-arn' -Force } }
        @{ Name = 'a token expiration out of range'; Id = 'InvalidTokenExpiration'; Script = { Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn arn:aws:iam::123456789012:role/x -TokenExpiration 10 -Force } }
        @{ Name = 'an invalid account id'; Id = 'InvalidAccountId'; Script = { New-IrsaTrustPolicy -Issuer https://oidc.eks.us-east-1.amazonaws.com/id/X -AccountId 123 -ServiceAccountName web/app } }
        @{ Name = 'a cluster that does not exist'; Id = 'ClusterNotFound'; Script = { Get-IrsaCluster -Name does-not-exist } }
        @{ Name = 'a role that does not exist'; Id = 'RoleNotFound'; Script = { Remove-IrsaRole -RoleName does-not-exist -Force } }
    ) {
        $roleCountBefore = @(Get-IrsaRole).Count
        $caught = $null
        try {
            # -ErrorAction Stop for everything inside: the first (non-terminating) error is caught with its own id.
            $ErrorActionPreference = 'Stop'
            & $Script | Out-Null
        }
        catch {
            $caught = $_
        }
        finally {
            $ErrorActionPreference = 'Continue'
        }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,IrsaPS.*"
        @(Get-IrsaRole).Count | Should -Be $roleCountBefore
    }

    It 'a -Credential that is not credentials stops the cmdlet with InvalidCredential' {
        $caught = $null
        try {
            Get-IrsaCluster -Name demo -Credential 'not credentials' -ErrorAction Stop
        }
        catch {
            $caught = $_
        }

        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidCredential,*'
        $caught.Exception.Message | Should -Not -BeLike '*not credentials*'
    }
}

Describe 'Removal' {
    It 'Remove-IrsaRole -Force deletes the role with its policies' {
        $role = New-IrsaTestName 'gone'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -PolicyArn $script:PolicyArn -InlinePolicy @{ read = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' } -Force | Out-Null

        $changes = Remove-IrsaRole -RoleName $role -Force -PassThru

        $changes.Action | Should -Be @('DetachRolePolicy', 'DeleteRolePolicy', 'DeleteRole')
        @($changes | Where-Object { -not $_.Applied }).Count | Should -Be 0
        { Get-IrsaRole -RoleName $role -ErrorAction Stop } | Should -Throw
    }

    It 'Remove-IrsaServiceAccount -Force removes only the IRSA annotations' {
        $role = New-IrsaTestName 'sa'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName "web/$role" -Force | Set-IrsaServiceAccount -StsRegionalEndpoints -Force | Out-Null

        $after = Remove-IrsaServiceAccount -Namespace web -ServiceAccountName $role -Force -PassThru

        $after.RoleArn | Should -BeNullOrEmpty
        $after.StsRegionalEndpoints | Should -BeNullOrEmpty
        Get-IrsaServiceAccount -Namespace web -ServiceAccountName $role | Should -Not -BeNullOrEmpty
    }
}

Describe 'Diagnostics' {
    It '-Verbose names the API calls but never the secret key' {
        $role = New-IrsaTestName 'verbose'
        $stream = New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -Force -Verbose `
            -AccessKey $env:AWS_ACCESS_KEY_ID -SecretKey $env:AWS_SECRET_ACCESS_KEY 4>&1
        $verbose = @($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $verbose | Should -Contain "IAM CreateRole $role"
        ($verbose -join "`n") | Should -BeLike '*EKS DescribeCluster*'
        ($verbose -join "`n") | Should -Not -BeLike "*$($env:AWS_SECRET_ACCESS_KEY)*"
    }

    It 'completes cluster names from the sandbox' {
        $line = 'Get-IrsaRole -ClusterName de'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $script:Cluster
    }

    It 'completes namespaces from the kubeconfig''s cluster' {
        $line = 'Get-IrsaServiceAccount -Namespace pay'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'payments'
    }
}

Describe 'Test-IrsaTrust' {
    It 'says why a service account cannot assume a role it is not trusted by' {
        $role = New-IrsaTestName 'other'
        $created = New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -Force

        $result = Test-IrsaTrust -ClusterName $script:Cluster -Namespace payments -ServiceAccountName api -RoleArn $created.RoleArn

        $result.Allowed | Should -BeFalse
        $result.Reasons.Code | Should -Contain 'SubjectNotAdmitted'
        ($result.Reasons | Where-Object Code -eq 'SubjectNotAdmitted').Fix | Should -Not -BeNullOrEmpty
    }

    It '-Live assumes the role with a real service account token' {
        $role = New-IrsaTestName 'live'
        $result = New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName "web/$role" -Force |
            Set-IrsaServiceAccount -Force |
            Test-IrsaTrust -Live

        $result.Allowed | Should -BeTrue
        $result.Live.Succeeded | Should -BeTrue
    }
}

Describe 'Invoke-IrsaAudit' {
    It 'finds the sandbox''s ServiceAccount whose role does not exist' {
        $findings = @(Invoke-IrsaAudit -ClusterName $script:Cluster)
        $missing = $findings | Where-Object CheckId -eq 'IRSA006'
        $missing.Resource | Should -Contain 'kube-system/aws-node'
        $missing[0].Severity.ToString() | Should -Be 'High'
    }

    It 'writes SARIF first and then fails with IrsaAuditFailed for -FailOn High' {
        $sarif = Join-Path $TestDrive 'irsa.sarif'
        $caught = $null
        try {
            Invoke-IrsaAudit -ClusterName $script:Cluster -OutputFormat Sarif -OutFile $sarif -FailOn High
        }
        catch {
            $caught = $_
        }

        $caught.FullyQualifiedErrorId | Should -BeLike 'IrsaAuditFailed,*'
        $report = Get-Content -Raw $sarif | ConvertFrom-Json
        $report.version | Should -Be '2.1.0'
        $report.runs[0].results.ruleId | Should -Contain 'IRSA006'
    }

    It 'audits every piped cluster before -FailOn fails, once' {
        $rows = @([pscustomobject]@{ ClusterName = $script:Cluster }, [pscustomobject]@{ ClusterName = $script:Cluster })
        $caught = $null
        try {
            $rows | Invoke-IrsaAudit -FailOn High -OutVariable found | Out-Null
        }
        catch {
            $caught = $_
        }

        $caught.FullyQualifiedErrorId | Should -BeLike 'IrsaAuditFailed,*'
        @($found | Where-Object { $_.CheckId -eq 'IRSA006' -and $_.Resource -eq 'kube-system/aws-node' }).Count | Should -Be 2
    }

    It 'does not fail below the threshold, and writes JUnit' {
        $junit = Join-Path $TestDrive 'irsa.xml'
        { Invoke-IrsaAudit -ClusterName $script:Cluster -Check IRSA009 -OutputFormat JUnit -OutFile $junit -FailOn Critical } | Should -Not -Throw
        ([xml](Get-Content -Raw $junit)).DocumentElement.LocalName | Should -BeIn @('testsuites', 'testsuite')
    }

    It 'runs from pwsh -Command with a non-zero exit code when it fails' {
        $manifest = Get-IrsaPSPackagePath
        Invoke-IrsaChildPwsh -NoLogo -NoProfile -NonInteractive -Command "Import-Module '$manifest'; Invoke-IrsaAudit -ClusterName $($script:Cluster) -FailOn High | Out-Null" 2>$null
        $LASTEXITCODE | Should -Not -Be 0
    }
}

Describe 'Unattended writers' {
    It 'a high-impact change in a non-interactive host stops with MissingConfirmation unless -Force' {
        $manifest = Get-IrsaPSPackagePath
        $role = New-IrsaTestName 'ci'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -Force | Out-Null
        $output = Invoke-IrsaChildPwsh -NoLogo -NoProfile -NonInteractive -Command "Import-Module '$manifest'; try { Remove-IrsaRole -RoleName $role -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }" 2>&1
        ($output -join "`n") | Should -BeLike '*MissingConfirmation*'
        Get-IrsaRole -RoleName $role | Should -Not -BeNullOrEmpty
        Remove-IrsaRole -RoleName $role -Force
    }
}
