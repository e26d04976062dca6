# Get-IrsaRoleActivity and the audit's CloudTrail checks against their own sandbox: the emulator layer records every
# AssumeRoleWithWebIdentity that passes through it as a CloudTrail event and answers LookupEvents; refused attempts are
# seeded through its /_irsaps/cloudtrail/records endpoint (moto refuses nothing).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    $script:Cluster = $script:Sandbox.clusterName
    $script:Account = $script:Sandbox.accountId
    $script:Admin = $env:AWS_ENDPOINT_URL.TrimEnd('/') + '/_irsaps/cloudtrail'
    $script:IssuerHostPath = $script:Sandbox.issuer -replace '^https://', ''
    $script:ProviderArn = "arn:aws:iam::$($script:Account):oidc-provider/$($script:IssuerHostPath)"
    Register-IrsaOidcProvider -ClusterName $script:Cluster | Out-Null

    # One trail record of the shape CloudTrail writes for AssumeRoleWithWebIdentity (refused when $ErrorCode is given).
    function New-TrailRecord {
        param([string] $RoleArn, [string] $Subject, [datetime] $Time, [string] $ErrorCode, [string] $Issuer = $script:IssuerHostPath, [string] $Address = '10.9.8.7')
        $provider = "arn:aws:iam::$($script:Account):oidc-provider/$Issuer"
        $record = [ordered]@{
            eventVersion       = '1.08'
            userIdentity       = [ordered]@{ type = 'WebIdentityUser'; principalId = "${provider}:sts.amazonaws.com:$Subject"; userName = $Subject; identityProvider = $provider }
            eventTime          = $Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)
            eventSource        = 'sts.amazonaws.com'
            eventName          = 'AssumeRoleWithWebIdentity'
            awsRegion          = $script:Sandbox.region
            sourceIPAddress    = $Address
            userAgent          = 'aws-sdk-go-v2/1.30.3'
            requestParameters  = [ordered]@{ roleArn = $RoleArn; roleSessionName = 'pester' }
            responseElements   = $null
            requestID          = [guid]::NewGuid().ToString()
            eventID            = [guid]::NewGuid().ToString()
            readOnly           = $true
            resources          = @([ordered]@{ accountId = $script:Account; type = 'AWS::IAM::Role'; ARN = $RoleArn })
            eventType          = 'AwsApiCall'
            recipientAccountId = $script:Account
        }
        if ($ErrorCode) {
            $record['errorCode'] = $ErrorCode
            $record['errorMessage'] = 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
        }
        else {
            $record['responseElements'] = [ordered]@{ credentials = [ordered]@{ accessKeyId = 'ASIAPESTER0000000001' }; audience = 'sts.amazonaws.com' }
        }

        $record
    }

    function Add-TrailRecords {
        param([object[]] $Records)
        Invoke-RestMethod -Method Post -Uri "$($script:Admin)/records" -ContentType 'application/json' -Body (@{ Records = $Records } | ConvertTo-Json -Depth 8 -Compress)
    }

    # A role with an IRSA trust for web/<sa>, a ServiceAccount annotated with it, and a live assumption (Test-IrsaTrust -Live).
    $script:Role = New-IrsaTestName 'activity'
    $script:RoleArn = "arn:aws:iam::$($script:Account):role/$($script:Role)"
    $script:Before = [datetimeoffset]::UtcNow.AddSeconds(-2)
    $script:Live = Get-IrsaCluster $script:Cluster |
        New-IrsaRole -RoleName $script:Role -Namespace web -ServiceAccountName app -Force |
        Set-IrsaServiceAccount -Force -WarningAction SilentlyContinue |
        Test-IrsaTrust -Live
    $script:After = [datetimeoffset]::UtcNow.AddSeconds(2)
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'Get-IrsaRoleActivity' {
    It 'shows the service account''s assumption made by Test-IrsaTrust -Live, with its time and role' {
        $script:Live.Live.Succeeded | Should -BeTrue

        $rows = @(Get-IrsaRoleActivity -RoleName $script:Role)

        $row = $rows | Where-Object ServiceAccountName -eq 'app'
        $row | Should -HaveCount 1
        $row | Should -BeOfType ([IrsaPS.Core.Models.IrsaRoleActivity])
        $row.RoleName | Should -Be $script:Role
        $row.RoleArn | Should -Be $script:RoleArn
        $row.Namespace | Should -Be 'web'
        $row.ClusterName | Should -Be $script:Cluster
        $row.AssumeCount | Should -Be 1
        $row.LastAssumed | Should -BeGreaterOrEqual $script:Before
        $row.LastAssumed | Should -BeLessOrEqual $script:After
        $row.Trusted | Should -BeTrue
        $row.Source | Should -Be 'LookupEvents'
        $row.Complete | Should -BeTrue
        $row.Regions | Should -Be @($script:Sandbox.region)
        # Test-IrsaTrust -Live called GetCallerIdentity with the session: IAM's RoleLastUsed has the date and the region.
        $row.RoleLastUsed | Should -BeGreaterOrEqual $script:Before
        $row.RoleLastUsedRegion | Should -Be $script:Sandbox.region
    }

    It 'takes roles from Get-IrsaRole and from Get-IrsaServiceAccount by property name, in one pass' {
        New-IrsaRole -RoleName (New-IrsaTestName 'second') -ClusterName $script:Cluster -ServiceAccountName web/second -Force | Out-Null

        $fromRoles = @(Get-IrsaRole -ClusterName $script:Cluster | Get-IrsaRoleActivity -Verbose 4>&1)
        $verbose = @($fromRoles | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object Message -like 'CloudTrail LookupEvents*').Count | Should -Be 1
        ($verbose.Message -join "`n") | Should -BeLike '*EventName=AssumeRoleWithWebIdentity*'
        $fromRoles | Where-Object { $_ -is [IrsaPS.Core.Models.IrsaRoleActivity] -and $_.RoleName -eq $script:Role -and $_.ServiceAccountName -eq 'app' } | Should -HaveCount 1

        $fromAccounts = @(Get-IrsaServiceAccount -Namespace web -ServiceAccountName app | Get-IrsaRoleActivity -Namespace web)
        $fromAccounts.RoleName | Should -Be @($script:Role)
        $fromAccounts[0].AssumeCount | Should -Be 1
    }

    It 'shows refused attempts with their error codes, and a trusted service account that never assumed the role' {
        $role = New-IrsaTestName 'refused'
        $arn = "arn:aws:iam::$($script:Account):role/$role"
        New-IrsaRole -RoleName $role -ClusterName $script:Cluster -ServiceAccountName web/api -Force | Out-Null
        Add-TrailRecords @(
            New-TrailRecord -RoleArn $arn -Subject 'system:serviceaccount:web:intruder' -Time (Get-Date).AddHours(-3) -ErrorCode AccessDenied
            New-TrailRecord -RoleArn $arn -Subject 'system:serviceaccount:web:intruder' -Time (Get-Date).AddHours(-2) -ErrorCode AccessDenied -Address '10.9.8.6'
        ) | Out-Null

        $rows = @(Get-IrsaRoleActivity -RoleArn $arn)

        $intruder = $rows | Where-Object ServiceAccountName -eq 'intruder'
        $intruder.RefusedCount | Should -Be 2
        $intruder.RefusedErrorCodes['AccessDenied'] | Should -Be 2
        $intruder.AssumeCount | Should -Be 0
        $intruder.Trusted | Should -BeFalse
        $intruder.SourceAddresses | Should -Be @('10.9.8.6', '10.9.8.7')
        $api = $rows | Where-Object ServiceAccountName -eq 'api'
        $api.AssumeCount | Should -Be 0
        $api.Trusted | Should -BeTrue
        $api.LastAssumed | Should -BeNullOrEmpty
    }

    It 'gives the same answer from the trail''s files as from LookupEvents' {
        $fromApi = @(Get-IrsaRoleActivity -ClusterName $script:Cluster -Days 2)
        $trail = Join-Path $TestDrive 'trail/AWSLogs' | Join-Path -ChildPath $script:Account | Join-Path -ChildPath "CloudTrail/$($script:Sandbox.region)/2000/01/01"
        New-Item -ItemType Directory -Path $trail -Force | Out-Null
        # The emulator's events as one trail file (a plain .json beside the tree is read as well).
        Invoke-WebRequest -Uri "$($script:Admin)/records" -OutFile (Join-Path $TestDrive 'trail/export.json') | Out-Null

        $fromFiles = @(Get-IrsaRoleActivity -ClusterName $script:Cluster -Days 2 -Path (Join-Path $TestDrive 'trail'))

        $project = { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.RoleArn, $_.Subject, $_.AssumeCount, $_.RefusedCount, $_.LastAssumed, ($_.SourceAddresses -join ',') }
        @($fromFiles | ForEach-Object $project) | Should -Be @($fromApi | ForEach-Object $project)
        $fromFiles[0].Source | Should -Be 'TrailFiles'
        @($fromApi | Where-Object AssumeCount -gt 0).Count | Should -BeGreaterThan 0
    }

    It 'refuses a bad window, a missing path and another account''s role before reading anything' {
        Get-IrsaRoleActivity -RoleName $script:Role -Days 91 -ErrorAction SilentlyContinue -ErrorVariable e1 | Should -BeNullOrEmpty
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidActivityWindow,*'
        $e1[0].CategoryInfo.Category | Should -Be 'InvalidArgument'

        Get-IrsaRoleActivity -RoleName $script:Role -Days 3 -StartTime (Get-Date).AddDays(-1) -ErrorAction SilentlyContinue -ErrorVariable e2 | Should -BeNullOrEmpty
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidActivityWindow,*'

        Get-IrsaRoleActivity -RoleName $script:Role -Path (Join-Path $TestDrive 'no-such-trail') -ErrorAction SilentlyContinue -ErrorVariable e3 | Should -BeNullOrEmpty
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'TrailPathNotFound,*'

        Get-IrsaRoleActivity -RoleArn 'arn:aws:iam::999999999999:role/elsewhere' -ErrorAction SilentlyContinue -ErrorVariable e4 | Should -BeNullOrEmpty
        $e4[0].FullyQualifiedErrorId | Should -BeLike 'RoleOfAnotherAccount,*'
    }

    It 'reads a window of up to 400 days from files, but not from LookupEvents' {
        { Get-IrsaRoleActivity -RoleName $script:Role -Days 400 -Path (Join-Path $TestDrive 'trail') -ErrorAction Stop } | Should -Not -Throw
        { Get-IrsaRoleActivity -RoleName $script:Role -Days 400 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidActivityWindow,*'
    }

    It 'reads every region given, and finds nothing where nothing was recorded' {
        $rows = @(Get-IrsaRoleActivity -RoleName $script:Role -Region eu-west-1, $script:Sandbox.region)
        ($rows | Where-Object ServiceAccountName -eq 'app').AssumeCount | Should -Be 1

        $elsewhere = @(Get-IrsaRoleActivity -RoleName $script:Role -Region eu-west-1)
        ($elsewhere | Where-Object ServiceAccountName -eq 'app').AssumeCount | Should -Be 0
    }

    It 'formats as a table that fits 80 columns, and as a list with every detail' {
        $table = Get-IrsaRoleActivity -RoleName $script:Role | Format-Table | Out-String -Width 80
        $table | Should -BeLike '*RoleName*ServiceAccount*Assumed*LastAssumed*Refused*Trust*'
        $table | Should -BeLike '*web/app*'
        @($table -split "`r?`n" | Where-Object { $_.Length -gt 80 }).Count | Should -Be 0

        $list = Get-IrsaRoleActivity -RoleName $script:Role | Format-List | Out-String -Width 200
        $list | Should -BeLike '*RoleLastUsed*'
        $list | Should -BeLike '*Window*UTC*'
    }
}

Describe 'Invoke-IrsaAudit with CloudTrail' {
    It 'finds the refused attempt (IRSA032) and the unused grant (IRSA031) only with -IncludeCloudTrail, and writes them to SARIF' {
        $without = @(Invoke-IrsaAudit -ClusterName $script:Cluster)
        @($without | Where-Object CheckId -in 'IRSA031', 'IRSA032', 'IRSA033').Count | Should -Be 0

        $sarif = Join-Path $TestDrive 'activity.sarif'
        $findings = @(Invoke-IrsaAudit -ClusterName $script:Cluster -IncludeCloudTrail -ActivityDays 7 -OutputFormat Sarif -OutFile $sarif -PassThru)

        $refused = @($findings | Where-Object CheckId -eq 'IRSA032')
        $refused | Should -HaveCount 1
        $refused[0].ServiceAccountName | Should -Be 'intruder'
        $refused[0].Severity | Should -Be 'Medium'
        @($findings | Where-Object { $_.CheckId -eq 'IRSA031' -and $_.ServiceAccountName -eq 'api' }) | Should -HaveCount 1
        @($findings | Where-Object { $_.CheckId -eq 'IRSA031' -and $_.RoleName -eq $script:Role }) | Should -HaveCount 0
        $report = Get-Content -Raw $sarif | ConvertFrom-Json
        $report.runs[0].results.ruleId | Should -Contain 'IRSA032'
    }

    It 'refuses an activity window beyond LookupEvents'' 90 days' {
        { Invoke-IrsaAudit -ClusterName $script:Cluster -IncludeCloudTrail -ActivityDays 91 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAuditOption,*'
    }
}

Describe 'Stopping Get-IrsaRoleActivity' {
    It 'keeps what was read when stopped (Ctrl+C) in $IrsaRoleActivityPartial' {
        # 1,500 events of other roles at CloudTrail's 2 requests per second: 30 LookupEvents pages, 15 s.
        Invoke-RestMethod -Method Put -Uri "$($script:Admin)/settings" -ContentType 'application/json' -Body '{"requestsPerSecond": 2, "resetCounters": true}' | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($script:Admin)/generate" -ContentType 'application/json' -Body (@{ events = 1500; roles = 10; rolePrefix = 'pester-gen-'; issuer = $script:Sandbox.issuer; start = (Get-Date).ToUniversalTime().AddDays(-1).ToString('o'); end = (Get-Date).ToUniversalTime().AddMinutes(-1).ToString('o') } | ConvertTo-Json) | Out-Null
        $manifest = (Get-Module IrsaPS).Path
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $Sandbox, $Cluster)
                    . (Join-Path $Sandbox 'env.ps1')
                    Import-Module $Manifest
                    Get-IrsaRoleActivity -ClusterName $Cluster
                }).AddArgument($manifest).AddArgument($script:SandboxDirectory).AddArgument($script:Cluster)
            $handle = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(60)
            do {
                Start-Sleep -Milliseconds 250
                $lookups = (Invoke-RestMethod -Uri "$($script:Admin)/settings").lookupRequests
            } until ($lookups -ge 4 -or (Get-Date) -gt $deadline)
            $ps.Stop()
            try { $null = $ps.EndInvoke($handle) } catch [System.Management.Automation.MethodInvocationException] { $stopped = $_.Exception.InnerException }
            $partial = $ps.Runspace.SessionStateProxy.GetVariable('IrsaRoleActivityPartial')
        }
        finally {
            $ps.Dispose()
            Invoke-RestMethod -Method Put -Uri "$($script:Admin)/settings" -ContentType 'application/json' -Body '{"requestsPerSecond": 0}' | Out-Null
        }

        $stopped | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
        $lookups | Should -BeGreaterOrEqual 4
        (Invoke-RestMethod -Uri "$($script:Admin)/settings").lookupRequests | Should -BeLessThan 30
        @($partial).Count | Should -BeGreaterThan 0
        @($partial | Where-Object Complete).Count | Should -Be 0
        @($partial | Where-Object RoleName -eq $script:Role).Count | Should -BeGreaterThan 0
    }
}
