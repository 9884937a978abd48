using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Etl.Elastic.Connection;

/// <summary>
/// Decides whether to trust the certificate an Elasticsearch node presents, from <c>Elasticsearch:CaFile</c> (it must
/// chain to one of the file's CAs and be issued for the host connected to) or <c>Elasticsearch:CertificateFingerprint</c>
/// (it is the certificate with that SHA-256, or it is issued for the host and validly signed by the presented CA
/// certificate with that SHA-256). A refusal throws <see cref="CertificateRefusedException"/> with the reason.
/// </summary>
/// <remarks>
/// Elastic.Transport 1.1.0's own checks are not used, for what <c>ElasticsearchTlsTests</c> showed them doing:
/// <c>CertificateValidations.AuthorityIsRoot</c> accepts any self-signed certificate and a certificate of the CA for
/// another host, uses only the first CA of a bundle, and ignores intermediates the server sends; its fingerprint check
/// accepts a certificate that merely names the pinned CA as issuer when the CA is sent along, and one for another host.
/// </remarks>
public sealed class ServerCertificateValidator
{
    private const string CaFileSetting = "Elasticsearch:CaFile";
    private const string FingerprintSetting = "Elasticsearch:CertificateFingerprint";

    private readonly X509Certificate2Collection? _authorities;
    private readonly string? _caFile;
    private readonly string? _fingerprint;
    private readonly string? _configuredFingerprint;

    private ServerCertificateValidator(X509Certificate2Collection? authorities, string? caFile, string? fingerprint)
    {
        _authorities = authorities;
        _caFile = caFile;
        _configuredFingerprint = fingerprint?.Trim();
        _fingerprint = fingerprint is null ? null : NormalizeFingerprint(fingerprint);
    }

