using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace IrsaPS.Bench.Eksctl;

/// <summary>
/// The stack eksctl deploys per iamserviceaccount (pkg/cfn/builder/iam.go, <c>IAMRoleResourceSet.AddAllResources</c>):
/// one <c>AWS::IAM::Role</c> named <c>Role1</c> whose trust is <c>MakeAssumeRolePolicyDocumentWithServiceAccountConditions</c>
/// (pkg/iam/oidc/api.go: Federated = the provider ARN, StringEquals <c>&lt;issuer host+path&gt;:sub</c> and <c>:aud</c>),
/// the <c>--attach-policy-arn</c> ARNs as <c>ManagedPolicyArns</c>, <c>RoleName</c> when <c>--role-name</c> is given,
/// and one output <c>Role1</c> = the role's ARN.
/// Keys are written in Go's map order (sorted), as eksctl's JSON renderer does.
/// </summary>
internal static class EksctlTemplate
{
    public const string RoleResource = "Role1";
    public const string Audience = "sts.amazonaws.com";

    /// <summary>eksctl's stack name: <c>eksctl-&lt;cluster&gt;-addon-iamserviceaccount-&lt;namespace&gt;-&lt;name&gt;</c>.</summary>
    public static string StackName(string cluster, string ns, string name) => $"eksctl-{cluster}-addon-iamserviceaccount-{ns}-{name}";

    /// <summary>
    /// The template body. One deliberate difference: eksctl writes the output as <c>{"Fn::GetAtt": "Role1.Arn"}</c>
    /// (the short string form); moto 5.2.1 only parses the list form and fails with HTTP 500 on the string form, so the
    /// replay sends the equivalent <c>{"Fn::GetAtt": ["Role1", "Arn"]}</c>, which CloudFormation treats the same.
    /// </summary>
    public static string Render(string issuerHostAndPath, string providerArn, string ns, string name, IReadOnlyList<string> policyArns, string? roleName = null)
    {
        ArgumentNullException.ThrowIfNull(policyArns);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("AWSTemplateFormatVersion", "2010-09-09");
            json.WriteString("Description", $"IAM role for serviceaccount \"{ns}/{name}\" [created and managed by eksctl]");
            json.WriteStartObject("Outputs");
            json.WriteStartObject(RoleResource);
            json.WriteStartObject("Value");
            json.WriteStartArray("Fn::GetAtt");
            json.WriteStringValue(RoleResource);
            json.WriteStringValue("Arn");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("Resources");
            json.WriteStartObject(RoleResource);
            json.WriteStartObject("Properties");
            WriteTrust(json, issuerHostAndPath, providerArn, ns, name);
            if (policyArns.Count > 0)
            {
                json.WriteStartArray("ManagedPolicyArns");
                foreach (var arn in policyArns)
                {
                    json.WriteStringValue(arn);
                }

                json.WriteEndArray();
            }

            if (roleName is not null)
            {
                json.WriteString("RoleName", roleName);
            }

            json.WriteEndObject();
            json.WriteString("Type", "AWS::IAM::Role");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTrust(Utf8JsonWriter json, string issuerHostAndPath, string providerArn, string ns, string name)
    {
        json.WriteStartObject("AssumeRolePolicyDocument");
        json.WriteStartArray("Statement");
        json.WriteStartObject();
        json.WriteStartArray("Action");
        json.WriteStringValue("sts:AssumeRoleWithWebIdentity");
        json.WriteEndArray();
        json.WriteStartObject("Condition");
        json.WriteStartObject("StringEquals");
        json.WriteString(issuerHostAndPath + ":aud", Audience);
        json.WriteString(issuerHostAndPath + ":sub", $"system:serviceaccount:{ns}:{name}");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("Effect", "Allow");
        json.WriteStartObject("Principal");
        json.WriteString("Federated", providerArn);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("Version", "2012-10-17");
        json.WriteEndObject();
    }
}
