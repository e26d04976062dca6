namespace IrsaPS.Core.Aws.Runtime;

/// <summary>An SDK request carrier that knows the API operation it performs (for attempt reports).</summary>
internal interface IServiceOperation
{
    string Operation { get; }
}
