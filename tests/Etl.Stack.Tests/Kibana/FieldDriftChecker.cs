using Etl.Stack.Tests.Elasticsearch;

namespace Etl.Stack.Tests.Kibana;

/// <summary>Compares the fields saved objects use with the index templates of the indices their data views cover.</summary>
public static class FieldDriftChecker
{
    private const string FixHint = "Fix the field in kibana/generate_saved_objects.py (then re-run it) or map it in Etl.Schemas/Elasticsearch.";

    public static IReadOnlyList<string> Check(IReadOnlyList<SavedObject> objects, IndexTemplateCatalog templates)
    {
        var dataViews = objects.Where(o => o.Type == "index-pattern").ToDictionary(o => o.Id, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var use in objects.SelectMany(FieldUseExtractor.Extract))
        {
            if (!dataViews.TryGetValue(use.DataViewId, out var dataView))
            {
                problems.Add($"{use.Owner}, {use.Where}: uses '{use.Field}' through data view '{use.DataViewId}', which is not in the file.");
                continue;
            }

            var title = dataView.Attributes.GetProperty("title").GetString()!;
            foreach (var index in DataViewIndex.SampleIndices(title))
            {
                var template = templates.ForIndex(index);
                if (template is null)
                {
                    problems.Add($"{use.Owner}, {use.Where}: no index template applies to '{index}' (data view '{title}').");
                }
                else if (!template.Fields.TryGetValue(use.Field, out var type))
                {
                    problems.Add($"{use.Owner}, {use.Where}: field '{use.Field}' is not mapped in {template.File}, the template for " +
                                 $"'{index}' (data view '{title}'). {FixHint}");
                }
                else if (!FieldTypeRules.Suits(type, use.Usage))
                {
                    problems.Add($"{use.Owner}, {use.Where}: field '{use.Field}' is '{type}' in {template.File}, which cannot serve " +
                                 $"a {use.Usage} use. {FixHint}");
                }
            }
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }
}
