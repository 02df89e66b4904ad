// The offline-search benchmark in Chromium: our search (b2b_search_web, wasm), FlexSearch and MiniSearch
// run in a page of Debian's headless Chromium on the same cached files as run.mjs, and one JSON is written
// with the same figures and the ratios to FlexSearch.
//   node chromium.mjs --sizes 10000,100000 --runs 3 --out results-search-chromium.json --wasm-dir build/wasm/bench/search
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { fail, loadQueries, parseArgs } from "./lib.mjs";
import { compare, GOALS, searchFiles, summarize } from "./suite.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { launchBrowser, startStatic } = await import(path.join(HERE, "../../tests/browser/harness.mjs"));
const USAGE = "usage: node chromium.mjs --wasm-dir build/wasm/bench/search [--sizes 10000,100000] [--runs 3] " +
              "[--out results-search-chromium.json] [--seed 1] [--query-count 2000] [--engines ours,flexsearch,minisearch]";

const args = parseArgs(process.argv.slice(2), {
  sizes: "10000,100000", runs: 3, out: "results-search-chromium.json", wasmDir: "", seed: 1, queryCount: 2000,
  engines: "ours,flexsearch,minisearch",
}, USAGE);
if (!args.wasmDir) fail(`--wasm-dir is required (the folder with b2b_search_web.js)\n${USAGE}`);
const sizes = args.sizes.split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) fail(`--sizes must be integers >= 100\n${USAGE}`);
if (!Number.isInteger(args.runs) || args.runs < 1) fail("--runs must be a positive integer");
const LIMIT = 20;
const NAMES = { ours: "ours (wasm)", flexsearch: "flexsearch 0.8.212", minisearch: "minisearch 7.2.0" };

function log(message) {
  process.stderr.write(`[bench chromium] ${message}\n`);
}

// One engine in a fresh page: load, then per run build / measure / query / drop. Memory is the first run's.
async function runEngine(browser, server, name, files, queries) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url + "chromium.html");
    await page.waitForFunction(() => window.bench, null, { timeout: 30000 }).catch(() => {
      throw new Error(`the page did not start: ${errors.join("; ") || "no error reported"}`);
    });
    const isolated = await page.evaluate(() => window.bench.isolated());
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.enable");
    const jsHeap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    };
    await page.evaluate(([n, c, q]) => window.bench.load(n, c, q),
                        [name, "/data/" + path.basename(files.catalog), "/data/" + path.basename(files.queries)]);
    const builds = [], innerBuilds = [], latencyRuns = [];
    let jsGrowth = 0, wasmMemory = {}, resultIds = null;
    for (let run = 0; run < args.runs; run++) {
      const before = await jsHeap();
      const build = await page.evaluate(() => window.bench.build());
      const after = await jsHeap();
      builds.push(build.ms);
      if (build.inner_ms !== null) innerBuilds.push(build.inner_ms);
      if (run === 0) {
        jsGrowth = after - before;
        wasmMemory = await page.evaluate(() => window.bench.memory());
      }
      const { latencies, ids } = await page.evaluate((limit) => window.bench.run(limit), LIMIT);
      latencyRuns.push(latencies);
      if (run === 0) resultIds = ids;
      await page.evaluate(() => window.bench.drop());
    }
    const wasm = name === "ours";
    return summarize({
      engine: NAMES[name], products: null, queries, builds, limit: LIMIT, latencyRuns, resultIds,
      memory: wasm ? wasmMemory.in_use : jsGrowth,
      memoryKind: wasm ? "dlmalloc in-use bytes (mallinfo) added by building LocalCatalog and its index, as b2b_search_cli"
                       : "V8 heap usedSize growth from building the index (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage)",
      extra: {
        ...(wasm ? { wasm_heap_growth_bytes: wasmMemory.heap_growth, wasm_linear_memory_bytes: wasmMemory.linear_memory,
                     build_inner_ms: innerBuilds.length ? summarizeBuild(innerBuilds) : null } : {}),
        js_heap_growth_bytes: jsGrowth,
        timer: isolated ? "performance.now, cross-origin isolated (5 µs)" : "performance.now, not isolated (100 µs)",
      },
    });
  } finally {
    await context.close();
  }
}

const summarizeBuild = (ms) => summarize({ engine: "", queries: [], builds: ms, latencyRuns: [], resultIds: [] }).build_ms;

async function main() {
  const browser = await launchBrowser();
  const results = {
    benchmark: "offline catalog search in Chromium, issue #10 part 3",
    generated_at: new Date().toISOString(),
    browser: `Chromium ${browser.version()} (headless, Debian)`,
    seed: args.seed, query_count: args.queryCount, runs: args.runs, goals: GOALS, sizes: [],
  };
  let failures = 0;
  try {
    for (const size of sizes) {
      const files = searchFiles(size, args, log);
      const queries = loadQueries(files.queries);
      // Loopback only; cross-origin isolation gives the page a 5 µs clock instead of 100 µs.
      const server = await startStatic({ "/": HERE, "/node_modules/": path.join(HERE, "node_modules"),
                                         "/wasm/": args.wasmDir, "/data/": path.dirname(files.catalog) },
                                       { headers: { "Cross-Origin-Opener-Policy": "same-origin",
                                                    "Cross-Origin-Embedder-Policy": "require-corp" } });
      const engines = [];
      try {
        for (const name of args.engines.split(",")) {
          if (!NAMES[name]) fail(`unknown engine ${name}\n${USAGE}`);
          log(`${size} products: ${NAMES[name]}`);
          try {
            const result = await runEngine(browser, server, name, files, queries);
            result.products = size;
            engines.push(result);
          } catch (error) {
            failures++;
            engines.push({ engine: NAMES[name], error: error.message });
          }
        }
      } finally {
        await server.stop();
      }
      const ours = compare(engines.find((e) => e.engine === NAMES.ours), engines.find((e) => e.engine === NAMES.flexsearch), size);
      results.sizes.push({
        products: size, catalog: files.catalog, queries: files.queries, engines,
        ratios: ours?.ratios ?? null, goal_met: ours?.goal_met ?? null, goals_apply: size === GOALS.products,
      });
    }
  } finally {
    await browser.close();
  }
  writeFileSync(args.out, JSON.stringify(results, null, 2) + "\n");
  for (const size of results.sizes) {
    for (const e of size.engines) {
      log(e.error ? `${size.products} ${e.engine}: error ${e.error}`
                  : `${size.products} ${e.engine}: build ${e.build_ms.median} ms, ${(e.memory_bytes / 1e6).toFixed(1)} MB, ` +
                    `p50 ${e.p50_ms.median} ms, p99 ${e.p99_ms.median} ms, recall@20 ${e.recall_at_20}`);
    }
    if (size.ratios) log(`${size.products} ours ÷ flexsearch: ${JSON.stringify(size.ratios)}, goals met ${JSON.stringify(size.goal_met)}`);
  }
  log(`written to ${args.out}`);
  process.exit(failures > 0 ? 1 : 0);
}

await main();
