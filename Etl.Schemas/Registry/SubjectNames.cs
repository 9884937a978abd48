namespace Etl.Schemas.Registry;

/// <summary>Confluent's TopicNameStrategy: the subject of a topic's values is <c>&lt;topic&gt;-value</c>, of its keys <c>&lt;topic&gt;-key</c>.</summary>
public static class SubjectNames
{
    public static string ForValue(string topic) => topic + "-value";

    public static string ForKey(string topic) => topic + "-key";
}
