# AWS calls at their lower bound, counted through the cmdlets by the sandbox's emulator layer (issue 10's budgets).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    $script:Cluster = $script:Sandbox.clusterName
    Register-IrsaOidcProvider -ClusterName $script:Cluster -Confirm:$false | Out-Null

    function Measure-Calls([scriptblock] $Script) {
        Reset-IrsaSandboxCalls
        & $Script | Out-Null
        $calls = Get-IrsaSandboxCalls
        [pscustomobject]@{ Total = ($calls.Values | Measure-Object -Sum).Sum; ByAction = $calls }
    }
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'The contract pipeline' {
    It 'makes at most 8 AWS calls for one service account, the cluster resolved once' {
        $role = New-IrsaTestName 'budget'
        $measured = Measure-Calls {
            Get-IrsaCluster $script:Cluster |
                New-IrsaRole -RoleName $role -Namespace web -ServiceAccountName $role -Force |
                Set-IrsaServiceAccount -Force |
                Test-IrsaTrust
        }

        $measured.Total | Should -BeLessOrEqual 8
        $measured.ByAction['DescribeCluster'] | Should -BeLessOrEqual 1
        $measured.ByAction['GetCallerIdentity'] | Should -BeLessOrEqual 1
        $measured.ByAction['CreateRole'] | Should -Be 1
    }

    It 'costs at most 1.5x as many calls as 20 separate pipelines than as one pipeline of 20' {
        $prefix = New-IrsaTestName 'one'
        $rows = 1..20 | ForEach-Object {
            [pscustomobject]@{ ClusterName = $script:Cluster; RoleName = "$prefix-$_"; Namespace = 'web'; ServiceAccountName = "$prefix-$_" }
        }
        $together = Measure-Calls { $rows | New-IrsaRole -Force | Set-IrsaServiceAccount -Force | Test-IrsaTrust }

        $prefix = New-IrsaTestName 'sep'
        $separate = Measure-Calls {
            foreach ($i in 1..20) {
                Get-IrsaCluster $script:Cluster |
                    New-IrsaRole -RoleName "$prefix-$i" -Namespace web -ServiceAccountName "$prefix-$i" -Force |
                    Set-IrsaServiceAccount -Force |
                    Test-IrsaTrust
            }
        }

        $together.ByAction['CreateRole'] | Should -Be 20
        $separate.ByAction['CreateRole'] | Should -Be 20
        $separate.Total | Should -BeLessOrEqual (1.5 * $together.Total)
        $separate.ByAction['DescribeCluster'] | Should -BeLessOrEqual 1
    }
}

Describe 'Invoke-IrsaAudit' {
    It 'describes the cluster once and reads its OIDC provider once' {
        $measured = Measure-Calls { Invoke-IrsaAudit -ClusterName $script:Cluster }

        $measured.ByAction['DescribeCluster'] | Should -Be 1
        $measured.ByAction['GetOpenIDConnectProvider'] | Should -Be 1
        $measured.ByAction['GetCallerIdentity'] | Should -Be 1
    }

    It 'reads the cluster again although an earlier cmdlet resolved it (the audit judges what is there now)' {
        Get-IrsaCluster $script:Cluster | Out-Null
        $measured = Measure-Calls { Invoke-IrsaAudit -ClusterName $script:Cluster -Check IRSA001 }

        $measured.ByAction['DescribeCluster'] | Should -Be 1
    }
}

Describe 'The resolution shared between cmdlets' {
    It 'is not used for a cluster whose OIDC provider was missing: registering it elsewhere shows at once' {
        Unregister-IrsaOidcProvider -ClusterName $script:Cluster -Force | Out-Null
        (Get-IrsaCluster $script:Cluster).OidcProviderExists | Should -BeFalse
        & aws iam create-open-id-connect-provider --url (Get-IrsaCluster $script:Cluster).Issuer --client-id-list sts.amazonaws.com --thumbprint-list ('0' * 40) | Out-Null
        $LASTEXITCODE | Should -Be 0
        (Get-IrsaCluster $script:Cluster).OidcProviderExists | Should -BeTrue
    }
}
