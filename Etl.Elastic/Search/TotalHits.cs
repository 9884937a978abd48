namespace Etl.Elastic.Search;

/// <summary><c>hits.total</c>: a count that is exact when <see cref="IsExact"/>, else a lower bound.</summary>
public sealed record TotalHits(long Value, bool IsExact);
