namespace Etl.Testing.Elasticsearch;

/// <summary>A document the stub acknowledged (last write wins), kept as the raw source JSON.</summary>
public sealed record StubDocument(string Index, string Id, long Version, string? Source);
