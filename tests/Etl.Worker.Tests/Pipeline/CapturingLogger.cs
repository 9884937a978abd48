using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>Keeps every log entry, so a test can count warnings and errors the pipeline reported.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Error, DateTime At)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Entries.Enqueue((logLevel, formatter(state, exception), exception, DateTime.UtcNow));
    }

    public int Count(LogLevel atLeast, string contains) =>
        Entries.Count(e => e.Level >= atLeast && e.Message.Contains(contains, StringComparison.OrdinalIgnoreCase));
}
