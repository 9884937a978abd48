namespace Etl.Worker.Sources.X;

/// <summary>A reconnection decided by <see cref="XStreamReader"/>: why, and how long it waits first.</summary>
public sealed record XReconnect(XFailureKind Kind, TimeSpan Delay, string Reason);
