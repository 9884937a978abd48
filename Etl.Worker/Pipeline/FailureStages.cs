namespace Etl.Worker.Pipeline;

/// <summary>The stage a dead-lettered record failed in; the DeadLetter schema's <c>stage</c> values.</summary>
public static class FailureStages
{
    public const string Deserialize = "deserialize";
    public const string Enrich = "enrich";
    public const string Index = "index";
}
