namespace Etl.Elastic.Indices;

/// <summary>Everything <see cref="IndexSetup"/> looked at, and whether it changed anything.</summary>
public sealed record IndexSetupReport(IReadOnlyList<IndexSetupChange> Changes)
{
    public bool ChangedAnything => Changes.Any(c => c.Action != IndexSetupAction.Unchanged);

    public override string ToString() => string.Join(Environment.NewLine, Changes);
}
