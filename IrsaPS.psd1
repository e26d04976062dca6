#
# IrsaPS module manifest.
# ModuleVersion below is a placeholder: the one version lives in Directory.Build.props (<VersionPrefix>) and the
# packager (build.ps1 Package / tools/package) stamps it into output/IrsaPS/<version>/IrsaPS.psd1.
#
@{
    RootModule           = 'IrsaPS.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5f1b7a3e-8c2d-4e6f-9a0b-1c3d5e7f9a2b'
    Author               = 'IrsaPS contributors'
    CompanyName          = 'IrsaPS contributors'
    Copyright            = '(c) IrsaPS contributors. MIT License.'
    Description          = 'Amazon EKS IAM Roles for Service Accounts (IRSA) end to end: register the cluster''s IAM OIDC provider, create least-privilege IAM roles whose trust admits exactly the intended service account, annotate the Kubernetes ServiceAccount, prove the trust works, and audit a whole account and cluster for IRSA mistakes (SARIF / JUnit for CI).'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('IrsaPS.Format.ps1xml')
    CmdletsToExport      = @(
        'Get-IrsaCluster'
        'Get-IrsaOidcProvider'
        'Register-IrsaOidcProvider'
        'Unregister-IrsaOidcProvider'
        'New-IrsaTrustPolicy'
        'New-IrsaRole'
        'Get-IrsaRole'
        'Add-IrsaRoleTrust'
        'Remove-IrsaRoleTrust'
        'Remove-IrsaRole'
        'Set-IrsaServiceAccount'
        'Get-IrsaServiceAccount'
        'Remove-IrsaServiceAccount'
        'Test-IrsaTrust'
        'Invoke-IrsaAudit'
        'Get-IrsaPolicyTemplate'
        'Get-IrsaPodIdentityAssociation'
        'New-IrsaPodIdentityAssociation'
        'Set-IrsaPodIdentityAssociation'
        'Remove-IrsaPodIdentityAssociation'
        'Get-IrsaWorkloadIdentity'
        'Start-IrsaPodIdentityMigration'
        'Complete-IrsaPodIdentityMigration'
        'Undo-IrsaPodIdentityMigration'
        'Get-IrsaRoleActivity'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'EKS', 'IRSA', 'IAM', 'Kubernetes', 'OIDC', 'ServiceAccount', 'Security', 'Audit', 'SARIF', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/irsaps/IrsaPS/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/irsaps/IrsaPS'
            ReleaseNotes = 'See https://github.com/irsaps/IrsaPS/blob/main/CHANGELOG.md'
            Prerelease   = ''
        }
    }
}
