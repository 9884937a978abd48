namespace Etl.Enrichment.Embedding;

/// <summary>
/// A bounded map from normalised text to its vector, so a retweet or a copy is embedded once. Two generations: new
/// entries go to the young one; when it is full the old one is dropped and the young one becomes old. A hit in the old
/// generation is promoted, so texts still being repeated survive — least-recently-used in effect, at the cost of one
/// dictionary swap per half capacity instead of a linked list touched on every hit. Thread-safe.
/// </summary>
public sealed class EmbeddingCache
{
    private readonly int generationSize;
    private readonly Lock gate = new();
    private Dictionary<string, float[]> young;
    private Dictionary<string, float[]> old;
    private long hits;
    private long misses;

    /// <param name="capacity">Most entries held; 0 turns caching off.</param>
    public EmbeddingCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        generationSize = Math.Max(1, capacity / 2);
        young = new Dictionary<string, float[]>(StringComparer.Ordinal);
        old = new Dictionary<string, float[]>(StringComparer.Ordinal);
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return young.Count + old.Count;
            }
        }
    }

    public long Hits => Interlocked.Read(ref hits);

    public long Misses => Interlocked.Read(ref misses);

    public bool TryGet(string key, out float[] vector)
    {
        if (Capacity > 0)
        {
            lock (gate)
            {
                if (young.TryGetValue(key, out vector!))
                {
                    Interlocked.Increment(ref hits);
                    return true;
                }

                if (old.Remove(key, out vector!))
                {
                    AddYoung(key, vector);
                    Interlocked.Increment(ref hits);
                    return true;
                }

                Interlocked.Increment(ref misses);
            }
        }
        else
        {
            Interlocked.Increment(ref misses);
        }

        vector = [];
        return false;
    }

    public void Add(string key, float[] vector)
    {
        if (Capacity == 0)
        {
            return;
        }

        lock (gate)
        {
            old.Remove(key);
            AddYoung(key, vector);
        }
    }

    /// <summary>Forgets every entry (hit and miss counts stay): a cold start for measurements.</summary>
    public void Clear()
    {
        lock (gate)
        {
            young = new Dictionary<string, float[]>(StringComparer.Ordinal);
            old = new Dictionary<string, float[]>(StringComparer.Ordinal);
        }
    }

    private void AddYoung(string key, float[] vector)
    {
        if (young.Count >= generationSize && !young.ContainsKey(key))
        {
            old = young;
            young = new Dictionary<string, float[]>(generationSize, StringComparer.Ordinal);
        }

        young[key] = vector;
    }
}
