using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Etl.Worker.Sources.X;

/// <summary>
/// Reads <c>GET /2/tweets/search/stream</c> line by line into the hand-off, reconnecting per X's guidance
/// (<see cref="XBackoff"/>). 20 s (<see cref="XStreamOptions.StallTimeout"/>) without a post or a keep-alive is a
/// stall: the connection is dropped and opened again. Operational-disconnect messages end the connection the same
/// way; malformed lines are counted and reported, and reading goes on. 401/403/400 stop with an
/// <see cref="XApiException"/> naming the fix: retrying a refused token only earns a longer ban.
/// </summary>
public sealed class XStreamReader(HttpClient http, XStreamOptions options, SourceMetrics metrics, TimeProvider clock, ILogger logger)
{
    private const int MaxErrorBody = 4096;
    private readonly XBackoff backoff = new(options);

    /// <summary>Raised before each wait-and-reconnect (tests check the timings; the CLI logs them).</summary>
    public event Action<XReconnect>? Reconnecting;

    public Uri StreamUri => new(
        $"{options.BaseUrl.TrimEnd('/')}/2/tweets/search/stream?tweet.fields={Escape(options.TweetFields)}&expansions={Escape(options.Expansions)}" +
        $"&user.fields={Escape(options.UserFields)}&place.fields={Escape(options.PlaceFields)}");

    public async Task RunAsync(SourceHandoff handoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        if (string.IsNullOrWhiteSpace(options.BearerToken))
        {
            throw new XApiException($"No bearer token: set {XStreamOptions.SectionName}:BearerToken (environment {XStreamOptions.SectionName}__BearerToken or X_BEARER_TOKEN) to your app's bearer token from the X developer portal.");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (kind, reason, reset) = await ConnectOnceAsync(handoff, cancellationToken);
            var delay = backoff.Next(kind, clock.GetUtcNow(), reset);
            metrics.RecordReconnect();
            logger.LogWarning("X stream: {Reason}; reconnecting in {Delay} ({Kind}).", reason, delay, kind);
            // The wait's timer exists before anyone hears of it, so a fake clock advanced on the event cannot miss it.
            var wait = Task.Delay(delay, clock, cancellationToken);
            Reconnecting?.Invoke(new XReconnect(kind, delay, reason));
            await wait;
        }
    }

    private async Task<(XFailureKind Kind, string Reason, DateTimeOffset? Reset)> ConnectOnceAsync(SourceHandoff handoff, CancellationToken cancellationToken)
    {
        using var stall = new CancellationTokenSource(options.StallTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, StreamUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (HttpRequestException ex)
        {
            return (XFailureKind.Network, $"cannot connect to {options.BaseUrl} ({ex.Message})", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (XFailureKind.Network, $"no response from {options.BaseUrl} within {options.StallTimeout}", null);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return await FailureAsync(response, cancellationToken);
            }

            var delivered = false;
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (true)
                {
                    var line = await reader.ReadLineAsync(linked.Token);
                    if (line is null)
                    {
                        return (delivered ? XFailureKind.Dropped : XFailureKind.Network, "the server closed the stream", null);
                    }

                    stall.CancelAfter(options.StallTimeout);
                    if (!delivered)
                    {
                        delivered = true;
                        backoff.Established();
                    }

                    var message = XStreamMessage.Parse(line);
                    switch (message.Kind)
                    {
                        case XStreamMessageKind.KeepAlive:
                            break;
                        case XStreamMessageKind.Tweet:
                            var tweet = message.Tweet!;
                            metrics.RecordReceived(tweet.CreatedAt);
                            if (message.Detail is not null)
                            {
                                logger.LogDebug("X stream: post {Id} came with partial errors: {Errors}", tweet.Id, message.Detail);
                            }

                            await handoff.WriteAsync(new StreamItem(tweet, null, tweet.CreatedAt), cancellationToken);
                            // Time spent waiting on a full hand-off is ours, not a silent server.
                            stall.CancelAfter(options.StallTimeout);
                            break;
                        case XStreamMessageKind.Disconnect:
                            return (XFailureKind.Dropped, $"X ended the stream: {message.Detail}", null);
                        case XStreamMessageKind.Errors:
                            logger.LogWarning("X stream sent errors: {Errors}", message.Detail);
                            break;
                        default:
                            metrics.RecordMalformed();
                            logger.LogWarning("X stream: skipped a line that is not a post ({Problem}): {Line}", message.Detail, Truncate(line));
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (XFailureKind.Dropped, $"stalled: no data or keep-alive for {options.StallTimeout}", null);
            }
            catch (IOException ex)
            {
                return (delivered ? XFailureKind.Dropped : XFailureKind.Network, $"the connection broke ({ex.Message})", null);
            }
            catch (HttpRequestException ex)
            {
                return (delivered ? XFailureKind.Dropped : XFailureKind.Network, $"the connection broke ({ex.Message})", null);
            }
        }
    }

    private static async Task<(XFailureKind, string, DateTimeOffset?)> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await ReadSomeAsync(response, cancellationToken);
        var detail = $"HTTP {status} {response.ReasonPhrase}: {body}";
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                throw new XApiException($"X refused the bearer token ({detail}). Set {XStreamOptions.SectionName}:BearerToken (environment {XStreamOptions.SectionName}__BearerToken or X_BEARER_TOKEN) to the app's bearer token from the developer portal.") { StatusCode = status };
            case HttpStatusCode.Forbidden:
                throw new XApiException($"X does not allow this app to use the filtered stream ({detail}). The app must belong to a project on a plan that includes the filtered stream.") { StatusCode = status };
            case HttpStatusCode.BadRequest:
                throw new XApiException($"X rejected the stream request ({detail}). Check {XStreamOptions.SectionName}:TweetFields, Expansions, UserFields and PlaceFields.") { StatusCode = status };
            case HttpStatusCode.TooManyRequests:
                return (XFailureKind.RateLimited, detail, RateLimitReset(response));
            default:
                return (XFailureKind.Http, detail, null);
        }
    }

    /// <summary><c>x-rate-limit-reset</c>: when the window resets, in Unix seconds.</summary>
    public static DateTimeOffset? RateLimitReset(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("x-rate-limit-reset", out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return Truncate(text, MaxErrorBody);
        }
        catch (HttpRequestException ex)
        {
            return $"(no body: {ex.Message})";
        }
        catch (IOException ex)
        {
            return $"(no body: {ex.Message})";
        }
    }

    private static string Truncate(string text, int max = 300) => text.Length <= max ? text : text[..max] + "…";

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
