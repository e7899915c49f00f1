using Google.Protobuf.WellKnownTypes;
using YamlDotNet.RepresentationModel;

namespace ModelArts.Demo;

/// <summary>The fn::invoke queries of a Pulumi YAML program, and the modelarts config of its stack file.</summary>
internal sealed record YamlProgram(IReadOnlyList<(string Name, string Function, Struct Arguments)> Invokes, Struct Config)
{
    public static YamlProgram Load(string programFile, string stackFile)
    {
        var invokes = new List<(string, string, Struct)>();
        var variables = (YamlMappingNode)Root(programFile).Children[new YamlScalarNode("variables")];
        foreach (var (key, value) in variables.Children)
        {
            if (value is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("fn::invoke"), out var invoke))
            {
                var call = (YamlMappingNode)invoke;
                var function = ((YamlScalarNode)call.Children[new YamlScalarNode("function")]).Value!;
                var arguments = call.Children.TryGetValue(new YamlScalarNode("arguments"), out var a) ? ToValue(a).StructValue : new Struct();
                invokes.Add((((YamlScalarNode)key).Value!, function, arguments));
            }
        }

        // Stack config arrives at the provider as strings: objects as JSON text, as the engine sends them.
        var config = new Struct();
        if (File.Exists(stackFile) && Root(stackFile).Children.TryGetValue(new YamlScalarNode("config"), out var c))
        {
            foreach (var (key, value) in ((YamlMappingNode)c).Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                if (name.StartsWith("modelarts:", StringComparison.Ordinal))
                {
                    var v = ToValue(value);
                    config.Fields[name["modelarts:".Length..]] = v.KindCase == Value.KindOneofCase.StringValue ? v : Value.ForString(Google.Protobuf.JsonFormatter.Default.Format(v));
                }
            }
        }

        return new YamlProgram(invokes, config);
    }

    private static YamlMappingNode Root(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static Value ToValue(YamlNode node) => node switch
    {
        YamlMappingNode m => Value.ForStruct(new Struct { Fields = { m.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ToValue(p.Value)) } }),
        YamlSequenceNode s => Value.ForList(s.Children.Select(ToValue).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } sc when bool.TryParse(sc.Value, out var b) => Value.ForBool(b),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } sc when double.TryParse(sc.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) => Value.ForNumber(d),
        YamlScalarNode sc => Value.ForString(sc.Value ?? ""),
        _ => Value.ForNull(),
    };
}
