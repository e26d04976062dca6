namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>Three-valued logic: a check can be true, false, or impossible to decide offline.</summary>
internal enum MatchState : byte
{
    False = 0,
    True = 1,
    Undetermined = 2,
}

internal static class MatchStates
{
    public static MatchState Not(MatchState state) => state switch
    {
        MatchState.True => MatchState.False,
        MatchState.False => MatchState.True,
        _ => MatchState.Undetermined,
    };

    public static MatchState From(bool value) => value ? MatchState.True : MatchState.False;

    public static bool? ToNullable(MatchState state) => state switch
    {
        MatchState.True => true,
        MatchState.False => false,
        _ => null,
    };
}
