// What run.mjs (Node) and chromium.mjs (Chromium) share: the generated files, cached outside the repo
// so both run on the same bytes, the goals, and the comparison of ours with FlexSearch.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { latencyStats, recall, spread } from "./lib.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));

// The goals, at 100,000 products: ours against FlexSearch measured in the same run.
export const GOALS = { products: 100000, p99_ratio_max: 0.2, memory_ratio_max: 1 / 3, build_ratio_max: 0.2, recall_min: 0.8 };

// The generator's own hash (and its helpers') is part of the file names, so an edited generator never
// reuses old files.
const generatorKey = createHash("sha256")
  .update(readFileSync(path.join(HERE, "gen-catalog.mjs")))
  .update(readFileSync(path.join(HERE, "lib.mjs")))
  .update(readFileSync(path.join(HERE, "fold.mjs")))
  .digest("hex").slice(0, 12);

// The catalog and queries for `size` products ({seed, queryCount}), generated on first use.
export function searchFiles(size, { seed, queryCount }, log = () => {}) {
  const cacheRoot = process.env.B2B_CACHE_DIR || path.join(os.homedir(), ".cache", "b2b-ordering");
  const cacheDir = path.join(cacheRoot, "bench");
  mkdirSync(cacheDir, { recursive: true });
  const stem = path.join(cacheDir, `search-${size}-seed${seed}-q${queryCount}-${generatorKey}`);
  const catalog = `${stem}.jsonl`;
  const queries = `${stem}.queries.json`;
  if (!existsSync(catalog) || !existsSync(queries)) {
    log(`generating ${size} products -> ${catalog}`);
    // Written under temporary names and renamed, so an interrupted run leaves no half file to reuse.
    const result = spawnSync(process.execPath, [path.join(HERE, "gen-catalog.mjs"), "--products", String(size),
      "--seed", String(seed), "--query-count", String(queryCount),
      "--catalog", `${catalog}.tmp`, "--queries", `${queries}.tmp`], { stdio: ["ignore", "inherit", "inherit"] });
    if (result.status !== 0) throw new Error(`gen-catalog failed for ${size} products`);
    renameSync(`${catalog}.tmp`, catalog);
    renameSync(`${queries}.tmp`, queries);
  }
  return { catalog, queries };
}

export const round = (x, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

// Ours divided by FlexSearch (medians of this run) and the goals, for one build of ours.
export function compare(ours, flex, products) {
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

// One engine's figures as every script reports them: `builds` (ms per run), `memory` (bytes, first run),
// `latencyRuns` (per run, ms per query in the order of `queries`), `resultIds` (first run's ids per query).
export function summarize({ engine, products, queries, builds, memory, memoryKind, latencyRuns, resultIds, limit, extra = {} }) {
  const perQuery = queries.map((_, i) => latencyRuns.map((run) => run[i]));
  const runStats = latencyRuns.map(latencyStats);
  const { overall, byType } = recall(queries, resultIds);
  const typeLatency = {};
  queries.forEach((q, i) => (typeLatency[q.type] ||= []).push(...perQuery[i]));
  const slowest = queries.map((q, i) => ({ q: q.q, type: q.type, ms: spread(perQuery[i]).median }))
                         .sort((a, b) => b.ms - a.ms).slice(0, 5);
  return {
    engine,
    products,
    queries: queries.length,
    build_ms: spread(builds),
    memory_bytes: memory,
    memory_kind: memoryKind,
    ...extra,
    p50_ms: spread(runStats.map((s) => s.p50)),
    p99_ms: spread(runStats.map((s) => s.p99)),
    mean_ms: spread(runStats.map((s) => s.mean)),
    recall_at_20: overall,
    recall_by_type: byType,
    latency_by_type_ms: Object.fromEntries(Object.entries(typeLatency).sort().map(([type, ms]) => {
      const s = latencyStats(ms);
      return [type, { p50: round(s.p50), p99: round(s.p99) }];
    })),
    slowest_queries: slowest.map((s) => ({ ...s, ms: round(s.ms) })),
    limit,
    runs: latencyRuns.length,
  };
}
