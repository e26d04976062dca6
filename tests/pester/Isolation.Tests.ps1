# Dependency isolation: a session where another module already loaded other versions of YamlDotNet and AWSSDK.Core
# (as powershell-yaml and AWS.Tools do) imports IrsaPS, which then talks to Kubernetes (KubernetesClient, YamlDotNet 18
# for the kubeconfig) and to AWS (AWSSDK.Core 4) through its private load context, and both sides keep their versions.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:SandboxDirectory = Join-Path $TestDrive 'sandbox'
    $script:Sandbox = Start-IrsaSandbox -Directory $script:SandboxDirectory
    $packages = Join-Path $script:RepositoryRoot '.tools/packages'
    $script:OtherYaml = Join-Path $packages 'yamldotnet/16.3.0/lib/net8.0/YamlDotNet.dll'
    $script:OtherAws = Join-Path $packages 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
    foreach ($path in $script:OtherYaml, $script:OtherAws) {
        if (-not (Test-Path $path)) { throw "$path is missing: run 'dotnet restore tools/Pester/Pester.proj'." }
    }
}

AfterAll {
    Stop-IrsaSandbox -Directory $script:SandboxDirectory
}

Describe 'IrsaPS beside other versions of its dependencies' {
    It 'works after another module loaded YamlDotNet 16 and AWSSDK.Core 3.7, and leaves them as they were' {
        $script = @'
$ErrorActionPreference = 'Stop'
# The "other module": it loads its own YamlDotNet and AWSSDK.Core into the default load context and uses them.
New-Module -Name OtherYamlAndAws -ScriptBlock {
    param($yaml, $aws)
    $global:OtherYamlAssembly = [System.Reflection.Assembly]::LoadFrom($yaml)
    $global:OtherAwsAssembly = [System.Reflection.Assembly]::LoadFrom($aws)
} -ArgumentList $env:IRSA_OTHER_YAML, $env:IRSA_OTHER_AWS | Import-Module
$otherYaml = (New-Object YamlDotNet.Serialization.DeserializerBuilder).Build().Deserialize[System.Collections.Generic.Dictionary[string,string]]("a: 1")["a"]
$otherAws = $global:OtherAwsAssembly.GetName().Version.ToString()
$null = $global:OtherAwsAssembly.GetType('Amazon.RegionEndpoint', $true)::GetBySystemName('us-east-1').SystemName

Import-Module $env:IRSA_MANIFEST
$accounts = @(Get-IrsaServiceAccount -AllNamespaces -IncludeUnannotated)
$cluster = Get-IrsaCluster -Name $env:IRSA_CLUSTER

$default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies
$private = ([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'IrsaPS').Assemblies
function Versions($assemblies, $name) { @($assemblies | Where-Object { $_.GetName().Name -eq $name } | ForEach-Object { $_.GetName().Version.ToString() }) }
[pscustomobject]@{
    Accounts        = $accounts.Count
    Cluster         = $cluster.ClusterName
    OtherYamlStill  = $otherYaml
    OtherAws        = $otherAws
    DefaultYaml     = Versions $default 'YamlDotNet'
    DefaultAws      = Versions $default 'AWSSDK.Core'
    DefaultKube     = Versions $default 'KubernetesClient'
    PrivateYaml     = Versions $private 'YamlDotNet'
    PrivateAws      = Versions $private 'AWSSDK.Core'
    PrivateKube     = Versions $private 'KubernetesClient'
    PrivateJson     = Versions $private 'System.Text.Json'
    YamlAfter       = (New-Object YamlDotNet.Serialization.DeserializerBuilder).Build().Deserialize[System.Collections.Generic.Dictionary[string,string]]("b: 2")["b"]
} | ConvertTo-Json -Compress
'@
        $env:IRSA_OTHER_YAML = $script:OtherYaml
        $env:IRSA_OTHER_AWS = $script:OtherAws
        $env:IRSA_MANIFEST = Get-IrsaPSPackagePath
        $env:IRSA_CLUSTER = $script:Sandbox.clusterName
        try {
            $output = Invoke-IrsaChildPwsh -NoProfile -NonInteractive -Command $script 2>&1
            $exit = $LASTEXITCODE
        }
        finally {
            Remove-Item Env:IRSA_OTHER_YAML, Env:IRSA_OTHER_AWS, Env:IRSA_MANIFEST, Env:IRSA_CLUSTER
        }

        $exit | Should -Be 0 -Because ($output -join "`n")
        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.Accounts | Should -BeGreaterThan 0
        $result.Cluster | Should -Be $script:Sandbox.clusterName
        $result.OtherYamlStill | Should -Be '1'
        $result.YamlAfter | Should -Be '2'
        $result.OtherAws | Should -BeLike '3.*'
        # The default context keeps exactly the other module's versions; IrsaPS's own live beside them, privately.
        $result.DefaultYaml | Should -Be @('16.0.0.0')
        $result.DefaultAws | Should -Be @($result.OtherAws)
        $result.DefaultKube | Should -BeNullOrEmpty
        $result.PrivateYaml | Should -Be @('18.0.0.0')
        @($result.PrivateAws) | Should -HaveCount 1
        @($result.PrivateAws)[0] | Should -BeLike '4.*'
        $result.PrivateKube | Should -HaveCount 1
        $result.PrivateJson | Should -HaveCount 1
    }
}
