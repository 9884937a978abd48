using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Etl.Scheduler.Storage;

namespace Etl.Scheduler.JobConsole;

/// <summary>
/// The job console as one server-rendered HTML page: no front-end build and nothing fetched from the network.
/// A few lines of inline script post the buttons to the JSON API and reload.
/// </summary>
public static class ConsolePage
{
    private const string Script = """
        document.querySelectorAll('button[data-action]').forEach(function (button) {
          button.addEventListener('click', async function () {
            button.disabled = true;
            var response = await fetch('/api/jobs/' + encodeURIComponent(button.dataset.job) + '/' + button.dataset.action, { method: 'POST', credentials: 'same-origin' });
            document.getElementById('status').textContent = button.dataset.action + ' ' + button.dataset.job + ': ' + (response.ok ? 'accepted' : 'failed (' + response.status + ')');
            setTimeout(function () { location.reload(); }, 1500);
          });
        });
        """;

    public static string Render(IReadOnlyList<JobStatus> jobs, IReadOnlyList<JobRun> failures, IReadOnlyList<ClusterNodeStatus> nodes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(nodes);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>etl-scheduler console</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}
            th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
            .failed{color:#b00020}.succeeded{color:#1b5e20}.running{color:#0d47a1}
            </style></head><body>
            <h1>etl-scheduler</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>As of {Time(now)}. <span id=\"status\" role=\"status\"></span></p>");
        html.Append("<h2>Jobs</h2><table id=\"jobs\"><thead><tr><th>Job</th><th>Triggers (schedule, state)</th><th>Next fire</th><th>Last fire</th><th>Last outcome</th><th>Duration</th><th>Actions</th></tr></thead><tbody>");
        foreach (var job in jobs)
        {
            var name = Encode(job.Name);
            var triggers = job.Triggers.Count == 0 ? "on demand" : string.Join("<br>", job.Triggers.Select(t => Encode($"{t.Schedule ?? t.Name} ({t.State})")));
            var next = job.Triggers.Select(t => t.NextFireTime).Where(t => t is not null).Min();
            var last = job.Triggers.Select(t => t.PreviousFireTime).Where(t => t is not null).Max() ?? job.LastRun?.FireTime;
            var outcome = job.LastRun?.Outcome ?? "never run";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-job=\"{name}\"><td>{name}<br><small>{Encode(job.Description ?? "")}</small></td><td>{triggers}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Time(next)}</td><td>{Time(last)}</td><td class=\"{Encode(outcome)}\">{Encode(outcome)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Duration(job.LastRun?.Duration)}</td><td>");
            foreach (var action in new[] { "run", "pause", "resume" })
            {
                var label = action == "run" ? "Run now" : char.ToUpperInvariant(action[0]) + action[1..];
                html.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" data-action=\"{action}\" data-job=\"{name}\">{label}</button> ");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>Recent failures</h2>");
        if (failures.Count == 0)
        {
            html.Append("<p id=\"failures\">None.</p>");
        }
        else
        {
            html.Append("<table id=\"failures\"><thead><tr><th>Job</th><th>Started</th><th>Node</th><th>Error</th></tr></thead><tbody>");
            foreach (var run in failures)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(run.JobName)}</td><td>{Time(run.StartedAt)}</td><td>{Encode(run.InstanceId)}</td><td class=\"failed\">{Encode(run.Error ?? "")}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Cluster nodes</h2><table id=\"nodes\"><thead><tr><th>Instance</th><th>State</th><th>Last check-in</th><th>Check-in interval</th></tr></thead><tbody>");
        foreach (var node in nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(node.InstanceId)}{(node.IsThisNode ? " (this node)" : "")}</td><td>{Encode(node.State)}</td><td>{Time(node.LastCheckIn)}</td><td>{Duration(node.CheckInInterval)}</td></tr>");
        }

        html.Append("</tbody></table><script>").Append(Script).Append("</script></body></html>");
        return html.ToString();
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    private static string Duration(TimeSpan? duration) =>
        duration is { } d ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "—";
}
