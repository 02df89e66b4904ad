#!/usr/bin/env node
// IndexedDB persistence timing of web/storage.js in headless Chromium (issue #10, part 5): how long saving a
// record takes until it is committed, and how long a fresh page load needs to restore it.
//
//   node bench/storage/run.mjs --record state=FILE --record catalog=FILE [--runs 5] --out results-storage.json
//
// Per record (a fresh browser profile for each record and run, holding only that record):
//   save_ms          B2BStorage.put(name, bytes, "relaxed") over the stored record until B2BStorage.flush()
//                    resolves, i.e. the readwrite transaction completed (the copy put() makes of the bytes
//                    included): how the app writes a draft (cart edits, checkout fields) and the catalog;
//   save_strict_ms   the same with "strict" durability (on disk before it completes): how the app writes a
//                    change of the outbox, the session, the idempotency keys or the carts' server ids;
//   first_save_ms    the record's first write into the new database (relaxed), once on a device: slower, the
//                    database creates its files;
//   restore_ms       a new page's IndexedDB read inside B2BStorage.load(): its readonly transaction, from
//                    creation to "complete" (the get and the value's deserialisation);
//   restore_load_ms  the app's whole restore on that page: B2BStorage.start() (the databases listed, the
//                    tab's lock while the database opens, and load(): the read, wrapping);
//   after_relaunch   the same two after closing and relaunching the browser on the same profile.
// All {median, min, max} in ms over the runs, measured with performance.now() inside the page.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// The browser tests' launch (Debian's Chromium, the same flags) with a persistent profile: Playwright's
// newContext() is an off-the-record profile whose IndexedDB lives in memory, which would time nothing.
import { launchPersistentContext } from "../../tests/browser/harness.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STORAGE_JS = path.resolve(HERE, "../../web/storage.js");
// The only records load() hands back (RECORD_NAMES in web/storage.js); others could be saved but never restored.
const LOADABLE = ["state", "catalog"];

class InvalidMeasurement extends Error {}

function usage(problem) {
  process.stderr.write(`bench/storage: ${problem}\n` +
                       "usage: node bench/storage/run.mjs --record state=FILE [--record catalog=FILE] [--runs 5] --out FILE\n");
  process.exit(2);
}

