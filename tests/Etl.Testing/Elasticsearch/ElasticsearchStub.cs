using System.IO.Compression;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Testing.Elasticsearch;

/// <summary>
/// An in-process HTTP server on loopback that speaks Elasticsearch 9's REST contract for tests: it records every
/// request (chunked or gzipped bodies included), identifies itself with <c>X-Elastic-Product</c>, answers in the
/// <c>compatible-with</c> media type a client asks for, answers <c>GET /</c> as a 9.4 node, answers <c>_bulk</c> per item
/// (success by default, failures by <see cref="BulkItemRule"/>), and answers everything else with responses the test
/// enqueued. It fails the way Elasticsearch fails when told to (<see cref="FailNext"/>, <see cref="StubFault"/>).
/// It evaluates one kind of query — a kNN search, exactly, over the documents it holds (<see cref="StubKnnSearch"/>) —
/// and no others: it is a contract double, not a search engine.
/// Plain HTTP by default; <see cref="StartHttpsAsync"/> serves HTTPS with a certificate the test made
/// (see <see cref="Tls.TestCertificateAuthority"/>), as a cluster with security on does.
/// </summary>
/// <example>
/// <code>
/// await using var es = await ElasticsearchStub.StartAsync();
/// es.BulkItemRule = item => item.Id == "3" ? ItemOutcome.DocumentParsing("retweet_count", item.Id) : null;
/// es.FailNextRequests(503, 2);
/// es.FailNext(StubFault.Truncated());
/// es.Enqueue("GET", "/_cluster/health", 200, """{"status":"green"}""");
/// </code>
/// </example>
public sealed class ElasticsearchStub : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<string, Queue<StubResponse>> _scripted = new(StringComparer.Ordinal);
    private readonly StubBulkProcessor _bulk = new();
    private WebApplication? _app;
    private readonly Queue<StubFault> _faults = new();
    private int _port;
    private StubFault? _failAll;
    private CancellationTokenSource _stopping = new();
    private X509Certificate2? _certificate;
    private X509Certificate2Collection? _chain;

    private ElasticsearchStub()
    {
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:41234/</c> (<c>https://</c> from <see cref="StartHttpsAsync"/>).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Decides the outcome of each bulk item; return null for the default (success).</summary>
    public Func<BulkItem, ItemOutcome?>? BulkItemRule { get; set; }

    /// <summary>
    /// Decides a whole request before anything else (a 400 for every request holding a poison record, a 413 for
    /// big requests); return null to answer normally.
    /// </summary>
    public Func<RecordedRequest, StubResponse?>? RequestRule { get; set; }

    /// <summary>Delay before every answer, to exercise client timeouts.</summary>
    public TimeSpan ResponseDelay { get; set; }

    public bool IsDown => _app is null;

    /// <summary>Every request received so far, in arrival order (failed ones included; none while down).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Distinct ids of the documents the stub currently holds (acknowledged with 2xx and not deleted since).</summary>
    public IReadOnlyCollection<string> IndexedIds
    {
        get
        {
            lock (_gate)
            {
                return _bulk.Documents.Keys.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Documents currently held, keyed by index and id.</summary>
    public IReadOnlyList<StubDocument> Documents
    {
        get
        {
            lock (_gate)
            {
                return [.. _bulk.Documents.Values];
            }
        }
    }

    public static async Task<ElasticsearchStub> StartAsync(CancellationToken cancellationToken = default)
    {
        var stub = new ElasticsearchStub();
        await stub.ListenAsync(0, cancellationToken);
        return stub;
    }

    /// <summary>
    /// An HTTPS stub presenting <paramref name="certificate"/> (with its private key) in the handshake, followed by
    /// the intermediate CA certificates in <paramref name="chain"/> when given (as a node whose keystore holds the chain
    /// sends them). .NET's TLS server never sends a self-signed root, so the CA a test wants sent must be an intermediate.
    /// </summary>
    public static async Task<ElasticsearchStub> StartHttpsAsync(
        X509Certificate2 certificate, X509Certificate2Collection? chain = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The server certificate needs its private key.", nameof(certificate));
        }

        var stub = new ElasticsearchStub { _certificate = certificate, _chain = chain };
        await stub.ListenAsync(0, cancellationToken);
        return stub;
    }

    /// <summary>Requests with this method and path (path without query, e.g. <c>/_bulk</c>).</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        [.. Requests.Where(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && r.Path == path)];

    /// <summary>Queues an answer for <paramref name="method"/> <paramref name="path"/>; answers are used first in, first out.</summary>
    public void Enqueue(string method, string path, int status, string body)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (_gate)
        {
            var key = Key(method, path.StartsWith('/') ? path : "/" + path);
            if (!_scripted.TryGetValue(key, out var queue))
            {
                _scripted[key] = queue = new Queue<StubResponse>();
            }

            queue.Enqueue(new StubResponse(status, body));
        }
    }

    /// <summary>The next <paramref name="count"/> requests (any path) fail as a whole with <paramref name="status"/> (see <see cref="StubFault.WholeRequest"/>).</summary>
    public void FailNextRequests(int status, int count) => FailNext(StubFault.WholeRequest(status), count);

    /// <summary>
    /// The next <paramref name="count"/> requests (any path) misbehave as <paramref name="fault"/> says. Faults queue up:
    /// each request takes the oldest one left.
    /// </summary>
    public void FailNext(StubFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    /// <summary>Every request fails with <paramref name="status"/> until <see cref="StopFailing"/>: a sustained outage that still answers.</summary>
    public void FailAllRequests(int status) => FailAllRequests(StubFault.WholeRequest(status));

    /// <summary>Every request misbehaves as <paramref name="fault"/> says until <see cref="StopFailing"/>.</summary>
    public void FailAllRequests(StubFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _failAll = fault;
        }
    }

    /// <summary>Ends <see cref="FailAllRequests(int)"/> and drops faults still queued.</summary>
    public void StopFailing()
    {
        lock (_gate)
        {
            _failAll = null;
            _faults.Clear();
        }
    }

    /// <summary>
    /// Down: stop listening, so connections are refused as with a dead node. Up: listen again on the same port.
    /// </summary>
    public async Task SetDownAsync(bool down, CancellationToken cancellationToken = default)
    {
        if (down && _app is not null)
        {
            var app = _app;
            _app = null;
            // Stalled requests would otherwise hold the shutdown until Kestrel's grace period ends.
            await _stopping.CancelAsync();
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
        else if (!down && _app is null)
        {
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
            await ListenAsync(_port, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await SetDownAsync(true);
        _stopping.Dispose();
    }

    private async Task ListenAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                if (_certificate is not null)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = _certificate;
                        https.ServerCertificateChain = _chain;
                    });
                }
            });
            // Bulk bodies of tests can exceed Kestrel's 30 MB default.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(CountedAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.EndsWith('/') ? address : address + "/");
        _port = Url.Port;
        _app = app;
    }

    /// <summary>
    /// Waits until no request is being handled: after a client process is killed, the request it had sent may still be
    /// applied here, and a test counting what the client indexed before it died must wait for that.
    /// </summary>
    public async Task WaitIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _active) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The Elasticsearch stub still handled {Volatile.Read(ref _active)} request(s) after {timeout}.");
            }

            await Task.Delay(10);
        }
    }

    private int _active;

    private async Task CountedAsync(HttpContext context)
    {
        Interlocked.Increment(ref _active);
        try
        {
            await HandleAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context.Request, context.RequestAborted);
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        var answer = Decide(request);
        if (answer.Kind == StubFaultKind.Stall)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, either.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the stub stopped: the point of a stall is that nobody gets an answer.
            }

            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (answer.ContentType.Length > 0)
        {
            context.Response.ContentType = answer.ContentType == "application/json"
                ? ElasticsearchMediaTypes.ResponseType(request.Header("Accept"), request.Header("Content-Type"))
                : answer.ContentType;
        }

        if (answer.FromElasticsearch)
        {
            // Elasticsearch identifies itself with this header; the official clients refuse servers without it.
            context.Response.Headers["X-elastic-product"] = "Elasticsearch";
        }

        foreach (var (name, values) in answer.Headers)
        {
            context.Response.Headers[name] = values;
        }

        var body = System.Text.Encoding.UTF8.GetBytes(answer.Body);
        if (answer.Kind == StubFaultKind.Truncate)
        {
            body = body[..(body.Length / 2)];
        }

        context.Response.ContentLength = request.Method == "HEAD" ? null : body.Length;
        if (request.Method != "HEAD")
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private StubFault Decide(RecordedRequest request)
    {
        lock (_gate)
        {
            var fault = _failAll ?? (_faults.TryDequeue(out var next) ? next : null);
            if (fault is { Kind: StubFaultKind.Answer or StubFaultKind.Stall })
            {
                return fault;
            }

            if (RequestRule?.Invoke(request) is { } ruled)
            {
                return new StubFault(fault?.Kind ?? StubFaultKind.Answer, ruled.Status, ruled.Body);
            }

            var (status, body) = Answer(request);
            return new StubFault(fault?.Kind ?? StubFaultKind.Answer, status, body);
        }
    }

    private (int Status, string Body) Answer(RecordedRequest request)
    {
        if (ElasticsearchMediaTypes.Refusal(request.Header("Accept"), request.Header("Content-Type")) is { } refusal)
        {
            return (400, refusal);
        }

        if (_scripted.TryGetValue(Key(request.Method, request.Path), out var queue) && queue.Count > 0)
        {
            var scripted = queue.Dequeue();
            return (scripted.Status, TypedKeys.Requested(request) ? TypedKeys.Apply(request, scripted.Body) : scripted.Body);
        }

        if (request.Path == "/" && request.Method is "GET" or "HEAD")
        {
            return (200, ElasticsearchRootResponse.Body());
        }

        if (StubKnnSearch.IsKnnSearch(request))
        {
            return StubKnnSearch.Answer(request, _bulk.Documents.Values);
        }

        if (request.Method is "POST" or "PUT" && (request.Path == "/_bulk" || request.Path.EndsWith("/_bulk", StringComparison.Ordinal)))
        {
            var pathIndex = request.Path == "/_bulk" ? null : Uri.UnescapeDataString(request.Path[1..^"/_bulk".Length]);
            return _bulk.Process(pathIndex, request.Header("Content-Type"), request.Body, BulkItemRule);
        }

        return (404, ElasticsearchErrorBodies.Error(404, "resource_not_found_exception",
            $"ElasticsearchStub has no answer for {request.Method} {request.Path}: " +
            $"call Enqueue(\"{request.Method}\", \"{request.Path}\", status, body) in the test first"));
    }

    private async Task<RecordedRequest> RecordAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        using var raw = new MemoryStream();
        await http.Body.CopyToAsync(raw, cancellationToken);
        var wireLength = raw.Length;
        var body = raw.ToArray();
        if (string.Equals(http.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancellationToken);
            body = plain.ToArray();
        }

        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(http.Method, http.Path.Value ?? "/", http.QueryString.Value ?? "", headers, body) { WireLength = wireLength };
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + path;
}
