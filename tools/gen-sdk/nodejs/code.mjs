// Functions, resources and the provider in TypeScript, in the shape of pulumi/pulumi's Node.js codegen golden
// files (tests/testdata/codegen/output-funcs/nodejs/funcWithAllOptionalInputs.ts, simple-resource-schema/nodejs/
// resource.ts and provider.ts, provider-config-schema/nodejs/provider.ts).
import { tokenName } from "../model.mjs";
import { comment, defaultExpression, functionName, inputType, typeName, typeString } from "./names.mjs";

/** The import lines a file needs: pulumi, then inputs/outputs when it names them, then utilities. */
export function imports(body, dir = ".") {
  let out = 'import * as pulumi from "@pulumi/pulumi";\n';
  if (/\binputs\.[A-Za-z]/.test(body)) out += `import * as inputs from "${dir}/types/input";\n`;
  if (/\boutputs\.[A-Za-z]/.test(body)) out += `import * as outputs from "${dir}/types/output";\n`;
  return out + `import * as utilities from "${dir}/utilities";\n`;
}

const propertyList = (props, source) => props.map((p) => `        "${p.name}": ${source}.${p.name},\n`).join("");

export function functionFile(f) {
  const fn = functionName(f), T = typeName(f);
  const optional = f.inputs.every((p) => !p.required);
  const a = optional ? "args?" : "args";
  const doc = comment(f.description, "");
  const prelude = `${optional ? "    args = args || {};\n" : ""}    opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts || {});\n`;
  let body = `${doc}export function ${fn}(${a}: ${T}Args, opts?: pulumi.InvokeOptions): Promise<${T}Result> {\n${prelude}`;
  body += `    return pulumi.runtime.invoke("${f.token}", {\n${propertyList(f.inputs, "args")}    }, opts);\n}\n\n`;
  body += `export interface ${T}Args {\n`;
  for (const p of f.inputs) body += comment(p.description, "    ") + `    ${p.name}${p.required ? "" : "?"}: ${typeString(p.type, "plain")};\n`;
  body += `}\n\n`;
  body += `export interface ${T}Result {\n`;
  for (const p of f.outputs) body += comment(p.description, "    ") + `    readonly ${p.name}${p.required ? "" : "?"}: ${typeString(p.type, "plain")};\n`;
  body += `}\n`;
  body += `${doc}export function ${fn}Output(${a}: ${T}OutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<${T}Result> {\n${prelude}`;
  body += `    return pulumi.runtime.invokeOutput("${f.token}", {\n${propertyList(f.inputs, "args")}    }, opts);\n}\n\n`;
  body += `export interface ${T}OutputArgs {\n`;
  for (const p of f.inputs) body += comment(p.description, "    ") + `    ${p.name}${p.required ? "" : "?"}: ${inputType(p.type, { optional: !p.required })};\n`;
  body += `}\n`;
  return imports(body) + "\n" + body;
}

/** The value a resource or provider constructor sends for an input (nodejs gen.go genResource). */
function inputValue(p, pkg, { provider }) {
  let v = `args?.${p.name}`;
  if (p.type.kind === "object" && pkg.type(p.type.ref)?.properties.some((x) => x.default !== undefined || x.environment.length)) {
    v = `args ? pulumi.output(args.${p.name}).apply(v => v === undefined ? undefined : inputs.${camel(tokenName(p.type.ref))}ArgsProvideDefaults(v)) : undefined`;
  }
  if (p.secret) v = `args?.${p.name} ? pulumi.secret(args.${p.name}) : undefined`;
  const dflt = defaultExpression(p);
  if (dflt) v = `(${v}) ?? ${dflt}`;
  if (provider && p.type.kind !== "string") v = `pulumi.output(${v}).apply(JSON.stringify)`;
  return v;
}
const camel = (s) => s.charAt(0).toLowerCase() + s.slice(1);

const IS_INSTANCE = (T, compare) => `    /**\n     * Returns true if the given object is an instance of ${T}.  This is designed to work even\n` +
  `     * when multiple copies of the Pulumi SDK have been loaded into the same process.\n     */\n` +
  `    public static isInstance(obj: any): obj is ${T} {\n        if (obj === undefined || obj === null) {\n            return false;\n        }\n` +
  `        return obj['__pulumiType'] === ${compare};\n    }\n\n`;

