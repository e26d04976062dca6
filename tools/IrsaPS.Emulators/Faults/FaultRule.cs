namespace IrsaPS.Emulators.Faults;

/// <summary>
/// A scripted fault: requests for <see cref="Action"/> (any action when null) after the first <see cref="Skip"/>
/// matching ones are hit with <see cref="Kind"/> in <see cref="Phase"/>, <see cref="Times"/> times (forever when
/// null). Rules are checked before the random plan, in the order they were added.
/// </summary>
public sealed record FaultRule(string? Action, FaultKind Kind, FaultPhase Phase, int? Times = 1, int Skip = 0);
