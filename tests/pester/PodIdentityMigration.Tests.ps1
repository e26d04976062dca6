# Start-, Complete- and Undo-IrsaPodIdentityMigration from pwsh against the sandbox: the whole cycle converges and can be
# repeated, -WhatIf writes nothing, unrelated trust statements, annotations and associations survive every step, and the
# refusals (Fargate and Windows pods, add-on service accounts, no agent) carry their error ids. Two sandboxes: the default
# one (agent installed), and one seeded with Fargate and Windows nodes and an add-on's association.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage

    function script:New-Pod([string] $Namespace, [string] $Name, [string] $ServiceAccount) {
        $pod = @{ apiVersion = 'v1'; kind = 'Pod'; metadata = @{ name = $Name; namespace = $Namespace }; spec = @{ serviceAccountName = $ServiceAccount; containers = @(@{ name = 'main'; image = 'busybox' }) } }
        $file = Join-Path $TestDrive "$Namespace-$Name.json"
        $pod | ConvertTo-Json -Depth 10 | Set-Content $file
        kubectl create -f $file --validate=false | Out-Null
    }

    # kubectl rollout restart, by hand: the pods are created again, and the webhook decides their environment now.
    function script:Restart-Pods([string] $Namespace, [string] $ServiceAccount) {
        foreach ($name in (kubectl get pods -n $Namespace --field-selector "spec.serviceAccountName=$ServiceAccount" -o 'jsonpath={.items[*].metadata.name}') -split ' ' | Where-Object { $_ }) {
            kubectl delete pod $name -n $Namespace --wait=false | Out-Null
        }

        New-Pod $Namespace (New-IrsaTestName $ServiceAccount) $ServiceAccount
    }

    function script:Get-Statements([string] $Role) {
        @(((Get-IrsaRole -RoleName $Role).TrustPolicy | ConvertFrom-Json).Statement | ForEach-Object { $_ | ConvertTo-Json -Depth 10 -Compress } | Sort-Object)
    }
}

