using System.Xml.Linq;
using Etl.Stack.Tests.Repository;
using Xunit;

namespace Etl.Stack.Tests.Compose;

public sealed class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    [Fact]
    public void Every_base_image_is_pinned_to_a_version()
    {
        var bases = _dockerfile.Stages.Select(_dockerfile.BaseImage).OfType<string>().ToList();

        Assert.NotEmpty(bases);
        Assert.All(bases, image => Assert.Null(ImageReference.Unpinned(image)));
    }

    [Theory]
    [InlineData("worker", "/app/etl-worker", "9100")]
    [InlineData("scheduler", "/app/etl-scheduler", "8080")]
    public void Image_runs_its_app_as_non_root_on_Debian_with_the_bundled_librdkafka_and_checks_its_health_endpoint(string target, string entrypoint, string port)
    {
        var stage = _dockerfile.Stage(target);
        var all = _dockerfile.Effective(stage).ToList();

        Assert.StartsWith("debian:", _dockerfile.RootImage(stage), StringComparison.Ordinal);
        // librdkafka ships inside the app (librdkafka.redist); a system copy is the one the loader must never meet.
        Assert.DoesNotContain(all, i => i.Keyword == "RUN" && i.Arguments.Contains("librdkafka", StringComparison.Ordinal));
        var user = all.Last(i => i.Keyword == "USER").Arguments.Split(':')[0];
        Assert.True(int.TryParse(user, out var uid) && uid > 0, $"Stage '{target}' runs as '{user}'; use a numeric non-root uid.");
        Assert.Contains(entrypoint, all.Last(i => i.Keyword == "ENTRYPOINT").Arguments, StringComparison.Ordinal);
        Assert.Equal("[\"run\"]", all.Last(i => i.Keyword == "CMD").Arguments);
        var health = all.Last(i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains("/healthz", health, StringComparison.Ordinal);
        Assert.True(health.Contains(port, StringComparison.Ordinal) || all.Any(i => i.Keyword == "ENV" && i.Arguments.Contains(port, StringComparison.Ordinal)),
            $"The {target} health check does not target port {port}.");
    }

    [Theory]
    [InlineData("Etl.Worker/Etl.Worker.csproj")]
    [InlineData("Etl.Scheduler/Etl.Scheduler.csproj")]
    public void Every_project_an_app_depends_on_is_copied_into_the_build(string app)
    {
        var copied = _dockerfile.Stage("build").Instructions.Where(i => i.Keyword == "COPY").Select(i => i.Arguments).ToList();

        foreach (var project in ProjectClosure(RepositoryRoot.Combine(app)))
        {
            var folder = Path.GetRelativePath(RepositoryRoot.Path, Path.GetDirectoryName(project)!).Replace('\\', '/');
            var file = $"{folder}/{Path.GetFileName(project)}";
            Assert.Contains(copied, c => c.StartsWith(file + " ", StringComparison.Ordinal));
            Assert.Contains(copied, c => c.StartsWith(folder + "/ ", StringComparison.Ordinal));
        }
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value)));
            }
        }

        return seen;
    }
}
