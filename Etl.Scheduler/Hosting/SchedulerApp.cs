using Etl.Scheduler.Api;
using Etl.Scheduler.JobConsole;
using Etl.Scheduler.Storage;
using Quartz;

namespace Etl.Scheduler.Hosting;

/// <summary>The ASP.NET Core host of <c>etl-scheduler run</c>: scheduler, console, APIs and probes.</summary>
public static class SchedulerApp
{
    /// <param name="args">Command-line configuration (<c>--Scheduler:InstanceId=...</c>) and host switches.</param>
    /// <param name="configure">Lets tests add configuration or replace services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddSchedulerServices(builder.Configuration);
        var app = builder.Build();
        app.UseMiddleware<BasicAuthentication>();
        app.MapGet("/", () => Results.Redirect("/console"));
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/readyz", async (ISchedulerFactory schedulers, JobRunStore store, CancellationToken cancellationToken) =>
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var started = scheduler.Status == SchedulerStatus.Running;
            var database = await store.PingAsync(cancellationToken);
            var body = new { scheduler = started ? "started" : scheduler.Status.ToString(), postgres = database ? "reachable" : "unreachable" };
            return started && database ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapJobConsole();
        app.MapQueryApi();
        return app;
    }
}