Describe 'The migration of one service account' {
    BeforeAll {
        $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
        $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
        $script:Cluster = $script:Sandbox.clusterName
        $script:Account = $script:Sandbox.accountId
        Get-IrsaCluster $script:Cluster | Register-IrsaOidcProvider | Out-Null

        $script:Ns = New-IrsaTestName 'mig'
        kubectl create namespace $script:Ns | Out-Null
        $script:Role = New-IrsaTestName 'migrole'
        $script:RoleArn = (Get-IrsaCluster $script:Cluster |
                New-IrsaRole -RoleName $script:Role -Namespace $script:Ns -ServiceAccountName app -Force |
                Set-IrsaServiceAccount -TokenExpiration 3600 -Force).RoleArn
        kubectl annotate serviceaccount app -n $script:Ns 'keep.example.com/owner=team-web' | Out-Null

        # An unrelated statement in the role's trust, and an unrelated association of another service account.
        $trust = (Get-IrsaRole -RoleName $script:Role).TrustPolicy | ConvertFrom-Json
        $trust.Statement = @($trust.Statement) + @([pscustomobject]@{ Sid = 'Ci'; Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::$($script:Account):root" }; Action = 'sts:AssumeRole' })
        $file = Join-Path $TestDrive 'trust.json'
        $trust | ConvertTo-Json -Depth 10 -Compress | Set-Content -Path $file -NoNewline
        aws iam update-assume-role-policy --role-name $script:Role --policy-document "file://$file" | Out-Null
        kubectl create serviceaccount other -n $script:Ns | Out-Null
        $other = (Get-IrsaCluster $script:Cluster | New-IrsaRole -PodIdentity -RoleName (New-IrsaTestName 'other') -Namespace $script:Ns -ServiceAccountName other -Force).RoleArn
        $script:OtherAssociation = (New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName other -RoleArn $other -Force).AssociationId

        New-Pod $script:Ns 'app-1' 'app'
        $script:Original = Get-Statements $script:Role

        function script:Get-WhatIfText([scriptblock] $Command) {
            # -WhatIf text goes to the host, not to a stream: a transcript is how a test reads it.
            $transcript = Join-Path $TestDrive ('whatif-' + [guid]::NewGuid().ToString('n') + '.txt')
            Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
            try { $output = & $Command }
            finally { Stop-Transcript | Out-Null }
            [pscustomobject]@{ Output = $output; WhatIf = @(Get-Content $transcript | Where-Object { $_ -like 'What if:*' }) }
        }

        function script:Assert-UnrelatedSurvive {
            (Get-Statements $script:Role) | Where-Object { $_ -like '*"Sid":"Ci"*' } | Should -Not -BeNullOrEmpty
            (kubectl get serviceaccount app -n $script:Ns -o 'jsonpath={.metadata.annotations.keep\.example\.com/owner}') | Should -Be 'team-web'
            Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -AssociationId $script:OtherAssociation | Should -Not -BeNullOrEmpty
        }
    }

    AfterAll {
        Stop-IrsaSandbox -Directory $script:SandboxDirectory
    }

    It 'shows its whole plan under -WhatIf and writes nothing' {
        $before = Get-Statements $script:Role

        $shown = Get-WhatIfText { Start-IrsaPodIdentityMigration app -ClusterName $script:Cluster -Namespace $script:Ns -WhatIf }

        $shown.Output | Should -BeNullOrEmpty -Because '-WhatIf outputs nothing, as every writer does'
        @($shown.WhatIf).Count | Should -Be 3 -Because 'the trust statement, the association and the annotations'
        Get-Statements $script:Role | Should -Be $before
        (Get-IrsaServiceAccount -Namespace $script:Ns -ServiceAccountName app).RoleArn | Should -Be $script:RoleArn
        Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app | Should -BeNullOrEmpty
    }

    It 'starts from Get-IrsaServiceAccount: trust added, association created, annotations removed, pods to restart listed' {
        $started = Get-IrsaServiceAccount -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app |
            Start-IrsaPodIdentityMigration -Force -WarningVariable warnings -WarningAction SilentlyContinue

        $started.Stage | Should -Be 'Started'
        $started.RoleArn | Should -Be $script:RoleArn
        $started.PodsToRestart | Should -Be @("$($script:Ns)/app-1")
        ($warnings -join "`n") | Should -BeLike '*restart*'
        (Get-IrsaServiceAccount -Namespace $script:Ns -ServiceAccountName app).RoleArn | Should -BeNullOrEmpty
        (Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app).RoleArn | Should -Be $script:RoleArn
        @(Get-Statements $script:Role).Count | Should -Be 3
        Assert-UnrelatedSurvive
    }

    It 'starts again without a change or an error' {
        $again = Start-IrsaPodIdentityMigration app -ClusterName $script:Cluster -Namespace $script:Ns -RoleArn $script:RoleArn -Force -WarningAction SilentlyContinue

        $again.Stage | Should -Be 'Started'
        @($again.Changes).Count | Should -Be 0
    }

    It 'refuses to complete while a pod still uses web identity, then completes from Get-IrsaWorkloadIdentity' {
        Complete-IrsaPodIdentityMigration app -ClusterName $script:Cluster -Namespace $script:Ns -Force -ErrorAction SilentlyContinue -ErrorVariable early | Out-Null
        $early[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityPodsStillUseWebIdentity,*'

        Restart-Pods $script:Ns 'app'
        $identity = Get-IrsaWorkloadIdentity app -ClusterName $script:Cluster -Namespace $script:Ns
        $identity.PodsToRestart | Should -BeNullOrEmpty
        @($identity.Pods.Credentials) | Should -Be @('PodIdentity')
        $completed = $identity | Complete-IrsaPodIdentityMigration -Force

        $completed.Stage | Should -Be 'Completed'
        (Get-IrsaRole -RoleName $script:Role).TrustPolicy | Should -Not -BeLike '*AssumeRoleWithWebIdentity*'
        (Get-IrsaWorkloadIdentity app -ClusterName $script:Cluster -Namespace $script:Ns).MigrationStage | Should -Be 'Completed'
        Assert-UnrelatedSurvive
    }

    It 'undoes everything IrsaPS did, and only that' {
        $preview = Get-WhatIfText { Undo-IrsaPodIdentityMigration app -ClusterName $script:Cluster -Namespace $script:Ns -WhatIf }
        (Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app) | Should -Not -BeNullOrEmpty

        $undone = Undo-IrsaPodIdentityMigration app -ClusterName $script:Cluster -Namespace $script:Ns -Force -WarningAction SilentlyContinue
        $account = Get-IrsaServiceAccount -Namespace $script:Ns -ServiceAccountName app

        $preview.Output | Should -BeNullOrEmpty
        @($preview.WhatIf).Count | Should -Be 4
        $undone.Stage | Should -Be 'NotStarted'
        $account.RoleArn | Should -Be $script:RoleArn
        $account.TokenExpiration | Should -Be 3600
        $account.Annotations.Keys | Should -Not -Contain 'irsaps.io/pod-identity-migration'
        Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app | Should -BeNullOrEmpty
        Get-Statements $script:Role | Should -Be $script:Original
        Assert-UnrelatedSurvive
    }

    It 'undoes twice harmlessly, and starts again cleanly' {
        Undo-IrsaPodIdentityMigration app -ClusterName $script:Cluster -Namespace $script:Ns -Force -WarningVariable nothing -WarningAction SilentlyContinue | Out-Null
        $restarted = Start-IrsaPodIdentityMigration app -ClusterName $script:Cluster -Namespace $script:Ns -Force -WarningAction SilentlyContinue

        ($nothing -join "`n") | Should -BeLike '*nothing to undo*'
        $restarted.Stage | Should -Be 'Started'
        @(Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app).Count | Should -Be 1
        @(Get-Statements $script:Role | Where-Object { $_ -like '*IrsaPSPodIdentity*' }).Count | Should -Be 1
        Assert-UnrelatedSurvive
    }

    It 'refuses a service account with nothing to migrate, and one whose role is not the expected one' {
        kubectl create serviceaccount plain -n $script:Ns | Out-Null

        Start-IrsaPodIdentityMigration plain -ClusterName $script:Cluster -Namespace $script:Ns -Force -ErrorAction SilentlyContinue -ErrorVariable nothing | Out-Null
        Get-IrsaServiceAccount -Namespace $script:Ns -ServiceAccountName other -ClusterName $script:Cluster |
            Start-IrsaPodIdentityMigration -RoleArn "arn:aws:iam::$($script:Account):role/else" -Force -ErrorAction SilentlyContinue -ErrorVariable mismatch | Out-Null
        Complete-IrsaPodIdentityMigration plain -ClusterName $script:Cluster -Namespace $script:Ns -Force -ErrorAction SilentlyContinue -ErrorVariable notStarted | Out-Null

        $nothing[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityNothingToMigrate,*'
        $mismatch[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityRoleMismatch,*'
        $notStarted[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityMigrationNotStarted,*'
    }
}

Describe 'Where Pod Identity cannot serve a service account' {
    BeforeAll {
        $account = '123456789012'
        $seed = @{
            nodes                   = @(
                @{ name = 'ip-10-0-1-10.ec2.internal'; providerId = 'aws:///us-east-1a/i-0aaaaaaaaaaaaaaa1'; labels = @{ 'kubernetes.io/os' = 'linux' } },
                @{ name = 'fargate-ip-10-0-3-30.ec2.internal'; providerId = 'aws:///us-east-1c/fargate-ip-10-0-3-30.ec2.internal'; labels = @{ 'eks.amazonaws.com/compute-type' = 'fargate'; 'kubernetes.io/os' = 'linux' } },
                @{ name = 'win-1'; providerId = 'aws:///us-east-1b/i-0bbbbbbbbbbbbbbb2'; labels = @{ 'kubernetes.io/os' = 'windows' } })
            daemonSets              = @(@{ namespace = 'kube-system'; name = 'eks-pod-identity-agent'; podLabels = @{ 'app.kubernetes.io/name' = 'eks-pod-identity-agent' }; nodeSelector = @{ 'kubernetes.io/os' = 'linux' } })
            serviceAccounts         = @(
                @{ namespace = 'batch'; name = 'job'; annotations = @{ 'eks.amazonaws.com/role-arn' = "arn:aws:iam::$($account):role/job" } },
                @{ namespace = 'win'; name = 'iis'; annotations = @{ 'eks.amazonaws.com/role-arn' = "arn:aws:iam::$($account):role/iis" } },
                @{ namespace = 'web'; name = 'app'; annotations = @{ 'eks.amazonaws.com/role-arn' = "arn:aws:iam::$($account):role/app" } },
                @{ namespace = 'kube-system'; name = 'ebs-csi-controller-sa'; annotations = @{ 'eks.amazonaws.com/role-arn' = "arn:aws:iam::$($account):role/ebs" } })
            pods                    = @(
                @{ namespace = 'batch'; name = 'job-1'; serviceAccountName = 'job'; nodeName = 'fargate-ip-10-0-3-30.ec2.internal' },
                @{ namespace = 'win'; name = 'iis-1'; serviceAccountName = 'iis'; nodeName = 'win-1' },
                @{ namespace = 'web'; name = 'app-1'; serviceAccountName = 'app'; nodeName = 'ip-10-0-1-10.ec2.internal' })
            podIdentityAssociations = @(@{ namespace = 'kube-system'; serviceAccount = 'ebs-csi-controller-sa'; roleArn = "arn:aws:iam::$($account):role/ebs"; ownerArn = "arn:aws:eks:us-east-1:$($account):addon/demo/aws-ebs-csi-driver/1a2b3c" })
        }
        $seedFile = Join-Path $TestDrive 'seed.json'
        $seed | ConvertTo-Json -Depth 10 | Set-Content $seedFile
        $script:EdgeDirectory = Join-Path $TestDrive 'edge'
        & (Join-Path $script:RepositoryRoot 'tools/Sandbox.ps1') start $script:EdgeDirectory -Seed $seedFile -Import | Out-Host
        $script:Edge = (Get-Content -Raw (Join-Path $script:EdgeDirectory 'sandbox.json') | ConvertFrom-Json).clusterName
    }

    AfterAll {
        Stop-IrsaSandbox -Directory $script:EdgeDirectory
    }

    It 'refuses pods on Fargate and Windows nodes with PodIdentityUnsupportedNode, writing nothing' {
        Start-IrsaPodIdentityMigration job -ClusterName $script:Edge -Namespace batch -Force -ErrorAction SilentlyContinue -ErrorVariable fargate | Out-Null
        Start-IrsaPodIdentityMigration iis -ClusterName $script:Edge -Namespace win -Force -ErrorAction SilentlyContinue -ErrorVariable windows | Out-Null

        $fargate[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityUnsupportedNode,*'
        $fargate[0].Exception.Message | Should -BeLike '*Fargate*'
        $windows[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityUnsupportedNode,*'
        $windows[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        (Get-IrsaServiceAccount -Namespace batch -ServiceAccountName job).RoleArn | Should -Not -BeNullOrEmpty
        Get-IrsaPodIdentityAssociation -ClusterName $script:Edge -Namespace batch | Should -BeNullOrEmpty
    }

    It 'says why in Get-IrsaWorkloadIdentity' {
        $identities = Get-IrsaWorkloadIdentity -ClusterName $script:Edge -AllNamespaces

        ($identities | Where-Object ServiceAccountName -eq 'job').PodIdentityBlockers | Should -BeLike '*Fargate*'
        ($identities | Where-Object ServiceAccountName -eq 'iis').CanUsePodIdentity | Should -BeFalse
        ($identities | Where-Object ServiceAccountName -eq 'app').CanUsePodIdentity | Should -BeTrue
        ($identities | Where-Object ServiceAccountName -eq 'ebs-csi-controller-sa').AnnotationShadowsAssociation | Should -BeTrue
    }

    It 'shows an add-on''s association, never changes it, and skips its service account' {
        $owned = Get-IrsaPodIdentityAssociation -ClusterName $script:Edge -Namespace kube-system
        $owned | Set-IrsaPodIdentityAssociation -DisableSessionTag -TrustScope Any -Force -ErrorAction SilentlyContinue -ErrorVariable set | Out-Null
        $owned | Remove-IrsaPodIdentityAssociation -Force -ErrorAction SilentlyContinue -ErrorVariable remove
        $skipped = Start-IrsaPodIdentityMigration ebs-csi-controller-sa -ClusterName $script:Edge -Namespace kube-system -Force -WarningVariable warning -WarningAction SilentlyContinue

        $owned.IsAddonOwned | Should -BeTrue
        $set[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityAssociationOwnedByAddon,*'
        $remove[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityAssociationOwnedByAddon,*'
        $skipped.Stage | Should -Be 'Skipped'
        ($warning -join "`n") | Should -BeLike '*add-on*'
        (Get-IrsaServiceAccount -Namespace kube-system -ServiceAccountName ebs-csi-controller-sa).RoleArn | Should -Not -BeNullOrEmpty
    }

    It 'stops the whole run with PodIdentityAgentMissing when the agent is gone, writing nothing' {
        kubectl delete daemonset eks-pod-identity-agent -n kube-system | Out-Null

        { Get-IrsaServiceAccount -ClusterName $script:Edge -Namespace web -ServiceAccountName app | Start-IrsaPodIdentityMigration -Force } |
            Should -Throw -ErrorId 'PodIdentityAgentMissing*'
        (Get-IrsaServiceAccount -Namespace web -ServiceAccountName app).RoleArn | Should -Be 'arn:aws:iam::123456789012:role/app'
        Get-IrsaPodIdentityAssociation -ClusterName $script:Edge -Namespace web | Should -BeNullOrEmpty
    }
}
