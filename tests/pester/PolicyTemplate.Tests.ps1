# The policy template catalog as users reach it: Get-IrsaPolicyTemplate, New-IrsaRole -PolicyTemplate (every entry, read
# back from IAM), refusals of unscoped writes, -WhatIf, completion, help and the drift checks, against one sandbox.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    # One case per role of every entry's newest version (New-IrsaRole writes each into the sandbox).
    $script:Cases = @(Get-IrsaPolicyTemplate | ForEach-Object { @{ Name = $_.Name; TemplateRole = $_.TemplateRole; HasNamespace = [bool]$_.Namespace } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    $script:Cluster = Get-IrsaCluster $script:Sandbox.clusterName
    if (-not $script:Cluster.OidcProviderExists) {
        Register-IrsaOidcProvider -ClusterName $script:Cluster.ClusterName | Out-Null
    }

    # A valid value for a parameter of the catalog, in the cluster's account, region and partition.
    function Get-SampleValue([object] $Parameter, [string] $Suffix) {
        $p = $script:Cluster.Partition
        $account = $script:Cluster.AccountId
        $region = $script:Cluster.Region
        switch ($Parameter.Name) {
            'HostedZoneArn' { "arn:${p}:route53:::hostedzone/Z0${Suffix}" }
            'BucketArn' { "arn:${p}:s3:::bucket-$Suffix" }
            'S3BucketArn' { "arn:${p}:s3:::files-$Suffix" }
            'KmsKeyArn' { "arn:${p}:kms:${region}:${account}:key/$Suffix" }
            'QueueArn' { "arn:${p}:sqs:${region}:${account}:queue-$Suffix" }
            'InterruptionQueueArn' { "arn:${p}:sqs:${region}:${account}:karpenter-$Suffix" }
            'NodeRoleArn' { "arn:${p}:iam::${account}:role/KarpenterNodeRole-$Suffix" }
            'SecretArn' { "arn:${p}:secretsmanager:${region}:${account}:secret:app/$Suffix-*" }
            'ParameterArn' { "arn:${p}:ssm:${region}:${account}:parameter/app/$Suffix/*" }
            'WorkspaceArn' { "arn:${p}:aps:${region}:${account}:workspace/ws-$Suffix" }
            'TargetGroupArn' { "arn:${p}:elasticloadbalancing:${region}:${account}:targetgroup/tg-$Suffix/0123456789abcdef" }
            default { throw "No sample value for template parameter $($Parameter.Name): add one to PolicyTemplate.Tests.ps1." }
        }
    }

    function Get-SampleParameters([object] $Template, [string] $Suffix) {
        $values = @{}
        foreach ($parameter in $Template.Parameters | Where-Object WhenOmitted -ne 'FromCluster') {
            $values[$parameter.Name] = Get-SampleValue $parameter $Suffix
        }

        $values
    }

    # IAM as the aws CLI reads it back from the sandbox.
    function Invoke-Iam {
        $text = & aws iam @args --endpoint-url $env:AWS_ENDPOINT_URL --output json
        if ($LASTEXITCODE -ne 0) { throw "aws iam $args failed" }
        $text | ConvertFrom-Json
    }

    function Test-RoleExists([string] $RoleName) {
        & aws iam get-role --role-name $RoleName --endpoint-url $env:AWS_ENDPOINT_URL --output json 2>$null | Out-Null
        $LASTEXITCODE -eq 0
    }

    function ConvertTo-CanonicalJson([object] $Value) {
        if ($Value -is [string]) { $Value = $Value | ConvertFrom-Json }
        $Value | ConvertTo-Json -Depth 32 -Compress
    }
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'Get-IrsaPolicyTemplate' {
    It 'lists the catalog offline, one row per entry role, with source and licence' {
        $all = @(Get-IrsaPolicyTemplate)

        $all.Name | Should -Contain 'AwsLoadBalancerController'
        $all.Name | Should -Contain 'Karpenter'
        @($all | Where-Object Name -eq 'EfsCsiDriver').TemplateRole | Should -Be @('Controller', 'Node')
        $all | ForEach-Object { $_.Source | Should -Not -BeNullOrEmpty; $_.Licence | Should -Not -BeNullOrEmpty; $_.IsLatest | Should -BeTrue }
        ($all | Format-Table | Out-String -Width 300) | Should -BeLike '*ExternalDns*default/external-dns*HostedZoneArn!*'
    }

    It 'renders a policy for given parameters and leaves what is missing as placeholders' {
        $zone = 'arn:aws:route53:::hostedzone/Z0123456789ABC'
        $rendered = Get-IrsaPolicyTemplate ExternalDns -TemplateParameter @{ HostedZoneArn = $zone }
        $preview = Get-IrsaPolicyTemplate ExternalDns

        ($rendered.Policy | ConvertFrom-Json).Statement[0].Resource | Should -Be $zone
        $rendered.MissingParameters | Should -BeNullOrEmpty
        $preview.MissingParameters | Should -Be 'HostedZoneArn'
        $preview.Policy | Should -BeLike '*${HostedZoneArn}*'
        $rendered.FitsManagedPolicy | Should -BeTrue
    }

    It 'shows every version, and renders for a piped cluster and another partition' {
        @(Get-IrsaPolicyTemplate ExternalDns -AllVersions).Version | Should -Be @('0.22.0', '0.16.0')
        $script:Cluster | Get-IrsaPolicyTemplate ClusterAutoscaler | ForEach-Object { $_.Policy | Should -BeLike "*k8s.io/cluster-autoscaler/$($script:Cluster.ClusterName)*" }
        (Get-IrsaPolicyTemplate AwsLoadBalancerController -Partition aws-cn).Policy | Should -BeLike '*arn:aws-cn:ec2:*'
        (Get-IrsaPolicyTemplate VpcCni -Partition aws-us-gov).ManagedPolicyArns | Should -Be 'arn:aws-us-gov:iam::aws:policy/AmazonEKS_CNI_Policy'
    }

    It 'fails with the specific ErrorId for an unknown entry, version or parameter' {
        Get-IrsaPolicyTemplate NoSuchController -ErrorAction SilentlyContinue -ErrorVariable e1 | Should -BeNullOrEmpty
        Get-IrsaPolicyTemplate ExternalDns -Version 9.9 -ErrorAction SilentlyContinue -ErrorVariable e2 | Should -BeNullOrEmpty
        Get-IrsaPolicyTemplate ExternalDns -TemplateParameter @{ Zone = 'x' } -ErrorAction SilentlyContinue -ErrorVariable e3 | Should -BeNullOrEmpty

        $e1[0].FullyQualifiedErrorId | Should -BeLike 'UnknownPolicyTemplate,*'
        $e1[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'UnknownTemplateVersion,*'
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'UnknownTemplateParameter,*'
    }
}

Describe 'New-IrsaRole -PolicyTemplate <Name> (<TemplateRole>)' -ForEach $script:Cases {
    It 'creates the role with the rendered permission set, read back from IAM, and a re-run writes nothing' {
        $suffix = ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $role = "tpl-$suffix"
        $template = Get-IrsaPolicyTemplate $Name -TemplateRole $TemplateRole
        $parameters = Get-SampleParameters $template $suffix
        $subject = if ($HasNamespace) { @{} } else { @{ Namespace = 'build'; ServiceAccountName = 'builder' } }
        $expected = $script:Cluster | Get-IrsaPolicyTemplate $Name -TemplateRole $TemplateRole -TemplateParameter $parameters

        $created = New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate $Name -TemplateRole $TemplateRole -TemplateParameter $parameters @subject -Force
        $again = New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate $Name -TemplateRole $TemplateRole -TemplateParameter $parameters @subject -Force

        $created[0].Created | Should -BeTrue
        if ($HasNamespace) {
            @($created.ServiceAccountName) | Should -Be @($template.ServiceAccountName)
            $created[0].Namespace | Should -Be $template.Namespace
        }

        @($again | ForEach-Object { $_.Changes }) | Should -BeNullOrEmpty
        $attached = @((Invoke-Iam list-attached-role-policies --role-name $role).AttachedPolicies.PolicyArn)
        ($attached | Sort-Object) | Should -Be @($expected.ManagedPolicyArns | Sort-Object)
        $inline = @((Invoke-Iam list-role-policies --role-name $role).PolicyNames)
        if ($expected.Policy) {
            $inline | Should -Be @($expected.InlinePolicyName)
            $stored = (Invoke-Iam get-role-policy --role-name $role --policy-name $expected.InlinePolicyName).PolicyDocument
            ConvertTo-CanonicalJson $stored | Should -Be (ConvertTo-CanonicalJson $expected.Policy)
        }
        else {
            $inline | Should -BeNullOrEmpty
        }
    }
}

Describe 'Scoped entries' {
    It 'refuse to be unscoped silently: TemplateScopeRequired, nothing written' {
        $role = New-IrsaTestName 'dns'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate ExternalDns -Force -ErrorAction SilentlyContinue -ErrorVariable refused | Should -BeNullOrEmpty
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate Velero -TemplateParameter @{ BucketArn = 'arn:aws:s3:::*' } -Force -ErrorAction SilentlyContinue -ErrorVariable wildcard | Should -BeNullOrEmpty

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'TemplateScopeRequired,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].Exception.Message | Should -BeLike '*-AllowUnscopedTemplate*'
        $wildcard[0].FullyQualifiedErrorId | Should -BeLike 'TemplateScopeRequired,*'
        Test-RoleExists $role | Should -BeFalse
    }

    It 'reject malformed, misplaced and wrong-partition values before anything is written' {
        $role = New-IrsaTestName 'bad'
        foreach ($value in 'Z0123', 'arn:aws:s3:::bucket', 'arn:aws-cn:route53:::hostedzone/Z1') {
            New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate ExternalDns -TemplateParameter @{ HostedZoneArn = $value } -Force -ErrorAction SilentlyContinue -ErrorVariable bad | Out-Null
            $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTemplateParameter,*' -Because $value
        }

        Test-RoleExists $role | Should -BeFalse
    }

    It 'with -AllowUnscopedTemplate, write on every resource and stop an unattended run that does not say -Force' {
        $role = New-IrsaTestName 'nth'
        $manifest = Get-IrsaPSPackagePath
        $output = Invoke-IrsaChildPwsh -NoLogo -NoProfile -NonInteractive -Command "Import-Module '$manifest'; try { New-IrsaRole -RoleName $role -ClusterName $($script:Cluster.ClusterName) -PolicyTemplate NodeTerminationHandler -AllowUnscopedTemplate -ErrorAction Stop | Out-Null } catch { `$_.FullyQualifiedErrorId }" 2>&1
        ($output -join "`n") | Should -BeLike '*MissingConfirmation*'
        Test-RoleExists $role | Should -BeFalse -Because "a new role is confirmed once with all its writes, so nothing is created"

        $created = New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate NodeTerminationHandler -AllowUnscopedTemplate -Force
        $put = $created.Changes | Where-Object Action -eq 'PutRolePolicy'
        $put.HighImpact | Should -BeTrue
        $put.Description | Should -BeLike '*QueueArn*'
        $stored = (Invoke-Iam get-role-policy --role-name $role --policy-name IrsaPS-NodeTerminationHandler).PolicyDocument
        ($stored.Statement | Where-Object { $_.Action -contains 'sqs:ReceiveMessage' }).Resource | Should -Be '*'
    }
}

Describe '-WhatIf, several roles, defaults' {
    It '-WhatIf shows the plan and writes nothing' {
        $role = New-IrsaTestName 'whatif'
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate AwsLoadBalancerController -WhatIf | Should -BeNullOrEmpty
        Test-RoleExists $role | Should -BeFalse
    }

    It 'an entry with several roles needs -TemplateRole' {
        New-IrsaRole -RoleName (New-IrsaTestName 'efs') -ClusterName $script:Cluster.ClusterName -PolicyTemplate EfsCsiDriver -Force -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
        $e[0].FullyQualifiedErrorId | Should -BeLike 'TemplateRoleRequired,*'
        $e[0].Exception.Message | Should -BeLike '*Controller, Node*'
    }

    It 'takes -Namespace over the entry''s default and pipes into Set-IrsaServiceAccount' {
        $role = New-IrsaTestName 'lbc'
        $annotated = New-IrsaRole -RoleName $role -ClusterName $script:Cluster.ClusterName -PolicyTemplate AwsLoadBalancerController -Namespace web -Force | Set-IrsaServiceAccount -Force
        ($annotated.Namespace, $annotated.ServiceAccountName) | Should -Be @('web', 'aws-load-balancer-controller')
        $annotated.RoleArn | Should -BeLike "*:role/$role"
    }
}

Describe 'A Pod Identity role from the catalog' {
    It 'takes the entry''s default service account, trusts pods.eks.amazonaws.com, and pipes into New-IrsaPodIdentityAssociation' {
        $role = New-IrsaTestName 'ebs-pi'

        $association = $script:Cluster |
            New-IrsaRole -PodIdentity -RoleName $role -PolicyTemplate EbsCsiDriver -Force |
            New-IrsaPodIdentityAssociation -Force

        ($association.Namespace, $association.ServiceAccountName) | Should -Be @('kube-system', 'ebs-csi-controller-sa')
        $association.RoleTrustsPodIdentity | Should -BeTrue
        $read = Get-IrsaRole -RoleName $role
        $read.AttachedPolicyArns | Should -Be 'arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2'
        $trust = $read.TrustPolicy | ConvertFrom-Json
        @($trust.Statement.Principal.Service) | Should -Be 'pods.eks.amazonaws.com'
        $trust.Statement[0].Condition.StringEquals.'aws:RequestTag/kubernetes-service-account' | Should -Be 'ebs-csi-controller-sa'
        $read.TrustPolicy | Should -Not -BeLike '*AssumeRoleWithWebIdentity*'
    }
}

Describe 'Tab completion and help' {
    It 'completes template names, versions and roles offline' {
        $line = 'New-IrsaRole -PolicyTemplate Ext'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('ExternalDns', 'ExternalSecrets')
        $line = 'New-IrsaRole -PolicyTemplate ExternalDns -TemplateVersion '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('0.22.0', '0.16.0')
        $line = 'Get-IrsaPolicyTemplate EfsCsiDriver -TemplateRole '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Controller', 'Node')
    }

    It 'documents the template parameters of New-IrsaRole and the catalog cmdlet' {
        $help = Get-Help New-IrsaRole -Full
        foreach ($name in 'PolicyTemplate', 'TemplateVersion', 'TemplateRole', 'TemplateParameter', 'AllowUnscopedTemplate') {
            ($help.Parameters.Parameter | Where-Object Name -eq $name).Description | Out-String | Should -Not -BeNullOrEmpty -Because "-$name"
        }

        @($help.Examples.Example.Code) -join "`n" | Should -BeLike '*-PolicyTemplate AwsLoadBalancerController*'
        (Get-Help Get-IrsaPolicyTemplate).Synopsis | Should -BeLike '*catalog*'
    }
}

Describe 'Invoke-IrsaAudit drift checks' {
    It 'finds the planted outdated and unscoped controller roles, and nothing among catalog-made or uncatalogued look-alikes' {
        $eksctlDns = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["route53:ChangeResourceRecordSets"],"Resource":"arn:aws:route53:::hostedzone/*"},{"Effect":"Allow","Action":["route53:ListHostedZones","route53:ListResourceRecordSets","route53:ListTagsForResource"],"Resource":"*"}]}'
        $cni122 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:AssignPrivateIpAddresses","ec2:AttachNetworkInterface","ec2:CreateNetworkInterface","ec2:DeleteNetworkInterface","ec2:DescribeInstances","ec2:DescribeTags","ec2:DescribeNetworkInterfaces","ec2:DescribeInstanceTypes","ec2:DescribeSubnets","ec2:DetachNetworkInterface","ec2:ModifyNetworkInterfaceAttribute","ec2:UnassignPrivateIpAddresses"],"Resource":"*"},{"Effect":"Allow","Action":["ec2:CreateTags"],"Resource":["arn:aws:ec2:*:*:network-interface/*"]}]}'
        $nthReadme = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["autoscaling:CompleteLifecycleAction","autoscaling:DescribeAutoScalingInstances","autoscaling:DescribeTags","ec2:DescribeInstances","sqs:DeleteMessage","sqs:ReceiveMessage"],"Resource":"*"}]}'
        $cni = New-IrsaTestName 'plant-cni'
        $nth = New-IrsaTestName 'plant-nth'
        $lookalike = New-IrsaTestName 'web-dns'
        $cluster = $script:Cluster.ClusterName
        New-IrsaRole -RoleName $cni -ClusterName $cluster -Namespace kube-system -ServiceAccountName aws-node -InlinePolicy @{ cni = $cni122 } -Force | Set-IrsaServiceAccount -Force | Out-Null
        New-IrsaRole -RoleName $nth -ClusterName $cluster -Namespace kube-system -ServiceAccountName aws-node-termination-handler -InlinePolicy @{ nth = $nthReadme } -Force | Set-IrsaServiceAccount -Force | Out-Null
        New-IrsaRole -RoleName $lookalike -ClusterName $cluster -Namespace web -ServiceAccountName external-dns -InlinePolicy @{ dns = $eksctlDns } -Force | Set-IrsaServiceAccount -Force | Out-Null
        $sarif = Join-Path $TestDrive 'drift.sarif'
        $junit = Join-Path $TestDrive 'drift.xml'

        $findings = @(Invoke-IrsaAudit -ClusterName $cluster -Check IRSA040, IRSA041)
        Invoke-IrsaAudit -ClusterName $cluster -Check IRSA040, IRSA041 -OutputFormat Sarif -OutFile $sarif | Out-Null
        Invoke-IrsaAudit -ClusterName $cluster -Check ControllerPolicyOutdated, ControllerPolicyUnscoped -OutputFormat JUnit -OutFile $junit | Out-Null

        $outdated = @($findings | Where-Object CheckId -eq 'IRSA040')
        $outdated.RoleName | Should -Be @($cni)
        $outdated[0].Properties['MissingActions'] | Should -Be 'ec2:DescribeSecurityGroups'
        ($outdated[0].Namespace, $outdated[0].ServiceAccountName) | Should -Be @('kube-system', 'aws-node')
        $unscoped = @($findings | Where-Object CheckId -eq 'IRSA041')
        $unscoped.RoleName | Should -Contain $nth
        # Besides the planted role, only the role made earlier with -AllowUnscopedTemplate is unscoped.
        $unscoped | Where-Object RoleName -ne $nth | ForEach-Object { $_.RoleName | Should -BeLike 'nth-*' }
        $findings.RoleName | Should -Not -Contain $lookalike
        @($findings | Where-Object RoleName -like 'tpl-*') | Should -BeNullOrEmpty
        $report = Get-Content -Raw $sarif | ConvertFrom-Json
        $report.runs[0].tool.driver.rules.id | Should -Be @('IRSA040', 'IRSA041')
        @($report.runs[0].results).Count | Should -Be $findings.Count
        ([xml](Get-Content -Raw $junit)).SelectNodes('//failure').Count | Should -Be $findings.Count
    }
}
