// Runs FlexSearch or MiniSearch, configured in engines.mjs, over the files b2b_search_cli reads,
// and prints the same JSON figures (build, memory, latency, recall).
//   node --expose-gc search-js.mjs --engine flexsearch|minisearch --catalog F.jsonl --queries F.json [--runs N]
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import { ENGINES } from "./engines.mjs";
import { fail, latencyStats, loadCatalog, loadQueries, parseArgs, recall, spread } from "./lib.mjs";

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

  const builds = [], p50s = [], p99s = [], means = [];
  const perQuery = queries.map(() => []);
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
    queries.forEach((query, i) => {
      const t0 = performance.now();
      const found = search(query.q, args.limit);
      const ms = performance.now() - t0;
      latencies.push(ms);
      perQuery[i].push(ms);
      ids.push(found);
    });
    if (run === 0) resultIds = ids;
    const stats = latencyStats(latencies);
    p50s.push(stats.p50);
    p99s.push(stats.p99);
    means.push(stats.mean);
    search = null;
  }

  const { overall, byType } = recall(queries, resultIds);
  const typeLatency = {};
  queries.forEach((q, i) => (typeLatency[q.type] ||= []).push(...perQuery[i]));
  const slowest = queries.map((q, i) => ({ q: q.q, type: q.type, ms: spread(perQuery[i]).median }))
                         .sort((a, b) => b.ms - a.ms).slice(0, 5);
  const out = {
    engine: engine.name + (args.engine === "flexsearch" && args.flexSuggest ? " (suggest)" : ""),
    products: products.length,
    queries: queries.length,
    build_ms: spread(builds),
    memory_bytes: memory,
    memory_kind: "V8 heapUsed growth from building the index (gc before and after)",
    p50_ms: spread(p50s),
    p99_ms: spread(p99s),
    mean_ms: spread(means),
    recall_at_20: overall,
    recall_by_type: byType,
    latency_by_type_ms: Object.fromEntries(Object.entries(typeLatency).sort().map(([type, ms]) => {
      const s = latencyStats(ms);
      return [type, { p50: Math.round(s.p50 * 10000) / 10000, p99: Math.round(s.p99 * 10000) / 10000 }];
    })),
    slowest_queries: slowest.map((s) => ({ ...s, ms: Math.round(s.ms * 10000) / 10000 })),
    limit: args.limit,
    runs: args.runs,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

main();
