using Microsoft.ML;
using Microsoft.ML.Data;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// The trained sentiment model: an ML.NET multiclass transformer over the featurizer's sparse vector, plus the
/// Sentiment140 lexicon and the feature options it was trained with. The transformer is saved as an ML.NET model
/// file (<c>Sentiment/Data/sentiment.zip</c>) and the lexicon as a word list (<c>Sentiment/Data/sentiment-lexicon.tsv.gz</c>).
/// Immutable; score through <see cref="SentimentPredictor"/>, which pools ML.NET's non-thread-safe prediction engines.
/// </summary>
public sealed class SentimentModel
{
    public const int Classes = 3;

    /// <summary>The committed model's name in documents (<c>pipeline.sentiment_model</c>): data, trainer, feature version.</summary>
    public const string DefaultName = "semeval-mlnet-ova-logreg-clusters-v3";

    public SentimentModel(string name, MLContext context, ITransformer transformer, SentimentLexicon lexicon, SentimentFeatureOptions features, SentimentWordClusters? clusters = null)
    {
        Clusters = clusters ?? SentimentWordClusters.Empty();
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Transformer = transformer ?? throw new ArgumentNullException(nameof(transformer));
        Lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));
        Features = (features ?? throw new ArgumentNullException(nameof(features))).Validate();
    }

    /// <summary>Identifies the trained model in documents (<c>pipeline.sentiment_model</c>).</summary>
    public string Name { get; }

    public MLContext Context { get; }

    public ITransformer Transformer { get; }

    /// <summary>The distant-supervision lexicon the features are computed with (empty when trained without one).</summary>
    public SentimentLexicon Lexicon { get; }

    public SentimentFeatureOptions Features { get; }

    /// <summary>The word-cluster table the features are computed with (empty when trained without one).</summary>
    public SentimentWordClusters Clusters { get; }

    /// <summary>The schema of <see cref="SentimentRow"/> for a vector of <paramref name="dimension"/> slots and a 3-class key label.</summary>
    public static SchemaDefinition RowSchema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(SentimentRow));
        schema[nameof(SentimentRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        schema[nameof(SentimentRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), Classes);
        return schema;
    }

    /// <summary>Writes the ML.NET model file (the transformer and its input schema).</summary>
    public void Save(Stream destination)
    {
        var input = Context.Data.LoadFromEnumerable(Array.Empty<SentimentRow>(), RowSchema(Features.Dimension));
        Context.Model.Save(Transformer, input.Schema, destination);
    }

    /// <summary>Reads an ML.NET model file written by <see cref="Save"/>, checking it reads the vector these options produce.</summary>
    public static SentimentModel Load(Stream model, SentimentLexicon lexicon, SentimentFeatureOptions features, string name, SentimentWordClusters? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var context = new MLContext(seed: 0);
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = context.Model.Load(model, out schema);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or System.IO.InvalidDataException)
        {
            throw new InvalidDataException("Not an ML.NET sentiment model. Train one with 'etl-worker train-sentiment'.", ex);
        }

        var column = schema.GetColumnOrNull(nameof(SentimentRow.Features));
        if (column is not { Type: VectorDataViewType { Size: var size } } || size != features.Dimension)
        {
            throw new InvalidDataException(
                $"The sentiment model reads a '{column?.Type}' Features column, but this build's featurizer produces {features.Dimension} slots. " +
                "Retrain it with this build's 'etl-worker train-sentiment'.");
        }

        // Features with word clusters need the table the model was trained with: the given one, else the one committed with this build.
        return new SentimentModel(name, context, transformer, lexicon, features, features.WordClusters ? clusters ?? LoadEmbeddedClusters() : null);
    }

    /// <summary>The model committed with this build (Sentiment/Data).</summary>
    public static SentimentModel LoadEmbedded()
    {
        SentimentLexicon lexicon;
        using (var reader = new StreamReader(EmbeddedData.Open(EmbeddedData.SentimentLexicon)))
        {
            lexicon = SentimentLexicon.Load(reader, new SentimentTrainingOptions().LexiconBits);
        }

        using var model = EmbeddedData.Open(EmbeddedData.SentimentModel);
        using var buffered = new MemoryStream();
        model.CopyTo(buffered);
        buffered.Position = 0;
        return Load(buffered, lexicon, SentimentFeatureOptions.Default, DefaultName, SentimentFeatureOptions.Default.WordClusters ? LoadEmbeddedClusters() : null);
    }

    /// <summary>The word-cluster table committed with this build (Sentiment/Data/sentiment-clusters.tsv.gz).</summary>
    public static SentimentWordClusters LoadEmbeddedClusters()
    {
        using var reader = new StreamReader(EmbeddedData.Open(EmbeddedData.SentimentClusters));
        return SentimentWordClusters.Load(reader);
    }
}
