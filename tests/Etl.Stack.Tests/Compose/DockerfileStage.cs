namespace Etl.Stack.Tests.Compose;

public sealed record DockerfileStage(string Name, string From, IReadOnlyList<(string Keyword, string Arguments)> Instructions);
