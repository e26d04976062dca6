
namespace IrsaPS.Core.Operations;

/// <summary>PowerShell-style name patterns for Get cmdlets: <c>*</c> any run, <c>?</c> one character, case-insensitive.</summary>
internal sealed class Glob
{
    private readonly string _pattern;

    public Glob(string pattern) => _pattern = pattern;

    public bool IsMatch(string text) => Match(_pattern, 0, text, 0);

    private static bool Match(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (var i = t; i <= text.Length; i++)
                {
                    if (Match(pattern, p, text, i))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length)
            {
                return false;
            }

            if (c != '?' && char.ToUpperInvariant(c) != char.ToUpperInvariant(text[t]))
            {
                return false;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }
}
