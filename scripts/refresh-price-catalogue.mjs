#!/usr/bin/env node
// Refreshes Creditgate's price catalogue: a filtered copy of LiteLLM's
// model_prices_and_context_window.json (MIT, https://github.com/BerriAI/litellm).
//
//   node scripts/refresh-price-catalogue.mjs                 download from GitHub (main)
//   node scripts/refresh-price-catalogue.mjs --from <file>   read a local copy instead
//   options: --out <dir>      where to write (default: the gateway's resources, below)
//            --commit <sha>   the LiteLLM commit the input came from (recorded in SOURCE.properties;
//                             looked up on GitHub when downloading and not given)
//
// Keeps, unchanged, every entry whose mode and litellm_provider Creditgate can meter (see MODES and
// PROVIDERS); drops the rest and "sample_spec". Writes model_prices_and_context_window.json (keys
// sorted, JSON.stringify(kept, null, 4) + "\n") and SOURCE.properties. No dependencies; Node 18+.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";

const REPOSITORY = "BerriAI/litellm";
const SOURCE_PATH = "model_prices_and_context_window.json";
const SOURCE_URL = `https://raw.githubusercontent.com/${REPOSITORY}/main/${SOURCE_PATH}`;
const DEFAULT_OUT = "gateway-service/src/main/resources/io/creditgate/gateway/pricing/litellm";
const MIN_ENTRIES = 100;

export const MODES = ["chat", "responses", "completion", "embedding"];
// Direct vendor APIs and the common hosts of open models (Llama, Qwen, gpt-oss, Mistral's open
// weights, DeepSeek). Azure, Bedrock, Vertex partner models and regional copies are left out:
// they mostly repeat a vendor's models under a prefix ("azure/gpt-4o") at the same or a marked-up price.
export const PROVIDERS = [
  "openai", "text-completion-openai",
  "anthropic",
  "gemini", "vertex_ai-language-models",
  "mistral", "codestral", "text-completion-codestral",
  "deepseek",
  "xai",
  "groq", "together_ai", "fireworks_ai", "deepinfra", "cerebras",
];

function fail(message) {
  console.error(`refresh-price-catalogue: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { from: null, out: DEFAULT_OUT, commit: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--from") args.from = value();
    else if (a === "--out") args.out = value();
    else if (a === "--commit") args.commit = value();
    else if (a === "-h" || a === "--help") {
      console.log("usage: node scripts/refresh-price-catalogue.mjs [--from <file>] [--out <dir>] [--commit <sha>]");
      process.exit(0);
    } else fail(`unknown argument: ${a}`);
  }
  return args;
}

/** Whether Creditgate keeps this entry. */
export function keep(key, entry) {
  if (key === "sample_spec") return false;
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return false;
  if (!MODES.includes(entry.mode) || !PROVIDERS.includes(entry.litellm_provider)) return false;
  // Vertex: only the plain "gemini-*" names; "vertex_ai/..." keys repeat them under a prefix.
  if (entry.litellm_provider === "vertex_ai-language-models" && key.includes("/")) return false;
  return true;
}

/** The kept entries, keys sorted by code point, each entry untouched. */
export function filterCatalogue(all) {
  const keys = Object.keys(all).filter((k) => keep(k, all[k]));
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const kept = {};
  for (const k of keys) kept[k] = all[k];
  return kept;
}

async function latestCommit() {
  try {
    const res = await fetch(`https://api.github.com/repos/${REPOSITORY}/commits/main`, {
      headers: { Accept: "application/vnd.github.sha" },
    });
    if (!res.ok) return null;
    const sha = (await res.text()).trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let text;
  let commit = args.commit;
  if (args.from) {
    try {
      text = await readFile(args.from, "utf8");
    } catch (e) {
      fail(`cannot read ${args.from}: ${e.message}`);
    }
  } else {
    if (!commit) commit = await latestCommit();
    let res;
    try {
      res = await fetch(SOURCE_URL);
    } catch (e) {
      fail(`cannot download ${SOURCE_URL}: ${e.message}`);
    }
    if (!res.ok) fail(`cannot download ${SOURCE_URL}: HTTP ${res.status}`);
    text = await res.text();
  }

  let all;
  try {
    all = JSON.parse(text);
  } catch (e) {
    fail(`input is not JSON (${e.message}); a truncated download? Nothing written.`);
  }
  if (all === null || typeof all !== "object" || Array.isArray(all)) {
    fail("input is not a JSON object of model entries. Nothing written.");
  }
  const values = Object.values(all);
  const entries = values.filter((v) => v && typeof v === "object" && !Array.isArray(v) && "litellm_provider" in v);
  if (values.length === 0 || entries.length < values.length / 2) {
    fail("input is not a JSON object of model entries (most values lack litellm_provider). Nothing written.");
  }

  const kept = filterCatalogue(all);
  const n = Object.keys(kept).length;
  if (n < MIN_ENTRIES) {
    fail(`only ${n} entries pass the filter (fewer than ${MIN_ENTRIES}); a truncated input? Nothing written.`);
  }

  const perProvider = {};
  for (const e of Object.values(kept)) perProvider[e.litellm_provider] = (perProvider[e.litellm_provider] ?? 0) + 1;

  await mkdir(args.out, { recursive: true });
  await writeFile(join(args.out, "model_prices_and_context_window.json"), JSON.stringify(kept, null, 4) + "\n");

  const retrieved = new Date().toISOString().slice(0, 10);
  const properties = [
    "# Creditgate's price catalogue: model_prices_and_context_window.json in this folder is a filtered copy",
    "# of LiteLLM's model_prices_and_context_window.json (https://github.com/BerriAI/litellm), MIT licence:",
    "# see LICENSE in this folder. Entries are copied unchanged; only those matching filter.* are kept.",
    "# Written by scripts/refresh-price-catalogue.mjs; do not edit by hand (see docs/prices.md).",
    `source.url=${SOURCE_URL}`,
    `source.repository=${REPOSITORY}`,
    `source.path=${SOURCE_PATH}`,
    `source.commit=${commit ?? "unknown"}`,
    `retrieved=${retrieved}`,
    `entries=${n}`,
    `filter.modes=${MODES.join(",")}`,
    `filter.providers=${PROVIDERS.join(",")}`,
    "",
  ].join("\n");
  await writeFile(join(args.out, "SOURCE.properties"), properties);

  console.log(`kept ${n} of ${Object.keys(all).length} entries (source ${args.from ?? SOURCE_URL}, commit ${commit ?? "unknown"}):`);
  for (const p of PROVIDERS) console.log(`  ${p.padEnd(28)} ${perProvider[p] ?? 0}`);
  console.log(`wrote ${join(args.out, "model_prices_and_context_window.json")} and SOURCE.properties`);
}

await main();
