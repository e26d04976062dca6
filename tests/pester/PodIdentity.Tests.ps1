# EKS Pod Identity beside IRSA against the sandbox: associations (Get/New/Set/Remove), Pod Identity roles and the offline
# trust, Get-IrsaWorkloadIdentity, the real aws CLI against the emulation, and the views.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    $script:Cluster = $script:Sandbox.clusterName
    $script:Account = $script:Sandbox.accountId
    $script:ClusterArn = "arn:aws:eks:$($script:Sandbox.region):$($script:Account):cluster/$($script:Cluster)"
    Get-IrsaCluster $script:Cluster | Register-IrsaOidcProvider | Out-Null

    function script:New-TestNamespace {
        $ns = New-IrsaTestName 'pi'
        kubectl create namespace $ns | Out-Null
        $ns
    }

    function script:New-TestServiceAccount([string] $Namespace, [string] $Name) {
        kubectl create serviceaccount $Name -n $Namespace | Out-Null
    }

    # A role with an IRSA trust for $Namespace/$Name plus an unrelated statement, made with IrsaPS and the aws CLI.
    function script:New-TestRole([string] $Namespace, [string] $Name) {
        $role = New-IrsaTestName 'pirole'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster -Namespace $Namespace -ServiceAccountName $Name -Force | Out-Null
        $trust = (Get-IrsaRole -RoleName $role).TrustPolicy | ConvertFrom-Json
        $trust.Statement = @($trust.Statement) + @([pscustomobject]@{ Sid = 'Ci'; Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::$($script:Account):root" }; Action = 'sts:AssumeRole' })
        $file = Join-Path $TestDrive "$role.json"
        $trust | ConvertTo-Json -Depth 10 -Compress | Set-Content -Path $file -NoNewline
        aws iam update-assume-role-policy --role-name $role --policy-document "file://$file" | Out-Null
        $role
    }

    function script:Get-Trust([string] $Role) { (Get-IrsaRole -RoleName $Role).TrustPolicy | ConvertFrom-Json }
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'New-IrsaRole -PodIdentity and New-IrsaPodIdentityAssociation' {
    It 'creates the role and the association in one pipeline, and a second run writes nothing' {
        $ns = New-TestNamespace
        New-TestServiceAccount $ns 'app'
        $role = New-IrsaTestName 'pods'

        $association = Get-IrsaCluster $script:Cluster |
            New-IrsaRole -PodIdentity -RoleName $role -Namespace $ns -ServiceAccountName app -PolicyArn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess -Force |
            New-IrsaPodIdentityAssociation -Force
        $again = New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns -ServiceAccountName app -RoleArn $association.RoleArn

        $association.Created | Should -BeTrue
        $association.RoleName | Should -Be $role
        $association.AssociationId | Should -Match '^a-[a-z0-9]{17}$'
        $association.RoleTrustsPodIdentity | Should -BeTrue
        $again.Created | Should -BeFalse
        @($again.Changes).Count | Should -Be 0
        $trust = Get-Trust $role
        @($trust.Statement).Count | Should -Be 1
        $trust.Statement[0].Principal.Service | Should -Be 'pods.eks.amazonaws.com'
        $trust.Statement[0].Sid | Should -BeLike 'IrsaPSPodIdentity*'
    }

    It 'adds one statement to an existing role, keeps the others, and -WhatIf writes nothing' {
        $ns = New-TestNamespace
        New-TestServiceAccount $ns 'app'
        $role = New-TestRole $ns 'app'
        $arn = (Get-IrsaRole -RoleName $role).RoleArn
        $before = (Get-IrsaRole -RoleName $role).TrustPolicy

        $preview = New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns -ServiceAccountName app -RoleArn $arn -WhatIf
        $preview | Should -BeNullOrEmpty
        (Get-IrsaRole -RoleName $role).TrustPolicy | Should -Be $before
        Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns | Should -BeNullOrEmpty

        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns -ServiceAccountName app -RoleArn $arn -Force | Out-Null

        $trust = Get-Trust $role
        @($trust.Statement).Count | Should -Be 3
        @($trust.Statement | Where-Object Sid -eq 'Ci').Count | Should -Be 1
        @($trust.Statement | Where-Object { $_.Action -eq 'sts:AssumeRoleWithWebIdentity' }).Count | Should -Be 1
        (Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns).RoleArn | Should -Be $arn
    }

    It 'refuses another role for an associated service account unless -Replace' {
        $ns = New-TestNamespace
        New-TestServiceAccount $ns 'app'
        $first = (Get-IrsaCluster $script:Cluster | New-IrsaRole -PodIdentity -RoleName (New-IrsaTestName 'first') -Namespace $ns -ServiceAccountName app -Force).RoleArn
        $second = (Get-IrsaCluster $script:Cluster | New-IrsaRole -PodIdentity -RoleName (New-IrsaTestName 'second') -Namespace $ns -ServiceAccountName app -Force).RoleArn
        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns -ServiceAccountName app -RoleArn $first -Force | Out-Null

        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns -ServiceAccountName app -RoleArn $second -Force -ErrorAction SilentlyContinue -ErrorVariable refused | Out-Null
        $replaced = New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $ns -ServiceAccountName app -RoleArn $second -Replace -Force

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityAssociationConflict,*'
        $refused[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $replaced.RoleArn | Should -Be $second
    }

    It 'refuses bad input with specific error ids before writing' {
        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace web -ServiceAccountName app -RoleArn 'arn:aws:iam::210987654321:role/x' -ErrorAction SilentlyContinue -ErrorVariable account | Out-Null
        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace web -ServiceAccountName app -RoleArn 'arn:aws:iam::123456789012:role/x' -DisableSessionTag -ErrorAction SilentlyContinue -ErrorVariable tags | Out-Null
        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace 'Web!' -ServiceAccountName app -RoleArn 'arn:aws:iam::123456789012:role/x' -ErrorAction SilentlyContinue -ErrorVariable name | Out-Null
        New-IrsaRole -PodIdentity -RoleName x -ClusterName $script:Cluster -ServiceAccountName web/app -Audience other -ErrorAction SilentlyContinue -ErrorVariable audience | Out-Null

        $account[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityRoleMismatch,*'
        $tags[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterCombination,*'
        $name[0].FullyQualifiedErrorId | Should -BeLike 'InvalidNamespace,*'
        $audience[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterCombination,*'
        Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace web | Should -BeNullOrEmpty
    }
}

Describe 'Get-, Set- and Remove-IrsaPodIdentityAssociation' {
    BeforeAll {
        $script:Ns = New-TestNamespace
        New-TestServiceAccount $script:Ns 'api'
        New-TestServiceAccount $script:Ns 'app'
        $script:ApiRole = (Get-IrsaCluster $script:Cluster | New-IrsaRole -PodIdentity -RoleName (New-IrsaTestName 'api') -Namespace $script:Ns -ServiceAccountName api -Force).RoleArn
        $script:AppRole = (Get-IrsaCluster $script:Cluster | New-IrsaRole -PodIdentity -RoleName (New-IrsaTestName 'app') -Namespace $script:Ns -ServiceAccountName app -Force).RoleArn
        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName api -RoleArn $script:ApiRole -Force | Out-Null
        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app -RoleArn $script:AppRole -Force | Out-Null
    }

    It 'lists by namespace, by pattern (the ServiceAccount alias too) and by id' {
        $all = Get-IrsaPodIdentityAssociation $script:Cluster -Namespace $script:Ns
        $one = Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccount 'ap?'
        $byId = Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -AssociationId $all[0].AssociationId

        @($all.ServiceAccountName) | Should -Be @('api', 'app')
        @($one).Count | Should -Be 2
        $byId.ServiceAccountName | Should -Be 'api'
        $byId.RoleArn | Should -Be $script:ApiRole
    }

    It 'answers an unknown id or a malformed one with its error id' {
        Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -AssociationId a-zzzzzzzzzzzzzzzzz -ErrorAction SilentlyContinue -ErrorVariable missing
        Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -AssociationId 'not-an-id' -ErrorAction SilentlyContinue -ErrorVariable malformed

        $missing[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityAssociationNotFound,*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $malformed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAssociationId,*'
    }

    It 'changes only what differs, by service account and by piped id' {
        $same = Set-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName app -RoleArn $script:AppRole
        $untagged = Get-IrsaPodIdentityAssociation $script:Cluster -Namespace $script:Ns -ServiceAccountName app |
            Set-IrsaPodIdentityAssociation -DisableSessionTag -TrustScope Any -RequireSourceAccount -Force
        Set-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName api -DisableSessionTag -ErrorAction SilentlyContinue -ErrorVariable scoped | Out-Null

        @($same.Changes).Count | Should -Be 0
        $untagged.DisableSessionTags | Should -BeTrue
        $untagged.RoleTrustsPodIdentity | Should -BeTrue
        $scoped[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterCombination,*'
        (Get-IrsaPodIdentityAssociation $script:Cluster -Namespace $script:Ns -ServiceAccountName api).DisableSessionTags | Should -BeFalse
    }

    It 'removes: -WhatIf keeps it, -Force deletes it, a second removal is a not-found error' {
        Remove-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName api -WhatIf
        Get-IrsaPodIdentityAssociation $script:Cluster -Namespace $script:Ns -ServiceAccountName api | Should -Not -BeNullOrEmpty

        $removed = Get-IrsaPodIdentityAssociation $script:Cluster -Namespace $script:Ns -ServiceAccountName api | Remove-IrsaPodIdentityAssociation -Force -PassThru
        Remove-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Ns -ServiceAccountName api -Force -ErrorAction SilentlyContinue -ErrorVariable gone

        $removed.Deleted | Should -BeTrue
        Get-IrsaPodIdentityAssociation $script:Cluster -Namespace $script:Ns -ServiceAccountName api | Should -BeNullOrEmpty
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'PodIdentityAssociationNotFound,*'
        (Get-IrsaRole -RoleName ($script:ApiRole -split '/')[-1]) | Should -Not -BeNullOrEmpty   # the role stays
    }

    It 'is visible to the real aws CLI, whose associations IrsaPS reads back' {
        $listed = aws eks list-pod-identity-associations --cluster-name $script:Cluster --namespace $script:Ns --output json | ConvertFrom-Json
        New-TestServiceAccount $script:Ns 'cli'
        $created = aws eks create-pod-identity-association --cluster-name $script:Cluster --namespace $script:Ns --service-account cli --role-arn $script:AppRole --output json | ConvertFrom-Json

        @($listed.associations).Count | Should -Be 1
        $listed.associations[0].serviceAccount | Should -Be 'app'
        (Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster -AssociationId $created.association.associationId).RoleArn | Should -Be $script:AppRole
    }
}

Describe 'New-IrsaTrustPolicy -PodIdentity' {
    It 'builds the scoped statement offline' {
        $policy = New-IrsaTrustPolicy -PodIdentity -ClusterArn $script:ClusterArn -Namespace web -ServiceAccountName app, worker
        $json = $policy.CompactJson | ConvertFrom-Json

        @($json.Statement).Count | Should -Be 2
        $json.Statement[0].Principal.Service | Should -Be 'pods.eks.amazonaws.com'
        @($json.Statement[0].Action) | Should -Be @('sts:AssumeRole', 'sts:TagSession')
        $json.Statement[0].Condition.StringEquals.'aws:RequestTag/eks-cluster-arn' | Should -Be $script:ClusterArn
        $policy.Size | Should -BeLessOrEqual $policy.SizeLimit
    }

    It 'builds the account-pinned Any statement as JSON text, and refuses IRSA''s -Audience' {
        $text = New-IrsaTrustPolicy -PodIdentity -TrustScope Any -RequireSourceAccount -AccountId 123456789012 -AsJson

        $text | Should -BeOfType [string]
        $text | Should -Match '"aws:SourceAccount": "123456789012"'
        { New-IrsaTrustPolicy -PodIdentity -ClusterArn $script:ClusterArn -ServiceAccountName web/app -Audience x } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }
}

Describe 'Get-IrsaWorkloadIdentity' {
    BeforeAll {
        $script:Wi = New-TestNamespace
        New-TestServiceAccount $script:Wi 'app'
        $pod = @{ apiVersion = 'v1'; kind = 'Pod'; metadata = @{ name = 'app-1'; namespace = $script:Wi }; spec = @{ serviceAccountName = 'app'; containers = @(@{ name = 'main'; image = 'busybox' }) } }
        $file = Join-Path $TestDrive 'pod.json'
        $pod | ConvertTo-Json -Depth 10 | Set-Content $file
        kubectl create -f $file --validate=false | Out-Null
        $script:WiRole = (Get-IrsaCluster $script:Cluster | New-IrsaRole -PodIdentity -RoleName (New-IrsaTestName 'wi') -Namespace $script:Wi -ServiceAccountName app -Force).RoleArn
        New-IrsaPodIdentityAssociation -ClusterName $script:Cluster -Namespace $script:Wi -ServiceAccountName app -RoleArn $script:WiRole -Force | Out-Null
    }

    It 'says new pods get Pod Identity and the earlier pod must restart' {
        $identity = Get-IrsaWorkloadIdentity app -ClusterName $script:Cluster -Namespace $script:Wi

        $identity.NewPods | Should -Be 'PodIdentity'
        $identity.RoleArn | Should -Be $script:WiRole
        $identity.CanUsePodIdentity | Should -BeTrue
        $identity.PodsToRestart | Should -Be @("$($script:Wi)/app-1")
        $identity.Pods[0].Credentials | Should -Be 'None'
    }

    It 'lists every configured service account, pipes from Get-IrsaServiceAccount, and shows the annotated aws-node on IRSA' {
        $all = Get-IrsaWorkloadIdentity -ClusterName $script:Cluster -AllNamespaces
        $piped = Get-IrsaServiceAccount -ClusterName $script:Cluster -Namespace $script:Wi -ServiceAccountName app | Get-IrsaWorkloadIdentity

        ($all | Where-Object { $_.Namespace -eq 'kube-system' -and $_.ServiceAccountName -eq 'aws-node' }).NewPods | Should -Be 'Irsa'
        $all | Where-Object ServiceAccountName -eq 'default' | Should -BeNullOrEmpty
        $piped.AssociationId | Should -Not -BeNullOrEmpty
    }

    It 'fits its tables in 80 columns' {
        foreach ($lines in @(
                (Get-IrsaWorkloadIdentity -ClusterName $script:Cluster -AllNamespaces | Format-Table | Out-String -Width 200),
                (Get-IrsaPodIdentityAssociation -ClusterName $script:Cluster | Format-Table | Out-String -Width 200))) {
            foreach ($line in $lines -split "`n") {
                $line.TrimEnd().Length | Should -BeLessOrEqual 80
            }
        }
    }
}
