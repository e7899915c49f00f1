using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelArts.InputGenerator;

/// <summary>
/// Every input is declared once, on its args record's property (as pulumi-go-provider's infer derives the schema from
/// annotated Go types): for each partial record with <c>[Input]</c> / <c>[NestedInputs]</c> properties this writes its
/// <c>Inputs</c> list (wire name, schema type, doc, checks, setter). A source generator rather than reflection because
/// the plugin is native AOT: the list is plain code, so nothing is read at start-up and trimming has nothing to keep.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class InputGenerator : IIncrementalGenerator
{
    internal const string Framework = "ModelArts.Provider.Functions.Framework";
    internal const string InputAttribute = Framework + ".InputAttribute";
    internal const string NestedInputsAttribute = Framework + ".NestedInputsAttribute";

    private static readonly DiagnosticDescriptor Unsupported = new(
        "MAINPUT001", "Input cannot be generated", "{0}", "ModelArts.Inputs", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var records = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is RecordDeclarationSyntax r
                    && r.Modifiers.Any(SyntaxKind.PartialKeyword)
                    && r.Members.OfType<PropertyDeclarationSyntax>().Any(p => p.AttributeLists.Count > 0),
                static (ctx, ct) => Describe((RecordDeclarationSyntax)ctx.Node, ctx.SemanticModel, ct))
            .Where(static r => r is not null);

        context.RegisterSourceOutput(records, static (spc, record) =>
        {
            if (record!.Error is { } error)
            {
                spc.ReportDiagnostic(Diagnostic.Create(Unsupported, record.ErrorLocation, error));
                return;
            }

            spc.AddSource(record.HintName, record.Source);
        });
    }

    private static GeneratedInputs? Describe(RecordDeclarationSyntax syntax, SemanticModel model, CancellationToken ct)
    {
        if (model.GetDeclaredSymbol(syntax, ct) is not INamedTypeSymbol record)
        {
            return null;
        }

        var inputs = new List<string>();
        foreach (var declaration in syntax.Members.OfType<PropertyDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(declaration, ct) is not IPropertySymbol property)
            {
                continue;
            }

            foreach (var attribute in property.GetAttributes())
            {
                var (code, error) = attribute.AttributeClass?.ToDisplayString() switch
                {
                    InputAttribute => InputListWriter.Input(record, property, attribute),
                    NestedInputsAttribute => InputListWriter.Nested(record, property, attribute),
                    _ => (null, null),
                };
                if (error is not null)
                {
                    return new GeneratedInputs("", "", error, declaration.GetLocation());
                }

                if (code is not null)
                {
                    inputs.Add(code);
                }
            }
        }

        return inputs.Count == 0
            ? null
            : new GeneratedInputs(record.ToDisplayString().Replace('<', '_').Replace('>', '_') + ".Inputs.g.cs", InputListWriter.File(record, inputs), null, null);
    }
}

/// <summary>What one record yields: its generated file, or the reason it cannot have one.</summary>
internal sealed record GeneratedInputs(string HintName, string Source, string? Error, Location? ErrorLocation);
