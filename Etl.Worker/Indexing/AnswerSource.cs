namespace Etl.Worker.Indexing;

/// <summary>Who gave an <see cref="Answer"/>: the classification of the same status differs by who said it.</summary>
public enum AnswerSource
{
    /// <summary>One item of a <c>_bulk</c> response.</summary>
    ElasticsearchItem,

    /// <summary>A whole <c>_bulk</c> request: no item was read.</summary>
    ElasticsearchRequest,

    /// <summary>The Schema Registry, asked for a writer schema while decoding.</summary>
    SchemaRegistry,

    /// <summary>An enricher with a server behind it (the <c>http</c> embedder).</summary>
    Enricher,

    /// <summary>The Kafka producer of the dead-letter topic; <see cref="Answer.Status"/> is its <c>ErrorCode</c>.</summary>
    DeadLetterProducer,
}
