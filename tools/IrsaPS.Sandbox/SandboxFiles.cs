using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IrsaPS.Emulators.Kubernetes;
using IrsaPS.Emulators.Moto;

namespace IrsaPS.Sandbox;

/// <summary>The files a sandbox writes for its users: kubeconfig, env (bash), env.ps1 (PowerShell) and the default seed.</summary>
public static class SandboxFiles
{
    /// <summary>
    /// A few namespaces, ServiceAccounts and pods to try the cmdlets on, on Linux nodes backed by moto EC2 instances, with
    /// the EKS Pod Identity Agent DaemonSet (as the eks-pod-identity-agent add-on installs it) running on each node.
    /// </summary>
    public static KubeSeed DefaultSeed(string accountId, IReadOnlyDictionary<string, string> nodeProviderIds) => new()
    {
        Nodes = nodeProviderIds
            .Select(n => new KubeSeedNode(n.Key, n.Value, new Dictionary<string, string> { ["eks.amazonaws.com/nodegroup"] = "workers", ["kubernetes.io/os"] = "linux" }))
            .ToList(),
        DaemonSets = [KubeSeedDaemonSet.PodIdentityAgent()],
        Namespaces = ["web", "payments", "kube-system"],
        ServiceAccounts =
        [
            new("web", "app"),
            new("payments", "api"),
            new("kube-system", "aws-node", new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = $"arn:aws:iam::{accountId}:role/demo-aws-node" }),
        ],
        Pods =
        [
            new("web", "app-6c8d7b9f4-x2k9p", "app", "ip-10-0-1-17.ec2.internal", OwnerKind: "ReplicaSet", OwnerName: "app-6c8d7b9f4", AgeSeconds: 3600),
            new("web", "app-6c8d7b9f4-q7m4w", "app", "ip-10-0-2-31.ec2.internal", OwnerKind: "ReplicaSet", OwnerName: "app-6c8d7b9f4", AgeSeconds: 3500),
            new("payments", "api-0", "api", "ip-10-0-2-31.ec2.internal", OwnerKind: "StatefulSet", OwnerName: "api", AgeSeconds: 7200),
            new("kube-system", "aws-node-7hx2q", "aws-node", "ip-10-0-1-17.ec2.internal", HostNetwork: true, OwnerKind: "DaemonSet", OwnerName: "aws-node", AgeSeconds: 86400),
        ],
    };

    /// <summary>
    /// The sandbox's kubeconfig. Its cluster entry is named by the EKS cluster's ARN, as <c>aws eks update-kubeconfig</c>
    /// names it, so IrsaPS can tell which EKS cluster the contexts are (ClusterName of Get-IrsaServiceAccount's output).
    /// </summary>
    public static void WriteKubeConfig(string path, Uri server, string caPem, string adminToken, string webOnlyToken, string clusterArn)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var text = $"""
            # Written by 'tools/sandbox start': the IrsaPS sandbox's Kubernetes API stand-in on {server}.
            apiVersion: v1
            kind: Config
            current-context: demo
            clusters:
            - name: {clusterArn}
              cluster:
                server: {server}
                certificate-authority-data: {ca}
            users:
            - name: demo-admin
              user:
                token: {adminToken}
            - name: demo-web-developer
              user:
                token: {webOnlyToken}
            contexts:
            - name: demo
              context:
                cluster: {clusterArn}
                user: demo-admin
                namespace: default
            - name: demo-web-only
              context:
                cluster: {clusterArn}
                user: demo-web-developer
                namespace: web
            """;
        WritePrivate(path, text + "\n");
    }

    public static void WriteEnv(string path, Uri awsEndpoint, string region, string kubeConfig, string directory)
    {
        var text = $"""
            # Source this file to point the AWS SDKs, the aws CLI, kubectl and IrsaPS at the sandbox:
            #   source {path}
            unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_IAM AWS_ENDPOINT_URL_EKS AWS_ENDPOINT_URL_STS
            export AWS_ENDPOINT_URL={Quote(awsEndpoint.ToString().TrimEnd('/'))}
            export AWS_ACCESS_KEY_ID={Quote(MotoServer.AccessKey)}
            export AWS_SECRET_ACCESS_KEY={Quote(MotoServer.SecretKey)}
            export AWS_REGION={Quote(region)}
            export AWS_DEFAULT_REGION={Quote(region)}
            export KUBECONFIG={Quote(kubeConfig)}
            export IRSAPS_SANDBOX={Quote(directory)}
            """;
        WritePrivate(path, text + "\n");
    }

    public static void WriteEnvPs1(string path, Uri awsEndpoint, string region, string kubeConfig, string directory)
    {
        var text = $"""
            # Dot-source this file to point the AWS SDKs, kubectl and IrsaPS at the sandbox:
            #   . '{path.Replace("'", "''", StringComparison.Ordinal)}'
            Remove-Item -Path Env:AWS_PROFILE, Env:AWS_SESSION_TOKEN, Env:AWS_ENDPOINT_URL_IAM, Env:AWS_ENDPOINT_URL_EKS, Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
            $env:AWS_ENDPOINT_URL = {PsQuote(awsEndpoint.ToString().TrimEnd('/'))}
            $env:AWS_ACCESS_KEY_ID = {PsQuote(MotoServer.AccessKey)}
            $env:AWS_SECRET_ACCESS_KEY = {PsQuote(MotoServer.SecretKey)}
            $env:AWS_REGION = {PsQuote(region)}
            $env:AWS_DEFAULT_REGION = {PsQuote(region)}
            $env:KUBECONFIG = {PsQuote(kubeConfig)}
            $env:IRSAPS_SANDBOX = {PsQuote(directory)}
            """;
        WritePrivate(path, text + "\n");
    }

    /// <summary>Writes a file only the current user can read (it holds the sandbox tokens or keys).</summary>
    public static void WritePrivate(string path, string text) => WritePrivate(path, Encoding.UTF8.GetBytes(text));

    public static void WritePrivate(string path, byte[] data)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllBytes(path, data);
            return;
        }

        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.Write(data);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string PsQuote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