const CREATE_DOC = (T) => `    /**\n     * Create a ${T} resource with the given unique name, arguments, and options.\n     *\n` +
  "     * @param name The _unique_ name of the resource.\n     * @param args The arguments to use to populate this resource's properties.\n" +
  "     * @param opts A bag of options that control this resource's behavior.\n     */\n";

export function resourceFile(pkg, r) {
  const provider = !!r.isProvider;
  const T = provider ? "Provider" : r.name;
  const base = provider ? "ProviderResource" : "CustomResource";
  const optsType = provider ? "pulumi.ResourceOptions" : "pulumi.CustomResourceOptions";
  let body = comment(r.description, "") + `export class ${T} extends pulumi.${base} {\n`;
  if (!provider) {
    body += `    /**\n     * Get an existing ${T} resource's state with the given name, ID, and optional extra\n     * properties used to qualify the lookup.\n     *\n`;
    body += "     * @param name The _unique_ name of the resulting resource.\n     * @param id The _unique_ provider ID of the resource to lookup.\n";
    body += "     * @param opts Optional settings to control the behavior of the CustomResource.\n     */\n";
    body += `    public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ${T} {\n        return new ${T}(name, undefined as any, { ...opts, id: id });\n    }\n\n`;
  }
  body += `    /** @internal */\n    public static readonly __pulumiType = '${provider ? pkg.name : r.token}';\n\n`;
  body += IS_INSTANCE(T, provider ? `"pulumi:providers:" + ${T}.__pulumiType` : `${T}.__pulumiType`);
  for (const p of r.outputs) {
    const t = typeString(p.type, "plain");
    body += comment(p.description, "    ") + `    declare public ${p.outOnly ? "/*out*/ " : ""}readonly ${p.name}: pulumi.Output<${t}${p.required ? "" : " | undefined"}>;\n`;
  }
  body += "\n" + CREATE_DOC(T);
  const optional = r.inputs.every((p) => !p.required);
  body += `    constructor(name: string, args${optional ? "?" : ""}: ${T}Args, opts?: ${optsType}) {\n        let resourceInputs: pulumi.Inputs = {};\n        opts = opts || {};\n`;
  const assign = (p) => `            resourceInputs["${p.name}"] = ${inputValue(p, pkg, { provider })};\n`;
  if (provider) {
    body += "        {\n" + r.inputs.map(assign).join("") + "        }\n";
  } else {
    body += "        if (!opts.id) {\n";
    for (const p of r.inputs.filter((x) => x.required)) body += `            if (args?.${p.name} === undefined && !opts.urn) {\n                throw new Error("Missing required property '${p.name}'");\n            }\n`;
    const inputNames = new Set(r.inputs.map((p) => p.name));
    body += r.inputs.map(assign).join("");
    body += r.outputs.filter((p) => !inputNames.has(p.name)).map((p) => `            resourceInputs["${p.name}"] = undefined /*out*/;\n`).join("");
    body += "        } else {\n" + r.outputs.map((p) => `            resourceInputs["${p.name}"] = undefined /*out*/;\n`).join("") + "        }\n";
  }
  body += "        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);\n";
  const secrets = provider ? [] : r.outputs.filter((p) => p.secret).map((p) => p.name);
  if (secrets.length) body += `        const secretOpts = { additionalSecretOutputs: [${secrets.map((s) => JSON.stringify(s)).join(", ")}] };\n        opts = pulumi.mergeOptions(opts, secretOpts);\n`;
  body += `        super(${T}.__pulumiType, name, resourceInputs, opts);\n    }\n}\n\n`;
  body += `/**\n * The set of arguments for constructing a ${T} resource.\n */\nexport interface ${T}Args {\n`;
  for (const p of r.inputs) body += comment(p.description, "    ") + `    ${p.name}${p.required ? "" : "?"}: ${inputType(p.type, { optional: !p.required })};\n`;
  body += "}\n";
  return imports(body) + "\n" + body;
}
