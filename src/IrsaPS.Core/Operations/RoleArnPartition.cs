using IrsaPS.Core.Errors;
using IrsaPS.Core.Models;
using IrsaPS.Core.Validation;

namespace IrsaPS.Core.Operations;

/// <summary>
/// A ServiceAccount of a cluster in one partition (aws, aws-cn, aws-us-gov) can only assume roles of that partition: its
/// token's issuer is trusted by that partition's IAM alone. Annotating it with another partition's role would be written
/// and never work, so it is refused before the write, as New-IrsaRole refuses a policy of another partition.
/// </summary>
internal static class RoleArnPartition
{
    public static void Ensure(string roleArn, IrsaCluster cluster)
    {
        var partition = Arn.Parse(roleArn).Partition;
        if (cluster.Partition.Length > 0 && partition != cluster.Partition)
        {
            throw new IrsaValidationException(
                ErrorIds.InvalidPartition,
                $"'{roleArn}' is in partition {partition}, but cluster '{cluster.ClusterName}' is in {cluster.Partition}: its service accounts can only assume roles of {cluster.Partition}.",
                roleArn);
        }
    }
}
