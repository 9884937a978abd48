using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Etl.Testing.Tls;

/// <summary>
/// A throwaway certificate authority made in the test, the way Elasticsearch's security auto-configuration makes its
/// HTTP CA: a self-signed CA certificate that signs server certificates for the names a test connects to.
/// Nothing touches the machine's trust store.
/// </summary>
/// <example>
/// <code>
/// using var ca = TestCertificateAuthority.Create("Elasticsearch HTTP CA");
/// using var server = ca.IssueServerCertificate("localhost", "127.0.0.1");
/// File.WriteAllText(path, ca.CertificatePem);
/// </code>
/// </example>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TestCertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The CA certificate (public part only, as a CA file holds it).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM (<c>-----BEGIN CERTIFICATE-----</c>), what <c>http_ca.crt</c> holds.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>SHA-256 of the CA certificate as Elasticsearch prints it at first start: 64 upper-case hex digits.</summary>
    public string Sha256Fingerprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static TestCertificateAuthority Create(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return new TestCertificateAuthority(X509CertificateLoader.LoadCertificate(withKey.RawData), key);
    }

    /// <summary>
    /// An intermediate CA signed by this one. A server that sends it along after its certificate lets a client that
    /// trusts only the root (or pins the intermediate's fingerprint) build the chain. (.NET's TLS server never sends a
    /// self-signed root, so a test that needs "the server sends its CA" uses an intermediate.)
    /// </summary>
    public TestCertificateAuthority CreateIntermediate(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        using var issuer = Certificate.CopyWithPrivateKey(_key);
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), serial);
        return new TestCertificateAuthority(X509CertificateLoader.LoadCertificate(issued.RawData), key);
    }

    /// <summary>
    /// A server certificate signed by this CA, with the private key (for Kestrel), valid for <paramref name="names"/>:
    /// each an IP address (IP SAN) or a DNS name (DNS SAN).
    /// </summary>
    public X509Certificate2 IssueServerCertificate(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(key, names);
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        using var issuer = Certificate.CopyWithPrivateKey(_key);
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        return Loadable(issued.CopyWithPrivateKey(key));
    }

    /// <summary>A self-signed server certificate for <paramref name="names"/>, signed by no CA.</summary>
    public static X509Certificate2 SelfSignedServerCertificate(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = ServerRequest(key, names).CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30));
        return Loadable(issued);
    }

    /// <summary>
    /// A forgery: a server certificate that names this CA as its issuer but is signed by another key, as someone who
    /// holds only the (public) CA certificate could make. A client must refuse it even when the real CA comes along.
    /// </summary>
    public X509Certificate2 ForgeServerCertificate(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var impostorKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        using var issued = ServerRequest(key, names).Create(
            Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(impostorKey),
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        return Loadable(issued.CopyWithPrivateKey(key));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private static CertificateRequest ServerRequest(ECDsa key, string[] names)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={names.FirstOrDefault() ?? "server"}"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }

    /// <summary>Round-trips through PKCS#12 so the private key is usable by the TLS stack on every platform.</summary>
    private static X509Certificate2 Loadable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
