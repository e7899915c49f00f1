using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelArts.UnitTests.Sdk;

/// <summary>The C# sources of sdk/dotnet, parsed with Roslyn to read their declarations against the schema.</summary>
internal sealed class SdkSource
{
    public static readonly string Directory = Path.Combine(RepoPaths.Root, "sdk", "dotnet");

    private readonly List<ClassDeclarationSyntax> _classes;

    public SdkSource()
    {
        var trees = System.IO.Directory.EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f))
            .ToList();
        _classes = trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()).ToList();
    }

    public ClassDeclarationSyntax Class(string name) =>
        _classes.SingleOrDefault(c => c.Identifier.Text == name) ?? throw new Xunit.Sdk.XunitException($"sdk/dotnet has no class {name}");

    /// <summary>(wire name, C# type, json flag) of every [Input("...")] field or property, in source order.</summary>
    public static IReadOnlyList<(string Wire, string Type, bool Json, MemberDeclarationSyntax Member)> Inputs(ClassDeclarationSyntax c)
    {
        var result = new List<(string, string, bool, MemberDeclarationSyntax)>();
        foreach (var member in c.Members)
        {
            var input = member.AttributeLists.SelectMany(a => a.Attributes).FirstOrDefault(a => a.Name.ToString() == "Input");
            if (input is null)
            {
                continue;
            }

            var args = input.ArgumentList!.Arguments;
            var wire = ((LiteralExpressionSyntax)args[0].Expression).Token.ValueText;
            var json = args.Skip(1).Any(a => a.NameColon?.Name.Identifier.Text == "json" && a.Expression.ToString() == "true");
            var type = member switch
            {
                PropertyDeclarationSyntax p => p.Type.ToString(),
                FieldDeclarationSyntax f => f.Declaration.Type.ToString(),
                _ => "?",
            };
            result.Add((wire, type, json, member));
        }

        return result;
    }

    /// <summary>Parameters of the private [OutputConstructor] constructor: names are the wire names.</summary>
    public static IReadOnlyList<(string Name, string Type)> OutputConstructor(ClassDeclarationSyntax c)
    {
        Assert.Contains(c.AttributeLists.SelectMany(a => a.Attributes), a => a.Name.ToString() == "OutputType");
        var ctor = c.Members.OfType<ConstructorDeclarationSyntax>()
            .Single(k => k.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString() == "OutputConstructor"));
        Assert.Contains(ctor.Modifiers, m => m.IsKind(SyntaxKind.PrivateKeyword));
        return ctor.ParameterList.Parameters.Select(p => (p.Identifier.ValueText, p.Type!.ToString())).ToList();
    }

    /// <summary>The member that carries an Input attribute may be a backing field; its public property has the Pascal name.</summary>
    public static string PropertyBody(ClassDeclarationSyntax c, string wire) =>
        string.Join("\n", c.Members.OfType<PropertyDeclarationSyntax>()
            .Where(p => string.Equals(p.Identifier.Text, char.ToUpperInvariant(wire[0]) + wire[1..], StringComparison.Ordinal))
            .Select(p => p.ToString()));
}
