namespace IrsaPS.Emulators.Faults;

/// <summary>One injected fault: the request's sequence number, action, kind and phase.</summary>
public sealed record FaultRecord(int Sequence, string Action, FaultKind Kind, FaultPhase Phase);
