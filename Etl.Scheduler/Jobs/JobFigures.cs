namespace Etl.Scheduler.Jobs;

/// <summary>What a run did, in numbers (documents read, written...): set as the job's result, kept in the job history.</summary>
public sealed class JobFigures
{
    private readonly SortedDictionary<string, long> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Values => _values;

    public long this[string name]
    {
        get => _values.GetValueOrDefault(name);
        set => _values[name] = value;
    }

    public void Add(string name, long amount) => _values[name] = _values.GetValueOrDefault(name) + amount;
}
