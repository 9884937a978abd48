using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// What a run did, in numbers (documents read, written...): the job's return value, which Hangfire keeps with the
/// succeeded state and the dashboard shows as a plain JSON object.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "A run's figures, not a general-purpose dictionary; the interface is only there so it serializes as a JSON object.")]
public sealed class JobFigures : IReadOnlyDictionary<string, long>
{
    private readonly SortedDictionary<string, long> _values = new(StringComparer.Ordinal);

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<long> Values => _values.Values;

    public int Count => _values.Count;

    public long this[string key]
    {
        get => _values.GetValueOrDefault(key);
        set => _values[key] = value;
    }

    public void Add(string name, long amount) => _values[name] = _values.GetValueOrDefault(name) + amount;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out long value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, long>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
