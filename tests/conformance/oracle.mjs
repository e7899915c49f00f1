// What contract.md says getImages returns, computed independently in JavaScript from the emulator's
// catalog file, so the C# implementation is checked against a second reading of the contract.
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./harness.mjs";

export const catalog = JSON.parse(fs.readFileSync(path.join(repoRoot, "emulator", "catalog", "images.json"), "utf8"));

const eqi = (a, b) => a != null && a.toLowerCase() === b.toLowerCase();
const hasAll = (have, want) => Array.isArray(have) && want.every((w) => have.some((h) => eqi(h, w)));

export function expectedImages(a = {}, images = catalog) {
  let xs = images.filter((i) => i.type === (a.type ?? "BUILD_IN").toUpperCase());
  if (a.name != null) xs = xs.filter((i) => (a.nameFuzzyMatch === false ? i.name === a.name : (i.name ?? "").includes(a.name)));
  if (a.namespace != null) xs = xs.filter((i) => i.namespace === a.namespace);
  if (a.serviceType != null) xs = xs.filter((i) => i.service_type === a.serviceType);
  if (a.workspaceId != null) xs = xs.filter((i) => i.workspace_id === a.workspaceId);
  if (a.id != null) xs = xs.filter((i) => i.id === a.id);
  if (a.nameRegex != null) xs = xs.filter((i) => i.name != null && new RegExp(a.nameRegex).test(i.name));
  if (a.tagRegex != null) xs = xs.filter((i) => i.tag != null && new RegExp(a.tagRegex).test(i.tag));
  if (a.arch != null) xs = xs.filter((i) => eqi(i.arch, a.arch));
  if (a.resourceCategories?.length) xs = xs.filter((i) => hasAll(i.resource_categories, a.resourceCategories));
  if (a.devServices?.length) xs = xs.filter((i) => hasAll(i.dev_services, a.devServices));
  const statuses = a.statuses?.length ? a.statuses : ["ACTIVE"];
  if (!statuses.includes("*")) xs = xs.filter((i) => statuses.some((s) => eqi(i.status, s)));
  if (a.visibility != null) xs = xs.filter((i) => eqi(i.visibility, a.visibility));
  const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  return xs.sort((x, y) => (y.create_at ?? -Infinity) - (x.create_at ?? -Infinity) || cmp(x.name, y.name) || cmp(x.id, y.id));
}

/** The camelCase Image object the contract promises for one catalog entry. */
export function asImage(i) {
  const image = {
    id: i.id ?? "", name: i.name ?? "", tag: i.tag ?? "", swrPath: i.swr_path ?? "", arch: i.arch ?? "", type: i.type ?? "",
    serviceType: i.service_type ?? "", namespace: i.namespace ?? "", workspaceId: i.workspace_id ?? "", description: i.description ?? "",
    devServices: i.dev_services ?? [], resourceCategories: i.resource_categories ?? [], status: i.status ?? "",
    statusMessage: i.status_message ?? "", visibility: i.visibility ?? "", origin: i.origin ?? "",
  };
  for (const [k, src] of [["size", "size"], ["createAt", "create_at"], ["updateAt", "update_at"]]) {
    if (i[src] != null) image[k] = i[src];
  }
  return image;
}

/** Whether an image passes an imagePolicy's namespace, name-glob and age rules, read from contract.md. */
export function allowedBy(policy, now = Date.now()) {
  const glob = (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return (image) => (!policy.allowedNamespaces || policy.allowedNamespaces.includes(image.namespace))
    && (!policy.allowedNamePatterns || policy.allowedNamePatterns.some((p) => glob(p).test(image.name ?? "")))
    && (policy.maxAgeDays == null || (image.create_at != null && now - image.create_at <= policy.maxAgeDays * 86_400_000));
}

/** The imagePolicy of the examples' dev stacks (Pulumi.dev.yaml beside each example). */
export const devPolicy = { allowedNamespaces: ["atelier", "team-vision", "team-nlp"], allowedNamePatterns: ["pytorch*", "tensorflow*", "mindspore*", "team-*"], maxAgeDays: 1500 };
