// Runs the offline-search benchmark: generates each catalog size once (cached outside the repo), runs
// our search (wasm under Node, native) and FlexSearch and MiniSearch on the same files, writes one JSON.
//   node run.mjs --sizes 10000,100000 --runs 3 --out results-search.json --wasm-cli B/b2b_search_cli.js --native-cli B/b2b_search_cli
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { compare, GOALS, searchFiles } from "./suite.mjs";
import { fail, parseArgs } from "./lib.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE = "usage: node run.mjs --sizes 10000,100000 [--runs 3] [--out results-search.json] " +
              "[--wasm-cli build/bench/search/b2b_search_cli.js] [--native-cli build/bench/search/b2b_search_cli] " +
              "[--seed 1] [--query-count 2000] [--engines ours-wasm,ours-native,flexsearch,minisearch,flexsearch-suggest]";

const args = parseArgs(process.argv.slice(2), {
  sizes: "10000,100000", runs: 3, out: "results-search.json", wasmCli: "", nativeCli: "", seed: 1,
  queryCount: 2000, engines: "ours-wasm,ours-native,flexsearch,minisearch", chromium: false,
}, USAGE);
if (args.chromium) fail("for Chromium run chromium.mjs (./dev bench runs it as the part search_chromium)");
const sizes = args.sizes.split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) fail(`--sizes must be integers >= 100\n${USAGE}`);
const wanted = new Set(args.engines.split(","));

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
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
  const files = searchFiles(size, args, log);
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
