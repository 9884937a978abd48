using Etl.Scheduler.Jobs;
using Hangfire.States;
using Microsoft.Playwright;

namespace Etl.Scheduler.Tests.Hosting;

/// <summary>
/// The Hangfire dashboard in a real browser: Debian's chromium, headless, driven by Playwright (its bundled driver; no
/// browser download, the executable is given). Logs in over HTTP Basic, opens Recurring Jobs, triggers the minute
/// rollup and sees it succeed.
/// </summary>
[Collection(SchedulerAppCollection.Name)]
public sealed class DashboardBrowserTests(SchedulerAppFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Where the test leaves its screenshots (docs/images/hangfire-*.png are copies of these).</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [SkippableFact]
    public async Task Operator_logs_in_opens_recurring_jobs_triggers_the_rollup_and_sees_it_succeed()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is missing; install Debian's chromium (apt-get install chromium) to run the browser test.");
        fixture.Elasticsearch.Enqueue("POST", "/tweets/_search", 200, Jobs.SearchResponses.Composite("composite", [], null));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = SchedulerAppFixture.Username, Password = SchedulerAppFixture.Password },
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        Directory.CreateDirectory(ScreenshotDirectory);

        await page.GotoAsync(new Uri(fixture.BaseAddress, "/hangfire/recurring").ToString());
        foreach (var job in JobNames.All)
        {
            await page.Locator($"input.js-jobs-list-checkbox[value='{job}']").WaitForAsync();
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "hangfire-recurring.png"), FullPage = true });
        var before = DashboardActions.LastJobId(fixture.Storage, JobNames.MinuteRollup);
        await page.Locator($"input.js-jobs-list-checkbox[value='{JobNames.MinuteRollup}']").CheckAsync();
        await page.Locator("button.js-jobs-list-command", new PageLocatorOptions { HasText = "Trigger now" }).ClickAsync();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DashboardActions.LastJobId(fixture.Storage, JobNames.MinuteRollup) is not { } id || id == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "Trigger now created no job.");
            await Task.Delay(100);
        }

        var created = DashboardActions.LastJobId(fixture.Storage, JobNames.MinuteRollup)!;
        await DashboardActions.WaitForStateAsync(fixture.Storage, created, TimeSpan.FromSeconds(30), SucceededState.StateName, FailedState.StateName);
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/hangfire/jobs/succeeded").ToString());
        var row = page.Locator($"a.job-method[href$='/jobs/details/{created}']");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Equal("Rollup 1m", (await row.InnerTextAsync()).Trim());
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/hangfire/jobs/details/{created}").ToString());
        await page.Locator(".state-card", new PageLocatorOptions { HasText = "Succeeded" }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "hangfire-job-succeeded.png"), FullPage = true });
    }
}
