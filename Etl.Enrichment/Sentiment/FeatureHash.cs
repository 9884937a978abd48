namespace Etl.Enrichment.Sentiment;

/// <summary>
/// 32-bit hashing for feature names, fixed by this code (not string.GetHashCode, which is randomised per process),
/// so a model trained on one machine scores identically on every other.
/// </summary>
public static class FeatureHash
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>FNV-1a over the lower-cased characters, salted by <paramref name="seed"/>.</summary>
    public static uint LowerChars(ReadOnlySpan<char> text, uint seed)
    {
        var h = Begin(seed);
        foreach (var c in text)
        {
            h = Step(h, c);
        }

        return Mix(h);
    }

    /// <summary>
    /// <see cref="LowerChars"/> taken apart, so strings that share a prefix share its work: <c>Mix(Step(Step(Begin(seed), a), b))</c>
    /// equals <c>LowerChars("ab", seed)</c>.
    /// </summary>
    public static uint Begin(uint seed) => FnvOffset ^ seed;

    /// <inheritdoc cref="Begin"/>
    public static uint Step(uint state, char c) => (state ^ Lower(c)) * FnvPrime;

    public static uint Combine(uint a, uint b) => Mix((a * 0x9E3779B1u) ^ (b + 0x7F4A7C15u));

    /// <summary>Murmur3's finaliser: spreads FNV's weak low bits before the bucket mask.</summary>
    public static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }

    public static char Lower(char c) => c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) : char.ToLowerInvariant(c);
}
