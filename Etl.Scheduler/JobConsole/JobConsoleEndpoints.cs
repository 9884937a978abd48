
namespace Etl.Scheduler.JobConsole;

/// <summary>The console page and its JSON API: jobs, runs, failures, nodes; run now, pause, resume.</summary>
public static class JobConsoleEndpoints
{
    public static IEndpointRouteBuilder MapJobConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console", async (JobControl control, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var jobs = await control.JobsAsync(cancellationToken);
            var failures = await control.RunsAsync(20, null, failedOnly: true, cancellationToken);
            var nodes = await control.NodesAsync(cancellationToken);
            return Results.Content(ConsolePage.Render(jobs, failures, nodes, clock.GetUtcNow()), "text/html; charset=utf-8");
        });

        var api = endpoints.MapGroup("/api/jobs");
        api.MapGet("/", (JobControl control, CancellationToken cancellationToken) => control.JobsAsync(cancellationToken));
        api.MapGet("/runs", (JobControl control, int? limit, string? job, bool? failed, CancellationToken cancellationToken) =>
            control.RunsAsync(limit ?? 50, job, failed ?? false, cancellationToken));
        api.MapGet("/nodes", (JobControl control, CancellationToken cancellationToken) => control.NodesAsync(cancellationToken));
        api.MapPost("/{job}/run", async (string job, JobControl control, CancellationToken cancellationToken) =>
            await control.RunNowAsync(job, cancellationToken) ? Results.Accepted(value: new { job, action = "run" }) : NoSuchJob(job));
        api.MapPost("/{job}/pause", async (string job, JobControl control, CancellationToken cancellationToken) =>
            await control.PauseAsync(job, cancellationToken) ? Results.Ok(new { job, action = "pause" }) : NoSuchJob(job));
        api.MapPost("/{job}/resume", async (string job, JobControl control, CancellationToken cancellationToken) =>
            await control.ResumeAsync(job, cancellationToken) ? Results.Ok(new { job, action = "resume" }) : NoSuchJob(job));
        return endpoints;
    }

    private static IResult NoSuchJob(string job) =>
        Results.NotFound(new { error = $"No job '{job}'. GET /api/jobs lists the jobs." });
}
