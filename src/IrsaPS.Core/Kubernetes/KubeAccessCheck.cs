namespace IrsaPS.Core.Kubernetes;

/// <summary>
/// A question for SelfSubjectAccessReview: may I <see cref="Verb"/> <see cref="Resource"/> (in <see cref="Group"/>,
/// optionally a <see cref="Subresource"/>, in <see cref="Namespace"/> or cluster-wide when null)?
/// </summary>
public sealed record KubeAccessCheck(string Verb, string Resource, string? Namespace = null, string Group = "", string? Subresource = null, string? Name = null)
{
    public override string ToString()
    {
        var what = string.IsNullOrEmpty(Group) ? Resource : Resource + "." + Group;
        if (!string.IsNullOrEmpty(Subresource))
        {
            what += "/" + Subresource;
        }

        return $"{Verb} {what}" + (Namespace is null ? " (all namespaces)" : $" in namespace '{Namespace}'");
    }
}

/// <summary>The answer of a SelfSubjectAccessReview.</summary>
public sealed record KubeAccessResult(KubeAccessCheck Check, bool Allowed, bool Denied, string? Reason, string? EvaluationError);
