using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Api;

/// <summary>
/// Answers of the query API, bounded in entries (<see cref="QueryApiOptions.CacheEntries"/>) and keyed on the
/// normalised parameters, so <c>?q=Solar%20Eclipse&amp;k=10</c> and <c>?k=10&amp;q=solar+eclipse</c> share one entry.
/// </summary>
public sealed class QueryCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _for;

    public QueryCache(IOptions<QueryApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _for = options.Value.CacheFor;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CacheEntries });
    }

    /// <summary>Entries held now (never more than the limit once the cache has compacted).</summary>
    public long Count => _cache.Count;

    public async Task<T> GetOrComputeAsync<T>(QueryCacheKey key, Func<Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compute);
        if (_cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await compute();
        if (_for > TimeSpan.Zero)
        {
            // Every entry counts 1 towards SizeLimit: the limit is a number of answers.
            _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _for });
        }

        return value;
    }

    public void Dispose() => _cache.Dispose();
}
