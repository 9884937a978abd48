namespace Etl.Schemas.Avro;

/// <summary>record, enum or fixed: a schema with a full name that later schemas can refer to.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(AvroType type, string fullName, string? doc, IReadOnlyList<string> aliases)
        : base(type)
    {
        FullName = fullName;
        var dot = fullName.LastIndexOf('.');
        Name = dot < 0 ? fullName : fullName[(dot + 1)..];
        Namespace = dot < 0 ? null : fullName[..dot];
        Doc = doc;
        Aliases = aliases;
    }

    /// <summary>Namespace-qualified name, e.g. <c>etl.tweets.Tweet</c>.</summary>
    public string FullName { get; }

    public string Name { get; }

    public string? Namespace { get; }

    public string? Doc { get; }

    /// <summary>Full names this type was previously known by, used when resolving against older writers.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public override string BranchName => FullName;

    /// <summary>True when a writer's named type of <paramref name="writerFullName"/> may be read as this type (same full or short name, or an alias).</summary>
    public bool Accepts(string writerFullName)
    {
        if (writerFullName == FullName || Aliases.Contains(writerFullName))
        {
            return true;
        }

        var dot = writerFullName.LastIndexOf('.');
        var shortName = dot < 0 ? writerFullName : writerFullName[(dot + 1)..];
        return shortName == Name;
    }
}
