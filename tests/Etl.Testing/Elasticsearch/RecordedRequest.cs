using System.Text;
using System.Text.Json;

namespace Etl.Testing.Elasticsearch;

/// <summary>A request as the stub received it; <see cref="Body"/> is already gunzipped.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body's size on the wire (compressed size when gzipped).</summary>
    public long WireLength { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public bool IsGzipped => string.Equals(Header("Content-Encoding"), "gzip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body parsed as one JSON value (not for NDJSON bodies: see <see cref="NdjsonLines"/>).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <summary>Each non-empty line of an NDJSON body, parsed.</summary>
    public IReadOnlyList<JsonElement> NdjsonLines() =>
        [.. BodyText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        })];

    public override string ToString() => $"{Method} {Path}{Query} ({Body.Length} bytes)";
}
