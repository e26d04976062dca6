namespace IrsaPS.Core.Policy.Evaluation;

/// <summary>
/// IAM's two wildcards, as StringLike, ArnLike and Action matching use them: <c>*</c> matches any run of
/// characters (also none), <c>?</c> exactly one. Linear-time greedy matching with one backtrack point, no regex,
/// no allocation. A <c>literal</c> mask marks positions whose <c>*</c>/<c>?</c> came from <c>${*}</c>/<c>${?}</c>
/// (or a substituted variable) and must match themselves.
/// </summary>
internal static class WildcardMatcher
{
    public static bool IsMatch(string text, string pattern, bool ignoreCase, bool[]? literal = null)
    {
        var t = 0;
        var p = 0;
        var starPattern = -1;
        var starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var pc = pattern[p];
                var isLiteral = literal is not null && literal[p];
                if (pc == '*' && !isLiteral)
                {
                    starPattern = p++;
                    starText = t;
                    continue;
                }

                if ((pc == '?' && !isLiteral) || CharEquals(pc, text[t], ignoreCase))
                {
                    p++;
                    t++;
                    continue;
                }
            }

            if (starPattern >= 0)
            {
                p = starPattern + 1;
                t = ++starText;
                continue;
            }

            return false;
        }

        while (p < pattern.Length && pattern[p] == '*' && !(literal is not null && literal[p]))
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>True when the text holds <c>*</c> or <c>?</c>.</summary>
    public static bool HasWildcard(string text) => text.IndexOf('*') >= 0 || text.IndexOf('?') >= 0;

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
