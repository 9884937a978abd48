namespace Etl.Elastic.Indices;

public enum IndexSetupAction
{
    /// <summary>Did not exist; installed.</summary>
    Created,

    /// <summary>Existed with different content; replaced.</summary>
    Updated,

    /// <summary>Already installed with this content; not touched.</summary>
    Unchanged,
}
