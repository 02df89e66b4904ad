// Helpers shared by the benchmark's Node scripts: text folding (from fold.mjs), loading the
// generated files, and the statistics every engine reports the same way.
import { readFileSync } from "node:fs";

import { foldForSearch } from "./fold.mjs";

export { foldForSearch };

// Runs of letters and digits of the folded text, as b2b::search_words splits them.
export function searchWords(text) {
  return foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function loadCatalog(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read catalog ${path}: ${e.code || e.message}`);
  }
  const products = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let p;
    try {
      p = JSON.parse(line);
    } catch (e) {
      throw new Error(`${path}: bad line ${i + 1}: ${e.message}`);
    }
    if (!Number.isInteger(p.id) || typeof p.sku !== "string" || typeof p.name !== "string") {
      throw new Error(`${path}: bad line ${i + 1}: needs an integer id, a sku and a name`);
    }
    products.push(p);
  });
  return products;
}

export function loadQueries(path) {
  let queries;
  try {
    queries = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`cannot read queries ${path}: ${e.code || e.message}`);
  }
  if (!Array.isArray(queries)) throw new Error(`${path}: expected a JSON array of queries`);
  queries.forEach((q, i) => {
    if (typeof q.q !== "string" || typeof q.type !== "string" || !Number.isInteger(q.target)) {
      throw new Error(`${path}: query ${i}: needs q, type and an integer target`);
    }
  });
  return queries;
}

// Nearest-rank percentile of an ascending array (the same definition as search_cli.cpp).
export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round3 = (x) => Math.round(x * 1000) / 1000;

// {median, min, max} over the runs; the median of an even count is the mean of the middle two.
export function spread(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median: round3(median), min: round3(s[0]), max: round3(s[s.length - 1]) };
}

export function latencyStats(latenciesMs) {
  const sorted = Float64Array.from(latenciesMs).sort();
  const mean = latenciesMs.reduce((a, b) => a + b, 0) / latenciesMs.length;
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
}

// Share of queries whose target is among the returned ids, overall and per query type.
export function recall(queries, resultIds) {
  const byType = {};
  let hits = 0;
  queries.forEach((q, i) => {
    const t = (byType[q.type] ||= { hits: 0, total: 0 });
    t.total++;
    if (resultIds[i].includes(q.target)) {
      t.hits++;
      hits++;
    }
  });
  const ratio = (h, n) => Math.round((h / n) * 10000) / 10000;
  return {
    overall: ratio(hits, queries.length),
    byType: Object.fromEntries(Object.entries(byType).sort().map(([k, v]) => [k, ratio(v.hits, v.total)])),
  };
}

export function parseArgs(argv, spec, usageText) {
  const args = { ...spec };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].startsWith("--") ? argv[i].slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase()) : null;
    if (!key || !(key in spec)) fail(`unknown argument ${argv[i]}\n${usageText}`);
    if (typeof spec[key] === "boolean") {
      args[key] = true;
    } else {
      if (i + 1 >= argv.length) fail(`${argv[i]} needs a value\n${usageText}`);
      args[key] = typeof spec[key] === "number" ? Number(argv[++i]) : argv[++i];
    }
  }
  return args;
}

export function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
