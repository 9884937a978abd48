using System.Security.Authentication;

namespace Etl.Elastic.Connection;

/// <summary>
/// The server's TLS certificate did not pass <c>Elasticsearch:CaFile</c> or <c>Elasticsearch:CertificateFingerprint</c>;
/// the message says why and what to change. Thrown from the handshake, so it arrives wrapped in the HTTP client's
/// exception and is surfaced as an <see cref="Transport.ElasticsearchException"/>.
/// </summary>
public sealed class CertificateRefusedException : AuthenticationException
{
    public CertificateRefusedException()
    {
    }

    public CertificateRefusedException(string message)
        : base(message)
    {
    }

    public CertificateRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
