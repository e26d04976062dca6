# -Verbose and -Debug name every AWS and Kubernetes call but never a secret: with distinctive secret keys and session
# tokens (given as parameters, as a PSCredential and in the environment), every stream of every cmdlet (output, errors
# with their inner exceptions, warnings, verbose, debug, information, and what the host shows) is searched for them, for
# the sandbox kubeconfig's bearer token, for EKS tokens (k8s-aws-v1.) and for service account tokens (JWTs, eyJ...).
# Also: -Debug works where nobody can answer a prompt.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    # Script: param($c, $s) with $s the connection and diagnostic switches to splat.
    $script:Runs = @(
        @{ Cmdlet = 'Get-IrsaCluster'; Script = { param($c, $s) Get-IrsaCluster -Name $c.Cluster @s } }
        @{ Cmdlet = 'Get-IrsaOidcProvider'; Script = { param($c, $s) Get-IrsaOidcProvider -ClusterName $c.Cluster @s } }
        @{ Cmdlet = 'Register-IrsaOidcProvider'; Script = { param($c, $s) Register-IrsaOidcProvider -ClusterName $c.Cluster -Tag @{ (New-IrsaTestName 'k') = 'v' } @s } }
        @{ Cmdlet = 'Unregister-IrsaOidcProvider'; Script = { param($c, $s) Unregister-IrsaOidcProvider -OidcProviderArn (New-IrsaSandboxOidcProvider $c.Sandbox "https://oidc.example.com/id/$(New-IrsaTestName 'x')") -Force -PassThru @s } }
        @{ Cmdlet = 'New-IrsaTrustPolicy'; Script = { param($c, $s) New-IrsaTrustPolicy -ClusterName $c.Cluster -ServiceAccountName web/app -AsJson @s } }
        @{ Cmdlet = 'New-IrsaRole'; Script = { param($c, $s) New-IrsaRole -RoleName (New-IrsaTestName 'secret') -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess -Force @s } }
        @{ Cmdlet = 'Get-IrsaRole'; Script = { param($c, $s) Get-IrsaRole -ClusterName $c.Cluster @s } }
        @{ Cmdlet = 'Add-IrsaRoleTrust'; Script = { param($c, $s) Add-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName "web/$(New-IrsaTestName 'sa')" -Force @s } }
        @{ Cmdlet = 'Remove-IrsaRoleTrust'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'sa'
                Add-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force | Out-Null
                Remove-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force @s
            } }
        @{ Cmdlet = 'Remove-IrsaRole'; Script = {
                param($c, $s)
                $role = New-IrsaTestName 'gone'
                New-IrsaRole -RoleName $role -ClusterName $c.Cluster -ServiceAccountName web/app -PolicyArn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess -Force | Out-Null
                Remove-IrsaRole -RoleName $role -Force -PassThru @s
            } }
        @{ Cmdlet = 'Set-IrsaServiceAccount'; Script = { param($c, $s) Set-IrsaServiceAccount -ClusterName $c.Cluster -Namespace web -ServiceAccountName app -RoleArn $c.RoleArn -Force @s } }
        @{ Cmdlet = 'Get-IrsaServiceAccount'; Script = { param($c, $s) Get-IrsaServiceAccount -AllNamespaces -ClusterName $c.Cluster @s } }
        @{ Cmdlet = 'Remove-IrsaServiceAccount'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'sa'
                Set-IrsaServiceAccount -Namespace payments -ServiceAccountName $name -RoleArn $c.RoleArn -Force | Out-Null
                Remove-IrsaServiceAccount -ClusterName $c.Cluster -Namespace payments -ServiceAccountName $name -Force -PassThru @s
            } }
        @{ Cmdlet = 'Test-IrsaTrust'; Script = { param($c, $s) Test-IrsaTrust -ClusterName $c.Cluster -Namespace web -ServiceAccountName app -Live @s } }
        @{ Cmdlet = 'Invoke-IrsaAudit'; Script = { param($c, $s) Invoke-IrsaAudit -ClusterName $c.Cluster -OutputFormat Sarif -OutFile (Join-Path $c.Directory "$(New-IrsaTestName 'a').sarif") -PassThru @s } }
        @{ Cmdlet = 'Get-IrsaPodIdentityAssociation'; Script = { param($c, $s) Get-IrsaPodIdentityAssociation -ClusterName $c.Cluster @s } }
        @{ Cmdlet = 'New-IrsaPodIdentityAssociation'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'pia'
                $arn = (New-IrsaRole -PodIdentity -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force).RoleArn
                New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $arn -Force @s
            } }
        @{ Cmdlet = 'Set-IrsaPodIdentityAssociation'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'pis'
                $arn = (New-IrsaRole -PodIdentity -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force).RoleArn
                New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $arn -Force | Out-Null
                Set-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -DisableSessionTag -TrustScope Any -RequireSourceAccount -Force @s
            } }
        @{ Cmdlet = 'Remove-IrsaPodIdentityAssociation'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'pir'
                $arn = (New-IrsaRole -PodIdentity -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force).RoleArn
                New-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -RoleArn $arn -Force | Out-Null
                Remove-IrsaPodIdentityAssociation -ClusterName $c.Cluster -Namespace web -ServiceAccountName $name -Force -PassThru @s
            } }
        @{ Cmdlet = 'Get-IrsaWorkloadIdentity'; Script = { param($c, $s) Get-IrsaWorkloadIdentity -ClusterName $c.Cluster -AllNamespaces @s } }
        @{ Cmdlet = 'Start-IrsaPodIdentityMigration'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'mig'
                New-IrsaRole -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force | Set-IrsaServiceAccount -Force 3>$null | Out-Null
                Start-IrsaPodIdentityMigration $name -ClusterName $c.Cluster -Namespace web -Force @s
            } }
        @{ Cmdlet = 'Complete-IrsaPodIdentityMigration'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'done'
                New-IrsaRole -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force | Set-IrsaServiceAccount -Force 3>$null | Start-IrsaPodIdentityMigration -Force 3>$null | Out-Null
                Complete-IrsaPodIdentityMigration $name -ClusterName $c.Cluster -Namespace web -Force @s
            } }
        @{ Cmdlet = 'Undo-IrsaPodIdentityMigration'; Script = {
                param($c, $s)
                $name = New-IrsaTestName 'undo'
                New-IrsaRole -RoleName $name -ClusterName $c.Cluster -ServiceAccountName "web/$name" -Force | Set-IrsaServiceAccount -Force 3>$null | Start-IrsaPodIdentityMigration -Force 3>$null | Out-Null
                Undo-IrsaPodIdentityMigration $name -ClusterName $c.Cluster -Namespace web -Force @s
            } }
        @{ Cmdlet = 'Get-IrsaRoleActivity'; Script = { param($c, $s) Get-IrsaRoleActivity -RoleName $c.RoleName -ClusterName $c.Cluster @s } }
        @{ Cmdlet = 'Remove-IrsaRole (fails: RoleNotFound)'; Script = { param($c, $s) Remove-IrsaRole -RoleName (New-IrsaTestName 'missing') -Force @s } }
        @{ Cmdlet = 'Get-IrsaCluster (fails: nothing listens)'; Script = { param($c, $s) Get-IrsaCluster -Name $c.Cluster -EndpointUrl 'http://127.0.0.1:9' @s } }
        @{ Cmdlet = 'Add-IrsaRoleTrust -WhatIf (host output)'; Script = { param($c, $s) Add-IrsaRoleTrust -RoleName $c.RoleName -ClusterName $c.Cluster -ServiceAccountName 'web/*' -AllowWildcard -WhatIf @s } }
    )
    $script:Variants = foreach ($run in $script:Runs) {
        foreach ($how in 'parameters', 'PSCredential', 'environment') {
            foreach ($stream in 'Verbose', 'Debug') {
                $run + @{ How = $how; Stream = $stream }
            }
        }
    }

    $script:Covered = @($script:Runs | ForEach-Object { ($_['Cmdlet'] -split ' ')[0] } | Sort-Object -Unique)
    # Every cmdlet that can be handed a secret (the AWS connection parameters); an offline one such as
    # Get-IrsaPolicyTemplate takes none and calls nothing.
    $script:AllCmdlets = foreach ($name in Get-Command -Module IrsaPS | Where-Object { $_.Parameters.ContainsKey('SecretKey') } | ForEach-Object Name) { @{ Cmdlet = $name; Covered = $script:Covered } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SandboxState.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    Register-IrsaOidcProvider -ClusterName $script:Sandbox.clusterName -Confirm:$false | Out-Null
    $role = New-IrsaRole -RoleName (New-IrsaTestName 'secrets') -ClusterName $script:Sandbox.clusterName -ServiceAccountName web/app -Force
    $directory = Join-Path $TestDrive 'files'
    New-Item -ItemType Directory -Path $directory | Out-Null

    # Distinctive values nothing else could print by chance (moto accepts any keys).
    $nonce = [guid]::NewGuid().ToString('N')
    $script:AccessKey = 'AKIA' + $nonce.Substring(0, 16).ToUpperInvariant()
    $script:SecretKey = "SeCrEt/$nonce+Key"
    $script:SessionToken = "SeSsIoN+$nonce/Token=="
    $script:Secrets = @($script:SecretKey, $script:SessionToken, (Get-IrsaSandboxKubeToken $script:Sandbox), 'k8s-aws-v1.', 'eyJ')
    $script:Context = @{
        Sandbox   = $script:Sandbox
        Cluster   = $script:Sandbox.clusterName
        RoleName  = $role.RoleName
        RoleArn   = $role.RoleArn
        Directory = $directory
    }

    # Everything a record can show: its text, an error's exception chain, details and target, an object's properties.
    function ConvertTo-SearchableText {
        param([object[]] $Records)
        foreach ($record in $Records) {
            switch ($record) {
                { $_ -is [System.Management.Automation.ErrorRecord] } {
                    $_.ToString(); $_.Exception.ToString(); "$($_.ErrorDetails)"; "$($_.TargetObject)"; "$($_.CategoryInfo)"
                    break
                }
                { $_ -is [System.Management.Automation.InformationalRecord] } { $_.Message; break }
                { $_ -is [System.Management.Automation.InformationRecord] } { "$($_.MessageData)"; break }
                default { $_ | Format-List * | Out-String -Width 400; $_ | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue }
            }
        }
    }

    $script:SavedEnvironment = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN') {
        $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
}