function parseArgs(argv) {
  const options = { records: [], runs: 5, out: "" };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${arg} needs a value`));
    if (arg === "--record") {
      const text = value();
      const at = text.indexOf("=");
      if (at <= 0) usage(`--record: expected NAME=FILE, got '${text}'`);
      const name = text.slice(0, at);
      const file = path.resolve(text.slice(at + 1));
      if (!LOADABLE.includes(name)) usage(`--record: B2BStorage.load() restores only ${LOADABLE.join(" and ")}, not '${name}'`);
      if (options.records.some((r) => r.name === name)) usage(`--record: ${name} given twice`);
      let bytes;
      try { bytes = readFileSync(file); } catch (error) { usage(`--record ${name}: cannot read ${file}: ${error.message}`); }
      if (bytes.length === 0) usage(`--record ${name}: ${file} is empty`);
      options.records.push({ name, file, bytes, digest: createHash("sha256").update(bytes).digest("hex") });
    } else if (arg === "--runs") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) usage("--runs: expected a positive whole number");
      options.runs = n;
    } else if (arg === "--out") options.out = path.resolve(value());
    else usage(`unknown option ${arg}`);
  }
  if (!options.records.length) usage("at least one --record is required");
  if (!options.out) usage("--out is required");
  return options;
}

// The page loads web/storage.js and nothing else (the data: icon keeps Chromium from asking for /favicon.ico).
const PAGE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>storage bench</title>' +
             '<script src="/storage.js"></script>';

function serve(records) {
  const storageJs = readFileSync(STORAGE_JS);
  const byName = new Map(records.map((r) => [r.name, r.bytes]));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const send = (status, type, body) => {
      res.writeHead(status, { "Content-Type": type, "Content-Length": body.length, "Cache-Control": "no-store" });
      res.end(body);
    };
    if (url.pathname === "/") return send(200, "text/html; charset=utf-8", Buffer.from(PAGE));
    if (url.pathname === "/storage.js") return send(200, "text/javascript; charset=utf-8", storageJs);
    const record = url.pathname.match(/^\/record\/(\w+)$/);
    if (record && byName.has(record[1])) return send(200, "application/octet-stream", byName.get(record[1]));
    send(404, "text/plain", Buffer.from("not found"));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

// Timestamps of IndexedDB's own events, taken before web/storage.js's handlers run (listeners added at
// creation come before the on* handlers it sets afterwards), so the read can be told from the whole load().
const INSTRUMENT = `(() => {
  const marks = (window.__idbMarks = []);
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const start = performance.now();
    const request = open.apply(this, args);
    request.addEventListener("success", () => marks.push({ kind: "open", start, end: performance.now() }));
    return request;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const start = performance.now();
    const tx = transaction.apply(this, args);
    tx.addEventListener("complete", () => marks.push({ kind: "tx", mode: tx.mode, durability: tx.durability, start, end: performance.now() }));
    return tx;
  };
})();`;

async function openPage(context, url, problems) {
  const page = await context.newPage();
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
  page.on("pageerror", (error) => problems.push(`page error: ${error}`));
  await page.goto(url);
  await page.waitForFunction(() => window.B2BStorage !== undefined);
  return page;
}

async function launch(profileDir) {
  const context = await launchPersistentContext(profileDir);
  await context.addInitScript(INSTRUMENT);
  return context;
}

// The app's start (web/loader.js: B2BStorage.start()) on a new page, timed as a whole: with records stored,
// start() lists the databases, then acquire() opens this one while it waits for the tab's lock, and load()
// reads from that connection.
async function restore(context, url, record, problems) {
  const page = await openPage(context, url, problems);
  const result = await page.evaluate(async (name) => {
    __idbMarks.length = 0;
    const start = performance.now();
    const loaded = await B2BStorage.start();
    const end = performance.now();
    const open = __idbMarks.filter((m) => m.kind === "open");
    const reads = __idbMarks.filter((m) => m.kind === "tx" && m.mode === "readonly");
    const bytes = loaded.records[name];
    const digest = bytes
      ? [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("")
      : null;
    return {
      load_ms: end - start,
      open_ms: open.length === 1 ? open[0].end - open[0].start : null,
      read_ms: reads.length === 1 ? reads[0].end - reads[0].start : null,
      opens: open.length, reads: reads.length,
      available: loaded.available, problem: loaded.problem, length: bytes ? bytes.length : null, digest,
    };
  }, record.name);
  await page.close();
  if (!result.available) throw new InvalidMeasurement(`${record.name}: load() found no usable IndexedDB: ${result.problem}`);
  if (result.digest !== record.digest) {
    throw new InvalidMeasurement(`${record.name}: load() gave back ${result.length ?? "no"} bytes that are not the ${record.bytes.length} saved`);
  }
  if (result.reads !== 1 || result.opens !== 1) {
    throw new InvalidMeasurement(`${record.name}: start() used ${result.opens} opens and ${result.reads} read transactions, expected 1 and 1`);
  }
  return result;
}

// What the profile's IndexedDB folder holds on disk (database files, blob files, logs).
function bytesUnder(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(full) : statSync(full).size;
  }
  return total;
}

async function measureOnce(url, record) {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "b2b-storage-"));
  const problems = [];
  let context = null;
  try {
    context = await launch(profileDir);
    const page = await openPage(context, url, problems);
    const save = await page.evaluate(async (name) => {
      // As in the app, the database is open (load() at start) before anything is written.
      await B2BStorage.acquire();
      const before = await B2BStorage.load();
      if (!before.available) return { problem: before.problem };
      if (before.records[name] !== null) return { problem: "the fresh profile already holds " + name };
      const bytes = new Uint8Array(await (await fetch("/record/" + name)).arrayBuffer());
      // The first write, then writes over it as edits make them, the two kinds alternating.
      const timed = { first: [], relaxed: [], strict: [] };
      for (const [kind, durability] of [["first", "relaxed"], ["relaxed", "relaxed"], ["strict", "strict"],
                                        ["relaxed", "relaxed"], ["strict", "strict"], ["relaxed", "relaxed"],
                                        ["strict", "strict"]]) {
        __idbMarks.length = 0;
        const start = performance.now();
        B2BStorage.put(name, bytes, durability);
        await B2BStorage.flush();
        const end = performance.now();
        // put() skips writes quietly when storage failed, and flush() also resolves after a failed write.
        const writes = __idbMarks.filter((m) => m.kind === "tx" && m.mode === "readwrite");
        if (writes.length !== 1 || writes[0].durability !== durability || B2BStorage.pendingWrites() !== 0) {
          return { problem: `a ${durability} save committed ${writes.map((w) => w.durability).join(", ") || "no"} write transactions ` +
                            `(${B2BStorage.pendingWrites()} pending), expected one ${durability}` };
        }
        timed[kind].push({ save_ms: end - start, transaction_ms: writes[0].end - writes[0].start });
      }
      return { timed, length: bytes.length };
    }, record.name);
    const { product } = await (await context.newCDPSession(page)).send("Browser.getVersion");
    save.browser = product;
    await page.close();
    if (save.problem) throw new InvalidMeasurement(`${record.name}: ${save.problem}`);
    if (save.length !== record.bytes.length) throw new InvalidMeasurement(`${record.name}: the page got ${save.length} bytes`);

    const fresh = await restore(context, url, record, problems);
    await context.close();
    context = await launch(profileDir);
    const relaunched = await restore(context, url, record, problems);
    if (problems.length) throw new InvalidMeasurement(`${record.name}: the page reported ${problems.join("; ")}`);
    return { save, fresh, relaunched, disk_bytes: bytesUnder(path.join(profileDir, "Default", "IndexedDB")) };
  } finally {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x) => Number(x.toFixed(2));  // performance.now() is coarsened to 0.1 ms here anyway
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

// Every save of one kind over all runs, and one run's, as text.
const saves = (samples, kind, field) => stats(samples.flatMap((x) => x.save.timed[kind].map((t) => t[field])));
const times = (sample, kind) => sample.save.timed[kind].map((t) => t.save_ms.toFixed(1)).join("/");

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { server, url } = await serve(options.records);
  try {
    const samples = new Map(options.records.map((r) => [r.name, []]));
    for (let run = 0; run < options.runs; ++run) {
      for (const record of options.records) {
        const sample = await measureOnce(url, record);
        samples.get(record.name).push(sample);
        process.stderr.write(`run ${run + 1}/${options.runs} ${record.name} (${record.bytes.length} B): save ${times(sample, "relaxed")} ms (strict ${times(sample, "strict")}, first ${times(sample, "first")}), ` +
                             `restore read ${sample.fresh.read_ms.toFixed(1)} ms / load() ${sample.fresh.load_ms.toFixed(1)} ms, ` +
                             `after relaunch ${sample.relaunched.read_ms.toFixed(1)} / ${sample.relaunched.load_ms.toFixed(1)} ms\n`);
      }
    }
    const browser = samples.get(options.records[0].name)[0].save.browser;
    const result = { runs: options.runs, browser, profile_dir: os.tmpdir() };
    for (const record of options.records) {
      const s = samples.get(record.name);
      result[record.name] = {
        file: record.file,
        bytes: record.bytes.length,
        save_ms: saves(s, "relaxed", "save_ms"),
        save_transaction_ms: saves(s, "relaxed", "transaction_ms"),
        save_strict_ms: saves(s, "strict", "save_ms"),
        save_strict_transaction_ms: saves(s, "strict", "transaction_ms"),
        first_save_ms: saves(s, "first", "save_ms"),
        restore_ms: stats(s.map((x) => x.fresh.read_ms)),
        restore_load_ms: stats(s.map((x) => x.fresh.load_ms)),
        restore_open_ms: stats(s.map((x) => x.fresh.open_ms)),
        indexeddb_disk_bytes: stats(s.map((x) => x.disk_bytes)),
        after_relaunch: {
          restore_ms: stats(s.map((x) => x.relaunched.read_ms)),
          restore_load_ms: stats(s.map((x) => x.relaunched.load_ms)),
          restore_open_ms: stats(s.map((x) => x.relaunched.open_ms)),
        },
      };
    }
    writeFileSync(options.out, JSON.stringify(result, null, 2) + "\n");
    process.stderr.write(`wrote ${options.out}\n`);
  } finally {
    server.close();
  }
}

main().catch((error) => {
  const invalid = error instanceof InvalidMeasurement;
  process.stderr.write(`bench/storage: ${invalid ? "the measurement is invalid: " : ""}${invalid ? error.message : error.stack || error}\n`);
  process.exit(1);
});
