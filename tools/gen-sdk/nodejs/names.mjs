// TypeScript spellings of schema types and docs, as pulumi/pulumi `pkg/codegen/nodejs/gen.go` writes them
// (typeString, printComment): plain types in plain args and results, pulumi.Input<...> in Output args and
// resource args, `| undefined` on optional inputs.
import { camel, pascal, tokenName } from "../model.mjs";

const SCALARS = { string: "string", boolean: "boolean", integer: "number", number: "number", any: "any" };

/** place: "plain" (function args, results, output types) or "input" (Output args, resource args, input types). */
export function typeString(type, place) {
  const input = place === "input";
  switch (type.kind) {
    case "array": return `${typeString(type.items, place)}[]`;
    case "map": return `{[key: string]: ${typeString(type.items, place)}}`;
    case "object": return input ? `inputs.${tokenName(type.ref)}Args` : `outputs.${tokenName(type.ref)}`;
    default: return SCALARS[type.kind];
  }
}

/** The type of an input property: pulumi.Input<T | undefined> when optional, elements wrapped too. */
export function inputType(type, { optional }) {
  const inner = (t) => (t.kind === "array" ? `pulumi.Input<${inner(t.items)}>[]` : t.kind === "map" ? `{[key: string]: pulumi.Input<${inner(t.items)}>}` : typeString(t, "input"));
  return `pulumi.Input<${inner(type)}${optional ? " | undefined" : ""}>`;
}

/** JSDoc block, or nothing for an empty description. */
export function comment(text, indent) {
  const lines = text.replace(/\*\//g, "*&#47;").split("\n");
  while (lines.length && lines.at(-1) === "") lines.pop();
  if (!lines.length) return "";
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? " " + l : ""}\n`).join("")}${indent} */\n`;
}

export const functionName = (f) => camel(f.name);
export const typeName = (f) => pascal(f.name);
export const fileName = (name) => camel(name);

/** A literal default (JSON for strings, numbers, booleans). */
export const literal = (v) => JSON.stringify(v);

/** utilities.getEnv* for a property's environment fallbacks, or "" (nodejs gen.go getDefaultValue). */
export function envGetter(p) {
  if (!p.environment.length) return "";
  const getter = { boolean: "getEnvBoolean", integer: "getEnvNumber", number: "getEnvNumber" }[p.type.kind] ?? "getEnv";
  return `utilities.${getter}(${p.environment.map((e) => JSON.stringify(e)).join(", ")})`;
}

/** The default of a property: environment first, then the schema's `default`. */
export function defaultExpression(p) {
  const env = envGetter(p);
  if (env && p.default !== undefined) return `(${env} || ${literal(p.default)})`;
  if (env) return env;
  return p.default !== undefined ? literal(p.default) : "";
}
