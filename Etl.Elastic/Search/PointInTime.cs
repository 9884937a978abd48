namespace Etl.Elastic.Search;

/// <summary>An open point in time: a frozen view of the indices for consistent <c>search_after</c> paging.</summary>
public sealed record PointInTime(string Id, TimeSpan KeepAlive);
