namespace IrsaPS.Core.Hosting;

/// <summary>One progress report. <see cref="PercentComplete"/> is -1 when unknown.</summary>
public sealed record OperationProgress(int ActivityId, string Activity, string Status, int PercentComplete = -1, bool Completed = false)
{
    /// <summary>The report that ends an activity.</summary>
    public static OperationProgress Complete(int activityId, string activity) => new(activityId, activity, "Done", 100, true);
}
