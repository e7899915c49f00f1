// The policy's configuration (`pulumi preview --policy-pack-config <file>`), shown to users: the imagePolicy
// object of modelarts:imagePolicy, and where the images live. Credentials never go here: the plugin reads
// them from the HW_* environment (HW_ACCESS_KEY + HW_SECRET_KEY [+ HW_SECURITY_TOKEN], or HW_AUTH_TOKEN).
import { PolicyConfigSchema } from "@pulumi/policy";

export interface ImagePolicy {
    mode?: "enforce" | "audit";
    allowedIds?: string[];
    allowedNamespaces?: string[];
    allowedNamePatterns?: string[];
    allowedTypes?: string[];
    allowedSwrPathPrefixes?: string[];
    maxAgeDays?: number;
}

export interface PackConfig {
    imagePolicy: ImagePolicy;
    region?: string;
    projectId?: string;
    endpoint?: string;
    pluginPath?: string;
}

const list = (description: string) => ({ type: "array" as const, minItems: 1, items: { type: "string" as const, minLength: 1 }, description });

/** The rules of imagePolicy, in the order the provider checks them. */
const ruleSchemas = {
    allowedIds: list("image ids allowed"),
    allowedNamespaces: list("SWR organizations allowed"),
    allowedNamePatterns: list("image name globs (* and ?)"),
    allowedTypes: { type: "array" as const, minItems: 1, items: { type: "string" as const, enum: ["BUILD_IN", "DEDICATED"] } },
    allowedSwrPathPrefixes: list("swr_path prefixes allowed"),
    maxAgeDays: { type: "integer" as const, minimum: 0, description: "largest age in days (createAt)" },
};

/** The rules a policy sets, for diagnostics that could not judge by them: "allowedNamespaces, maxAgeDays". */
export function rulesSet(policy: ImagePolicy | undefined): string {
    const set = (Object.keys(ruleSchemas) as (keyof typeof ruleSchemas)[]).filter((k) => policy?.[k] !== undefined);
    return set.length > 0 ? set.join(", ") : "(none set)";
}

/** Structure only; the plugin's CheckConfig applies the full validation of modelarts:imagePolicy on first use. */
export const configSchema: PolicyConfigSchema = {
    properties: {
        imagePolicy: {
            type: "object",
            description: "The allowed-images policy, the same object as modelarts:imagePolicy. `mode` is accepted and ignored: the pack always judges; use enforcementLevel advisory to only warn.",
            additionalProperties: false,
            properties: { mode: { type: "string", enum: ["enforce", "audit"] }, ...ruleSchemas },
        },
        region: { type: "string", description: "Huawei Cloud region, e.g. cn-north-4 (else HW_REGION_NAME)" },
        projectId: { type: "string", pattern: "^[0-9a-fA-F]{32}$", description: "project id (else HW_PROJECT_ID)" },
        endpoint: { type: "string", description: "ModelArts endpoint URL (default from the region)" },
        pluginPath: { type: "string", description: "pulumi-resource-modelarts or its folder (else PATH, else the Pulumi plugin cache)" },
    },
    required: ["imagePolicy"],
};

/** The plugin's configuration: the pack's policy, always enforced, and the location keys that are set. */
export function providerInputs(config: PackConfig): Record<string, string> {
    const inputs: Record<string, string> = { imagePolicy: JSON.stringify({ ...config.imagePolicy, mode: "enforce" }) };
    for (const key of ["region", "projectId", "endpoint"] as const) {
        if (config[key] !== undefined) inputs[key] = config[key]!;
    }
    return inputs;
}
