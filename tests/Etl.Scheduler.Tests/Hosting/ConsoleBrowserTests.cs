using Microsoft.Playwright;

namespace Etl.Scheduler.Tests.Hosting;

/// <summary>
/// The console in a real browser: Debian's chromium, headless, driven by Playwright (its bundled driver; no browser
/// download, the executable is given).
/// </summary>
public sealed class ConsoleBrowserTests(SchedulerAppFixture fixture) : IClassFixture<SchedulerAppFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Console_lists_the_jobs_and_run_now_starts_one()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is missing; install Debian's chromium (apt-get install chromium) to run the browser test.");
        fixture.Elasticsearch.Enqueue("GET", "/_cat/indices/tweets-*", 200, "[]");
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
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
        var jobs = await page.Locator("#jobs tbody tr").AllAsync();
        var names = new List<string>();
        foreach (var row in jobs)
        {
            names.Add((await row.GetAttributeAsync("data-job"))!);
        }

        await page.Locator("tr[data-job='retention'] button[data-action='run']").ClickAsync();
        await page.Locator("#status").Filter(new LocatorFilterOptions { HasText = "accepted" }).WaitForAsync();
        // The page reloads itself after a run request; reload on until the run shows as done.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await page.Locator("tr[data-job='retention'] td.succeeded").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The console never showed the retention run as succeeded.");
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        Assert.Equal(["dlq-redrive", "retention", "rollup-hour", "rollup-minute", "trend-clustering"], names.Order());
        Assert.NotEmpty(fixture.Elasticsearch.RequestsTo("GET", "/_cat/indices/tweets-*"));
    }
}
