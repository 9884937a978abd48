using System.Net.Http.Headers;
using System.Text.Json;

namespace Etl.Worker.Sources.X;

/// <summary>
/// Rule management for the filtered stream: <c>GET</c> and <c>POST /2/tweets/search/stream/rules</c>. A sync reads
/// the current rules and adds and deletes exactly the difference from the wanted set, so rules that already match
/// keep their ids (and the stream keeps matching them without a gap).
/// </summary>
public sealed class XRulesClient(HttpClient http, XStreamOptions options)
{
    private Uri RulesUri(bool dryRun = false) =>
        new($"{options.BaseUrl.TrimEnd('/')}/2/tweets/search/stream/rules{(dryRun ? "?dry_run=true" : "")}");

    public async Task<IReadOnlyList<XRule>> ListAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, RulesUri());
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Check(response, body, "list the rules");
        return XRulesFile.Parse(body, "X's rules answer");
    }

    /// <returns>The rules as X created them, with their ids.</returns>
    public async Task<IReadOnlyList<XRule>> AddAsync(IReadOnlyList<XRule> rules, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return [];
        }

        var payload = new { add = rules.Select(r => new XRule(r.Value, r.Tag)).ToList() };
        var body = await PostAsync(payload, dryRun, "add rules", cancellationToken);
        return XRulesFile.Parse(body, "X's add answer");
    }

    public async Task DeleteAsync(IReadOnlyList<string> ids, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > 0)
        {
            await PostAsync(new { delete = new { ids } }, dryRun, "delete rules", cancellationToken);
        }
    }

    /// <summary>Makes X's rules equal <paramref name="wanted"/>: deletes the ones not wanted, then adds the missing ones.</summary>
    public async Task<XRulesSync> SyncAsync(IReadOnlyList<XRule> wanted, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var current = await ListAsync(cancellationToken);
        var deleted = current.Where(c => !wanted.Any(w => w.SameAs(c))).ToList();
        var kept = current.Where(c => wanted.Any(w => w.SameAs(c))).ToList();
        var added = wanted.Where(w => !current.Any(c => c.SameAs(w))).ToList();
        // Deleting first keeps the set under the plan's rule limit when rules are being replaced.
        await DeleteAsync(deleted.Select(r => r.Id!).ToList(), dryRun, cancellationToken);
        var created = await AddAsync(added, dryRun, cancellationToken);
        return new XRulesSync(created.Count == added.Count ? created : added, deleted, kept);
    }

    private async Task<string> PostAsync(object payload, bool dryRun, string what, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, RulesUri(dryRun));
        request.Content = JsonContent.Create(payload);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Check(response, body, what);
        // X answers 200/201 even when some rules were not created; the reasons are in 'errors'.
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            throw new XApiException($"X could not {what}: {errors.GetRawText()}");
        }

        return body;
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        if (string.IsNullOrWhiteSpace(options.BearerToken))
        {
            throw new XApiException($"No bearer token: set {XStreamOptions.SectionName}:BearerToken (environment {XStreamOptions.SectionName}__BearerToken or X_BEARER_TOKEN).");
        }

        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        return request;
    }

    private static void Check(HttpResponseMessage response, string body, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new XApiException($"X did not {what}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 500 ? body[..500] : body)}") { StatusCode = (int)response.StatusCode };
        }
    }
}
