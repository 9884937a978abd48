namespace Etl.Kafka.Native;

/// <summary>The librdkafka in use: the file it was loaded from and the version it reports.</summary>
public sealed record LoadedLibrdkafka(string Path, string Version);
