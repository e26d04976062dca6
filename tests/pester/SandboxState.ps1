# Reads the sandbox back WITHOUT IrsaPS, to prove what a cmdlet did or did not write. Dot-source it after TestSetup.ps1.
#   Get-IrsaSandboxState      IAM (roles with trust, path, description, session length; their attached and inline policies
#                             and tags; OIDC providers with client ids, thumbprints and tags) read from moto's API, and
#                             Kubernetes (every namespace and ServiceAccount with labels and annotations, and the API's
#                             resourceVersion, which any write anywhere moves) read from the stand-in's REST API, and the
#                             cluster's EKS Pod Identity associations (role, target role, session tags, tags) read with
#                             EKS's REST API from the emulator layer, as one canonical JSON text: equal texts mean nothing
#                             was written.
#   Invoke-IrsaCaught         runs a script block with -ErrorAction Stop semantics and returns the first error (or $null)
#   Get-IrsaSandboxKubeToken  the admin bearer token of the sandbox's kubeconfig (the Secrets tests look for it)

# The headers of an unsigned AWS request to the sandbox: moto and the emulator layer check no signature, but they pick
# the service (and the account) from the Authorization header's credential scope.
function Get-IrsaSandboxAuthorization {
    param(
        [Parameter(Mandatory)] [string] $Service,
        [string] $Region = 'us-east-1'
    )

    $key = if ($env:AWS_ACCESS_KEY_ID) { $env:AWS_ACCESS_KEY_ID } else { 'AKIAIOSFODNN7EXAMPLE' }
    @{ Authorization = "AWS4-HMAC-SHA256 Credential=$key/20200101/$Region/$Service/aws4_request, SignedHeaders=host, Signature=0" }
}

function Invoke-IrsaSandboxIam {
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [hashtable] $Query
    )

    $headers = Get-IrsaSandboxAuthorization -Service iam
    $body = @{ Version = '2010-05-08' } + $Query
    $response = Invoke-WebRequest -Uri ($Sandbox.moto.endpoint.TrimEnd('/') + '/') -Method Post -Headers $headers -Body $body -UseBasicParsing
    [xml]$response.Content
}

function Get-IrsaSandboxKubeToken {
    param([Parameter(Mandatory)] $Sandbox)
    $text = Get-Content -Raw $Sandbox.kubeConfig
    if ($text -notmatch '(?ms)- name: demo-admin\s+user:\s+token: (\S+)') {
        throw "No demo-admin token in $($Sandbox.kubeConfig)."
    }

    $Matches[1]
}

function Invoke-IrsaSandboxKube {
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Path
    )

    $headers = @{ Authorization = 'Bearer ' + (Get-IrsaSandboxKubeToken $Sandbox) }
    Invoke-RestMethod -Uri ($Sandbox.kubernetes.endpoint.TrimEnd('/') + $Path) -Headers $headers -SkipCertificateCheck
}

function Get-IrsaSandboxState {
    param([Parameter(Mandatory)] $Sandbox)

    $listed = (Invoke-IrsaSandboxIam $Sandbox @{ Action = 'ListRoles'; MaxItems = '1000' }).ListRolesResponse.ListRolesResult
    if ($listed.IsTruncated -ne 'false') { throw 'ListRoles was truncated: read the next page too.' }
    $roles = foreach ($role in @(Get-XmlMember $listed.Roles) | Sort-Object RoleName) {
        $name = $role.RoleName
        $attached = Get-XmlMember (Invoke-IrsaSandboxIam $Sandbox @{ Action = 'ListAttachedRolePolicies'; RoleName = $name }).ListAttachedRolePoliciesResponse.ListAttachedRolePoliciesResult.AttachedPolicies | ForEach-Object PolicyArn
        $inline = Get-XmlMember (Invoke-IrsaSandboxIam $Sandbox @{ Action = 'ListRolePolicies'; RoleName = $name }).ListRolePoliciesResponse.ListRolePoliciesResult.PolicyNames
        $tags = Get-XmlMember (Invoke-IrsaSandboxIam $Sandbox @{ Action = 'ListRoleTags'; RoleName = $name }).ListRoleTagsResponse.ListRoleTagsResult.Tags | ForEach-Object { "$($_.Key)=$($_.Value)" }
        # IAM URL-encodes the document; moto does in some answers and not in others.
        $trust = "$($role.AssumeRolePolicyDocument)"
        if (-not $trust.StartsWith('{')) { $trust = [Uri]::UnescapeDataString($trust) }
        [ordered]@{
            RoleName           = $name
            Path               = "$($role.Path)"
            Description        = "$($role.Description)"
            MaxSessionDuration = "$($role.MaxSessionDuration)"
            Trust              = ($trust | ConvertFrom-Json | ConvertTo-Json -Depth 20 -Compress)
            Attached           = @($attached | Sort-Object)
            Inline             = @($inline | Sort-Object)
            Tags               = @($tags | Sort-Object)
        }
    }

    $providerList = (Invoke-IrsaSandboxIam $Sandbox @{ Action = 'ListOpenIDConnectProviders' }).ListOpenIDConnectProvidersResponse.ListOpenIDConnectProvidersResult.OpenIDConnectProviderList
    $providers = foreach ($arn in @(Get-XmlMember $providerList | ForEach-Object Arn) | Sort-Object) {
        $provider = (Invoke-IrsaSandboxIam $Sandbox @{ Action = 'GetOpenIDConnectProvider'; OpenIDConnectProviderArn = $arn }).GetOpenIDConnectProviderResponse.GetOpenIDConnectProviderResult
        [ordered]@{
            Arn         = $arn
            ClientIds   = @(Get-XmlMember $provider.ClientIDList | Sort-Object)
            Thumbprints = @(Get-XmlMember $provider.ThumbprintList | Sort-Object)
            Tags        = @(Get-XmlMember $provider.Tags | ForEach-Object { "$($_.Key)=$($_.Value)" } | Sort-Object)
        }
    }

    $associations = Get-IrsaSandboxAssociations $Sandbox

    $accounts = Invoke-IrsaSandboxKube $Sandbox '/api/v1/serviceaccounts'
    $namespaces = Invoke-IrsaSandboxKube $Sandbox '/api/v1/namespaces'
    $serviceAccounts = foreach ($item in $accounts.items | Sort-Object { $_.metadata.namespace + '/' + $_.metadata.name }) {
        [ordered]@{
            Name            = $item.metadata.namespace + '/' + $item.metadata.name
            ResourceVersion = "$($item.metadata.resourceVersion)"
            Annotations     = $item.metadata.annotations
            Labels          = $item.metadata.labels
        }
    }

    [ordered]@{
        Roles           = @($roles)
        OidcProviders   = @($providers)
        Namespaces      = @($namespaces.items.metadata.name | Sort-Object)
        ServiceAccounts = @($serviceAccounts)
        Associations    = @($associations)
        # A list's resourceVersion is the store's: any write to any object moves it.
        KubeRevision    = "$($namespaces.metadata.resourceVersion)"
    } | ConvertTo-Json -Depth 20
}

