// The package schema as the generators read it: tokens split into names, properties sorted by name and
// marked required/secret, and every object type classified by where it is used (input, output, config).
// pulumi/pulumi `pkg/codegen/schema/bind.go` binds a schema the same way before any language's codegen runs:
// properties sorted by name (bindProperties), types and functions by token.

const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The last part of a token: "modelarts:index:getImages" -> "getImages". */
export const tokenName = (token) => token.split(":").at(-1);

export const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
export const camel = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** A property's type: { kind: string|boolean|integer|number|any|array|map|object, items?, ref? }. */
export function typeOf(spec) {
  if (spec.oneOf) throw new Error("unsupported union (oneOf): only object types, lists, maps and scalars are generated");
  if (spec.$ref) {
    if (!spec.$ref.startsWith("#/types/")) throw new Error(`unsupported $ref ${spec.$ref}: only this package's #/types/ are generated`);
    return { kind: "object", ref: spec.$ref.slice("#/types/".length) };
  }
  switch (spec.type) {
    case "string": case "boolean": case "integer": case "number": return { kind: spec.type };
    case "array": return { kind: "array", items: typeOf(spec.items) };
    case "object": return spec.additionalProperties ? { kind: "map", items: typeOf(spec.additionalProperties) } : { kind: "any" };
    case undefined: return { kind: "any" };
    default: throw new Error(`unsupported schema type ${spec.type}`);
  }
}

/** Properties of an object spec ({properties, required}), sorted by name as bind.go sorts them. */
export function properties(objectSpec = {}, { secretDefault = false } = {}) {
  const required = new Set(objectSpec.required ?? []);
  return Object.entries(objectSpec.properties ?? {})
    .map(([name, spec]) => ({
      name,
      spec,
      type: typeOf(spec),
      required: required.has(name),
      secret: spec.secret === true || secretDefault,
      description: spec.description ?? "",
      default: spec.default,
      environment: spec.defaultInfo?.environment ?? [],
    }))
    .sort((a, b) => byName(a.name, b.name));
}

/** Every object type a property type reaches, depth first. */
function reach(type, types, seen) {
  if (type.kind === "array" || type.kind === "map") return reach(type.items, types, seen);
  if (type.kind !== "object" || seen.has(type.ref)) return;
  seen.add(type.ref);
  const spec = types[type.ref];
  if (!spec) throw new Error(`#/types/${type.ref} is referenced but not defined`);
  for (const p of properties(spec)) reach(p.type, types, seen);
}

export function loadPackage(schema) {
  const types = schema.types ?? {};
  const inputs = new Set(), plainInputs = new Set(), outputs = new Set(), config = new Set();
  const mark = (props, set) => props.forEach((p) => reach(p.type, types, set));

  const functions = Object.entries(schema.functions ?? {}).sort(([a], [b]) => byName(a, b)).map(([token, spec]) => ({
    token, name: tokenName(token), description: spec.description ?? "",
    inputs: properties(spec.inputs), outputs: properties(spec.outputs),
  }));
  const resources = Object.entries(schema.resources ?? {}).sort(([a], [b]) => byName(a, b)).map(([token, spec]) => {
    if (spec.isComponent || spec.methods) throw new Error(`${token}: component resources and methods are not generated, only custom resources`);
    // gen-sdk turns stateInputs into a FooState class and a get(name, id, state) form; not written here yet.
    if (spec.stateInputs) throw new Error(`${token}: stateInputs are not generated yet (gen-sdk writes a ${tokenName(token)}State class for them)`);
    const inputProps = properties({ properties: spec.inputProperties, required: spec.requiredInputs });
    const outputProps = properties({ properties: spec.properties, required: spec.required });
    const inputNames = new Set(inputProps.map((p) => p.name));
    return {
      token, name: tokenName(token), description: spec.description ?? "",
      inputs: inputProps,
      // The resource's output properties are the schema's `properties` (inputs the provider echoes are listed there
      // too); an output that is no input is marked /*out*/ in the constructors, as gen-sdk marks it.
      outputs: outputProps
        .map((p) => ({ ...p, outOnly: !inputNames.has(p.name) })),
    };
  });
  const provider = {
    description: schema.provider?.description ?? "",
    inputs: properties({ properties: schema.provider?.inputProperties, required: schema.provider?.requiredInputs }),
  };
  const configVars = properties({ properties: schema.config?.variables, required: schema.config?.defaults });

  for (const f of functions) { mark(f.inputs, plainInputs); mark(f.inputs, inputs); mark(f.outputs, outputs); }
  for (const r of resources) { mark(r.inputs, inputs); mark(r.outputs, outputs); }
  mark(provider.inputs, inputs);
  mark(configVars, config);

  const objectTypes = Object.entries(types).sort(([a], [b]) => byName(a, b)).map(([token, spec]) => {
    if (spec.type !== "object" || spec.enum) throw new Error(`${token}: only object types are generated (no enums)`);
    return {
      token, name: tokenName(token), description: spec.description ?? "", properties: properties(spec),
      usedAsInput: inputs.has(token), usedAsPlainInput: plainInputs.has(token), usedAsOutput: outputs.has(token), usedInConfig: config.has(token),
    };
  });
  return {
    name: schema.name,
    version: schema.version,
    description: schema.description ?? "",
    pluginDownloadURL: schema.pluginDownloadURL,
    keywords: schema.keywords ?? [],
    homepage: schema.homepage,
    license: schema.license,
    repository: schema.repository,
    language: schema.language ?? {},
    functions, resources, provider, config: configVars, objectTypes,
    type: (token) => objectTypes.find((t) => t.token === token),
  };
}
