// Properties of args classes and output classes, as pulumi-dotnet's gen.go writes them (genInputProperty,
// genInputTypeWithFlags, genOutputType): list and map inputs and secrets get a backing field, outputs are readonly
// fields set by a private [OutputConstructor] whose parameter names are the wire names.
import { comment, defaultValue, identifier, isValueType, propertyName, typeString } from "./names.mjs";

const I = "        ";

function inputAttribute(p, { json }) {
  const jsonFlag = json && p.type.kind !== "string";
  return `${I}[Input("${p.name}"${p.required ? ", required: true" : ""}${jsonFlag ? ", json: true" : ""})]\n`;
}

/** One input property of an args class; place is "plain" (FooArgs of a function) or "input". */
export function inputProperty(p, { place, json = false }) {
  const name = propertyName(p.name);
  const collection = p.type.kind === "array" || p.type.kind === "map";
  if (collection || p.secret) {
    const field = `_${p.name}`;
    const fieldType = typeString(p.type, place, { optional: false });
    let out = inputAttribute(p, { json }) + `${I}private ${fieldType}? ${field};\n`;
    if (p.description) out += "\n" + comment(p.description, I);
    out += collection
      ? `${I}public ${fieldType} ${name}\n${I}{\n${I}    get => ${field} ?? (${field} = new ${fieldType}());\n`
      : `${I}public ${fieldType}? ${name}\n${I}{\n${I}    get => ${field};\n`;
    if (p.secret && place === "input") {
      const element = (t) => typeString(t, "inputElement", { optional: false });
      const secret = p.type.kind === "array"
        ? [`var emptySecret = Output.CreateSecret(ImmutableArray.Create<${element(p.type.items)}>());`, `${field} = Output.All(value, emptySecret).Apply(v => v[0]);`]
        : p.type.kind === "map"
          ? [`var emptySecret = Output.CreateSecret(ImmutableDictionary.Create<string, ${element(p.type.items)}>());`, `${field} = Output.All(value, emptySecret).Apply(v => v[0]);`]
          : ["var emptySecret = Output.CreateSecret(0);", `${field} = Output.Tuple<${fieldType}?, int>(value, emptySecret).Apply(t => t.Item1);`];
      out += `${I}    set\n${I}    {\n${secret.map((l) => `${I}        ${l}\n`).join("")}${I}    }\n`;
    } else {
      out += `${I}    set => ${field} = value;\n`;
    }
    return out + `${I}}\n`;
  }
  const type = typeString(p.type, place, { optional: !p.required });
  const initializer = p.required && !(place === "plain" && isValueType(p.type)) ? " = null!;" : "";
  return comment(p.description, I) + inputAttribute(p, { json }) + `${I}public ${type} ${name} { get; set; }${initializer}\n`;
}

/** A sealed args class (InvokeArgs or ResourceArgs) with its defaults constructor and Empty. */
export function argsClass({ name, description = "", base, props, place, json = false }) {
  let out = "\n" + comment(description, "    ") + `    public sealed class ${name} : global::Pulumi.${base}\n    {\n`;
  for (const p of props) out += inputProperty(p, { place, json }) + "\n";
  out += `        public ${name}()\n        {\n`;
  for (const p of props) {
    const value = p.default !== undefined || p.environment.length ? defaultValue(p, { input: place === "input" }) : "";
    if (value) out += `            ${propertyName(p.name)} = ${value};\n`;
  }
  out += `        }\n        public static new ${name} Empty => new ${name}();\n    }\n`;
  return out;
}

/** An [OutputType] class: readonly fields and the private [OutputConstructor]. */
export function outputClass({ name, description = "", props }) {
  let out = "\n" + comment(description, "    ") + `    [OutputType]\n    public sealed class ${name}\n    {\n`;
  for (const p of props) out += comment(p.description, "        ") + `        public readonly ${typeString(p.type, "output", { optional: !p.required })} ${propertyName(p.name)};\n`;
  if (props.length) out += "\n";
  const params = props.map((p) => `${typeString(p.type, "output", { optional: !p.required })} ${identifier(p.name)}`);
  out += `        [OutputConstructor]\n        private ${name}(`;
  out += props.length > 1 ? params.map((x) => `\n            ${x}`).join(",\n") : params.join("");
  out += ")\n        {\n";
  for (const p of props) {
    const field = propertyName(p.name) === identifier(p.name) ? `this.${propertyName(p.name)}` : propertyName(p.name);
    out += `            ${field} = ${identifier(p.name)};\n`;
  }
  return out + "        }\n    }\n";
}
