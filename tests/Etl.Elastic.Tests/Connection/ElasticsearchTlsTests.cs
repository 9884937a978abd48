using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Etl.Elastic.Transport;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Tls;
using Xunit;

namespace Etl.Elastic.Tests.Connection;

/// <summary>
/// <c>CaFile</c> and <c>CertificateFingerprint</c> through the official client the settings factory builds, against the
/// stub serving HTTPS with certificates made here (a CA signing a certificate for 127.0.0.1 and localhost).
/// </summary>
public sealed class ElasticsearchTlsTests : IDisposable
{
    private const string Health = """{"cluster_name":"c","status":"green","timed_out":false,"number_of_nodes":1,"active_shards":1,"unassigned_shards":0}""";
    private static readonly string[] Loopback = ["127.0.0.1", "localhost"];

    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("Elasticsearch security auto-configuration HTTP CA");
    private readonly TestCertificateAuthority _otherCa = TestCertificateAuthority.Create("Someone else's CA");
    private readonly TestCertificateAuthority _intermediate;
    private readonly TestCertificateAuthority _otherIntermediate;
    private readonly List<string> _files = [];

    public ElasticsearchTlsTests()
    {
        _intermediate = _ca.CreateIntermediate("Elasticsearch HTTP CA");
        _otherIntermediate = _otherCa.CreateIntermediate("Impostor HTTP CA");
    }

    [Fact]
    public async Task CaFile_of_the_ca_that_signed_the_server_certificate_connects()
    {
        using var certificate = _ca.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate);

        var health = await HealthAsync(es, o => o.CaFile = Pem(_ca));

