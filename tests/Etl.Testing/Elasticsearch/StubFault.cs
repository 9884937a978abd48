namespace Etl.Testing.Elasticsearch;

/// <summary>
/// One scripted misbehaviour, shaped as Elasticsearch (or a proxy in front of it) really fails: whole-request errors with
/// Elasticsearch's error bodies and headers, a body that is not JSON, a truncated body, <c>200 {}</c>, a stall.
/// Queue with <see cref="ElasticsearchStub.FailNext"/>.
/// </summary>
public sealed record StubFault(StubFaultKind Kind, int Status = 200, string Body = "", string ContentType = "application/json")
{
    /// <summary>Extra response headers, e.g. <c>WWW-Authenticate</c> on a 401.</summary>
    public IReadOnlyDictionary<string, string[]> Headers { get; init; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    /// <summary>False for an answer from something that is not Elasticsearch (no <c>X-Elastic-Product</c> header).</summary>
    public bool FromElasticsearch { get; init; } = true;

    /// <summary>
    /// The whole request refused with <paramref name="status"/> and the body (and headers) Elasticsearch sends for it:
    /// 400 malformed request, 401 no credentials (with both <c>WWW-Authenticate</c> challenges), 403 missing privilege,
    /// 413 over <c>http.max_content_length</c> (empty body, as Elasticsearch's HTTP layer answers), 429 indexing
    /// pressure, 500, 503 no master.
    /// </summary>
    public static StubFault WholeRequest(int status) => status switch
    {
        401 => new(StubFaultKind.Answer, 401, ElasticsearchErrorBodies.ForStatus(401))
        {
            Headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
            {
                ["WWW-Authenticate"] = ["Basic realm=\"security\", charset=\"UTF-8\"", "ApiKey"],
            },
        },
        413 => new(StubFaultKind.Answer, 413, "", ContentType: ""),
        _ => new(StubFaultKind.Answer, status, ElasticsearchErrorBodies.ForStatus(status)),
    };

    /// <summary>An HTML error page, as a reverse proxy or load balancer sends when the node behind it is gone.</summary>
    public static StubFault NotJson(int status = 502) => new(
        StubFaultKind.Answer,
        status,
        $"<html>\r\n<head><title>{status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>{status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        "text/html")
    {
        FromElasticsearch = false,
    };

    /// <summary><c>200 {}</c>: a success status with none of the fields the request's answer must have.</summary>
    public static StubFault EmptyObject() => new(StubFaultKind.Answer, 200, "{}");

    /// <summary>Any fixed answer, e.g. a 200 whose body is not what the request should get.</summary>
    public static StubFault Answer(int status, string body, string contentType = "application/json") => new(StubFaultKind.Answer, status, body, contentType);

    /// <summary>
    /// The request is carried out (bulk items are stored), but the answer holds only the first half of its JSON: a complete
    /// HTTP message whose body ends mid-value, as when a proxy cuts a response short.
    /// </summary>
    public static StubFault Truncated() => new(StubFaultKind.Truncate);

    /// <summary>No answer at all: the request hangs until the client's timeout (or cancellation) ends it.</summary>
    public static StubFault Stall() => new(StubFaultKind.Stall);
}
