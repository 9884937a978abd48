using System.Globalization;
using System.Text.Json;
using Elastic.Transport.Products.Elasticsearch;

namespace Etl.Elastic.Transport;

/// <summary>A request Elasticsearch refused, one that never reached it, or an answer that could not be read.</summary>
public sealed class ElasticsearchException : Exception
{
    public ElasticsearchException()
    {
    }

    public ElasticsearchException(string message)
        : base(message)
    {
    }

    public ElasticsearchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ElasticsearchException(string message, int? status, ElasticsearchError? error, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Error = error;
        IsTransient = isTransient;
    }

    /// <summary>HTTP status; null when no usable answer arrived (connection refused, timeout, a body that could not be read).</summary>
    public int? Status { get; }

    public ElasticsearchError? Error { get; }

    /// <summary>Elasticsearch's error type, e.g. <c>es_rejected_execution_exception</c>.</summary>
    public string? ErrorType => Error?.Type;

    public string? Reason => Error?.Reason;

    /// <summary>True when the same request may succeed later: 429, 5xx, no connection, timeout, an unreadable answer.</summary>
    public bool IsTransient { get; }

    /// <summary>Retry policy shared by whole requests and bulk items: back off on 429 and 5xx, never retry other 4xx.</summary>
    public static bool IsTransientStatus(int status) => status == 429 || status >= 500;

    /// <summary>
    /// Null when <paramref name="response"/> is a usable answer; otherwise the failure, from the client's call details:
    /// no answer (connection, timeout), an error status with Elasticsearch's error object, or a 2xx body the client
    /// could not read (not JSON, truncated, not from Elasticsearch) — which is never taken for success.
    /// </summary>
    public static ElasticsearchException? From(ElasticsearchResponse response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        var details = response.ApiCallDetails;
        var status = details?.HttpStatusCode;
        var original = details?.OriginalException;
        if (details is { HasSuccessfulStatusCode: true, HttpStatusCode: not null } && original is null)
        {
            return null;
        }

        if (status is null)
        {
            if (TlsRefusal(original) is { } tls)
            {
                return new ElasticsearchException($"{what} to {details?.Uri?.GetLeftPart(UriPartial.Authority)}: {tls}", null, null, isTransient: true, original);
            }

            var timedOut = original is TimeoutException or TaskCanceledException || original?.InnerException is TimeoutException or TaskCanceledException;
            var why = timedOut
                ? "timed out. Raise Elasticsearch:RequestTimeout or send smaller requests"
                : "got no answer. Check Elasticsearch:Url and that the cluster is up";
            return new ElasticsearchException($"{what} to {details?.Uri?.GetLeftPart(UriPartial.Authority)} {why}: {original?.Message}", null, null, isTransient: true, original);
        }

        var code = status.Value;
        if (details!.HasSuccessfulStatusCode)
        {
            // 2xx, but the body did not deserialize: a proxy's page, a truncated answer, or a server that is not Elasticsearch.
            return new ElasticsearchException(
                $"{what} answered {code} with a body that is not a valid Elasticsearch answer " +
                $"({details.ResponseContentType}): {original!.Message}. Check the URL points at Elasticsearch and no proxy rewrites the body.",
                null, null, isTransient: true, original);
        }

        var error = ElasticsearchError.From(response.ElasticsearchServerError?.Error);
        var summary = error is not null
            ? error.ToString()
            : code == 413
                ? "request too large (over http.max_content_length); send smaller bulk requests"
                : $"a body that is not an Elasticsearch error ({details.ResponseContentType})";
        return new ElasticsearchException(
            string.Create(CultureInfo.InvariantCulture, $"{what} answered {code}: {summary}"), code, error, IsTransientStatus(code),
            original is JsonException ? null : original);
    }

    /// <summary>Why the TLS handshake refused the server's certificate, when that is what failed; otherwise null.</summary>
    private static string? TlsRefusal(Exception? original)
    {
        for (var e = original; e is not null; e = e.InnerException)
        {
            if (e is Connection.CertificateRefusedException refused)
            {
                return "refused the server's TLS certificate: " + refused.Message;
            }

            if (e is System.Security.Authentication.AuthenticationException)
            {
                return $"the server's TLS certificate is not trusted by this machine ({e.Message}). Set Elasticsearch:CaFile to the " +
                    "cluster's CA (e.g. certs/ca/ca.crt) or Elasticsearch:CertificateFingerprint to its SHA-256 fingerprint.";
            }
        }

        return null;
    }
}
