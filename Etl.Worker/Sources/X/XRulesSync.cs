namespace Etl.Worker.Sources.X;

/// <summary>What a rules sync changed (or, on a dry run, would change).</summary>
public sealed record XRulesSync(IReadOnlyList<XRule> Added, IReadOnlyList<XRule> Deleted, IReadOnlyList<XRule> Kept);