        Assert.Equal("green", health.Status);
        Assert.Single(es.RequestsTo("GET", "/_cluster/health"));
    }

    [Fact]
    public async Task CaFile_of_the_root_connects_through_an_intermediate_ca_the_server_sends_along()
    {
        using var certificate = _intermediate.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate, [_intermediate.Certificate, _ca.Certificate]);

        Assert.Equal("green", (await HealthAsync(es, o => o.CaFile = Pem(_ca))).Status);
    }

    [Fact]
    public async Task CaFile_with_several_certificates_trusts_each_of_them()
    {
        using var certificate = _ca.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate);
        var bundle = TempFile(_otherCa.CertificatePem + "\n" + _ca.CertificatePem + "\n");

        Assert.Equal("green", (await HealthAsync(es, o => o.CaFile = bundle)).Status);
    }

    [Fact]
    public async Task CaFile_of_another_ca_is_refused_with_a_message_naming_the_file_and_the_fix()
    {
        using var certificate = _ca.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate);
        var wrong = Pem(_otherCa);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => HealthAsync(es, o => o.CaFile = wrong));

        AssertCertificateRefusal(ex, es, "Elasticsearch:CaFile", wrong, "does not chain to", "CN=Elasticsearch security auto-configuration HTTP CA");
    }

    [Fact]
    public async Task CaFile_of_another_ca_is_refused_even_when_the_server_sends_its_own_ca_along()
    {
        // An impostor completing the chain with a CA of its own: the client must not take the sent CA for a trusted one.
        using var certificate = _otherIntermediate.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate, [_otherIntermediate.Certificate, _otherCa.Certificate]);
        var ours = Pem(_ca);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => HealthAsync(es, o => o.CaFile = ours));

        AssertCertificateRefusal(ex, es, "Elasticsearch:CaFile", ours, "does not chain to");
    }

    [Fact]
    public async Task CaFile_refuses_a_self_signed_server_certificate()
    {
        using var certificate = TestCertificateAuthority.SelfSignedServerCertificate(Loopback);
        await using var es = await StartAsync(certificate);
        var ours = Pem(_ca);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => HealthAsync(es, o => o.CaFile = ours));

        AssertCertificateRefusal(ex, es, "Elasticsearch:CaFile", ours, "does not chain to");
    }

    [Fact]
    public async Task CaFile_refuses_a_certificate_of_the_right_ca_for_another_host()
    {
        using var certificate = _ca.IssueServerCertificate("es01", "10.0.0.7");
        await using var es = await StartAsync(certificate);
        var ours = Pem(_ca);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => HealthAsync(es, o => o.CaFile = ours));

        AssertCertificateRefusal(ex, es, "Elasticsearch:CaFile", "not issued for the host in Elasticsearch:Url", "es01, 10.0.0.7");
    }

    [Fact]
    public async Task CaFile_without_a_certificate_is_reported_with_its_path_when_the_client_is_made()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        var notPem = TempFile("not a certificate");

        var ex = Assert.Throws<InvalidOperationException>(() => StubClient.For(es, o => o.CaFile = notPem));

        Assert.Contains(notPem, ex.Message, StringComparison.Ordinal);
        Assert.Contains("-----BEGIN CERTIFICATE-----", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upper hex")]
    [InlineData("lower hex")]
    [InlineData("colons")]
    public async Task CertificateFingerprint_of_the_server_certificate_connects(string format)
    {
        using var certificate = _ca.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate);
        var hex = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var fingerprint = format switch
        {
            "lower hex" => hex.ToLowerInvariant(),
            "colons" => string.Join(':', hex.Chunk(2).Select(pair => new string(pair))),
            _ => hex,
        };

        Assert.Equal("green", (await HealthAsync(es, o => o.CertificateFingerprint = fingerprint)).Status);
    }

    [Fact]
    public async Task CertificateFingerprint_of_the_ca_connects_when_the_server_sends_its_ca_along()
    {
        // Elasticsearch prints the HTTP CA's fingerprint at first start and sends that CA after its certificate.
        using var certificate = _intermediate.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate, [_intermediate.Certificate, _ca.Certificate]);

        Assert.Equal("green", (await HealthAsync(es, o => o.CertificateFingerprint = _intermediate.Sha256Fingerprint)).Status);
    }

    [Fact]
    public async Task CertificateFingerprint_that_matches_nothing_the_server_presents_is_refused()
    {
        using var certificate = _intermediate.IssueServerCertificate(Loopback);
        await using var es = await StartAsync(certificate, [_intermediate.Certificate, _ca.Certificate]);
        var wrong = _otherIntermediate.Sha256Fingerprint;

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => HealthAsync(es, o => o.CertificateFingerprint = wrong));

        AssertCertificateRefusal(
            ex, es, "Elasticsearch:CertificateFingerprint", wrong, certificate.GetCertHashString(HashAlgorithmName.SHA256), _intermediate.Sha256Fingerprint);
    }

    [Fact]
    public async Task CertificateFingerprint_of_the_ca_refuses_a_forged_certificate_sent_with_the_real_ca()
    {
        // The CA certificate is public; whoever holds it can attach it to a certificate that merely names it as issuer.
        using var forged = _intermediate.ForgeServerCertificate(Loopback);
        await using var es = await StartAsync(forged, [_intermediate.Certificate, _ca.Certificate]);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => HealthAsync(es, o => o.CertificateFingerprint = _intermediate.Sha256Fingerprint));

        AssertCertificateRefusal(ex, es, "Elasticsearch:CertificateFingerprint", _intermediate.Sha256Fingerprint);
    }

    [Fact]
    public async Task CertificateFingerprint_of_the_ca_refuses_its_certificate_for_another_host()
    {
        using var certificate = _intermediate.IssueServerCertificate("es01");
        await using var es = await StartAsync(certificate, [_intermediate.Certificate, _ca.Certificate]);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => HealthAsync(es, o => o.CertificateFingerprint = _intermediate.Sha256Fingerprint));

        AssertCertificateRefusal(ex, es, "Elasticsearch:CertificateFingerprint", "not issued for the host in Elasticsearch:Url");
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        _intermediate.Dispose();
        _otherIntermediate.Dispose();
        _ca.Dispose();
        _otherCa.Dispose();
    }

    private static async Task<ElasticsearchStub> StartAsync(X509Certificate2 certificate, X509Certificate2[]? chain = null)
    {
        var es = await ElasticsearchStub.StartHttpsAsync(certificate, chain is null ? null : new X509Certificate2Collection(chain));
        es.Enqueue("GET", "/_cluster/health", 200, Health);
        return es;
    }

    private static async Task<Cluster.ClusterHealth> HealthAsync(ElasticsearchStub es, Action<ElasticsearchOptions> tls)
    {
        Assert.Equal("https", es.Url.Scheme);
        using var client = StubClient.For(es, tls);
        return await client.Cluster.HealthAsync();
    }

    /// <summary>Refused in the handshake (nothing reached the server), with a message that says which setting and what to do.</summary>
    private static void AssertCertificateRefusal(ElasticsearchException ex, ElasticsearchStub es, params string[] mentions)
    {
        Assert.Empty(es.Requests);
        Assert.Null(ex.Status);
        Assert.Contains("certificate", ex.Message, StringComparison.OrdinalIgnoreCase);
        foreach (var mention in mentions)
        {
            Assert.True(ex.Message.Contains(mention, StringComparison.OrdinalIgnoreCase), $"'{mention}' not in: {ex.Message}");
        }
    }

    private string Pem(TestCertificateAuthority ca) => TempFile(ca.CertificatePem);

    private string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"etl-ca-{Guid.NewGuid():N}.crt");
        File.WriteAllText(path, content);
        _files.Add(path);
        return path;
    }
}
