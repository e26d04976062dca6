namespace IrsaPS.Emulators.Faults;

/// <summary>One request the proxy received: its sequence number, action, and whether it carried a SigV4 signature.</summary>
public sealed record RequestRecord(int Sequence, string Action, bool Signed);
