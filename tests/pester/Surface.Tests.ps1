# Every cmdlet in every parameter set, and every cmdlet fed through the pipeline by property name with several objects
# at once, against the sandbox. The parameter sets come from Get-Command: a new cmdlet or a new set without a case here
# fails the first Describe.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage

    # One case per "<cmdlet>/<parameter set>", named parameters only. Each script gets the context $c (see BeforeAll) and
    # asserts what the cmdlet did.
    $script:SetCases = @(
        @{ Set = 'Get-IrsaCluster/__AllParameterSets'; Script = {
                param($c)
                $named = @(Get-IrsaCluster -Name $c.Cluster, 'd?m*' -Region $c.Region)
                $named.Count | Should -Be 2
                $named[0] | Should -BeOfType IrsaPS.Core.Models.IrsaCluster
                $named[0].Issuer | Should -Be $c.Sandbox.issuer
                $named[0].OidcProviderExists | Should -BeTrue
                @(Get-IrsaCluster).ClusterName | Should -Contain $c.Cluster
            } }
        @{ Set = 'Get-IrsaOidcProvider/__AllParameterSets'; Script = {
                param($c)
                $one = Get-IrsaOidcProvider -ClusterName $c.Cluster
                $one | Should -BeOfType IrsaPS.Core.Models.IrsaOidcProvider
                $one.Url | Should -Be $c.Sandbox.issuer
                @(Get-IrsaOidcProvider).Arn | Should -Contain $one.Arn
            } }
        @{ Set = 'Register-IrsaOidcProvider/__AllParameterSets'; Script = {
                param($c)
                $key = New-IrsaTestName 'tag'
                $provider = Register-IrsaOidcProvider -ClusterName $c.Cluster -ClientId sts.amazonaws.com -Tag @{ $key = 'set' } -Region $c.Region
                $provider.Tags[$key] | Should -Be 'set'
                @($provider.Changes | Where-Object Applied).Count | Should -Be 1
                (Get-IrsaOidcProvider -ClusterName $c.Cluster).Tags[$key] | Should -Be 'set'
            } }
        @{ Set = 'Unregister-IrsaOidcProvider/__AllParameterSets'; Script = {
                param($c)
                $arn = New-IrsaSandboxOidcProvider $c.Sandbox "https://oidc.example.com/id/$(New-IrsaTestName 'gone')"
                $change = Unregister-IrsaOidcProvider -OidcProviderArn $arn -Force -PassThru
                $change.Action | Should -Be 'DeleteOpenIDConnectProvider'
                $change.Applied | Should -BeTrue
                @(Get-IrsaOidcProvider).Arn | Should -Not -Contain $arn
            } }
        @{ Set = 'Get-IrsaPolicyTemplate/__AllParameterSets'; Script = {
                param($c)
                $zone = 'arn:aws:route53:::hostedzone/Z0123456789ABC'
                $entry = Get-IrsaPolicyTemplate -Name ExternalDns -Version 0.22.0 -TemplateParameter @{ HostedZoneArn = $zone } -ClusterName $c.Cluster -AccountId $c.Account -Region $c.Region
                $entry.Name | Should -Be 'ExternalDns'
                $entry.Version | Should -Be '0.22.0'
                $entry.Policy | Should -BeLike "*$zone*"
                @(Get-IrsaPolicyTemplate -Name ExternalDns -AllVersions -Partition aws-us-gov).Version | Should -Be @('0.22.0', '0.16.0')
                @(Get-IrsaPolicyTemplate -Name AwsLoadBalancerController -TemplateRole controller -AllowUnscopedTemplate).Count | Should -Be 1
            } }
        @{ Set = 'New-IrsaTrustPolicy/Issuer'; Script = {
                param($c)
                $policy = New-IrsaTrustPolicy -Issuer $c.Sandbox.issuer -AccountId $c.Account -Namespace web -ServiceAccountName app, worker -Audience sts.amazonaws.com -Partition aws -SizeLimit 4096
                $policy | Should -BeOfType IrsaPS.Core.Models.IrsaTrustPolicy
                $policy.Subjects.ServiceAccountName | Should -Be @('app', 'worker')
                $policy.SizeLimit | Should -Be 4096
                $json = New-IrsaTrustPolicy -Issuer $c.Sandbox.issuer -AccountId $c.Account -ServiceAccountName 'web/*' -AllowWildcard -AsJson
                $json | Should -BeOfType string
                ($json | ConvertFrom-Json).Statement[0].Condition.StringLike | Should -Not -BeNullOrEmpty
            } }
        @{ Set = 'New-IrsaTrustPolicy/Cluster'; Script = {
                param($c)
                $json = New-IrsaTrustPolicy -ClusterName $c.Cluster -ServiceAccountName web/app, payments/api -AsJson
                $statement = ($json | ConvertFrom-Json).Statement[0]
                $statement.Principal.Federated | Should -Be "arn:aws:iam::$($c.Account):oidc-provider/$(([Uri]$c.Sandbox.issuer).Host)$(([Uri]$c.Sandbox.issuer).AbsolutePath)"
                (New-IrsaTrustPolicy -ClusterName $c.Cluster -AccountId $c.Account -ServiceAccountName web/app).Subjects.Count | Should -Be 1
            } }
        @{ Set = 'New-IrsaRole/__AllParameterSets'; Script = {
                param($c)
                $role = New-IrsaTestName 'set-new'
                $made = @(New-IrsaRole -RoleName $role -ClusterName $c.Cluster -Namespace web -ServiceAccountName app, worker -PolicyArn $c.Policy, 'arn:aws:iam::aws:policy/ReadOnlyAccess' `
                        -InlinePolicy @{ read = $c.Inline } -Tag @{ team = 'web' } -Path '/irsa/' -Description 'surface test' -MaxSessionDuration 7200 -Audience sts.amazonaws.com -Force)
                $made.Count | Should -Be 2
                $made.ServiceAccountName | Should -Be @('app', 'worker')
                $made[0].Created | Should -BeTrue
                $read = Get-IrsaRole -RoleName $role
                $read.AttachedPolicyArns | Should -Contain 'arn:aws:iam::aws:policy/ReadOnlyAccess'
                $read.InlinePolicyNames | Should -Contain 'read'
                $read.Path | Should -Be '/irsa/'
                $read.MaxSessionDuration | Should -Be 7200
                $read.Tags['team'] | Should -Be 'web'
            } }
        @{ Set = 'Get-IrsaRole/__AllParameterSets'; Script = {
                param($c)
                (Get-IrsaRole -RoleName $c.RoleName).AttachedPolicyArns | Should -Contain $c.Policy
                @(Get-IrsaRole -ClusterName $c.Cluster).RoleName | Should -Contain $c.RoleName
                @(Get-IrsaRole -RoleName ($c.RoleName.Substring(0, 8) + '*') -ClusterName $c.Cluster).RoleName | Should -Contain $c.RoleName
                @(Get-IrsaRole).RoleName | Should -Contain $c.RoleName
            } }
        @{ Set = 'Add-IrsaRoleTrust/__AllParameterSets'; Script = {
                param($c)
                $role = New-IrsaTestName 'set-add'
                New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName web/app -Force | Out-Null
                $added = @(Add-IrsaRoleTrust -RoleName $role -ClusterName $c.Cluster -Namespace payments -ServiceAccountName api, batch -Audience sts.amazonaws.com -Force)
                $added.ServiceAccountName | Should -Be @('api', 'batch')
                (Get-IrsaRole -RoleName $role).Subjects.Count | Should -Be 3
                Add-IrsaRoleTrust -RoleName $role -ClusterName $c.Cluster -ServiceAccountName 'web/job-*' -AllowWildcard -Force | Out-Null
                ((Get-IrsaRole -RoleName $role).Subjects | Where-Object IsPattern).ServiceAccountName | Should -Be 'job-*'
            } }
        @{ Set = 'Remove-IrsaRoleTrust/ServiceAccount'; Script = {
                param($c)
                $role = New-IrsaTestName 'set-narrow'
                New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName web/app, payments/api -Force | Out-Null
                $after = Remove-IrsaRoleTrust -RoleName $role -ClusterName $c.Cluster -Namespace payments -ServiceAccountName api -Force
                $after.Subjects.ServiceAccountName | Should -Be 'app'
                (Get-IrsaRole -RoleName $role).TrustPolicy | Should -Not -BeLike '*system:serviceaccount:payments:api*'
            } }
        @{ Set = 'Remove-IrsaRoleTrust/Cluster'; Script = {
                param($c)
                $role = New-IrsaTestName 'set-cluster'
                New-IrsaSandboxRole $c.Sandbox $role (New-IrsaSandboxMixedTrust $c.Sandbox web/app) | Out-Null
                Remove-IrsaRoleTrust -RoleName $role -ClusterName $c.Cluster -AllServiceAccounts -Force | Out-Null
                $trust = (Get-IrsaRole -RoleName $role).TrustPolicy | ConvertFrom-Json
                @($trust.Statement).Count | Should -Be 1
                $trust.Statement[0].Principal.Service | Should -Be 'ec2.amazonaws.com'
            } }
        @{ Set = 'Remove-IrsaRole/__AllParameterSets'; Script = {
                param($c)
                $role = New-IrsaTestName 'set-remove'
                New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn $c.Policy -InlinePolicy @{ read = $c.Inline } -Force | Out-Null
                $changes = Remove-IrsaRole -RoleName $role -Force -PassThru
                $changes.Action | Should -Be @('DetachRolePolicy', 'DeleteRolePolicy', 'DeleteRole')
                Get-IrsaRole -RoleName $role -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            } }
        @{ Set = 'Set-IrsaServiceAccount/__AllParameterSets'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-sa'
                $account = Set-IrsaServiceAccount -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $c.RoleArn -Audience sts.amazonaws.com -StsRegionalEndpoints -TokenExpiration 3600 -Force
                $account | Should -BeOfType IrsaPS.Core.Models.IrsaServiceAccount
                $account.Created | Should -BeTrue
                $account.Annotations['eks.amazonaws.com/role-arn'] | Should -Be $c.RoleArn
                $account.Annotations['eks.amazonaws.com/sts-regional-endpoints'] | Should -Be 'true'
                $account.Annotations['eks.amazonaws.com/token-expiration'] | Should -Be '3600'
                Set-IrsaServiceAccount -Namespace web -ServiceAccountName $name -RoleArn $c.RoleArn -NoCreate -KubeConfig $c.Sandbox.kubeConfig -KubeContext demo -Force |
                    ForEach-Object { @($_.Changes | Where-Object Applied).Count } | Should -Be 0
            } }
        @{ Set = 'Get-IrsaServiceAccount/Namespace'; Script = {
                param($c)
                (Get-IrsaServiceAccount -Namespace web -ServiceAccountName app).RoleArn | Should -Be $c.RoleArn
                @(Get-IrsaServiceAccount -Namespace web).ServiceAccountName | Should -Contain 'app'
                @(Get-IrsaServiceAccount -Namespace payments -IncludeUnannotated -KubeContext demo).ServiceAccountName | Should -Contain 'api'
            } }
        @{ Set = 'Get-IrsaServiceAccount/AllNamespaces'; Script = {
                param($c)
                $all = @(Get-IrsaServiceAccount -AllNamespaces)
                ($all | ForEach-Object { "$($_.Namespace)/$($_.ServiceAccountName)" }) | Should -Contain 'kube-system/aws-node'
                ($all | ForEach-Object { "$($_.Namespace)/$($_.ServiceAccountName)" }) | Should -Contain 'web/app'
                @(Get-IrsaServiceAccount -A -IncludeUnannotated -ClusterName $c.Cluster).ServiceAccountName | Should -Contain 'default'
            } }
        @{ Set = 'Remove-IrsaServiceAccount/__AllParameterSets'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-rm'
                Set-IrsaServiceAccount -Namespace payments -ServiceAccountName $name -RoleArn $c.RoleArn -StsRegionalEndpoints -Force | Out-Null
                $after = Remove-IrsaServiceAccount -Namespace payments -ServiceAccountName $name -Force -PassThru
                $after.RoleArn | Should -BeNullOrEmpty
                $after.StsRegionalEndpoints | Should -BeNullOrEmpty
                Remove-IrsaServiceAccount -ClusterName $c.Cluster -Namespace payments -ServiceAccountName $name -DeleteServiceAccount -Force
                Get-IrsaServiceAccount -Namespace payments -ServiceAccountName $name -IncludeUnannotated -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            } }
        @{ Set = 'Test-IrsaTrust/ServiceAccount'; Script = {
                param($c)
                $result = Test-IrsaTrust -ClusterName $c.Cluster -Namespace web -ServiceAccountName app
                $result | Should -BeOfType IrsaPS.Core.Models.IrsaTrustResult
                $result.Allowed | Should -BeTrue
                $result.RoleArn | Should -Be $c.RoleArn
                (Test-IrsaTrust -ClusterName $c.Cluster -Namespace payments -ServiceAccountName api -RoleArn $c.RoleArn).Allowed | Should -BeFalse
                (Test-IrsaTrust -ClusterName $c.Cluster -Namespace web -ServiceAccountName app -Live).Live.Succeeded | Should -BeTrue
            } }
        @{ Set = 'Test-IrsaTrust/AllNamespaces'; Script = {
                param($c)
                $results = @(Test-IrsaTrust -ClusterName $c.Cluster -AllNamespaces)
                ($results | Where-Object { $_.Namespace -eq 'web' -and $_.ServiceAccountName -eq 'app' }).Allowed | Should -BeTrue
                ($results | Where-Object { $_.Namespace -eq 'kube-system' -and $_.ServiceAccountName -eq 'aws-node' }).Allowed | Should -BeFalse
                @(Test-IrsaTrust -ClusterName $c.Cluster -AllNamespaces -Namespace kube-system).Namespace | Sort-Object -Unique | Should -Be 'kube-system'
            } }
        @{ Set = 'Invoke-IrsaAudit/__AllParameterSets'; Script = {
                param($c)
                $sarif = Join-Path $c.Directory ((New-IrsaTestName 'audit') + '.sarif')
                $findings = @(Invoke-IrsaAudit -ClusterName $c.Cluster -Check IRSA006, IRSA011 -OutputFormat Sarif -OutFile $sarif -PassThru -KubeContext demo)
                $findings.CheckId | Sort-Object -Unique | Should -BeIn @('IRSA006', 'IRSA011')
                $findings.CheckId | Should -Contain 'IRSA006'
                (Get-Content -Raw $sarif | ConvertFrom-Json).runs[0].results.ruleId | Should -Contain 'IRSA006'
                @(Invoke-IrsaAudit $c.Cluster -Check IRSA006 -FailOn Critical).Count | Should -BeGreaterThan 0
            } }
        @{ Set = 'New-IrsaTrustPolicy/PodIdentity'; Script = {
                param($c)
                $clusterArn = "arn:aws:eks:$($c.Region):$($c.Account):cluster/$($c.Cluster)"
                $policy = New-IrsaTrustPolicy -PodIdentity -ClusterArn $clusterArn -Namespace web -ServiceAccountName app, worker -Partition aws -SizeLimit 4096
                $policy | Should -BeOfType IrsaPS.Core.Models.IrsaTrustPolicy
                $statements = @(($policy.CompactJson | ConvertFrom-Json).Statement)
                $statements.Count | Should -Be 2
                $statements[0].Condition.StringEquals.'aws:RequestTag/kubernetes-namespace' | Should -Be 'web'
                $any = New-IrsaTrustPolicy -PodIdentity -TrustScope Any -RequireSourceAccount -AccountId $c.Account -AsJson | ConvertFrom-Json
                $any.Statement[0].Condition.StringEquals.'aws:SourceAccount' | Should -Be $c.Account
            } }
        @{ Set = 'New-IrsaPodIdentityAssociation/__AllParameterSets'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-pia'
                $role = New-IrsaRole -PodIdentity -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force
                $made = New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $role.RoleArn -Tag @{ team = 'web' } -TrustScope Cluster -Region $c.Region -Force
                $made | Should -BeOfType IrsaPS.Core.Models.IrsaPodIdentityAssociation
                $made.Created | Should -BeTrue
                $made.RoleTrustsPodIdentity | Should -BeTrue
                $made.Tags['team'] | Should -Be 'web'
                $second = New-IrsaRole -PodIdentity -RoleName "$name-b" -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force
                (New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $second.RoleArn -Replace -Force).RoleArn | Should -Be $second.RoleArn
            } }
        @{ Set = 'Get-IrsaPodIdentityAssociation/List'; Script = {
                param($c)
                $one = Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $c.AssociatedName -Region $c.Region
                $one.AssociationId | Should -Be $c.AssociationId
                $one.RoleArn | Should -Be $c.PodRoleArn
                @(Get-IrsaPodIdentityAssociation $c.Cluster).AssociationId | Should -Contain $c.AssociationId
                @(Get-IrsaPodIdentityAssociation $c.Cluster -Namespace kube-system) | Should -BeNullOrEmpty
            } }
        @{ Set = 'Get-IrsaPodIdentityAssociation/Id'; Script = {
                param($c)
                $one = Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -AssociationId $c.AssociationId
                $one.Namespace | Should -Be 'web'
                $one.ServiceAccountName | Should -Be $c.AssociatedName
            } }
        @{ Set = 'Set-IrsaPodIdentityAssociation/ServiceAccount'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-pis'
                $role = New-IrsaRole -PodIdentity -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force
                New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $role.RoleArn -Force | Out-Null
                $changed = Set-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -DisableSessionTag -TrustScope Any -RequireSourceAccount -Force
                $changed.DisableSessionTags | Should -BeTrue
                $changed.RoleTrustsPodIdentity | Should -BeTrue
                @((Set-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $role.RoleArn -Force).Changes).Count | Should -Be 0
            } }
        @{ Set = 'Set-IrsaPodIdentityAssociation/Id'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-pid'
                $first = New-IrsaRole -PodIdentity -RoleName "$name-a" -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force
                $second = New-IrsaRole -PodIdentity -RoleName "$name-b" -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force
                $id = (New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $first.RoleArn -Force).AssociationId
                (Set-IrsaPodIdentityAssociation -ClusterName $c.Cluster -AssociationId $id -RoleArn $second.RoleArn -Force).RoleArn | Should -Be $second.RoleArn
                (Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -AssociationId $id).RoleArn | Should -Be $second.RoleArn
            } }
        @{ Set = 'Remove-IrsaPodIdentityAssociation/ServiceAccount'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-pirs'
                $role = New-IrsaRole -PodIdentity -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force
                New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $role.RoleArn -Force | Out-Null
                (Remove-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -Force -PassThru).Deleted | Should -BeTrue
                Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name | Should -BeNullOrEmpty
                Get-IrsaRole -RoleName $name | Should -Not -BeNullOrEmpty -Because 'the role stays'
            } }
        @{ Set = 'Remove-IrsaPodIdentityAssociation/Id'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-piri'
                $role = New-IrsaRole -PodIdentity -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force
                $id = (New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $role.RoleArn -Force).AssociationId
                Remove-IrsaPodIdentityAssociation -ClusterName $c.Cluster -AssociationId $id -Force | Should -BeNullOrEmpty -Because 'without -PassThru a removal outputs nothing'
                Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name | Should -BeNullOrEmpty
            } }
        @{ Set = 'Get-IrsaWorkloadIdentity/Namespace'; Script = {
                param($c)
                $identity = Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -Namespace web -ServiceAccountName $c.AssociatedName -KubeContext demo
                $identity.NewPods | Should -Be 'PodIdentity'
                $identity.RoleArn | Should -Be $c.PodRoleArn
                $identity.AssociationId | Should -Be $c.AssociationId
                (Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -Namespace web -ServiceAccountName app).NewPods | Should -Be 'Irsa'
                (Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -ServiceAccountName "web/$($c.AssociatedName)").AssociationId | Should -Be $c.AssociationId -Because 'namespace/name works as for Get-IrsaServiceAccount'
                @(Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -Namespace web).ServiceAccountName | Should -Contain $c.AssociatedName
            } }
        @{ Set = 'Get-IrsaWorkloadIdentity/AllNamespaces'; Script = {
                param($c)
                $all = @(Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -AllNamespaces)
                ($all | ForEach-Object { "$($_.Namespace)/$($_.ServiceAccountName)" }) | Should -Contain 'web/app'
                ($all | ForEach-Object { "$($_.Namespace)/$($_.ServiceAccountName)" }) | Should -Contain "web/$($c.AssociatedName)"
                @(Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -AllNamespaces -IncludeUnconfigured).ServiceAccountName | Should -Contain 'default'
            } }
        @{ Set = 'Start-IrsaPodIdentityMigration/__AllParameterSets'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-mig'
                $arn = (New-IrsaRole -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force | Set-IrsaServiceAccount -Force 3>$null).RoleArn
                $started = Start-IrsaPodIdentityMigration -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $arn -TrustScope Cluster -KubeContext demo -Force 3>$null
                $started.Stage | Should -Be 'Started'
                (Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name).RoleArn | Should -Be $arn
                (Get-IrsaServiceAccount -Namespace web -ServiceAccountName $name).RoleArn | Should -BeNullOrEmpty
            } }
        @{ Set = 'Complete-IrsaPodIdentityMigration/__AllParameterSets'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-done'
                New-IrsaRole -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force | Set-IrsaServiceAccount -Force 3>$null | Out-Null
                Start-IrsaPodIdentityMigration $name -ClusterName $c.Cluster -Namespace web -Force 3>$null | Out-Null
                $completed = Complete-IrsaPodIdentityMigration -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -KubeContext demo -Force
                $completed.Stage | Should -Be 'Completed'
                (Get-IrsaRole -RoleName $name).TrustPolicy | Should -Not -BeLike '*AssumeRoleWithWebIdentity*'
            } }
        @{ Set = 'Undo-IrsaPodIdentityMigration/__AllParameterSets'; Script = {
                param($c)
                $name = New-IrsaTestName 'set-undo'
                $arn = (New-IrsaRole -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force | Set-IrsaServiceAccount -Force 3>$null).RoleArn
                Start-IrsaPodIdentityMigration $name -ClusterName $c.Cluster -Namespace web -Force 3>$null | Out-Null
                $undone = Undo-IrsaPodIdentityMigration -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -KubeContext demo -Force 3>$null
                $undone.Stage | Should -Be 'NotStarted'
                (Get-IrsaServiceAccount -Namespace web -ServiceAccountName $name).RoleArn | Should -Be $arn
                Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name | Should -BeNullOrEmpty
            } }
        @{ Set = 'Get-IrsaRoleActivity/__AllParameterSets'; Script = {
                param($c)
                (Test-IrsaTrust -ClusterName $c.Cluster -Namespace web -ServiceAccountName app -Live).Live.Succeeded | Should -BeTrue
                $rows = @(Get-IrsaRoleActivity -RoleName $c.RoleName -ClusterName $c.Cluster -Namespace web -ServiceAccountName app -Days 1 -Region $c.Region)
                $rows.Count | Should -BeGreaterOrEqual 1
                $rows[0] | Should -BeOfType IrsaPS.Core.Models.IrsaRoleActivity
                $rows[0].RoleName | Should -Be $c.RoleName
                $rows[0].ServiceAccountName | Should -Be 'app'
                $window = @(Get-IrsaRoleActivity -RoleArn $c.RoleArn -StartTime ([datetime]::UtcNow.AddHours(-1)) -EndTime ([datetime]::UtcNow.AddMinutes(1)))
                $window.RoleArn | Sort-Object -Unique | Should -Be $c.RoleArn
            } }
    )
    $script:SetKeys = @($script:SetCases | ForEach-Object { $_['Set'] })
    $script:ActualSets = foreach ($command in Get-Command -Module IrsaPS) {
        foreach ($set in $command.ParameterSets) { @{ Key = "$($command.Name)/$($set.Name)"; Known = $script:SetKeys } }
    }

    # One case per cmdlet: several objects piped at once, bound by property name (Import-Csv rows, other cmdlets' output).
    $script:PipelineCases = @(
        @{ Cmdlet = 'Get-IrsaCluster'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster; Region = $c.Region }, [pscustomobject]@{ Name = $c.Cluster })
                @($rows | Get-IrsaCluster).ClusterName | Should -Be @($c.Cluster, $c.Cluster)
                @(Get-IrsaRole -RoleName $c.RoleName -ClusterName $c.Cluster | Get-IrsaCluster).ClusterName | Should -Be $c.Cluster
            } }
        @{ Cmdlet = 'Get-IrsaOidcProvider'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster }, [pscustomobject]@{ ClusterName = $c.Cluster; Region = $c.Region })
                @($rows | Get-IrsaOidcProvider).Url | Should -Be @($c.Sandbox.issuer, $c.Sandbox.issuer)
                (Get-IrsaCluster $c.Cluster | Get-IrsaOidcProvider).Url | Should -Be $c.Sandbox.issuer
            } }
        @{ Cmdlet = 'Register-IrsaOidcProvider'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster }, [pscustomobject]@{ ClusterName = $c.Cluster; Region = $c.Region })
                $providers = @($rows | Register-IrsaOidcProvider)
                $providers.Count | Should -Be 2
                @($providers.Changes | Where-Object Applied).Count | Should -Be 0 -Because 'the provider is registered already'
            } }
        @{ Cmdlet = 'Unregister-IrsaOidcProvider'; Script = {
                param($c)
                $arns = 1..2 | ForEach-Object { New-IrsaSandboxOidcProvider $c.Sandbox "https://oidc.example.com/id/$(New-IrsaTestName 'pipe')" }
                $changes = @($arns | ForEach-Object { [pscustomobject]@{ Arn = $_ } } | Unregister-IrsaOidcProvider -Force -PassThru)
                $changes.Target | Should -Be $arns
                @(Get-IrsaOidcProvider).Arn | Should -Not -Contain $arns[0]
                @(Get-IrsaOidcProvider).Arn | Should -Not -Contain $arns[1]
            } }
        @{ Cmdlet = 'Get-IrsaPolicyTemplate'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ Name = 'ClusterAutoscaler'; ClusterName = $c.Cluster }, [pscustomobject]@{ PolicyTemplate = 'ClusterAutoscaler'; ClusterName = 'other'; AccountId = $c.Account; Region = $c.Region })
                $entries = @($rows | Get-IrsaPolicyTemplate)
                $entries.Count | Should -Be 2
                $entries[0].Policy | Should -BeLike "*k8s.io/cluster-autoscaler/$($c.Cluster)*"
                $entries[1].Policy | Should -BeLike '*k8s.io/cluster-autoscaler/other*'
            } }
        @{ Cmdlet = 'New-IrsaTrustPolicy'; Script = {
                param($c)
                $rows = @(
                    [pscustomobject]@{ Issuer = $c.Sandbox.issuer; AccountId = $c.Account; Namespace = 'web'; ServiceAccountName = 'app' }
                    [pscustomobject]@{ Issuer = $c.Sandbox.issuer; AccountId = $c.Account; ServiceAccountName = 'payments/api' }
                )
                @($rows | New-IrsaTrustPolicy).Subjects.Namespace | Should -Be @('web', 'payments')
                (Get-IrsaCluster $c.Cluster | New-IrsaTrustPolicy -ServiceAccountName web/app).Subjects.ServiceAccountName | Should -Be 'app'
            } }
        @{ Cmdlet = 'New-IrsaRole'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-new'
                $rows = @(
                    [pscustomobject]@{ RoleName = "$prefix-a"; ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccountName = 'app' }
                    [pscustomobject]@{ RoleName = "$prefix-b"; ClusterName = $c.Cluster; ServiceAccountName = 'payments/api'; Audience = 'sts.amazonaws.com' }
                )
                @($rows | New-IrsaRole -PolicyArn $c.Policy -Force).RoleName | Should -Be @("$prefix-a", "$prefix-b")
                (Get-IrsaCluster $c.Cluster | New-IrsaRole -RoleName "$prefix-c" -ServiceAccountName web/app -Force).ClusterName | Should -Be $c.Cluster
            } }
        @{ Cmdlet = 'Get-IrsaRole'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ RoleName = $c.RoleName }, [pscustomobject]@{ RoleName = $c.OtherRoleName })
                @($rows | Get-IrsaRole).RoleName | Should -Be @($c.RoleName, $c.OtherRoleName)
                (Get-IrsaServiceAccount -Namespace web -ServiceAccountName app | Get-IrsaRole).RoleName | Should -Be $c.RoleName
            } }
        @{ Cmdlet = 'Add-IrsaRoleTrust'; Script = {
                param($c)
                $role = New-IrsaTestName 'pipe-add'
                New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName web/app -Force | Out-Null
                $rows = @(
                    [pscustomobject]@{ RoleName = $role; ClusterName = $c.Cluster; Namespace = 'payments'; ServiceAccountName = 'api' }
                    [pscustomobject]@{ RoleName = $role; ClusterName = $c.Cluster; ServiceAccountName = 'web/worker' }
                )
                $rows | Add-IrsaRoleTrust -Force | Out-Null
                (Get-IrsaRole -RoleName $role).Subjects.ServiceAccountName | Sort-Object | Should -Be @('api', 'app', 'worker')
            } }
        @{ Cmdlet = 'Remove-IrsaRoleTrust'; Script = {
                param($c)
                $role = New-IrsaTestName 'pipe-narrow'
                New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName web/app, web/worker, payments/api -Force | Out-Null
                $rows = @(
                    [pscustomobject]@{ RoleName = $role; ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccountName = 'worker' }
                    [pscustomobject]@{ RoleName = $role; ClusterName = $c.Cluster; ServiceAccountName = 'payments/api' }
                )
                $rows | Remove-IrsaRoleTrust -Force | Out-Null
                (Get-IrsaRole -RoleName $role).Subjects.ServiceAccountName | Should -Be 'app'
            } }
        @{ Cmdlet = 'Remove-IrsaRole'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-rm'
                $made = @(New-IrsaRole -RoleName "$prefix-a" -ClusterName $c.Cluster -ServiceAccountName web/app, payments/api -Force) +
                    @(New-IrsaRole -RoleName "$prefix-b" -ClusterName $c.Cluster -ServiceAccountName web/app -Force)
                $changes = @($made | Remove-IrsaRole -Force -PassThru)
                @($changes | Where-Object Action -eq 'DeleteRole').Count | Should -Be 2 -Because 'a role piped twice is deleted once'
                Get-IrsaRole -RoleName "$prefix-*" | Should -BeNullOrEmpty
            } }
        @{ Cmdlet = 'Set-IrsaServiceAccount'; Script = {
                param($c)
                $role = New-IrsaTestName 'pipe-set'
                $accounts = @(New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName "web/$role", "payments/$role" -Force | Set-IrsaServiceAccount -Force)
                ($accounts | ForEach-Object { "$($_.Namespace)/$($_.ServiceAccountName)" }) | Should -Be @("web/$role", "payments/$role")
                (Get-IrsaServiceAccount -Namespace payments -ServiceAccountName $role).RoleName | Should -Be $role
            } }
        @{ Cmdlet = 'Get-IrsaServiceAccount'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ Namespace = 'web'; ServiceAccountName = 'app' }, [pscustomobject]@{ Namespace = 'kube-system'; ServiceAccountName = 'aws-node'; ClusterName = $c.Cluster })
                @($rows | Get-IrsaServiceAccount).ServiceAccountName | Should -Be @('app', 'aws-node')
            } }
        @{ Cmdlet = 'Remove-IrsaServiceAccount'; Script = {
                param($c)
                $role = New-IrsaTestName 'pipe-unset'
                New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName "web/$role", "payments/$role" -Force | Set-IrsaServiceAccount -Force | Out-Null
                $after = @(Get-IrsaServiceAccount -AllNamespaces | Where-Object RoleName -eq $role | Remove-IrsaServiceAccount -Force -PassThru)
                $after.Count | Should -Be 2
                @($after | Where-Object RoleArn).Count | Should -Be 0
            } }
        @{ Cmdlet = 'Test-IrsaTrust'; Script = {
                param($c)
                $role = New-IrsaTestName 'pipe-test'
                $results = @(New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName "web/$role", "payments/$role" -Force | Set-IrsaServiceAccount -Force | Test-IrsaTrust)
                $results.Count | Should -Be 2
                @($results | Where-Object Allowed).Count | Should -Be 2
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccountName = 'app' }, [pscustomobject]@{ ClusterName = $c.Cluster; Namespace = 'payments'; ServiceAccountName = $role; RoleArn = $results[0].RoleArn })
                @($rows | Test-IrsaTrust).Allowed | Should -Be @($true, $true)
            } }
        @{ Cmdlet = 'Invoke-IrsaAudit'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster }, [pscustomobject]@{ ClusterName = $c.Cluster; Region = $c.Region })
                $findings = @($rows | Invoke-IrsaAudit -Check IRSA006)
                @($findings | Where-Object Resource -eq 'kube-system/aws-node').Count | Should -Be 2
            } }
        @{ Cmdlet = 'New-IrsaPodIdentityAssociation'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-pia'
                $rows = foreach ($suffix in 'a', 'b') {
                    $role = New-IrsaRole -PodIdentity -RoleName "$prefix-$suffix" -ClusterName $c.Cluster -ServiceAccountName "web/$prefix-$suffix" -Force
                    [pscustomobject]@{ ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccount = "$prefix-$suffix"; RoleArn = $role.RoleArn }
                }
                @($rows | New-IrsaPodIdentityAssociation -Force).ServiceAccountName | Should -Be @("$prefix-a", "$prefix-b")
                (Get-IrsaCluster $c.Cluster | New-IrsaRole -PodIdentity -RoleName "$prefix-c" -Namespace web -ServiceAccountName "$prefix-c" -Force | New-IrsaPodIdentityAssociation -Force).Created | Should -BeTrue
            } }
        @{ Cmdlet = 'Get-IrsaPodIdentityAssociation'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster; AssociationId = $c.AssociationId }, [pscustomobject]@{ ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccountName = $c.AssociatedName })
                @($rows | Get-IrsaPodIdentityAssociation).AssociationId | Should -Be @($c.AssociationId, $c.AssociationId)
                @(Get-IrsaCluster $c.Cluster, $c.Cluster | Get-IrsaPodIdentityAssociation -Namespace web -ServiceAccountName $c.AssociatedName).AssociationId | Should -Be @($c.AssociationId, $c.AssociationId)
            } }
        @{ Cmdlet = 'Set-IrsaPodIdentityAssociation'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-pis'
                foreach ($suffix in 'a', 'b') {
                    $role = New-IrsaRole -PodIdentity -TrustScope Any -RoleName "$prefix-$suffix" -ClusterName $c.Cluster -ServiceAccountName "web/$prefix-$suffix" -Force
                    New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName "$prefix-$suffix" -RoleArn $role.RoleArn -Force | Out-Null
                }
                $changed = @(Get-IrsaPodIdentityAssociation $c.Cluster -Namespace web -ServiceAccountName "$prefix-*" | Set-IrsaPodIdentityAssociation -DisableSessionTag -Force)
                $changed.Count | Should -Be 2
                @($changed | Where-Object DisableSessionTags).Count | Should -Be 2
            } }
        @{ Cmdlet = 'Remove-IrsaPodIdentityAssociation'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-pir'
                $ids = foreach ($suffix in 'a', 'b') {
                    $role = New-IrsaRole -PodIdentity -RoleName "$prefix-$suffix" -ClusterName $c.Cluster -ServiceAccountName "web/$prefix-$suffix" -Force
                    (New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName "$prefix-$suffix" -RoleArn $role.RoleArn -Force).AssociationId
                }
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster; AssociationId = $ids[0] }, [pscustomobject]@{ ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccount = "$prefix-b" })
                @($rows | Remove-IrsaPodIdentityAssociation -Force -PassThru | Where-Object Deleted).Count | Should -Be 2
                Get-IrsaPodIdentityAssociation $c.Cluster -Namespace web -ServiceAccountName "$prefix-*" | Should -BeNullOrEmpty
            } }
        @{ Cmdlet = 'Get-IrsaWorkloadIdentity'; Script = {
                param($c)
                $rows = @([pscustomobject]@{ ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccountName = 'app' }, [pscustomobject]@{ ClusterName = $c.Cluster; Namespace = 'web'; ServiceAccount = $c.AssociatedName })
                @($rows | Get-IrsaWorkloadIdentity).NewPods | Should -Be @('Irsa', 'PodIdentity')
                (Get-IrsaServiceAccount -ClusterName $c.Cluster -Namespace web -ServiceAccountName app | Get-IrsaWorkloadIdentity).RoleArn | Should -Be $c.RoleArn
            } }
        @{ Cmdlet = 'Start-IrsaPodIdentityMigration'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-mig'
                $accounts = @(New-IrsaRole -RoleName $prefix -ClusterName $c.Cluster -ServiceAccountName "web/$prefix-a", "payments/$prefix-b" -Force | Set-IrsaServiceAccount -Force 3>$null)
                $started = @($accounts | Start-IrsaPodIdentityMigration -Force 3>$null)
                $started.Stage | Should -Be @('Started', 'Started')
                @($started.ServiceAccountName) | Should -Be @("$prefix-a", "$prefix-b")
            } }
        @{ Cmdlet = 'Complete-IrsaPodIdentityMigration'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-done'
                New-IrsaRole -RoleName $prefix -ClusterName $c.Cluster -ServiceAccountName "web/$prefix-a", "payments/$prefix-b" -Force | Set-IrsaServiceAccount -Force 3>$null | Start-IrsaPodIdentityMigration -Force 3>$null | Out-Null
                $completed = @(Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -AllNamespaces | Where-Object ServiceAccountName -like "$prefix-*" | Complete-IrsaPodIdentityMigration -Force)
                $completed.Stage | Should -Be @('Completed', 'Completed')
            } }
        @{ Cmdlet = 'Undo-IrsaPodIdentityMigration'; Script = {
                param($c)
                $prefix = New-IrsaTestName 'pipe-undo'
                $started = @(New-IrsaRole -RoleName $prefix -ClusterName $c.Cluster -ServiceAccountName "web/$prefix-a", "payments/$prefix-b" -Force | Set-IrsaServiceAccount -Force 3>$null | Start-IrsaPodIdentityMigration -Force 3>$null)
                $undone = @($started | Undo-IrsaPodIdentityMigration -Force 3>$null)
                $undone.Stage | Should -Be @('NotStarted', 'NotStarted')
                Get-IrsaPodIdentityAssociation $c.Cluster -ServiceAccountName "$prefix-*" | Should -BeNullOrEmpty
            } }
        @{ Cmdlet = 'Get-IrsaRoleActivity'; Script = {
                param($c)
                (Test-IrsaTrust -ClusterName $c.Cluster -Namespace web -ServiceAccountName app -Live).Live.Succeeded | Should -BeTrue
                $rows = @([pscustomobject]@{ RoleName = $c.RoleName }, [pscustomobject]@{ RoleArn = $c.RoleArn })
                $activity = @($rows | Get-IrsaRoleActivity)
                @($activity.RoleName | Sort-Object -Unique) | Should -Be @($c.RoleName)
                @(Get-IrsaRole -RoleName $c.RoleName | Get-IrsaRoleActivity).Count | Should -BeGreaterOrEqual 1
            } }
    )
    $script:Cmdlets = foreach ($command in Get-Command -Module IrsaPS) { @{ Cmdlet = $command.Name; Known = @($script:PipelineCases | ForEach-Object { $_['Cmdlet'] }) } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SandboxState.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    Register-IrsaOidcProvider -ClusterName $script:Sandbox.clusterName -Confirm:$false | Out-Null
    $policy = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
    $role = New-IrsaRole -RoleName (New-IrsaTestName 'surface') -ClusterName $script:Sandbox.clusterName -ServiceAccountName web/app -PolicyArn $policy -Force
    $role | Set-IrsaServiceAccount -Force -WarningAction SilentlyContinue | Out-Null
    $other = New-IrsaRole -RoleName (New-IrsaTestName 'other') -ClusterName $script:Sandbox.clusterName -ServiceAccountName payments/api -Force
    # A Pod Identity association of web/<name> with its own Pod Identity role, for the readers.
    $associated = New-IrsaTestName 'surface-pi'
    kubectl create serviceaccount $associated -n web | Out-Null
    $podRole = New-IrsaRole -PodIdentity -RoleName $associated -ClusterName $script:Sandbox.clusterName -ServiceAccountName "web/$associated" -Force
    $association = New-IrsaPodIdentityAssociation -ClusterName $script:Sandbox.clusterName -Namespace web -ServiceAccountName $associated -RoleArn $podRole.RoleArn -Force
    $directory = Join-Path $TestDrive 'files'
    New-Item -ItemType Directory -Path $directory | Out-Null
    $script:Context = @{
        Sandbox        = $script:Sandbox
        Cluster        = $script:Sandbox.clusterName
        Region         = $script:Sandbox.region
        Account        = $script:Sandbox.accountId
        Policy         = $policy
        Inline         = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}'
        RoleName       = $role.RoleName
        RoleArn        = $role.RoleArn
        OtherRoleName  = $other.RoleName
        Directory      = $directory
        AssociatedName = $associated
        AssociationId  = $association.AssociationId
        PodRoleArn     = $podRole.RoleArn
    }
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'Coverage: every parameter set and every cmdlet has a case here' {
    It '<Key> has a case' -ForEach $script:ActualSets {
        $Key | Should -BeIn $Known
    }

    It '<Cmdlet> has a pipeline case' -ForEach $script:Cmdlets {
        $Cmdlet | Should -BeIn $Known
    }
}

Describe 'Every cmdlet in every parameter set' {
    It '<Set>' -ForEach $script:SetCases {
        & $Script $script:Context -WarningAction SilentlyContinue 3>$null
    }
}

Describe 'Every cmdlet through the pipeline, several objects bound by property name' {
    It '<Cmdlet>' -ForEach $script:PipelineCases {
        & $Script $script:Context 3>$null
    }
}

Describe 'The pipelines and names the help promises' {
    It 'a cluster name piped as a string: ''demo'', ''demo'' | Get-IrsaCluster' {
        @($script:Context.Cluster, $script:Context.Cluster | Get-IrsaCluster).ClusterName | Should -Be @($script:Context.Cluster, $script:Context.Cluster)
    }

    It 'Get-IrsaServiceAccount -AllNamespaces | Test-IrsaTrust (through the kubeconfig context)' {
        $results = @(Get-IrsaServiceAccount -AllNamespaces | Test-IrsaTrust)
        ($results | Where-Object { $_.Namespace -eq 'web' -and $_.ServiceAccountName -eq 'app' }).Allowed | Should -BeTrue
        ($results | Where-Object { $_.Namespace -eq 'kube-system' }).Allowed | Should -BeFalse
    }

    It 'Get-IrsaRole | Test-IrsaTrust for a role with several subjects: one result per subject' {
        $role = New-IrsaTestName 'multi'
        New-IrsaRole -RoleName $role -ClusterName $script:Context.Cluster -ServiceAccountName "web/$role", "payments/$role" -Force | Set-IrsaServiceAccount -Force 3>$null | Out-Null
        $results = @(Get-IrsaRole -RoleName $role | Test-IrsaTrust)
        ($results | ForEach-Object { "$($_.Namespace)/$($_.ServiceAccountName)" } | Sort-Object) | Should -Be @("payments/$role", "web/$role")
        @($results | Where-Object Allowed).Count | Should -Be 2
    }

    It 'namespace/name works for <_> like for New-IrsaRole' -ForEach @('Get-IrsaServiceAccount', 'Set-IrsaServiceAccount', 'Test-IrsaTrust') {
        $result = switch ($_) {
            'Get-IrsaServiceAccount' { Get-IrsaServiceAccount -ServiceAccountName web/app }
            'Set-IrsaServiceAccount' { Set-IrsaServiceAccount -ServiceAccountName web/app -RoleArn $script:Context.RoleArn -Force 3>$null }
            'Test-IrsaTrust' { Test-IrsaTrust -ClusterName $script:Context.Cluster -ServiceAccountName web/app }
        }

        $result.Namespace | Should -Be 'web'
        $result.ServiceAccountName | Should -Be 'app'
    }
}
