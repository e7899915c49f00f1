// C# spellings of schema names and types, as pulumi/pulumi-dotnet `pulumi-language-dotnet/codegen/gen.go`
// spells them (typeString, propertyName, csharpIdentifier, printComment).
import { pascal, tokenName } from "../model.mjs";

const KEYWORDS = new Set(("abstract as base bool break byte case catch char checked class const continue decimal default delegate do " +
  "double else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal is lock " +
  "long namespace new null object operator out override params private protected public readonly ref return sbyte sealed short " +
  "sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using virtual void " +
  "volatile while").split(" "));

/** A parameter name: the wire name, @-prefixed when it is a C# keyword (gen.go csharpIdentifier). */
export const identifier = (name) => (KEYWORDS.has(name) ? `@${name}` : name);

export const propertyName = (name) => pascal(name);

/** Doc comments escape &, < and > and drop trailing blank lines (gen.go printComment). */
export function comment(text, indent) {
  const lines = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").split("\n");
  while (lines.length && lines.at(-1) === "") lines.pop();
  if (!lines.length) return "";
  return `${indent}/// <summary>\n${lines.map((l) => `${indent}/// ${l}\n`).join("")}${indent}/// </summary>\n`;
}

const SCALARS = { string: "string", boolean: "bool", integer: "int", number: "double", any: "object" };
const VALUE_TYPES = new Set(["bool", "int", "double"]);

/**
 * The C# type of a property in one place:
 *  - "plain": plain function arguments (FooArgs): string?, List<T>, Inputs.X
 *  - "input": Input<T> wrappers (FooInvokeArgs, resource and provider args, Inputs.XArgs)
 *  - "output": output types and results: T / T?, ImmutableArray<T>, Outputs.X
 *  - "resource": resource output properties: Output<...>
 */
export function typeString(type, place, { optional }) {
  const q = optional ? "?" : "";
  const elementPlace = { plain: "plain", input: "inputElement", inputElement: "inputElement", output: "output", resource: "output" }[place];
  const element = (t) => typeString(t, elementPlace, { optional: false });
  switch (place) {
    case "plain":
      if (type.kind === "array") return `List<${element(type.items)}>`;
      if (type.kind === "map") return `Dictionary<string, ${element(type.items)}>`;
      if (type.kind === "object") return `Inputs.${tokenName(type.ref)}${q}`;
      return SCALARS[type.kind] + q;
    case "input":
      if (type.kind === "array") return `InputList<${element(type.items)}>`;
      if (type.kind === "map") return `InputMap<${element(type.items)}>`;
      if (type.kind === "object") return `Input<Inputs.${tokenName(type.ref)}Args>${q}`;
      return `Input<${SCALARS[type.kind]}>${q}`;
    case "inputElement": // list and map elements inside InputList/InputMap
      if (type.kind === "object") return `Inputs.${tokenName(type.ref)}Args`;
      return typeString(type, "output", { optional: false });
    case "output":
      if (type.kind === "array") return `ImmutableArray<${element(type.items)}>`;
      // ImmutableArray is a struct and stays as is; an optional map, object or scalar is nullable.
      if (type.kind === "map") return `ImmutableDictionary<string, ${element(type.items)}>${q}`;
      if (type.kind === "object") return `Outputs.${tokenName(type.ref)}${q}`;
      return SCALARS[type.kind] + q;
    case "resource":
      return `Output<${typeString(type, "output", { optional })}>`;
    default:
      throw new Error(`unknown place ${place}`);
  }
}

export const isValueType = (type) => VALUE_TYPES.has(SCALARS[type.kind]);

/** A literal default value (gen.go primitiveValue). */
export function literal(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  throw new Error(`unsupported default value ${JSON.stringify(value)}`);
}

/** A default from the schema's `default` and `defaultInfo.environment` (gen.go getDefaultValue). */
export function defaultValue(p, { input = false } = {}) {
  // Where we differ: gen.go assigns GetEnv's string? to an Input<string>? property, which nullable analysis
  // reports as CS8604 (the SDK builds without warnings); GetEnvInput returns Input<string>? instead.
  const getter = { boolean: "Boolean", integer: "Int32", number: "Double" }[p.type.kind] ?? (input && p.type.kind === "string" ? "Input" : "");
  const env = p.environment.length ? `Utilities.GetEnv${getter}(${p.environment.map((e) => JSON.stringify(e)).join(", ")})` : "";
  const value = p.default !== undefined ? literal(p.default) : "";
  return [env, value].filter(Boolean).join(" ?? ");
}