AfterAll {
    foreach ($name in $script:SavedEnvironment.Keys) {
        [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
    }

    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'The search itself' {
    It 'finds a secret in a verbose line, an error''s inner exception and an output object' {
        $inner = [System.InvalidOperationException]::new('outer', [System.Exception]::new("inner $($script:SecretKey)"))
        $records = @(
            [System.Management.Automation.VerboseRecord]::new("v $($script:SessionToken)")
            [System.Management.Automation.ErrorRecord]::new($inner, 'Id', 'NotSpecified', $null)
            [pscustomobject]@{ Token = (Get-IrsaSandboxKubeToken $script:Sandbox) }
        )
        $text = (ConvertTo-SearchableText $records) -join "`n"
        $text.Contains($script:SessionToken, [StringComparison]::Ordinal) | Should -BeTrue
        $text.Contains($script:SecretKey, [StringComparison]::Ordinal) | Should -BeTrue
        $text.Contains((Get-IrsaSandboxKubeToken $script:Sandbox), [StringComparison]::Ordinal) | Should -BeTrue
    }
}

Describe 'Every cmdlet is searched for secrets' {
    It '<Cmdlet> has a run' -ForEach $script:AllCmdlets {
        $Cmdlet | Should -BeIn $Covered
    }
}

Describe 'No secret key, session token or bearer token in any stream' {
    AfterEach {
        foreach ($name in $script:SavedEnvironment.Keys) {
            [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
        }
    }

    It '<Cmdlet> -<Stream>, credentials as <How>' -ForEach $script:Variants {
        $switches = @{ $Stream = $true }
        switch ($How) {
            'parameters' { $switches += @{ AccessKey = $script:AccessKey; SecretKey = $script:SecretKey; SessionToken = $script:SessionToken } }
            'PSCredential' { $switches += @{ Credential = [pscredential]::new($script:AccessKey, (ConvertTo-SecureString $script:SecretKey -AsPlainText -Force)) } }
            'environment' {
                $env:AWS_ACCESS_KEY_ID = $script:AccessKey
                $env:AWS_SECRET_ACCESS_KEY = $script:SecretKey
                $env:AWS_SESSION_TOKEN = $script:SessionToken
            }
        }

        $transcript = Join-Path $TestDrive ((New-IrsaTestName 'host') + '.txt')
        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        # A failure that stops the cmdlet (nothing listens) is a record to search too, with everything written before it.
        $records = [System.Collections.Generic.List[object]]::new()
        try {
            & $Script $script:Context $switches *>&1 | ForEach-Object { $records.Add($_) }
        }
        catch {
            $records.Add($_)
        }
        finally {
            Stop-Transcript | Out-Null
        }

        $diagnostics = @($records | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
        $diagnostics.Count | Should -BeGreaterThan 0 -Because "-$Stream names the calls"
        @($diagnostics | Where-Object { $_.GetType().Name -eq "${Stream}Record" }).Count | Should -BeGreaterThan 0 -Because "-$Stream writes $Stream records"
        $text = (@(ConvertTo-SearchableText $records) + @(Get-Content -Raw $transcript)) -join "`n"
        foreach ($secret in $script:Secrets) {
            $text.Contains($secret, [StringComparison]::Ordinal) | Should -BeFalse -Because "'$secret' must never be shown"
        }
    }
}

Describe '-Debug where nobody can answer a prompt (child PowerShell)' {
    It 'a cmdlet that warns, with -Debug, in <_>: completes, shows its debug lines and the warning' -ForEach @('pwsh -NonInteractive', 'redirected standard input') {
        $manifest = Get-IrsaPSPackagePath
        # web/app's pods predate its annotation, so Set-IrsaServiceAccount warns that they must restart.
        $command = "Import-Module '$manifest'; Set-IrsaServiceAccount -Namespace web -ServiceAccountName app -RoleArn $($script:Context.RoleArn) -Force -Debug -ErrorAction Stop *>&1 | ForEach-Object { '{0}: {1}' -f `$_.GetType().Name, `$_ }; 'EXIT OK'"
        if ($_ -eq 'pwsh -NonInteractive') {
            $output = @(Invoke-IrsaChildPwsh -NoLogo -NoProfile -NonInteractive -Command $command 2>&1 | ForEach-Object ToString)
        }
        else {
            $pwsh = Get-IrsaChildPwshCommand
            $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoLogo', '-NoProfile', '-Command', $command)) { $info.ArgumentList.Add($argument) }
            $info.RedirectStandardInput = $true
            $info.RedirectStandardOutput = $true
            $info.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($info)
            $process.StandardInput.Close()
            $read = $process.StandardOutput.ReadToEndAsync()
            $process.WaitForExit(120000) | Should -BeTrue
            $output = @($read.Result -split "`r?`n")
            $process.Dispose()
        }

        $output | Should -Contain 'EXIT OK'
        ($output | Where-Object { $_ -like 'DebugRecord: Kubernetes*' }) | Should -Not -BeNullOrEmpty
        ($output | Where-Object { $_ -like 'WarningRecord: *restart*' }) | Should -Not -BeNullOrEmpty
        ($output | Where-Object { $_ -like 'ErrorRecord*' }) | Should -BeNullOrEmpty
        ($output | Where-Object { $_ -like 'IrsaServiceAccount*' -or $_ -like '*: web/app' }) | Should -Not -BeNullOrEmpty
    }
}
