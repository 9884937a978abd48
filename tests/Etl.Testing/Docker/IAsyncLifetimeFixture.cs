using Xunit;

namespace Etl.Testing.Docker;

/// <summary>An xunit fixture with async set-up that may decide the tests using it must be skipped.</summary>
public interface IAsyncLifetimeFixture : IAsyncLifetime
{
    /// <summary>Why the tests using this fixture cannot run here, or null when they can.</summary>
    string? SkipReason { get; }
}
