namespace Etl.Enrichment.Geo;

/// <summary>A gazetteer entry for a profile location, with a confidence in 0..1.</summary>
public sealed record ProfileLocationMatch(GazetteerEntry Entry, double Confidence);
