using System.Text.Json;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Bulk;

/// <summary>A parsed <c>_bulk</c> response: one <see cref="BulkItemResult"/> per operation, in request order.</summary>
public sealed record BulkResponse(long Took, bool Errors, IReadOnlyList<BulkItemResult> Items)
{
    public IEnumerable<BulkItemResult> Succeeded => Items.Where(i => i.Outcome == BulkItemOutcome.Succeeded);

    public IEnumerable<BulkItemResult> Retryable => Items.Where(i => i.Outcome == BulkItemOutcome.Retryable);

    public IEnumerable<BulkItemResult> Permanent => Items.Where(i => i.Outcome == BulkItemOutcome.Permanent);

    /// <summary>Reads a bulk response body, tolerating the field subsets <c>filter_path</c> leaves.</summary>
    public static BulkResponse Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException(
                $"Not a _bulk response: expected an object with an 'items' array, got {Describe(root)}. " +
                "Check the URL points at Elasticsearch and no proxy rewrites the body.");
        }

        var results = new List<BulkItemResult>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            results.Add(ParseItem(item, results.Count));
        }

        var took = root.TryGetProperty("took", out var t) && t.TryGetInt64(out var tookMs) ? tookMs : 0;
        var errors = root.TryGetProperty("errors", out var e)
            ? e.ValueKind == JsonValueKind.True
            : results.Exists(r => r.Outcome != BulkItemOutcome.Succeeded);
        return new BulkResponse(took, errors, results);
    }

    private static BulkItemResult ParseItem(JsonElement item, int position)
    {
        // Each item is {"<action>": {...}} with exactly one property.
        using var properties = item.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new InvalidDataException($"Bulk response item {position} is empty; expected {{\"index\": {{...}}}}.");
        }

        var action = properties.Current.Name;
        var body = properties.Current.Value;
        return new BulkItemResult
        {
            Position = position,
            Action = action,
            Index = String(body, "_index"),
            Id = String(body, "_id"),
            Status = Int(body, "status") is long s ? (int)s : null,
            Result = String(body, "result"),
            Version = Int(body, "_version"),
            SequenceNumber = Int(body, "_seq_no"),
            PrimaryTerm = Int(body, "_primary_term"),
            Error = body.TryGetProperty("error", out var error) ? ElasticsearchError.Parse(error) : null,
        };
    }

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Int(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static string Describe(JsonElement root)
    {
        var text = root.GetRawText();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
