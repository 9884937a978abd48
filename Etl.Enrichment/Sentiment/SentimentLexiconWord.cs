namespace Etl.Enrichment.Sentiment;

/// <summary>A lexicon entry's key: a normalised word, and whether it stood inside a negation scope ("not good" scores apart from "good").</summary>
public readonly record struct SentimentLexiconWord(string Word, bool Negated);
