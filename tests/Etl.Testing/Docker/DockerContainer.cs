namespace Etl.Testing.Docker;

/// <summary>A running container started by <see cref="DockerEngine"/>; force-removed on dispose.</summary>
public sealed class DockerContainer : IAsyncDisposable
{
    private readonly DockerEngine engine;

    internal DockerContainer(DockerEngine engine, string id, string image)
    {
        this.engine = engine;
        Id = id;
        Image = image;
    }

    public string Id { get; }

    public string Image { get; }

    public async ValueTask DisposeAsync() => await engine.RemoveAsync(Id);
}
