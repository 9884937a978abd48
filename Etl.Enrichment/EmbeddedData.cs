using System.IO.Compression;

namespace Etl.Enrichment;

/// <summary>Reads the data files compiled into this assembly (see the csproj for where each comes from).</summary>
internal static class EmbeddedData
{
    public const string TopLevelDomains = "Etl.Enrichment.tlds.txt";
    public const string Countries = "Etl.Enrichment.countries.tsv.gz";
    public const string Gazetteer = "Etl.Enrichment.gazetteer.tsv.gz";
    public const string SentimentModel = "Etl.Enrichment.sentiment.zip";
    public const string SentimentLexicon = "Etl.Enrichment.sentiment-lexicon.tsv.gz";
    public const string SentimentClusters = "Etl.Enrichment.sentiment-clusters.tsv.gz";

    public static Stream Open(string name)
    {
        var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{name}' is missing from Etl.Enrichment.dll. Rebuild Etl.Enrichment; for the sentiment model run " +
                "'etl-worker train-sentiment --data ../shared/reference/sentiment_training --out Etl.Enrichment/Sentiment/Data' first.");
        return name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    /// <summary>Lines of a UTF-8 text resource (gzipped or not), without empty lines.</summary>
    public static IEnumerable<string> ReadLines(string name)
    {
        using var reader = new StreamReader(Open(name));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
