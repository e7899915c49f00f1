// The verdict on each image id, read as data from the provider's getImages: `images` (allowed, the plugin runs in
// enforce mode) and `policyViolations` ({id, name, tag, rule, reason}, one entry per broken rule). The whole
// project's catalog is listed once per analyzer process, so a stack of any size costs one listing.
import { ModelArtsPlugin } from "./plugin";

export interface BrokenRule { rule: string; reason: string; }

export type Verdict =
    | { kind: "allowed" }
    | { kind: "blocked"; label: string; broken: BrokenRule[] }
    | { kind: "not-found" }
    | { kind: "unchecked"; error: string };

/** Both image types, any status: a notebook may name its team's DEDICATED image, or one no longer ACTIVE. */
export const listings = [{ type: "BUILD_IN", statuses: ["*"] }, { type: "DEDICATED", statuses: ["*"] }];

interface Listed { images: { id: string }[]; policyViolations: ({ id: string; name: string; tag: string } & BrokenRule)[]; }

export class ImageVerdicts {
    private constructor(private readonly allowed: Set<string>, private readonly blocked: Map<string, Verdict & { kind: "blocked" }>) {}

    /** Lists through the plugin; a failure of the listing is the verdict for every image (fail closed). */
    static async list(plugin: ModelArtsPlugin): Promise<ImageVerdicts | Verdict & { kind: "unchecked" }> {
        try {
            const answers = await Promise.all(listings.map(async (args) => {
                const answer = await plugin.invoke("modelarts:index:getImages", args);
                if (answer.failures.length > 0) throw new Error(answer.failures.map((f) => `${f.reason} (${f.property})`).join("; "));
                return checkShape(answer.result);
            }));
            return ImageVerdicts.from(answers);
        } catch (e) {
            return { kind: "unchecked", error: e instanceof Error ? e.message : String(e) };
        }
    }

    static from(answers: Listed[]): ImageVerdicts {
        const allowed = new Set<string>();
        const blocked = new Map<string, Verdict & { kind: "blocked" }>();
        for (const { images, policyViolations } of answers) {
            for (const image of images) allowed.add(image.id);
            for (const v of policyViolations) {
                const entry = blocked.get(v.id) ?? { kind: "blocked" as const, label: `${v.name}:${v.tag} (${v.id})`, broken: [] };
                entry.broken.push({ rule: v.rule, reason: v.reason });
                blocked.set(v.id, entry);
            }
        }
        return new ImageVerdicts(allowed, blocked);
    }

    /** A breach wins over an allowed listing of the same id: when in doubt, not allowed. */
    judge(imageId: string): Verdict {
        return this.blocked.get(imageId) ?? (this.allowed.has(imageId) ? { kind: "allowed" } : { kind: "not-found" });
    }
}

/** The fields the verdict rests on; a plugin whose answer lacks them cannot judge (e.g. one older than the pack). */
function checkShape(result: any): Listed {
    const ok = Array.isArray(result?.images) && Array.isArray(result?.policyViolations) &&
        result.images.every((i: any) => typeof i?.id === "string") &&
        result.policyViolations.every((v: any) => ["id", "name", "tag", "rule", "reason"].every((k) => typeof v?.[k] === "string"));
    if (!ok) throw new Error("the plugin's getImages answer has no images and policyViolations lists of the expected shape; use a modelarts plugin of this pack's version");
    return result as Listed;
}
