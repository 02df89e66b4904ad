// Runs the offline-search benchmark: generates each catalog size once (cached outside the repo), runs
// our search (wasm under Node, native) and FlexSearch and MiniSearch on the same files, writes one JSON.
//   node run.mjs --sizes 10000,100000 --runs 3 --out results-search.json --wasm-cli B/b2b_search_cli.js --native-cli B/b2b_search_cli
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { fail, parseArgs } from "./lib.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE = "usage: node run.mjs --sizes 10000,100000 [--runs 3] [--out results-search.json] " +
              "[--wasm-cli build/bench/search/b2b_search_cli.js] [--native-cli build/bench/search/b2b_search_cli] " +
              "[--seed 1] [--query-count 2000] [--engines ours-wasm,ours-native,flexsearch,minisearch,flexsearch-suggest]";

// The goals, at 100,000 products: ours against FlexSearch measured in the same run.
const GOALS = { products: 100000, p99_ratio_max: 0.2, memory_ratio_max: 1 / 3, build_ratio_max: 0.2, recall_min: 0.8 };

const args = parseArgs(process.argv.slice(2), {
  sizes: "10000,100000", runs: 3, out: "results-search.json", wasmCli: "", nativeCli: "", seed: 1,
  queryCount: 2000, engines: "ours-wasm,ours-native,flexsearch,minisearch", chromium: false,
}, USAGE);
if (args.chromium) fail("--chromium is not implemented yet: the wasm build runs under Node only");
const sizes = args.sizes.split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) fail(`--sizes must be integers >= 100\n${USAGE}`);
const wanted = new Set(args.engines.split(","));

const cacheRoot = process.env.B2B_CACHE_DIR || path.join(os.homedir(), ".cache", "b2b-ordering");
const cacheDir = path.join(cacheRoot, "bench");
mkdirSync(cacheDir, { recursive: true });

// The generator's own hash is part of the file names, so an edited generator never reuses old files.
const generatorKey = createHash("sha256")
  .update(readFileSync(path.join(HERE, "gen-catalog.mjs")))
  .update(readFileSync(path.join(HERE, "lib.mjs")))
  .digest("hex").slice(0, 12);

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

function generate(size) {
  const stem = path.join(cacheDir, `search-${size}-seed${args.seed}-q${args.queryCount}-${generatorKey}`);
  const catalog = `${stem}.jsonl`;
  const queries = `${stem}.queries.json`;
  if (!existsSync(catalog) || !existsSync(queries)) {
    log(`generating ${size} products -> ${catalog}`);
    // Written under temporary names and renamed, so an interrupted run leaves no half file to reuse.
    const result = spawnSync(process.execPath, [path.join(HERE, "gen-catalog.mjs"), "--products", String(size),
      "--seed", String(args.seed), "--query-count", String(args.queryCount),
      "--catalog", `${catalog}.tmp`, "--queries", `${queries}.tmp`], { stdio: ["ignore", "inherit", "inherit"] });
    if (result.status !== 0) throw new Error(`gen-catalog failed for ${size} products`);
    renameSync(`${catalog}.tmp`, catalog);
    renameSync(`${queries}.tmp`, queries);
  }
  return { catalog, queries };
}

function engineCommands(files) {
  const common = ["--catalog", files.catalog, "--queries", files.queries, "--runs", String(args.runs)];
  const commands = [];
  const script = path.join(HERE, "search-js.mjs");
  if (wanted.has("ours-wasm")) {
    // Emscripten 3.1.6 output meets Node 20's fetch: --no-experimental-fetch (toolchain notes).
    commands.push(["ours (wasm)", args.wasmCli && [process.execPath, "--no-experimental-fetch", args.wasmCli, ...common],
                   "--wasm-cli not given"]);
  }
  if (wanted.has("ours-native")) commands.push(["ours (native)", args.nativeCli && [args.nativeCli, ...common], "--native-cli not given"]);
  for (const engine of ["flexsearch", "minisearch"]) {
    if (wanted.has(engine)) commands.push([engine, [process.execPath, "--expose-gc", script, "--engine", engine, ...common]]);
  }
  // FlexSearch with suggest on, its README's advice for typos: only on request (see search-js.mjs).
  if (wanted.has("flexsearch-suggest")) {
    commands.push(["flexsearch (suggest)", [process.execPath, "--expose-gc", script, "--engine", "flexsearch", "--flex-suggest", ...common]]);
  }
  return commands;
}

