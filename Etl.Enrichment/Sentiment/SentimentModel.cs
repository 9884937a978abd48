using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// A multinomial logistic regression over hashed features: <c>2^Bits</c> buckets × 3 classes, weights interleaved
/// per bucket so one feature touches one cache line. Immutable once built, so one instance serves every thread.
/// </summary>
/// <remarks>
/// File format (gzip-compressed): magic "ETLSENT", format version byte, bits (int32), class count (int32),
/// name (length-prefixed UTF-8), 3 biases (float32), weights as IEEE half floats (little-endian), then lexicon bits
/// (int32) and one signed byte per lexicon bucket.
/// Half precision keeps the committed model near 1 MB and changes scores by less than 1e-3.
/// </remarks>
public sealed class SentimentModel
{
    public const byte FormatVersion = 1;
    public const int Classes = 3;
    private static readonly byte[] Magic = "ETLSENT"u8.ToArray();

    private readonly float[] weights;
    private readonly float[] biases;

    public SentimentModel(string name, int bits, float[] weights, float[] biases, SentimentLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (bits is < 10 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Hash bits must be between 10 and 24.");
        }

        if (weights.Length != Classes << bits || biases.Length != Classes)
        {
            throw new ArgumentException($"Expected {Classes << bits} weights and {Classes} biases for {bits} bits, got {weights.Length} and {biases.Length}.", nameof(weights));
        }

        Name = name;
        Bits = bits;
        Lexicon = lexicon;
        this.weights = weights;
        this.biases = biases;
    }

    /// <summary>Identifies the trained model in documents (<c>pipeline.sentiment_model</c>).</summary>
    public string Name { get; }

    public int Bits { get; }

    /// <summary>The distant-supervision lexicon the features were computed with (empty when trained without one).</summary>
    public SentimentLexicon Lexicon { get; }

    public uint Mask => (1u << Bits) - 1;

    /// <summary>Adds each class's raw score (logit) for the given features to <paramref name="scores"/>.</summary>
    public void Score(ReadOnlySpan<uint> features, Span<float> scores)
    {
        float negative = biases[0], neutral = biases[1], positive = biases[2];
        var mask = Mask;
        var w = weights;
        foreach (var feature in features)
        {
            var offset = (int)(feature & mask) * Classes;
            negative += w[offset];
            neutral += w[offset + 1];
            positive += w[offset + 2];
        }

        scores[0] = negative;
        scores[1] = neutral;
        scores[2] = positive;
    }

    public void Save(Stream destination)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Bits);
        writer.Write(Classes);
        writer.Write(Name);
        foreach (var bias in biases)
        {
            writer.Write(bias);
        }

        var buffer = new byte[2 * 4096];
        for (var start = 0; start < weights.Length; start += 4096)
        {
            var count = Math.Min(4096, weights.Length - start);
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(2 * i), (Half)weights[start + i]);
            }

            writer.Write(buffer, 0, 2 * count);
        }

        writer.Write(Lexicon.Bits);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Lexicon.Scores));
    }

    public static SentimentModel Load(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("Not a sentiment model: the file does not start with 'ETLSENT'. Train one with 'etl-worker train-sentiment'.");
            }

            var version = reader.ReadByte();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Sentiment model format version {version} is not supported (this build reads {FormatVersion}). Retrain with this build's 'etl-worker train-sentiment'.");
            }

            var bits = reader.ReadInt32();
            var classes = reader.ReadInt32();
            if (classes != Classes || bits is < 10 or > 24)
            {
                throw new InvalidDataException($"Sentiment model header is invalid: bits {bits}, classes {classes} (expected 10..24 bits and {Classes} classes).");
            }

            var name = reader.ReadString();
            var biases = new float[Classes];
            for (var i = 0; i < Classes; i++)
            {
                biases[i] = reader.ReadSingle();
            }

            var weights = new float[Classes << bits];
            var buffer = new byte[2 * 4096];
            for (var start = 0; start < weights.Length; start += 4096)
            {
                var count = Math.Min(4096, weights.Length - start);
                reader.BaseStream.ReadExactly(buffer, 0, 2 * count);
                for (var i = 0; i < count; i++)
                {
                    weights[start + i] = (float)BinaryPrimitives.ReadHalfLittleEndian(buffer.AsSpan(2 * i));
                }
            }

            var lexiconBits = reader.ReadInt32();
            if (lexiconBits is < 8 or > 24)
            {
                throw new InvalidDataException($"Sentiment model lexicon header is invalid: {lexiconBits} bits (expected 8..24).");
            }

            var lexicon = new sbyte[1 << lexiconBits];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lexicon.AsSpan()));
            return new SentimentModel(name, bits, weights, biases, new SentimentLexicon(lexiconBits, lexicon));
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Sentiment model file is truncated. Retrain it with 'etl-worker train-sentiment'.", ex);
        }
    }

    /// <summary>The model committed with this build (Sentiment/Data/sentiment.model).</summary>
    public static SentimentModel LoadEmbedded()
    {
        using var stream = EmbeddedData.Open(EmbeddedData.SentimentModel);
        return Load(stream);
    }
}
