# Bad input through the cmdlets, against the sandbox: every case is refused with its own ErrorId and a real category,
# and nothing is written. "Nothing" is proven by reading IAM (moto's API) and Kubernetes (the stand-in's REST API) back
# without IrsaPS, before and after each case (SandboxState.ps1): roles with their trust, policies and tags, OIDC
# providers, and every ServiceAccount with the API's resourceVersion, which any write would move.

BeforeDiscovery {
    # Runs with a context $c: Cluster, RoleName (an existing IRSA role with a managed and an inline policy and a tag,
    # annotated on web/app), RoleArn, NewName (a role name no other case uses), Directory, Garbage (a kubeconfig that is
    # not YAML), Account (the sandbox's account id).
    $script:Cases = @(
        # Names
        @{ Name = 'a role name with a space'; Id = 'InvalidRoleName'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName 'bad name!' -ClusterName $c.Cluster -ServiceAccountName web/app -Force } }
        @{ Name = 'a role name of 65 characters'; Id = 'InvalidRoleName'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName ('r' * 65) -ClusterName $c.Cluster -ServiceAccountName web/app -Force } }
        @{ Name = 'a unicode role name'; Id = 'InvalidRoleName'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName 'rôle-app' -ClusterName $c.Cluster -ServiceAccountName web/app -Force } }
        @{ Name = 'an empty role name'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Script = { param($c) New-IrsaRole -RoleName '' -ClusterName $c.Cluster -ServiceAccountName web/app -Force } }
        @{ Name = 'a $null role name'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Script = { param($c) New-IrsaRole -RoleName $null -ClusterName $c.Cluster -ServiceAccountName web/app -Force } }
        @{ Name = 'a role name that is not valid for Get-IrsaRole'; Id = 'InvalidRoleName'; Category = 'InvalidArgument'; Script = { param($c) Get-IrsaRole -RoleName 'no spaces' } }
        @{ Name = 'an uppercase namespace'; Id = 'InvalidNamespace'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -Namespace 'Web_Bad' -ServiceAccountName app -Force } }
        @{ Name = 'a unicode namespace'; Id = 'InvalidNamespace'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -Namespace 'wéb' -ServiceAccountName app -Force } }
        @{ Name = 'a namespace of 64 characters'; Id = 'InvalidNamespace'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace ('n' * 64) -ServiceAccountName app -RoleArn $c.RoleArn -Force } }
        @{ Name = 'an uppercase namespace for Remove-IrsaServiceAccount'; Id = 'InvalidNamespace'; Category = 'InvalidArgument'; Script = { param($c) Remove-IrsaServiceAccount -Namespace 'Web' -ServiceAccountName app -Force } }
        @{ Name = 'a service account name with punctuation'; Id = 'InvalidServiceAccountName'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -Namespace web -ServiceAccountName 'App!' -Force } }
        @{ Name = 'a service account name with a JSON quote'; Id = 'InvalidServiceAccountName'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName 'web/a"b' -Force } }
        @{ Name = 'a service account name with JSON braces'; Id = 'InvalidServiceAccountName'; Category = 'InvalidArgument'; Script = { param($c) Add-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName 'web/a}{' -Force } }
        @{ Name = 'a service account name with a backslash'; Id = 'InvalidServiceAccountName'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName 'a\b' -RoleArn $c.RoleArn -Force } }
        @{ Name = 'a service account without a namespace'; Id = 'InvalidParameterCombination'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName app -Force } }
        @{ Name = 'an empty service account name in an array'; Id = 'InvalidServiceAccountName'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName @('web/app', '') -Force } }
        @{ Name = 'a wildcard subject without -AllowWildcard'; Id = 'WildcardNotAllowed'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName 'web/*' -Force } }
        @{ Name = 'a wildcard added to an existing role without -AllowWildcard'; Id = 'WildcardNotAllowed'; Category = 'InvalidArgument'; Script = { param($c) Add-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName 'web/app-?' -Force } }
        @{ Name = 'an IAM path without slashes'; Id = 'InvalidRolePath'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Path 'irsa' -Force } }
        @{ Name = 'a description over 1,000 characters'; Id = 'InvalidDescription'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Description ('d' * 1001) -Force } }
        @{ Name = 'a session length under an hour'; Id = 'InvalidMaxSessionDuration'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -MaxSessionDuration 100 -Force } }
        @{ Name = 'a tag key reserved by AWS'; Id = 'InvalidTag'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Tag @{ 'aws:owner' = 'me' } -Force } }
        @{ Name = 'a tag value that is not text'; Id = 'InvalidHashtable'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Tag @{ owner = @(1, 2) } -Force } }
        @{ Name = 'a cluster name with a space'; Id = 'InvalidClusterName'; Category = 'InvalidArgument'; Script = { param($c) Get-IrsaCluster -Name 'bad name!' } }

        # ARNs, in every partition
        @{ Name = 'a policy ARN that is not an ARN'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn 'garbage' -Force } }
        @{ Name = 'a policy ARN of another service'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn 'arn:aws:s3:::bucket' -Force } }
        @{ Name = 'a policy ARN in aws-cn for an aws account'; Id = 'InvalidPartition'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' -Force } }
        @{ Name = 'a policy ARN in aws-us-gov for an aws account'; Id = 'InvalidPartition'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess' -Force } }
        @{ Name = 'a managed policy that does not exist'; Id = 'PolicyNotFound'; Category = 'ObjectNotFound'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn 'arn:aws:iam::aws:policy/DoesNotExistPolicy' -Force } }
        @{ Name = 'a boundary ARN with a short account'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -PermissionsBoundary 'arn:aws:iam::123:policy/boundary' -Force } }
        @{ Name = 'a role ARN that is not an ARN'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn 'not-an-arn' -Force } }
        @{ Name = 'a user ARN as a role ARN'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn "arn:aws:iam::$($c.Account):user/app" -Force } }
        @{ Name = 'an aws-us-gov role ARN with a short account'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn 'arn:aws-us-gov:iam::12345:role/app' -Force } }
        @{ Name = 'an aws-cn role for a cluster in aws'; Id = 'InvalidPartition'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -ClusterName $c.Cluster -Namespace payments -ServiceAccountName api -RoleArn "arn:aws-cn:iam::$($c.Account):role/app" -Force } }
        @{ Name = 'a role ARN to test that is not an ARN'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) Test-IrsaTrust -ClusterName $c.Cluster -Namespace web -ServiceAccountName app -RoleArn 'garbage' } }
        @{ Name = 'a role ARN as an OIDC provider ARN'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) Unregister-IrsaOidcProvider -OidcProviderArn $c.RoleArn -Force } }
        @{ Name = 'a required boundary that is not an ARN'; Id = 'InvalidArn'; Category = 'InvalidArgument'; Script = { param($c) Invoke-IrsaAudit -ClusterName $c.Cluster -RequiredPermissionsBoundary 'garbage' } }

        # Issuers, accounts and audiences
        @{ Name = 'an http issuer'; Id = 'InvalidIssuerUrl'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaTrustPolicy -Issuer 'http://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE' -AccountId $c.Account -ServiceAccountName web/app } }
        @{ Name = 'an issuer with a JSON quote'; Id = 'InvalidIssuerUrl'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaTrustPolicy -Issuer 'https://oidc.eks.us-east-1.amazonaws.com/id/EX"AMPLE' -AccountId $c.Account -ServiceAccountName web/app } }
        @{ Name = 'an issuer that is not a URL'; Id = 'InvalidIssuerUrl'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaTrustPolicy -Issuer 'oidc' -AccountId $c.Account -ServiceAccountName web/app } }
        @{ Name = 'an empty issuer'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Script = { param($c) New-IrsaTrustPolicy -Issuer '' -AccountId $c.Account -ServiceAccountName web/app } }
        @{ Name = 'an account id with a JSON quote'; Id = 'InvalidAccountId'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaTrustPolicy -Issuer 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE' -AccountId '12345678901"' -ServiceAccountName web/app } }
        @{ Name = 'an empty audience'; Id = 'InvalidAudience'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Audience '' -Force } }
        @{ Name = 'an audience with a JSON quote'; Id = 'InvalidAudience'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Audience 'sts"}]' -Force } }
        @{ Name = 'an annotation audience with a JSON quote'; Id = 'InvalidAudience'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn $c.RoleArn -Audience 'a"b' -Force } }
        @{ Name = 'an offline trust audience with a JSON quote'; Id = 'InvalidAudience'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaTrustPolicy -Issuer 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE' -AccountId $c.Account -ServiceAccountName web/app -Audience 'a"b' } }

        # Policies and trust sizes
        @{ Name = 'an inline policy that is not JSON'; Id = 'InvalidInlinePolicy'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -InlinePolicy @{ read = '{"Version":"2012-10-17","Statement":[' } -Force } }
        @{ Name = 'an inline policy with a Principal'; Id = 'InvalidInlinePolicy'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -InlinePolicy @{ open = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}' } -Force } }
        @{ Name = 'inline policies over the 10,240-character role total'; Id = 'InlinePolicyTooLarge'; Category = 'LimitsExceeded'; Script = {
                param($c)
                $resources = (1..400 | ForEach-Object { "arn:aws:s3:::bucket-$_/*" }) -join '","'
                New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -InlinePolicy @{ big = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["' + $resources + '"]}]}' } -Force
            } }
        @{ Name = 'a trust policy over the quota (offline)'; Id = 'TrustPolicyTooLarge'; Category = 'LimitsExceeded'; Script = { param($c) New-IrsaTrustPolicy -Issuer 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE' -AccountId $c.Account -ServiceAccountName (1..200 | ForEach-Object { "web/sa-$_" }) } }
        @{ Name = 'a trust grown over the quota on an existing role'; Id = 'TrustPolicyTooLarge'; Category = 'LimitsExceeded'; Script = { param($c) Add-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName (1..120 | ForEach-Object { "web/worker-$_" }) -Force } }
        @{ Name = 'a trust size limit IAM does not have'; Id = 'InvalidTrustPolicySizeLimit'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaTrustPolicy -Issuer 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE' -AccountId $c.Account -ServiceAccountName web/app -SizeLimit 100 } }
        @{ Name = 'a token lifetime under ten minutes'; Id = 'InvalidTokenExpiration'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn $c.RoleArn -TokenExpiration 10 -Force } }
        @{ Name = 'a thumbprint that is not SHA-1 hex'; Id = 'InvalidThumbprint'; Category = 'InvalidArgument'; Script = { param($c) Register-IrsaOidcProvider -ClusterName $c.Cluster -Thumbprint 'xyz' } }

        # Unknown cluster, role, namespace, service account, check, provider
        @{ Name = 'an unknown cluster for Get-IrsaCluster'; Id = 'ClusterNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Get-IrsaCluster -Name 'no-such-cluster' } }
        @{ Name = 'an unknown cluster for New-IrsaRole'; Id = 'ClusterNotFound'; Category = 'ObjectNotFound'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName 'no-such-cluster' -ServiceAccountName web/app -Force } }
        @{ Name = 'an unknown cluster for Register-IrsaOidcProvider'; Id = 'ClusterNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Register-IrsaOidcProvider -ClusterName 'no-such-cluster' } }
        @{ Name = 'an unknown cluster for Invoke-IrsaAudit'; Id = 'ClusterNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Invoke-IrsaAudit -ClusterName 'no-such-cluster' } }
        @{ Name = 'an unknown role for Remove-IrsaRole'; Id = 'RoleNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Remove-IrsaRole -RoleName $c.NewName -Force } }
        @{ Name = 'an unknown role for Add-IrsaRoleTrust'; Id = 'RoleNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Add-IrsaRoleTrust -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Force } }
        @{ Name = 'an unknown role for Remove-IrsaRoleTrust'; Id = 'RoleNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Remove-IrsaRoleTrust -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Force } }
        @{ Name = 'an unknown namespace for Set-IrsaServiceAccount'; Id = 'KubeNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Set-IrsaServiceAccount -Namespace 'no-such-namespace' -ServiceAccountName app -RoleArn $c.RoleArn -Force } }
        @{ Name = 'an unknown service account with -NoCreate'; Id = 'ServiceAccountNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName 'no-such-account' -RoleArn $c.RoleArn -NoCreate -Force } }
        @{ Name = 'an unknown service account for Remove-IrsaServiceAccount'; Id = 'ServiceAccountNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Remove-IrsaServiceAccount -Namespace web -ServiceAccountName 'no-such-account' -Force } }
        @{ Name = 'an unknown service account for Get-IrsaServiceAccount'; Id = 'ServiceAccountNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Get-IrsaServiceAccount -Namespace payments -ServiceAccountName 'no-such-account' } }
        @{ Name = 'an unknown audit check'; Id = 'UnknownAuditCheck'; Category = 'InvalidArgument'; Script = { param($c) Invoke-IrsaAudit -ClusterName $c.Cluster -Check IRSA999 } }
        @{ Name = 'an unknown OIDC provider'; Id = 'OidcProviderNotFound'; Category = 'ObjectNotFound'; Script = { param($c) Unregister-IrsaOidcProvider -OidcProviderArn "arn:aws:iam::$($c.Account):oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/NOSUCHISSUER" -Force } }

        # Paths, files, kubeconfigs, contexts
        @{ Name = 'an audit report path that is a directory'; Id = 'OutFileIsDirectory'; Category = 'InvalidArgument'; Script = { param($c) Invoke-IrsaAudit -ClusterName $c.Cluster -OutputFormat Sarif -OutFile $c.Directory } }
        @{ Name = 'an audit report without a format'; Id = 'InvalidParameterCombination'; Category = 'InvalidArgument'; Script = { param($c) Invoke-IrsaAudit -ClusterName $c.Cluster -OutFile (Join-Path $c.Directory 'report.sarif') } }
        # -OutputFormat and -FailOn are enums: PowerShell's binder refuses a value that is not one of their names.
        @{ Name = 'an audit format that does not exist'; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Script = { param($c) Invoke-IrsaAudit -ClusterName $c.Cluster -OutputFormat Yaml } }
        @{ Name = 'an audit severity that does not exist'; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Script = { param($c) Invoke-IrsaAudit -ClusterName $c.Cluster -FailOn Severe } }
        @{ Name = 'a profiles file that does not exist'; Id = 'AwsProfileNotFound'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -ProfileName nobody -ProfileLocation (Join-Path $c.Directory 'no-credentials') -Force } }
        @{ Name = 'a kubeconfig that does not exist'; Id = 'KubeConfigNotFound'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn $c.RoleArn -KubeConfig (Join-Path $c.Directory 'no-kubeconfig') -Force } }
        @{ Name = 'a kubeconfig that is not YAML'; Id = 'KubeConfigInvalid'; Category = 'InvalidData'; Script = { param($c) Remove-IrsaServiceAccount -Namespace web -ServiceAccountName app -KubeConfig $c.Garbage -Force } }
        @{ Name = 'a kubeconfig path that cannot be read (a directory)'; Id = 'KubeConfigInvalid'; Category = 'InvalidData'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn $c.RoleArn -KubeConfig $c.Directory -Force } }
        @{ Name = 'a kubeconfig context that does not exist'; Id = 'KubeContextNotFound'; Category = 'InvalidArgument'; Script = { param($c) Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn $c.RoleArn -KubeContext 'no-such-context' -Force } }
        @{ Name = 'a context not allowed in the namespace'; Id = 'KubeForbidden'; Category = 'PermissionDenied'; Script = { param($c) Set-IrsaServiceAccount -Namespace payments -ServiceAccountName api -RoleArn $c.RoleArn -KubeContext 'demo-web-only' -Force } }

        # Connection settings and parameter combinations
        @{ Name = 'a region that does not exist'; Id = 'AwsInvalidRegion'; Category = 'InvalidArgument'; Script = { param($c) New-IrsaRole -RoleName $c.NewName -ClusterName $c.Cluster -ServiceAccountName web/app -Region 'mars-1' -Force } }
        @{ Name = 'an endpoint that is not a URL'; Id = 'AwsInvalidEndpointUrl'; Category = 'InvalidArgument'; Script = { param($c) Register-IrsaOidcProvider -ClusterName $c.Cluster -EndpointUrl 'not a url' } }
        @{ Name = 'a -Credential that is not credentials'; Id = 'InvalidCredential'; Category = 'InvalidArgument'; Script = { param($c) Remove-IrsaRole -RoleName $c.RoleName -Credential 'not credentials' -Force } }
        @{ Name = 'an access key without a secret key'; Id = 'InvalidParameterCombination'; Category = 'InvalidArgument'; Script = { param($c) Add-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName web/other -AccessKey AKIAIOSFODNN7EXAMPLE -Force } }
        @{ Name = 'neither a cluster nor a provider to unregister'; Id = 'InvalidParameterCombination'; Category = 'InvalidArgument'; Script = { param($c) Unregister-IrsaOidcProvider -Force } }
        @{ Name = 'parameters of two parameter sets'; Id = 'AmbiguousParameterSet'; Category = 'InvalidArgument'; Script = { param($c) Remove-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -AllServiceAccounts -ServiceAccountName web/app -Force } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SandboxState.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    Register-IrsaOidcProvider -ClusterName $script:Sandbox.clusterName -Confirm:$false | Out-Null

    # Something to protect: a role with a managed and an inline policy and a tag, annotated on web/app.
    $roleName = New-IrsaTestName 'protected'
    $role = New-IrsaRole -RoleName $roleName -ClusterName $script:Sandbox.clusterName -ServiceAccountName web/app `
        -PolicyArn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess -Tag @{ owner = 'platform' } -Force `
        -InlinePolicy @{ read = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}' }
    $role | Set-IrsaServiceAccount -Force -WarningAction SilentlyContinue | Out-Null

    $directory = Join-Path $TestDrive 'files'
    New-Item -ItemType Directory -Path $directory | Out-Null
    $garbage = Join-Path $directory 'garbage.kubeconfig'
    Set-Content -Path $garbage -Value "apiVersion: v1`nkind: Config`nclusters: [[[`n"
    $script:Context = @{
        Cluster   = $script:Sandbox.clusterName
        Account   = $script:Sandbox.accountId
        RoleName  = $roleName
        RoleArn   = $role.RoleArn
        Directory = $directory
        Garbage   = $garbage
    }
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'The bad-input corpus' {
    It 'has at least 40 cases, each with an ErrorId and a category' -ForEach @(@{ Cases = $script:Cases }) {
        $Cases.Count | Should -BeGreaterOrEqual 40
        foreach ($case in $Cases) {
            $case.Id | Should -Not -BeNullOrEmpty
            [System.Management.Automation.ErrorCategory]$case.Category | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Bad input is refused with its own ErrorId and category, and nothing is written' {
    It '<Name>: <Id> (<Category>)' -ForEach $script:Cases {
        $script:Context.NewName = New-IrsaTestName 'bad'
        $before = Get-IrsaSandboxState $script:Sandbox

        $caught = Invoke-IrsaCaught -Script $Script -ArgumentList @(, $script:Context)

        $caught | Should -Not -BeNullOrEmpty -Because 'bad input must be refused'
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,IrsaPS.*"
        $caught.CategoryInfo.Category | Should -Be $Category
        $caught.Exception.Message | Should -Not -BeNullOrEmpty
        Get-IrsaSandboxState $script:Sandbox | Should -Be $before -Because 'nothing may be written for bad input'
    }

    It 'an unreadable kubeconfig file (no read permission): KubeConfigInvalid (InvalidData)' -Skip:([Environment]::UserName -eq 'root' -or $IsWindows) {
        $file = Join-Path $script:Context.Directory 'unreadable.kubeconfig'
        Copy-Item $script:Sandbox.kubeConfig $file
        chmod 000 $file
        $before = Get-IrsaSandboxState $script:Sandbox

        $caught = Invoke-IrsaCaught { Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn $script:Context.RoleArn -KubeConfig $file -Force }

        $caught.FullyQualifiedErrorId | Should -BeLike 'KubeConfigInvalid,IrsaPS.*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidData'
        Get-IrsaSandboxState $script:Sandbox | Should -Be $before
    }
}

Describe 'Bad environments are refused before any write (child PowerShell)' {
    BeforeAll {
        # The child runs one writer and prints "<FullyQualifiedErrorId>|<Category>" of the error it stops with.
        function Invoke-WriterInChild {
            param([string] $RoleName)
            $manifest = Get-IrsaPSPackagePath
            $command = "Import-Module '$manifest'; try { New-IrsaRole -RoleName $RoleName -ClusterName $($script:Context.Cluster) -ServiceAccountName web/app -Force -ErrorAction Stop | Out-Null; 'NO ERROR' } catch { `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category }"
            $output = Invoke-IrsaChildPwsh -NoLogo -NoProfile -NonInteractive -Command $command 2>&1
            ($output | Select-Object -Last 1).ToString()
        }

        $script:SavedEnvironment = @{}
        foreach ($name in 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_PROFILE') {
            $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        }
    }

    AfterEach {
        foreach ($name in $script:SavedEnvironment.Keys) {
            [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
        }
    }

    It 'no region anywhere: AwsRegionNotSpecified (InvalidArgument)' {
        $before = Get-IrsaSandboxState $script:Sandbox
        $env:AWS_REGION = $null
        $env:AWS_DEFAULT_REGION = $null
        $env:AWS_CONFIG_FILE = Join-Path $script:Context.Directory 'no-config'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $script:Context.Directory 'no-credentials'
        $env:AWS_EC2_METADATA_DISABLED = 'true'

        $result = Invoke-WriterInChild -RoleName (New-IrsaTestName 'noregion')

        $result | Should -Be 'AwsRegionNotSpecified,IrsaPS.Role.NewIrsaRoleCommand|InvalidArgument'
        $env:AWS_REGION = $script:SavedEnvironment['AWS_REGION']
        Get-IrsaSandboxState $script:Sandbox | Should -Be $before
    }

    It 'no credentials anywhere: AwsCredentialsNotFound (AuthenticationError)' {
        $before = Get-IrsaSandboxState $script:Sandbox
        $env:AWS_ACCESS_KEY_ID = $null
        $env:AWS_SECRET_ACCESS_KEY = $null
        $env:AWS_PROFILE = $null
        $env:AWS_CONFIG_FILE = Join-Path $script:Context.Directory 'no-config'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $script:Context.Directory 'no-credentials'
        $env:AWS_EC2_METADATA_DISABLED = 'true'

        $result = Invoke-WriterInChild -RoleName (New-IrsaTestName 'nocreds')

        $result | Should -Be 'AwsCredentialsNotFound,IrsaPS.Role.NewIrsaRoleCommand|AuthenticationError'
        $env:AWS_ACCESS_KEY_ID = $script:SavedEnvironment['AWS_ACCESS_KEY_ID']
        $env:AWS_SECRET_ACCESS_KEY = $script:SavedEnvironment['AWS_SECRET_ACCESS_KEY']
        Get-IrsaSandboxState $script:Sandbox | Should -Be $before
    }
}
