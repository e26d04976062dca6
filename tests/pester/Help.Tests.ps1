# What a user reads and types at the prompt: Get-Help -Full and -Examples for every cmdlet (examples that are only
# PowerShell, parse cleanly and copy without output), and tab completion through TabExpansion2 for every parameter that
# has an argument completer, against the sandbox.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:CmdletNames = @(Get-Command -Module IrsaPS | ForEach-Object Name)
    $script:Completed = foreach ($command in Get-Command -Module IrsaPS) {
        foreach ($parameter in $command.Parameters.Values) {
            $completer = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
            if ($completer) {
                @{ Cmdlet = $command.Name; Parameter = $parameter.Name; Completer = $completer.Type.Name }
            }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-IrsaPSPackage
    $script:CommonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)

    # Lines only output has: a table rule, a What-if line, a prompt, a list-view "Name : value" line.
    function Get-OutputLine {
        param([string] $Code)
        foreach ($line in $Code -split "`r?`n") {
            $trimmed = $line.Trim()
            if ($trimmed -match '^-{2,}(\s+-{2,})*$' -or $trimmed -like 'What if:*' -or $trimmed -match '^PS( [^>]*)?>' -or $trimmed -match '^[A-Z][A-Za-z]+\s+: ') {
                $trimmed
            }
        }
    }
}

Describe 'Get-Help <_>' -ForEach $script:CmdletNames {
    BeforeAll {
        $script:Name = $_
        $script:Full = Get-Help $_ -Full
        $script:Examples = @((Get-Help $_ -Examples).Examples.Example)
        $script:Command = Get-Command $_
    }

    It '-Full has a synopsis, a description, syntax and outputs' {
        $script:Full.Synopsis | Should -Not -BeNullOrEmpty
        $script:Full.Synopsis | Should -Not -BeLike "*$($script:Name) *[<]*" -Because 'it is not the generated syntax line'
        ($script:Full.Description | Out-String).Trim().Length | Should -BeGreaterThan 40
        @($script:Full.Syntax.SyntaxItem).Count | Should -Be $script:Command.ParameterSets.Count
        ($script:Full.ReturnValues | Out-String).Trim() | Should -Not -BeNullOrEmpty
        $text = $script:Full | Out-String -Width 120
        $text | Should -BeLike '*SYNOPSIS*'
        $text | Should -BeLike '*PARAMETERS*'
        $text | Should -BeLike '*EXAMPLE 1*'
    }

    It '-Full describes every parameter' {
        $documented = @{}
        foreach ($parameter in $script:Full.Parameters.Parameter) {
            $documented[$parameter.Name] = ($parameter.Description | Out-String).Trim()
        }

        foreach ($parameter in $script:Command.Parameters.Keys | Where-Object { $_ -notin $script:CommonParameters -or $_ -in 'WhatIf', 'Confirm' }) {
            $documented[$parameter] | Should -Not -BeNullOrEmpty -Because "-$parameter of $($script:Name) needs a description"
        }
    }

    It '-Examples has at least one example, each with a title, code that uses the cmdlet, and remarks' {
        $script:Examples.Count | Should -BeGreaterOrEqual 1
        foreach ($example in $script:Examples) {
            $example.Title | Should -Not -BeNullOrEmpty
            $example.Code | Should -BeLike "*$($script:Name)*"
            ($example.Remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "'$($example.Title.Trim('- '))' explains itself"
        }
    }

    It 'every example''s code parses without errors' {
        foreach ($example in $script:Examples) {
            $tokens = $null
            $errors = $null
            [System.Management.Automation.Language.Parser]::ParseInput($example.Code, [ref]$tokens, [ref]$errors) | Out-Null
            $errors | Should -BeNullOrEmpty -Because "'$($example.Title.Trim('- '))' must be PowerShell only"
        }
    }

    It 'every example''s code is only commands, no output' {
        foreach ($example in $script:Examples) {
            Get-OutputLine $example.Code | Should -BeNullOrEmpty -Because "'$($example.Title.Trim('- '))' must not mix in output"
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($example.Code, [ref]$null, [ref]$null)
            $defined = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true).Name)
            $commands = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() } | Where-Object { $_ }
            foreach ($name in $commands) {
                # A word that is no command is output pasted into the code (a table row, a JSON line).
                ($name -in $defined -or [bool](Get-Command $name -ErrorAction SilentlyContinue)) | Should -BeTrue -Because "'$name' in '$($example.Title.Trim('- '))' must be a command"
            }
        }
    }
}

