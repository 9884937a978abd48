namespace Etl.Elastic.Bulk;

/// <summary>The bulk actions the pipeline uses.</summary>
public enum BulkAction
{
    /// <summary>Create or overwrite: a replayed tweet replaces itself, so replays never duplicate.</summary>
    Index,

    /// <summary>Create only; 409 when the id exists.</summary>
    Create,

    Delete,
}
