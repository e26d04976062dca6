# The OIDC provider life cycle against its own sandbox (these tests delete the provider the other files rely on).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    $script:Cluster = $script:Sandbox.clusterName
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'Register-, Get- and Unregister-IrsaOidcProvider' {
    It 'registers once, and a second run changes nothing' {
        Get-IrsaCluster $script:Cluster | Unregister-IrsaOidcProvider -Force -ErrorAction SilentlyContinue

        $first = Get-IrsaCluster $script:Cluster | Register-IrsaOidcProvider -Tag @{ owner = 'platform' }
        $second = Register-IrsaOidcProvider -ClusterName $script:Cluster -Tag @{ owner = 'platform' }

        $first.Url | Should -Be $script:Sandbox.issuer
        $first.ClientIds | Should -Contain 'sts.amazonaws.com'
        $first.Tags['owner'] | Should -Be 'platform'
        @($first.Changes | Where-Object Applied).Count | Should -Be 1
        @($second.Changes | Where-Object Applied).Count | Should -Be 0
        (Get-IrsaCluster $script:Cluster).OidcProviderExists | Should -BeTrue
    }

    It 'unregisters what Get-IrsaOidcProvider lists, and Get-IrsaOidcProvider then says it is not registered' {
        Register-IrsaOidcProvider -ClusterName $script:Cluster | Out-Null

        $changes = Get-IrsaOidcProvider | Where-Object Url -eq $script:Sandbox.issuer | Unregister-IrsaOidcProvider -Force -PassThru

        $changes.Action | Should -Be 'DeleteOpenIDConnectProvider'
        $changes.Applied | Should -BeTrue
        (Get-IrsaCluster $script:Cluster).OidcProviderExists | Should -BeFalse
        Get-IrsaOidcProvider -ClusterName $script:Cluster -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'OidcProviderNotRegistered,*'
    }

    It 'unregisters by a piped cluster (its name wins over the cluster''s own ARN), and -WhatIf keeps it' {
        Register-IrsaOidcProvider -ClusterName $script:Cluster | Out-Null

        Get-IrsaCluster $script:Cluster | Unregister-IrsaOidcProvider -WhatIf
        (Get-IrsaCluster $script:Cluster).OidcProviderExists | Should -BeTrue

        Get-IrsaCluster $script:Cluster | Unregister-IrsaOidcProvider -Confirm:$false
        (Get-IrsaCluster $script:Cluster).OidcProviderExists | Should -BeFalse
    }

    It 'warns with the roles that still trust the provider' {
        Register-IrsaOidcProvider -ClusterName $script:Cluster | Out-Null
        $role = New-IrsaTestName 'trusting'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/app -Force | Out-Null

        Unregister-IrsaOidcProvider -ClusterName $script:Cluster -Force -WarningVariable warnings -WarningAction SilentlyContinue

        ($warnings -join "`n") | Should -BeLike "*$role*"
    }
}