Describe 'about_IrsaPS' {
    It 'is found by Get-Help and explains IRSA, safety and the sandbox' {
        $text = Get-Help about_IrsaPS | Out-String
        $text | Should -BeLike '*IRSA*'
        $text | Should -BeLike '*MissingConfirmation*'
        $text | Should -BeLike '*sandbox*'
    }
}

Describe 'Tab completion through TabExpansion2 against the sandbox' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'SandboxState.ps1')
        $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
        $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
        Register-IrsaOidcProvider -ClusterName $script:Sandbox.clusterName -Confirm:$false | Out-Null
        $script:RoleName = New-IrsaTestName 'complete'
        $role = New-IrsaRole -RoleName $script:RoleName -ClusterName $script:Sandbox.clusterName -ServiceAccountName web/app -Force
        $script:AssociationId = (New-IrsaPodIdentityAssociation -ClusterName $script:Sandbox.clusterName -Namespace web -ServiceAccountName app -RoleArn $role.RoleArn -Force).AssociationId

        # Per completer: what is typed before the word, the word, and a value it must offer.
        $script:Expectations = @{
            ClusterNameCompleter        = @{ Before = ''; Word = 'de'; Offers = $script:Sandbox.clusterName }
            RoleNameCompleter           = @{ Before = ''; Word = $script:RoleName.Substring(0, 10); Offers = $script:RoleName }
            NamespaceCompleter          = @{ Before = ''; Word = 'pay'; Offers = 'payments' }
            ServiceAccountNameCompleter = @{ Before = '-Namespace payments '; Word = 'a'; Offers = 'api' }
            RegionCompleter             = @{ Before = ''; Word = 'eu-we'; Offers = 'eu-west-1' }
            AuditCheckCompleter         = @{ Before = '-ClusterName demo '; Word = 'IRSA00'; Offers = 'IRSA006' }
            PolicyTemplateCompleter     = @{ Before = ''; Word = 'AwsLoad'; Offers = 'AwsLoadBalancerController' }
            PolicyTemplateVersionCompleter = @{ Before = ''; Word = '2.9'; Offers = '2.9.0' }
            PolicyTemplateRoleCompleter = @{ Before = ''; Word = 'contr'; Offers = 'controller' }
            AssociationIdCompleter      = @{ Before = "-ClusterName $($script:Sandbox.clusterName) "; Word = $script:AssociationId.Substring(0, 4); Offers = $script:AssociationId }
        }

        function Get-Completion {
            param([string] $Line)
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
        }
    }

    AfterAll {
        Stop-IrsaSandbox -Directory $script:SandboxDirectory
    }

    It 'every completer the module registers has an expectation here' -ForEach @(@{ Completers = @($script:Completed | ForEach-Object { $_['Completer'] } | Sort-Object -Unique) }) {
        $Completers.Count | Should -BeGreaterOrEqual 6
        foreach ($completer in $Completers) {
            $script:Expectations.Keys | Should -Contain $completer
        }
    }

    It '<Cmdlet> -<Parameter> (<Completer>)' -ForEach $script:Completed {
        $expected = $script:Expectations[$Completer]
        $expected | Should -Not -BeNullOrEmpty -Because "$Completer needs an expectation"
        $line = "$Cmdlet $($expected.Before)-$Parameter $($expected.Word)"

        Get-Completion $line | Should -Contain $expected.Offers
    }

    It 'check names complete too: Invoke-IrsaAudit -Check Wild' {
        Get-Completion 'Invoke-IrsaAudit -ClusterName demo -Check Wild' | Should -Contain 'WildcardSubject'
    }

    It 'completes with the connection typed on the line: -Region and -EndpointUrl' {
        Get-Completion "Get-IrsaRole -Region $($script:Sandbox.region) -EndpointUrl $($script:Sandbox.moto.endpoint) -ClusterName de" | Should -Contain $script:Sandbox.clusterName
    }

    It 'completes nothing, quickly, when the endpoint does not answer' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-Completion 'Get-IrsaRole -EndpointUrl http://127.0.0.1:9 -ClusterName de' | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }
}