function runEngine(label, command) {
  log(`${label}: ${command.join(" ")}`);
  const result = spawnSync(command[0], command.slice(1), { encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.error) return { error: `${result.error.message}` };
  if (result.status !== 0) return { error: `exit ${result.status}: ${result.stderr.trim().split("\n").slice(-3).join(" | ")}` };
  try {
    return JSON.parse(result.stdout.trim().split("\n").pop());
  } catch {
    return { error: `no JSON on stdout: ${result.stdout.slice(0, 200)}` };
  }
}

const round = (x, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

// Ours divided by FlexSearch (medians of this run) and the goals, for one build of ours.
function compare(ours, flex, products) {
  if (!ours || ours.error || !flex || flex.error) return null;
  const ratios = {
    p99: round(ours.p99_ms.median / flex.p99_ms.median),
    memory: round(ours.memory_bytes / flex.memory_bytes),
    build: round(ours.build_ms.median / flex.build_ms.median),
  };
  return {
    engine: ours.engine,
    ratios,
    goals_apply: products === GOALS.products,
    goal_met: {
      p99: ratios.p99 <= GOALS.p99_ratio_max,
      recall: ours.recall_at_20 >= GOALS.recall_min,
      memory: ratios.memory <= GOALS.memory_ratio_max,
      build: ratios.build <= GOALS.build_ratio_max,
    },
  };
}

function table(results) {
  const rows = ["| products | engine | build ms | memory MB | p50 ms | p99 ms | recall@20 |", "|---:|---|---:|---:|---:|---:|---:|"];
  for (const size of results.sizes) {
    for (const e of size.engines) {
      if (e.error) {
        rows.push(`| ${size.products} | ${e.engine} | error: ${e.error} |||||`);
        continue;
      }
      rows.push(`| ${size.products} | ${e.engine} | ${e.build_ms.median.toFixed(0)} | ${(e.memory_bytes / 1e6).toFixed(1)} | ` +
                `${e.p50_ms.median.toFixed(3)} | ${e.p99_ms.median.toFixed(2)} | ${e.recall_at_20.toFixed(3)} |`);
    }
    if (size.ratios) rows.push(`| ${size.products} | ours (wasm) ÷ flexsearch | ${size.ratios.build} | ${size.ratios.memory} | | ${size.ratios.p99} | goals met: ${JSON.stringify(size.goal_met)} |`);
  }
  return rows.join("\n");
}

const results = {
  benchmark: "offline catalog search, issue #10 part 3",
  generated_at: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, platform: `${os.platform()} ${os.arch()}` },
  seed: args.seed,
  query_count: args.queryCount,
  runs: args.runs,
  goals: GOALS,
  sizes: [],
};
let failures = 0;
for (const size of sizes) {
  const files = generate(size);
  const engines = [];
  for (const [label, command, missing] of engineCommands(files)) {
    const result = command ? runEngine(label, command) : { error: `skipped: ${missing}` };
    if (result.error && command) failures++;
    engines.push(result.error ? { engine: label, error: result.error } : result);
  }
  const find = (prefix) => engines.find((e) => e.engine.startsWith(prefix));
  const flex = engines.find((e) => e.engine === "flexsearch" || e.engine.startsWith("flexsearch 0.8.212") && !e.engine.endsWith("(suggest)"));
  // The goals are the app's, so ours in wasm is what `ratios` and `goal_met` compare; native is extra.
  const wasm = compare(find("ours (wasm)"), flex, size);
  const native = compare(find("ours (native)"), flex, size);
  results.sizes.push({
    products: size, catalog: files.catalog, queries: files.queries, engines,
    recall_at_20: Object.fromEntries(engines.filter((e) => !e.error).map((e) => [e.engine, e.recall_at_20])),
    ratios: wasm?.ratios ?? null, goal_met: wasm?.goal_met ?? null, goals_apply: size === GOALS.products,
    native: native && { ratios: native.ratios, goal_met: native.goal_met },
  });
}
writeFileSync(args.out, JSON.stringify(results, null, 2) + "\n");
process.stderr.write(`\n${table(results)}\n\nwritten to ${args.out}\n`);
// A missed goal is a finding, not a failure; only an engine that did not run fails the run.
process.exit(failures > 0 ? 1 : 0);
