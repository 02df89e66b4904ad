// Runs FlexSearch or MiniSearch, configured in engines.mjs, over the files b2b_search_cli reads,
// and prints the same JSON figures (build, memory, latency, recall).
//   node --expose-gc search-js.mjs --engine flexsearch|minisearch --catalog F.jsonl --queries F.json [--runs N]
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import { ENGINES } from "./engines.mjs";
import { fail, loadCatalog, loadQueries, parseArgs } from "./lib.mjs";
import { summarize } from "./suite.mjs";

const USAGE = "usage: node --expose-gc search-js.mjs --engine flexsearch|minisearch --catalog F.jsonl " +
              "--queries F.json [--runs N] [--limit 20] [--flex-suggest]";

// Memory is measured between forced collections; without --expose-gc, run again with it.
if (typeof globalThis.gc !== "function") {
  const child = spawnSync(process.execPath, ["--expose-gc", ...process.execArgv, fileURLToPath(import.meta.url),
                                             ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}

function main() {
  const args = parseArgs(process.argv.slice(2), { engine: "", catalog: "", queries: "", runs: 3, limit: 20, flexSuggest: false }, USAGE);
  const engine = ENGINES[args.engine];
  if (!engine) fail(`--engine must be flexsearch or minisearch\n${USAGE}`);
  if (!args.catalog || !args.queries) fail(`--catalog and --queries are required\n${USAGE}`);
  if (!Number.isInteger(args.runs) || args.runs < 1) fail("--runs must be a positive integer");
  let products, queries;
  try {
    products = loadCatalog(args.catalog);
    queries = loadQueries(args.queries);
  } catch (e) {
    process.stderr.write(`search-js: ${e.message}\n`);
    process.exit(1);
  }

  const builds = [], latencyRuns = [];
  let memory = 0;
  let resultIds = null;
  for (let run = 0; run < args.runs; run++) {
    globalThis.gc();
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    let search = engine.build(products, args);
    builds.push(performance.now() - start);
    globalThis.gc();
    globalThis.gc();
    if (run === 0) memory = process.memoryUsage().heapUsed - before;

    const latencies = [];
    const ids = [];
    for (const query of queries) {
      const t0 = performance.now();
      const found = search(query.q, args.limit);
      latencies.push(performance.now() - t0);
      ids.push(found);
    }
    if (run === 0) resultIds = ids;
    latencyRuns.push(latencies);
    search = null;
  }

  const out = summarize({
    engine: engine.name + (args.engine === "flexsearch" && args.flexSuggest ? " (suggest)" : ""),
    products: products.length, queries, builds, memory,
    memoryKind: "V8 heapUsed growth from building the index (gc before and after)",
    latencyRuns, resultIds, limit: args.limit,
  });
  process.stdout.write(JSON.stringify(out) + "\n");
}

main();