    /// <summary>Trusts certificates that chain to a CA in the PEM file at <paramref name="path"/> (a bundle may hold several).</summary>
    public static ServerCertificateValidator FromCaFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"{CaFileSetting} '{path}' holds no readable PEM certificate. Use the CA's .crt/.pem file (-----BEGIN CERTIFICATE-----).", ex);
        }

        return authorities.Count > 0
            ? new ServerCertificateValidator(authorities, path, null)
            : throw new InvalidOperationException(
                $"{CaFileSetting} '{path}' holds no PEM certificate. Use the CA's .crt/.pem file (-----BEGIN CERTIFICATE-----).");
    }

    /// <summary>
    /// Trusts the certificate, or the CA certificate, with this SHA-256 fingerprint: hex digits in either case, with or
    /// without colons (<c>AB:CD:...</c>, as openssl prints it) or spaces.
    /// </summary>
    public static ServerCertificateValidator FromFingerprint(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        var normalized = NormalizeFingerprint(fingerprint);
        return normalized.Length == 64 && normalized.All(char.IsAsciiHexDigit)
            ? new ServerCertificateValidator(null, null, fingerprint)
            : throw new ArgumentException(
                $"{FingerprintSetting} '{fingerprint}' is not a SHA-256 fingerprint: use its 64 hex digits (colons allowed).", nameof(fingerprint));
    }

    /// <summary>Upper-case hex without separators.</summary>
    public static string NormalizeFingerprint(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return string.Concat(fingerprint.Where(c => c is not (':' or ' ' or '-'))).Trim().ToUpperInvariant();
    }

    /// <summary>The signature of <c>HttpClientHandler.ServerCertificateCustomValidationCallback</c> as Elastic.Transport takes it.</summary>
    public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var refusal = Refusal(certificate, chain, errors);
        return refusal is null ? true : throw new CertificateRefusedException(refusal);
    }

    /// <summary>Null when the certificate is trusted; otherwise why not and what to change.</summary>
    public string? Refusal(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the server presented no certificate.";
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var presented = Presented(leaf, chain);
        return _authorities is not null
            ? CaFileRefusal(leaf, presented, errors)
            : FingerprintRefusal(leaf, presented, errors);
    }

    private string? CaFileRefusal(X509Certificate2 leaf, X509Certificate2Collection presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            // Trusted by the machine already (e.g. a public certificate on a proxy in front of the cluster).
            return null;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return NameMismatch(leaf, CaFileSetting);
        }

        if (ChainsTo(leaf, _authorities!, presented, out var problem))
        {
            return null;
        }

        var names = string.Join("; ", _authorities!.Select(a => a.Subject));
        return $"the server's certificate ({Describe(leaf)}) does not chain to a CA in {CaFileSetting} '{_caFile}' ({names}): {problem}. " +
            $"Point {CaFileSetting} at the CA that signed the cluster's HTTP certificate (certs/ca/ca.crt from elasticsearch-certutil, " +
            "or config/certs/http_ca.crt of a node that configured security itself).";
    }

    private string? FingerprintRefusal(X509Certificate2 leaf, X509Certificate2Collection presented, SslPolicyErrors errors)
    {
        if (Sha256(leaf) == _fingerprint)
        {
            // Pinned: exactly this certificate, whatever name it carries.
            return null;
        }

        var authority = presented.Cast<X509Certificate2>().FirstOrDefault(c => Sha256(c) == _fingerprint && !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span));
        if (authority is null)
        {
            var others = presented.Count == 0 ? "" : " nor the certificates sent with it (" + string.Join("; ", presented.Select(c => $"{c.Subject} SHA-256 {Sha256(c)}")) + ")";
            return $"neither the server's certificate ({Describe(leaf)}){others} has the SHA-256 fingerprint in {FingerprintSetting} ({_configuredFingerprint}). " +
                "Use the 'HTTP CA certificate SHA-256 fingerprint' Elasticsearch printed at first start, or the output of " +
                "'openssl x509 -fingerprint -sha256 -noout -in http_ca.crt' (colons allowed).";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return NameMismatch(leaf, FingerprintSetting);
        }

        return SignedBy(leaf, authority, presented, out var problem)
            ? null
            : $"the server's certificate ({Describe(leaf)}) was sent with the CA whose fingerprint is in {FingerprintSetting} ({_configuredFingerprint}) " +
                $"but is not validly signed by it: {problem}. Someone may be impersonating the cluster; check what listens at the address.";
    }

    private static bool ChainsTo(X509Certificate2 leaf, X509Certificate2Collection roots, X509Certificate2Collection presented, out string problem)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.ExtraStore.AddRange(presented);
        // Private CAs rarely publish revocation lists; checking would fail every handshake.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var built = custom.Build(leaf);
        problem = built
            ? ""
            : string.Join(", ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty("no valid chain"));
        foreach (var element in custom.ChainElements)
        {
            element.Certificate.Dispose();
        }

        return built;
    }

    /// <summary>
    /// True when <paramref name="leaf"/> is validly signed (through <paramref name="presented"/> intermediates, if any)
    /// by <paramref name="authority"/>, which need not be a root: the server sent it, and its own issuer may be unknown.
    /// Every certificate below the authority must be clean (signature, validity period, CA constraints).
    /// </summary>
    private static bool SignedBy(X509Certificate2 leaf, X509Certificate2 authority, X509Certificate2Collection presented, out string problem)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.ExtraStore.AddRange(presented);
        custom.ChainPolicy.ExtraStore.Add(authority);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // The authority's own issuer is usually not at hand; what matters is the part of the chain below it.
        custom.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        custom.Build(leaf);
        var elements = custom.ChainElements.ToList();
        var at = elements.FindIndex(e => e.Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span));
        var below = at < 1 ? [] : elements.Take(at).SelectMany(e => e.ChainElementStatus).Where(s => s.Status != X509ChainStatusFlags.NoError).ToList();
        var own = at < 1 ? [] : elements[at].ChainElementStatus.Where(s => s.Status is not (X509ChainStatusFlags.NoError
            or X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain)).ToList();
        problem = at < 1
            ? "no chain from it to that CA (" + string.Join(", ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()).DefaultIfEmpty("no issuer")) + ")"
            : string.Join(", ", below.Concat(own).Select(s => s.StatusInformation.Trim()));
        var signed = at >= 1 && below.Count == 0 && own.Count == 0;
        foreach (var element in elements)
        {
            element.Certificate.Dispose();
        }

        return signed;
    }

    /// <summary>The certificates the server sent after its own (what the TLS stack put in the chain's extra store or built into it).</summary>
    private static X509Certificate2Collection Presented(X509Certificate2 leaf, X509Chain? chain)
    {
        var presented = new X509Certificate2Collection();
        if (chain is null)
        {
            return presented;
        }

        foreach (var candidate in chain.ChainPolicy.ExtraStore.Cast<X509Certificate2>().Concat(chain.ChainElements.Select(e => e.Certificate)))
        {
            if (!candidate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)
                && !presented.Cast<X509Certificate2>().Any(c => c.RawDataMemory.Span.SequenceEqual(candidate.RawDataMemory.Span)))
            {
                presented.Add(candidate);
            }
        }

        return presented;
    }

    private static string NameMismatch(X509Certificate2 leaf, string setting) =>
        $"the server's certificate ({Describe(leaf)}) is not issued for the host in Elasticsearch:Url; it names " +
        $"{SubjectAlternativeNames(leaf)}. {setting} does not excuse a wrong name: connect with a name the certificate holds, " +
        "or reissue the node's HTTP certificate with this name (elasticsearch-certutil http, --dns/--ip).";

    private static string SubjectAlternativeNames(X509Certificate2 leaf)
    {
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = san is null ? [] : san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())).ToList();
        return names.Count > 0 ? string.Join(", ", names) : leaf.Subject;
    }

    private static string Describe(X509Certificate2 certificate) =>
        string.Create(CultureInfo.InvariantCulture, $"subject {certificate.Subject}, issuer {certificate.Issuer}, SHA-256 {Sha256(certificate)}");

    private static string Sha256(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
