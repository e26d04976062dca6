using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace IrsaPS.Emulators.Kubernetes;

// The apps/v1 group: discovery and DaemonSets (get, list in one or all namespaces, create, delete).
internal sealed partial class KubeRouter
{
    private async Task AppsAsync(HttpContext context, KubeGrant grant, string method, string[] segments, Dictionary<string, string?> query, bool table)
    {
        switch (segments)
        {
            case ["apis", "apps"]:
                await KubeResponses.WriteAsync(context, 200, w => KubeDiscovery.WriteGroup(w, "apps")).ConfigureAwait(false);
                return;
            case ["apis", "apps", "v1"]:
                await KubeResponses.WriteAsync(context, 200, KubeDiscovery.WriteAppsResources).ConfigureAwait(false);
                return;
            case ["apis", "apps", "v1", "daemonsets"] when method == "GET":
                await ListDaemonSetsAsync(context, grant, null, query, table).ConfigureAwait(false);
                return;
            case ["apis", "apps", "v1", "namespaces", var ns, "daemonsets"] when method == "GET":
                await ListDaemonSetsAsync(context, grant, ns, query, table).ConfigureAwait(false);
                return;
            case ["apis", "apps", "v1", "namespaces", var ns, "daemonsets"] when method == "POST":
                await CreateDaemonSetAsync(context, grant, ns).ConfigureAwait(false);
                return;
            case ["apis", "apps", "v1", "namespaces", var ns, "daemonsets", var name] when method == "GET":
                Authorize(grant, "get", "daemonsets", ns, name);
                var view = _store.GetDaemonSet(ns, name);
                await KubeResponses.WriteAsync(context, 200, w =>
                {
                    if (table)
                    {
                        KubeTables.WriteDaemonSets(w, [view], view.DaemonSet.Meta.ResourceVersion, null, DateTimeOffset.UtcNow);
                    }
                    else
                    {
                        KubeDaemonSetJson.Write(w, view);
                    }
                }).ConfigureAwait(false);
                return;
            case ["apis", "apps", "v1", "namespaces", var ns, "daemonsets", var name] when method == "DELETE":
                Authorize(grant, "delete", "daemonsets", ns, name);
                var before = _store.GetDaemonSet(ns, name);
                _store.DeleteDaemonSet(ns, name);
                await KubeResponses.WriteAsync(context, 200, w => KubeDaemonSetJson.Write(w, before)).ConfigureAwait(false);
                return;
            case ["apis", "apps", "v1", "namespaces", _, "daemonsets", ..]:
                throw MethodNotAllowed(method);
            default:
                throw new KubeStatusException(404, "NotFound", "the server could not find the requested resource");
        }
    }

    private async Task ListDaemonSetsAsync(HttpContext context, KubeGrant grant, string? ns, Dictionary<string, string?> query, bool table)
    {
        Authorize(grant, "list", "daemonsets", ns, null);
        var items = _store.ListDaemonSets(KubeListQuery.Parse(ns, query), out var next, out var remaining, out var version);
        var token = next is null ? null : KubeListQuery.EncodeContinue(next);
        var now = DateTimeOffset.UtcNow;
        await KubeResponses.WriteAsync(context, 200, w =>
        {
            if (table)
            {
                KubeTables.WriteDaemonSets(w, items, version, token, now);
            }
            else
            {
                KubeResponses.WriteList(w, "DaemonSetList", version, token, next is null ? null : remaining, items, KubeDaemonSetJson.Write, "apps/v1");
            }
        }).ConfigureAwait(false);
    }

    private async Task CreateDaemonSetAsync(HttpContext context, KubeGrant grant, string ns)
    {
        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var meta = KubeObjectJson.ReadMetadata(body.RootElement);
        var name = meta.Name ?? throw KubeStatusException.Invalid("DaemonSet", string.Empty, "metadata.name: Required value: name or generateName is required");
        CheckNamespaceMatches(meta.Namespace, ns);
        Authorize(grant, "create", "daemonsets", ns, null);
        var (podLabels, nodeSelector, serviceAccount, image) = KubeDaemonSetJson.Read(body.RootElement);
        _store.CreateDaemonSet(ns, name, podLabels, nodeSelector, serviceAccount, image ?? "public.ecr.aws/docker/library/busybox:stable", meta.Labels);
        var created = _store.GetDaemonSet(ns, name);
        await KubeResponses.WriteAsync(context, 201, w => KubeDaemonSetJson.Write(w, created)).ConfigureAwait(false);
    }
}
