namespace Etl.Scheduler.Trends;

/// <summary>A group of vectors (by index into the clustered list) and their unit-length mean direction.</summary>
public sealed record VectorCluster(IReadOnlyList<int> Members, float[] Centroid);
