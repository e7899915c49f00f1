using Google.Protobuf.WellKnownTypes;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Demo;

/// <summary>Prints each query, what it selected, and why the other images were excluded.</summary>
internal sealed class ResultTable(TextWriter output)
{
    public void Query(string name, string function, Struct arguments, InvokeResponse response, IReadOnlyList<LogRequest> logs)
    {
        output.WriteLine($"== {name}: {function.Split(':')[^1]} {Google.Protobuf.JsonFormatter.Default.Format(arguments)}");
        if (response.Failures.Count > 0)
        {
            foreach (var f in response.Failures) output.WriteLine($"   FAILED ({f.Property}): {f.Reason}");
        }
        else
        {
            var result = Struct.Parser.ParseFrom(response.Return);
            var images = result.Fields.TryGetValue("images", out var list) ? list.ListValue.Values.Select(v => v.StructValue).ToList() : [result];
            output.WriteLine($"   {"id",-36}  {"name:tag",-58}  swr path");
            foreach (var image in images.Take(8))
            {
                output.WriteLine($"   {S(image, "id"),-36}  {Trim(S(image, "name") + ":" + S(image, "tag"), 58),-58}  {S(image, "swrPath")}");
            }

            if (images.Count > 8) output.WriteLine($"   ... and {images.Count - 8} more");
            if (images.Count == 0) output.WriteLine("   (no match)");
            if (result.Fields.TryGetValue("id", out var id) && images.Count > 1) output.WriteLine($"   selected (newest): {id.StringValue}  {S(result, "swrPath")}");
            if (result.Fields.TryGetValue("policyViolations", out var violations))
            {
                foreach (var image in violations.ListValue.Values.Select(x => x.StructValue).GroupBy(v => S(v, "id")))
                {
                    var first = image.First();
                    output.WriteLine($"   blocked by imagePolicy: {S(first, "name")}:{S(first, "tag")} ({string.Join("; ", image.Select(v => S(v, "reason")))})");
                }
            }
        }

        foreach (var log in logs)
        {
            var label = log.Severity == LogSeverity.Debug ? "why others were excluded" : log.Severity.ToString().ToLowerInvariant();
            output.WriteLine($"   {label}: {log.Message}");
        }

        output.WriteLine();
    }

    private static string S(Struct s, string key) => s.Fields.TryGetValue(key, out var v) ? v.StringValue : "";

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 3)] + "...";
}
