using System.Text.Json.Serialization;
using Etl.Scheduler.Rollups;
using Etl.Scheduler.Trends;

namespace Etl.Scheduler.Serialization;

/// <summary>Source-generated serializers for what the scheduler reads from and writes to Elasticsearch.</summary>
[JsonSerializable(typeof(RollupDocument))]
[JsonSerializable(typeof(TrendDocument))]
[JsonSerializable(typeof(TrendSourceDocument))]
public sealed partial class SchedulerJsonContext : JsonSerializerContext;
