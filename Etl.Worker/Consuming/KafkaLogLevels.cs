using Confluent.Kafka;

namespace Etl.Worker.Consuming;

/// <summary>librdkafka's syslog levels as ILogger levels, so broker-down and authentication messages reach the log.</summary>
public static class KafkaLogLevels
{
    public static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    /// <summary>A handler for <c>SetLogHandler</c> that writes to <paramref name="logger"/>.</summary>
    public static Action<T, LogMessage> Handler<T>(ILogger logger) => (_, message) =>
        logger.Log(ToLogLevel(message.Level), "librdkafka {Name} {Facility}: {Message}", message.Name, message.Facility, message.Message);
}