# The sandbox cluster's Pod Identity associations, every page, each described (the list's summaries carry no role).
function Get-IrsaSandboxAssociations {
    param([Parameter(Mandatory)] $Sandbox)

    $headers = Get-IrsaSandboxAuthorization -Service eks -Region $Sandbox.region
    $base = $Sandbox.awsEndpoint.TrimEnd('/') + '/clusters/' + [Uri]::EscapeDataString($Sandbox.clusterName) + '/pod-identity-associations'
    $ids = [System.Collections.Generic.List[string]]::new()
    $token = $null
    do {
        $uri = $base + '?maxResults=100' + $(if ($token) { '&nextToken=' + [Uri]::EscapeDataString($token) })
        $page = Invoke-RestMethod -Uri $uri -Headers $headers
        foreach ($summary in @($page.associations)) { if ($summary) { $ids.Add($summary.associationId) } }
        $token = $page.nextToken
    } while ($token)

    foreach ($id in $ids | Sort-Object) {
        $one = (Invoke-RestMethod -Uri "$base/$id" -Headers $headers).association
        [ordered]@{
            Id                 = $id
            Name               = "$($one.namespace)/$($one.serviceAccount)"
            RoleArn            = "$($one.roleArn)"
            TargetRoleArn      = "$($one.targetRoleArn)"
            DisableSessionTags = "$($one.disableSessionTags)"
            Tags               = @($one.tags.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } | Sort-Object)
            ModifiedAt         = "$($one.modifiedAt)"
        }
    }
}

# The <member> children of an AWS query-protocol list element (none, one or many), as text or as elements.
function Get-XmlMember {
    param($List)
    if ($null -eq $List -or $List -is [string]) { return }
    foreach ($member in $List.ChildNodes) {
        if ($member.LocalName -ne 'member') { continue }
        if ($member.ChildNodes.Count -eq 1 -and $member.FirstChild.NodeType -eq 'Text') { $member.InnerText } else { $member }
    }
}

# Runs the script block as a script would with $ErrorActionPreference = 'Stop' (also the first non-terminating error
# stops it) and returns that error, or $null when there was none.
function Invoke-IrsaCaught {
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [object[]] $ArgumentList = @()
    )

    try {
        $ErrorActionPreference = 'Stop'
        & $Script @ArgumentList | Out-Null
    }
    catch {
        return $_
    }
    finally {
        $ErrorActionPreference = 'Continue'
    }

    $null
}

# Creates a role straight in moto (not through IrsaPS), for trusts IrsaPS would not write itself: an IRSA statement
# beside an unrelated one. Returns the role's ARN.
function New-IrsaSandboxRole {
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $RoleName,
        [Parameter(Mandatory)] [string] $TrustJson
    )

    $created = Invoke-IrsaSandboxIam $Sandbox @{ Action = 'CreateRole'; RoleName = $RoleName; AssumeRolePolicyDocument = $TrustJson }
    $created.CreateRoleResponse.CreateRoleResult.Role.Arn
}

# A trust with the sandbox cluster's IRSA statement for the given subjects plus an unrelated EC2 statement.
function New-IrsaSandboxMixedTrust {
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string[]] $ServiceAccount
    )

    $irsa = New-IrsaTrustPolicy -Issuer $Sandbox.issuer -AccountId $Sandbox.accountId -ServiceAccountName $ServiceAccount -AsJson | ConvertFrom-Json
    $statements = @($irsa.Statement) + @([pscustomobject]@{ Sid = 'Ec2'; Effect = 'Allow'; Principal = @{ Service = 'ec2.amazonaws.com' }; Action = 'sts:AssumeRole' })
    @{ Version = '2012-10-17'; Statement = $statements } | ConvertTo-Json -Depth 20 -Compress
}

# Registers an OIDC provider straight in moto (not a cluster's), for tests that delete one. Returns its ARN.
function New-IrsaSandboxOidcProvider {
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Url
    )

    $created = Invoke-IrsaSandboxIam $Sandbox @{
        Action = 'CreateOpenIDConnectProvider'; Url = $Url; 'ClientIDList.member.1' = 'sts.amazonaws.com'
        'ThumbprintList.member.1' = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280'
    }
    $created.CreateOpenIDConnectProviderResponse.CreateOpenIDConnectProviderResult.OpenIDConnectProviderArn
}
