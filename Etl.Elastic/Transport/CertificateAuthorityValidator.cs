using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Etl.Elastic.Transport;

/// <summary>
/// Accepts a server certificate that chains to one of the given CA certificates, as Elasticsearch's
/// self-managed security setup produces (its own CA, not in the machine's trust store).
/// </summary>
public sealed class CertificateAuthorityValidator
{
    private readonly X509Certificate2Collection _authorities;

    public CertificateAuthorityValidator(X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (authorities.Count == 0)
        {
            throw new ArgumentException("No CA certificate given. Pass the PEM file with the cluster's CA certificate.", nameof(authorities));
        }

        _authorities = authorities;
    }

    /// <summary>Reads every certificate in a PEM file (a CA bundle may hold several).</summary>
    public static CertificateAuthorityValidator FromPemFile(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"Elasticsearch:CaFile '{path}' holds no readable PEM certificate. Use the CA's .crt/.pem file (-----BEGIN CERTIFICATE-----).", ex);
        }

        if (authorities.Count == 0)
        {
            throw new InvalidOperationException(
                $"Elasticsearch:CaFile '{path}' holds no PEM certificate. Use the CA's .crt/.pem file (-----BEGIN CERTIFICATE-----).");
        }

        return new CertificateAuthorityValidator(authorities);
    }

    /// <summary>Signature of <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            // Already trusted by the machine (e.g. a public certificate in front of the cluster).
            return true;
        }

        // A wrong host name or no certificate is never excused by a private CA.
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        return ChainsToAuthority(leaf, chain);
    }

    /// <summary>True when <paramref name="leaf"/> builds a valid chain ending at one of the CAs.</summary>
    public bool ChainsToAuthority(X509Certificate2 leaf, X509Chain? presented = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // Private CAs rarely publish revocation lists; checking would fail every handshake.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }
}
