namespace Etl.Scheduler.DeadLetters;

/// <summary>Whether a dead letter goes back to <c>tweets.raw</c>, and why (counted per reason in the run's figures).</summary>
public sealed record RedriveDecision(bool Redrive, string Reason);
