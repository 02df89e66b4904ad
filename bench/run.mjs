// Runs every benchmark of issue #10 on this machine in one go and writes bench/results.json and a
// readable bench/results.md. Called by `./dev bench` after the release builds; each part's own script can
// also be run alone. A part that cannot measure (an error, not a slow figure) is reported and the run exits 1.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const nativeBuild = flag("--native", path.join(root, "build/native"));
const wasmBuild = flag("--wasm", path.join(root, "build/wasm"));
const runs = flag("--runs", "5");
const sizes = flag("--sizes", "10000,100000");
const only = flag("--only", "");  // e.g. "ui,browser": run just these parts
const cache = path.join(process.env.B2B_CACHE_DIR || path.join(os.homedir(), ".cache/b2b-ordering"), "bench");
mkdirSync(cache, { recursive: true });

const results = {
  machine: {
    date: new Date().toISOString(),
    commit: execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"]).toString().trim(),
    cpu: os.cpus()[0]?.model, cpus: os.cpus().length, memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  parts: {},
  problems: [],
};

// Parts that read what another part writes: `--only storage` runs ui_native first (it writes the records).
const NEEDED_BY = { ui_native: ["storage"] };
const selected = (name) => !only || only.split(",").some((wanted) => wanted === name || NEEDED_BY[name]?.includes(wanted));

// Runs one part; its JSON (stdout, or the file it writes) goes under results.parts[name].
function part(name, command, commandArgs, { outFile, env } = {}) {
  if (!selected(name)) return;
  console.log(`== ${name}: ${[command, ...commandArgs].join(" ")}`);
  const started = Date.now();
  const run = spawnSync(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8",
                                                stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (run.status !== 0) {
    results.problems.push(`${name}: exited with ${run.status ?? run.signal}`);
    console.log(`   failed after ${seconds} s`);
    return;
  }
  try {
    const text = outFile ? readFileSync(outFile, "utf8") : run.stdout.trim().split("\n").pop();
    results.parts[name] = JSON.parse(text);
    console.log(`   done in ${seconds} s`);
  } catch (error) {
    results.problems.push(`${name}: unreadable result (${error.message})`);
  }
}

const records = path.join(cache, "records");
mkdirSync(records, { recursive: true });
part("ui_native", path.join(nativeBuild, "bench/ui/ui_bench"), ["--out", records, "--runs", runs]);
part("ui_wasm", "node", ["--no-experimental-fetch", path.join(wasmBuild, "bench/ui/ui_bench.js"), "--runs", runs]);
part("storage", "node", [path.join(root, "bench/storage/run.mjs"), "--record", `state=${records}/state.bin`,
                         "--record", `catalog=${records}/catalog.bin`, "--runs", runs,
                         "--out", path.join(cache, "results-storage.json")],
     { outFile: path.join(cache, "results-storage.json") });
part("browser", "node", [path.join(root, "bench/browser.mjs"), "--server-mock", path.join(nativeBuild, "server-mock/server-mock"),
                         "--dist", path.join(wasmBuild, "dist"), "--minimal", path.join(wasmBuild, "bench-minimal"),
                         "--runs", runs, "--out", path.join(cache, "results-browser.json")],
     { outFile: path.join(cache, "results-browser.json") });
// Which components the wasm's code bytes belong to, for the app and the minimal window (named builds).
part("size", "node", [path.join(root, "bench/size.mjs"), "--app", path.join(wasmBuild, "bench-named/b2b_client.wasm"),
                      "--minimal", path.join(wasmBuild, "bench-named/minimal.wasm"), "--out", path.join(cache, "results-size.json")],
     { outFile: path.join(cache, "results-size.json") });
part("search", "node", [path.join(root, "bench/search/run.mjs"), "--sizes", sizes, "--runs", "3",
                        "--wasm-cli", path.join(wasmBuild, "bench/search/b2b_search_cli.js"),
                        "--native-cli", path.join(nativeBuild, "bench/search/b2b_search_cli"),
                        "--out", path.join(cache, "results-search.json")],
     { outFile: path.join(cache, "results-search.json") });
// The same search engines and files in a page of headless Chromium (ours as b2b_search_web).
part("search_chromium", "node", [path.join(root, "bench/search/chromium.mjs"), "--sizes", sizes, "--runs", "3",
                                 "--wasm-dir", path.join(wasmBuild, "bench/search"),
                                 "--out", path.join(cache, "results-search-chromium.json")],
     { outFile: path.join(cache, "results-search-chromium.json") });
part("load", "bash", [path.join(root, "bench/load/run.sh"), "--server-mock", path.join(nativeBuild, "server-mock/server-mock"),
                      "--out", path.join(cache, "results-load.json")],
     { outFile: path.join(cache, "results-load.json") });

const previous = existsSync(path.join(root, "bench/results.json")) && only
  ? JSON.parse(readFileSync(path.join(root, "bench/results.json"), "utf8")) : null;
if (previous) results.parts = { ...previous.parts, ...results.parts };  // --only refreshes just those parts
writeFileSync(path.join(root, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
const { table } = await import("./table.mjs");
const text = table(results);
writeFileSync(path.join(root, "bench/results.md"), text);
console.log("\n" + text);
if (results.problems.length) {
  console.error("Some benchmarks could not measure:\n  " + results.problems.join("\n  "));
  process.exit(1);
}
