namespace Etl.Scheduler.Api;

public sealed record HashtagCount(string Hashtag, long Tweets);
