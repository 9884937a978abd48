using Etl.Scheduler.Api;
using Etl.Scheduler.Dashboard;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Etl.Scheduler.Hosting;

/// <summary>The ASP.NET Core host of <c>etl-scheduler run</c>: Hangfire server and dashboard, query API and probes.</summary>
public static class SchedulerApp
{
    public const string DashboardPath = "/hangfire";

    /// <param name="args">Command-line configuration (<c>--Scheduler:ServerName=...</c>) and host switches.</param>
    /// <param name="configure">Lets tests add configuration or replace services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddSchedulerServices(builder.Configuration);
        var app = builder.Build();
        app.UseMiddleware<ApiKeyAuthentication>();
        app.MapGet("/", () => Results.Redirect(DashboardPath));
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/readyz", async (JobStorage storage, IOptions<SchedulerOptions> options, CancellationToken cancellationToken) =>
        {
            var database = await PingAsync(options.Value.ConnectionString, cancellationToken);
            // A server registers itself in storage once it runs; its heartbeat there is what the other servers see.
            var servers = database ? storage.GetMonitoringApi().Servers().Count : 0;
            var body = new { postgres = database ? "reachable" : "unreachable", servers };
            return database && servers > 0 ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        var filter = app.Services.GetRequiredService<BasicAuthDashboardFilter>();
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "etl-scheduler",
            Authorization = [filter],
            IsReadOnlyFunc = filter.IsReadOnly,
            AppPath = null,
        });
        app.MapQueryApi();
        return app;
    }

    private static async Task<bool> PingAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
