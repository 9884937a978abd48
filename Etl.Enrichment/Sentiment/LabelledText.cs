namespace Etl.Enrichment.Sentiment;

/// <summary>A training or evaluation example. <c>Weight</c> scales its gradient (distantly supervised data counts less).</summary>
public sealed record LabelledText(string Text, SentimentClass Label, float Weight = 1f);
