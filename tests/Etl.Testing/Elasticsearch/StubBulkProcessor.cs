using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Testing.Elasticsearch;

/// <summary>
/// Answers <c>_bulk</c> the way Elasticsearch 9.x does: format checks first (content type, trailing newline,
/// action lines), then one item per operation — success built from the action line unless the rule decides otherwise.
/// Not thread-safe; the stub calls it under its lock.
/// </summary>
internal sealed class StubBulkProcessor
{
    private static readonly HashSet<string> Actions = ["index", "create", "update", "delete"];

    private readonly Dictionary<(string Index, string Id), StubDocument> _documents = [];
    private readonly Dictionary<(string Index, string Id), int> _attempts = [];
    private long _seqNo;
    private long _generatedIds;

    public IReadOnlyDictionary<(string Index, string Id), StubDocument> Documents => _documents;

    public (int Status, string Body) Process(string? pathIndex, string? contentType, byte[] body, Func<BulkItem, ItemOutcome?>? rule)
    {
        var started = Stopwatch.GetTimestamp();
        var mediaType = ElasticsearchMediaTypes.Essence(contentType);
        if (mediaType is not ("application/x-ndjson" or "application/json"))
        {
            return (406, ElasticsearchErrorBodies.Error(406, "media_type_header_exception",
                $"Content-Type header [{contentType}] is not supported"));
        }

        if (body.Length == 0)
        {
            return (400, ElasticsearchErrorBodies.Error(400, "parse_exception", "request body is required"));
        }

        if (body[^1] != (byte)'\n')
        {
            return (400, ElasticsearchErrorBodies.Error(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]"));
        }

        var lines = Encoding.UTF8.GetString(body).Split('\n');
        var items = new JsonArray();
        var errors = false;
        var position = 0;
        // The last element after the final '\n' is empty by construction.
        for (var line = 0; line < lines.Length - 1; line++)
        {
            if (lines[line].Length == 0)
            {
                continue;
            }

            if (!TryParseAction(lines[line], out var action, out var meta))
            {
                return (400, ElasticsearchErrorBodies.Error(400, "illegal_argument_exception",
                    $"Malformed action/metadata line [{line + 1}], expected START_OBJECT with one of index, create, update, delete"));
            }

            JsonElement? source = null;
            if (action != "delete")
            {
                if (line + 1 >= lines.Length - 1)
                {
                    return (400, ElasticsearchErrorBodies.Error(400, "action_request_validation_exception",
                        $"Validation Failed: 1: {action} action on line [{line + 1}] has no source line;"));
                }

                line++;
                try
                {
                    using var document = JsonDocument.Parse(lines[line]);
                    source = document.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    return (400, ElasticsearchErrorBodies.Error(400, "x_content_parse_exception", $"[{line + 1}:1] {ex.Message}"));
                }
            }

            var item = Answer(position++, action, meta, pathIndex, source, rule);
            errors |= item.Failed;
            items.Add(new JsonObject { [action] = item.Json });
        }

        var response = new JsonObject
        {
            ["errors"] = errors,
            ["took"] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ["items"] = items,
        };
        return (200, response.ToJsonString());
    }

    private (JsonObject Json, bool Failed) Answer(int position, string action, JsonElement meta, string? pathIndex, JsonElement? source, Func<BulkItem, ItemOutcome?>? rule)
    {
        var index = meta.TryGetProperty("_index", out var i) ? i.GetString() : pathIndex;
        var id = meta.TryGetProperty("_id", out var d) ? d.GetString() : null;
        if (id is null && action is "index" or "create")
        {
            id = $"stub-{++_generatedIds}";
        }

        if (index is null || id is null)
        {
            var reason = index is null ? "Validation Failed: 1: index is missing;" : "Validation Failed: 1: id is missing;";
            return (Failure(index ?? "", id ?? "", new ItemOutcome(400, "action_request_validation_exception", reason)), true);
        }

        var key = (index, id);
        _attempts[key] = _attempts.GetValueOrDefault(key) + 1;
        var scripted = rule?.Invoke(new BulkItem(position, action, index, id, source, _attempts[key]));
        if (scripted is not null)
        {
            return (Failure(index, id, scripted), true);
        }

        _documents.TryGetValue(key, out var existing);
        switch (action)
        {
            case "create" when existing is not null:
                return (Failure(index, id, new ItemOutcome(409, "version_conflict_engine_exception",
                    $"[{id}]: version conflict, document already exists (current version [{existing.Version}])")), true);
            case "update" when existing is null:
                return (Failure(index, id, new ItemOutcome(404, "document_missing_exception", $"[{id}]: document missing")), true);
            case "delete" when existing is null:
                return (Success(index, id, 1, "not_found", 404), false);
            case "delete":
                _documents.Remove(key);
                return (Success(index, id, existing!.Version + 1, "deleted", 200), false);
            default:
                var version = (existing?.Version ?? 0) + 1;
                // An update's source is a partial doc or script; the stub keeps the previous source rather than evaluate it.
                var stored = action == "update" ? existing!.Source : source?.GetRawText();
                _documents[key] = new StubDocument(index, id, version, stored);
                return existing is null
                    ? (Success(index, id, version, "created", 201), false)
                    : (Success(index, id, version, "updated", 200), false);
        }
    }

    private JsonObject Success(string index, string id, long version, string result, int status) => new()
    {
        ["_index"] = index,
        ["_id"] = id,
        ["_version"] = version,
        ["result"] = result,
        ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
        ["_seq_no"] = _seqNo++,
        ["_primary_term"] = 1,
        ["status"] = status,
    };

    private static JsonObject Failure(string index, string id, ItemOutcome outcome)
    {
        var error = new JsonObject { ["type"] = outcome.ErrorType, ["reason"] = outcome.Reason };
        if (outcome.CausedByType is not null)
        {
            error["caused_by"] = new JsonObject { ["type"] = outcome.CausedByType, ["reason"] = outcome.CausedByReason };
        }

        error["index"] = index;
        return new JsonObject { ["_index"] = index, ["_id"] = id, ["status"] = outcome.Status, ["error"] = error };
    }

    private static bool TryParseAction(string line, out string action, out JsonElement meta)
    {
        action = "";
        meta = default;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            using var properties = root.EnumerateObject();
            if (!properties.MoveNext() || !Actions.Contains(properties.Current.Name) || properties.Current.Value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            action = properties.Current.Name;
            meta = properties.Current.Value.Clone();
            return !properties.MoveNext();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
