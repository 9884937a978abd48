using System.Globalization;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// A word → cluster table at one or more granularities (e.g. 256 and 1024 clusters), derived offline by
/// <see cref="WordClusterBuilder"/> from all-MiniLM-L6-v2 embeddings of the frequent training words. The featurizer
/// adds each word's cluster ids, so a word the human-labelled tweets never contained still shares weights with the
/// words it means the same as. Stored as a word list (<c>word TAB id TAB id…</c>, gzip) beside the ML.NET model; looked
/// up by the features' word hash in an open-addressing table, so scoring allocates nothing.
/// </summary>
public sealed class SentimentWordClusters
{
    private const string Header = "# word clusters (all-MiniLM-L6-v2 embeddings, spherical k-means): word<TAB>cluster id per level; levels";
    // Open addressing, one slot per word: its 32-bit key as two ushorts, then its id per level, side by side, so a
    // lookup reads one cache line (separate key and id arrays cost two misses per word, ~0.8 µs a tweet).
    private readonly ushort[] slots;
    private readonly int stride;
    private readonly int levelCount;
    private readonly int mask;

    public SentimentWordClusters(IReadOnlyList<int> levels, IReadOnlyList<(string Word, ushort[] Ids)> entries)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(entries);
        if (levels.Any(k => k is < 2 or > ushort.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(levels), "Cluster counts must be between 2 and 65535.");
        }

        Levels = [.. levels];
        Entries = entries;
        levelCount = Levels.Count;
        stride = 2 + levelCount;
        var capacity = 16;
        while (capacity < entries.Count * 3 / 2)
        {
            capacity *= 2;
        }

        slots = new ushort[capacity * stride];
        mask = capacity - 1;
        foreach (var (word, wordIds) in entries)
        {
            if (wordIds.Length != levelCount)
            {
                throw new ArgumentException($"'{word}' has {wordIds.Length} cluster ids; the table has {levelCount} levels.", nameof(entries));
            }

            var key = SentimentFeatures.WordKey(word);
            if (key == 0)
            {
                continue;
            }

            var slot = (int)(key & (uint)mask);
            while (KeyAt(slot) is var held && held != 0 && held != key)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot * stride] = (ushort)key;
            slots[(slot * stride) + 1] = (ushort)(key >> 16);
            wordIds.CopyTo(slots.AsSpan((slot * stride) + 2));
        }
    }

    /// <summary>Cluster counts, coarsest first as written.</summary>
    public IReadOnlyList<int> Levels { get; }

    /// <summary>The words and their cluster ids per level, in the order written.</summary>
    public IReadOnlyList<(string Word, ushort[] Ids)> Entries { get; }

    public static SentimentWordClusters Empty() => new([], []);

    /// <summary>
    /// The cluster ids of the word whose unigram hash (<see cref="SentimentFeatures.WordKey"/>) is <paramref name="wordHash"/>,
    /// one per level; empty when the word is not in the table.
    /// </summary>
    public ReadOnlySpan<ushort> this[uint wordHash]
    {
        get
        {
            if (wordHash == 0 || levelCount == 0)
            {
                return [];
            }

            var slot = (int)(wordHash & (uint)mask);
            while (true)
            {
                var key = KeyAt(slot);
                if (key == wordHash)
                {
                    return slots.AsSpan((slot * stride) + 2, levelCount);
                }

                if (key == 0)
                {
                    return [];
                }

                slot = (slot + 1) & mask;
            }
        }
    }

    private uint KeyAt(int slot) => slots[slot * stride] | ((uint)slots[(slot * stride) + 1] << 16);

    /// <summary>Writes the table (the CLI gzips it).</summary>
    public void Save(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Header} {string.Join(' ', Levels)}\n"));
        foreach (var (word, wordIds) in Entries)
        {
            writer.Write(word);
            foreach (var id in wordIds)
            {
                writer.Write('\t');
                writer.Write(id.ToString(CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    public static SentimentWordClusters Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var first = reader.ReadLine();
        if (first is null || !first.StartsWith(Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Not a word-cluster table (first line '{first}'). Regenerate it with 'etl-worker train-sentiment --derive-word-clusters'.");
        }

        var levels = first[Header.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var entries = new List<(string, ushort[])>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            var wordIds = new ushort[levels.Length];
            var valid = parts.Length == levels.Length + 1 && parts[0].Length > 0;
            for (var l = 0; valid && l < levels.Length; l++)
            {
                valid = ushort.TryParse(parts[l + 1], NumberStyles.None, CultureInfo.InvariantCulture, out wordIds[l]) && wordIds[l] < levels[l];
            }

            if (!valid)
            {
                throw new InvalidDataException($"Word-cluster line {lineNumber} is '{line}'; expected a word and {levels.Length} cluster ids below [{string.Join(", ", levels)}].");
            }

            entries.Add((parts[0], wordIds));
        }

        return new SentimentWordClusters(levels, entries);
    }
}
