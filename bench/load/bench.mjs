// The order load benchmark behind bench/load/run.sh: runs server-mock on a fresh database, places orders with
// wrk (orders.lua), checks the database against the answers (no duplicates, none lost), replays used keys.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");

// Elektro-Iskra's buyer: no PO number required and a 10 000 zł limit, so these small orders are `placed`.
const BUYER = { email: "kupiec1@elektroiskra.pl", password: "haslo-buyer-1" };

class InvalidMeasurement extends Error {}

function usage(problem) {
  process.stderr.write(
    `bench/load: ${problem}\n` +
      "usage: bench/load/run.sh [--server-mock PATH] [--connections 100] [--duration 20] [--threads 2] [--runs 3]\n" +
      "                         [--products 5000] [--lines 10] [--timeout 30] [--replays 200] --out results-load.json\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = {
    serverMock: path.join(REPO, "build/native/server-mock/server-mock"),
    connections: 100, duration: 20, threads: 2, runs: 3, products: 5000, lines: 10, timeout: 30, replays: 200,
    out: "",
  };
  const numeric = { "--connections": "connections", "--duration": "duration", "--threads": "threads", "--runs": "runs",
                    "--products": "products", "--lines": "lines", "--timeout": "timeout", "--replays": "replays" };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${arg} needs a value`));
    if (arg === "--server-mock") options.serverMock = path.resolve(value());
    else if (arg === "--out") options.out = path.resolve(value());
    else if (numeric[arg]) {
      const text = value();
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1) usage(`${arg}: expected a positive whole number, got '${text}'`);
      options[numeric[arg]] = n;
    } else usage(`unknown option ${arg}`);
  }
  if (!options.out) usage("--out is required");
  if (options.connections < options.threads) usage("--connections must be at least --threads (wrk needs one per thread)");
  return options;
}

// --- server-mock ---------------------------------------------------------------------------------

let liveServer = null;  // stopped on any exit, so a failed check never leaves a server behind

async function startServer(options, dataDir) {
  const webRoot = path.join(dataDir, "web");  // server-mock insists on one; the API needs nothing in it
  mkdirSync(webRoot);
  const db = path.join(dataDir, "shop.db");
  const args = ["--web-root", webRoot, "--port", "0", "--db", db, "--fast-hash", "--products", String(options.products)];
  const child = spawn(options.serverMock, args, { stdio: ["ignore", "pipe", "pipe"] });
  const server = { child, db, stderr: "", exited: null };
  liveServer = server;
  child.stderr.on("data", (chunk) => { server.stderr += chunk; });
  child.on("exit", (code, signal) => { server.exited = { code, signal }; });
  server.url = await new Promise((resolve, reject) => {
    let output = "";
    // Seeding 100,000 products takes a while; a server that never prints its address is a failed run.
    const timer = setTimeout(() => reject(new InvalidMeasurement(`server-mock did not start within 300 s: ${output}`)), 300000);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on("error", (error) => { clearTimeout(timer); reject(new InvalidMeasurement(`cannot start ${options.serverMock}: ${error.message}`)); });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new InvalidMeasurement(`server-mock exited (${code ?? signal}) before listening: ${output}${server.stderr}`));
    });
  });
  child.stdout.resume();
  return server;
}

async function stopServer(server) {
  if (!server || server.exited) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10000);
  await exited;
  clearTimeout(timer);
  if (liveServer === server) liveServer = null;
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (liveServer && !liveServer.exited) liveServer.child.kill("SIGKILL");
    process.exit(130);
  });
}
process.on("exit", () => { if (liveServer && !liveServer.exited) liveServer.child.kill("SIGKILL"); });

// CPU seconds the process has used (user + system), from /proc: how busy the server was during the run.
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;  // utime, stime in clock ticks (USER_HZ 100)
}

function threadCount(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/^Threads:\s+(\d+)/m)[1]);
}

// TcpExt counters of the whole machine: a full accept queue (server-mock listens with a backlog of 5) shows here.
function listenCounters() {
  const lines = readFileSync("/proc/net/netstat", "utf8").split("\n");
  const names = lines.find((l) => l.startsWith("TcpExt:")).split(/\s+/);
  const values = lines.filter((l) => l.startsWith("TcpExt:"))[1].split(/\s+/);
  const get = (name) => Number(values[names.indexOf(name)]);
  return { listen_overflows: get("ListenOverflows"), listen_drops: get("ListenDrops") };
}

// --- The API -----------------------------------------------------------------------------------

async function api(server, method, route, { token, type, data, headers = {} } = {}) {
  const response = await fetch(server.url + route, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(type ? { "Content-Type": "application/json" } : {}),
      ...headers,
    },
    body: type ? JSON.stringify({ protocol_version: 1, type, data }) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

function expectStatus(result, status, what) {
  if (result.status !== status) throw new InvalidMeasurement(`${what}: expected ${status}, got ${result.status}: ${result.text.slice(0, 500)}`);
  return result.body.data;
}

function isoDate(daysFromToday) {
  return new Date(Date.now() + daysFromToday * 86400000).toISOString().slice(0, 10);
}

// Signs in and builds what the client would send: a saved cart's lines and the checkout fields.
async function prepareOrder(server, options) {
  const session = expectStatus(await api(server, "POST", "/api/v1/auth/login",
                                         { type: "credentials", data: BUYER }), 200, "signing in");
  const token = session.token;
  const company = session.company;
  const page = expectStatus(await api(server, "GET", "/api/v1/catalog?limit=500", { token }), 200, "reading the catalog");
  const active = page.products.filter((p) => p.active);
  if (active.length < options.lines) throw new InvalidMeasurement(`the catalog has ${active.length} active products, need ${options.lines}`);
  // Spread over the page, so the lines come from several categories; quantities valid for minimum and pack.
  const step = Math.floor(active.length / options.lines);
  const lines = Array.from({ length: options.lines }, (_, i) => {
    const p = active[i * step];
    const pack = Math.max(1, p.pack_size);
    return { sku: p.sku, quantity: Math.ceil(Math.max(1, p.min_order_quantity) / pack) * pack };
  });
  const cart = expectStatus(await api(server, "POST", "/api/v1/carts", {
    token, type: "cart", data: { id: "", name: "Load benchmark", owner_user_id: "", version: 0, lines },
  }), 201, "saving the cart");
  const submission = {
    idempotency_key: "@KEY@",
    cart_id: cart.id,
    cart_version: cart.version,  // as the client sends it: the cart is emptied by the first order only
    lines,
    checkout: {
      ...(company.po_number_required ? { po_number: "PO/LOAD/1" } : {}),
      cost_centre: "LOAD-1",
      requested_delivery: isoDate(14),
      note: "load-bench:@KEY@",
      ship_to_address_id: company.addresses[0].id,
    },
  };
  return { token, template: JSON.stringify({ protocol_version: 1, type: "order_submission", data: submission }), lines };
}

function orderBody(template, key) {
  return template.replaceAll("@KEY@", key);
}

async function placeOrder(server, prepared, key) {
  const response = await fetch(server.url + "/api/v1/orders", {
    method: "POST",
    headers: { Authorization: `Bearer ${prepared.token}`, "Content-Type": "application/json", "Idempotency-Key": key },
    body: orderBody(prepared.template, key),
  });
  const text = await response.text();
  let number = null;
  try { number = JSON.parse(text).data.number; } catch { /* an error envelope or no JSON: reported by status */ }
  return { status: response.status, number, text };
}

// --- The database --------------------------------------------------------------------------------

function sqlite(db, query) {
  const result = spawnSync("sqlite3", ["-batch", "-noheader", "-separator", "\t", "-cmd", ".timeout 10000", db, query],
                           { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new InvalidMeasurement(`sqlite3 failed on ${db}: ${result.stderr || result.error}`);
  return result.stdout.split("\n").filter((l) => l.length > 0).map((l) => l.split("\t"));
}

const orderCount = (db) => Number(sqlite(db, "SELECT count(*) FROM orders")[0][0]);

// Server-side TCP sockets of the port still holding a request (handshakes in SYN-RECV, open connections,
// the listener's accept queue). Clients' orphaned sockets are left out: without a server side they get a reset.
function busySockets(port) {
  const result = spawnSync("ss", ["-Htan", `( sport = :${port} )`], { encoding: "utf8" });
  if (result.status !== 0) throw new InvalidMeasurement(`ss failed: ${result.stderr || result.error}`);
  let busy = 0;
  for (const line of result.stdout.split("\n").filter(Boolean)) {
    const [state, recvQ] = line.trim().split(/\s+/);
    if (state === "LISTEN") busy += Number(recvQ);
    else if (state !== "TIME-WAIT") ++busy;
  }
  return busy;
}

// Requests wrk sent but never read the answer of are still in the server's hands when wrk exits: in its
// thread pool's queue, or (when the accept queue of 5 overflowed) in SYN-ACK retransmission, which can hold
// one for tens of seconds. Count only once no connection to the server is left and the count stays put.
async function settledOrderCount(server) {
  const port = new URL(server.url).port;
  const start = Date.now();
  let last = orderCount(server.db);
  let stableSince = Date.now();
  for (;;) {
    if (Date.now() - start > 180000) throw new InvalidMeasurement("orders were still coming in 3 minutes after wrk ended");
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = orderCount(server.db);
    if (now !== last || busySockets(port) > 0) { last = now; stableSince = Date.now(); }
    if (Date.now() - stableSince >= 2000) return { count: last, seconds: (Date.now() - start) / 1000 };
  }
}

// --- One run -----------------------------------------------------------------------------------

async function runOnce(options, index) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "b2b-load-"));
  const tag = `r${index + 1}`;
  const problems = [];
  let server = null;
  try {
    server = await startServer(options, dataDir);
    const prepared = await prepareOrder(server, options);

    // One order first: a body the server refuses fails here, not as thousands of errors in wrk.
    const probeKey = `${tag}-probe`;
    const probe = await placeOrder(server, prepared, probeKey);
    if (probe.status !== 201) throw new InvalidMeasurement(`the first order was refused (${probe.status}): ${probe.text.slice(0, 500)}`);

    const bodyFile = path.join(dataDir, "order.json");
    const answersFile = path.join(dataDir, "answers.tsv");
    writeFileSync(bodyFile, prepared.template);
    const pid = server.child.pid;
    const cpuBefore = cpuSeconds(pid);
    const listenBefore = listenCounters();
    const wrkArgs = ["-t", String(options.threads), "-c", String(options.connections), "-d", `${options.duration}s`,
                     "--timeout", `${options.timeout}s`, "-s", path.join(HERE, "orders.lua"), `${server.url}/api/v1/orders`];
    process.stderr.write(`== run ${index + 1}/${options.runs}: wrk ${wrkArgs.join(" ")}\n`);
    const wrk = spawnSync("wrk", wrkArgs, {
      encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ORDERS_TOKEN: prepared.token, ORDERS_BODY_FILE: bodyFile, ORDERS_RUN_TAG: tag,
             ORDERS_ANSWERS_FILE: answersFile },
    });
    const serverThreads = threadCount(pid);
    if (wrk.status !== 0) throw new InvalidMeasurement(`wrk failed (${wrk.status ?? wrk.error}): ${wrk.stderr}${wrk.stdout}`);
    process.stderr.write(wrk.stdout.split("\n").filter((l) => !l.startsWith("ORDERS_SUMMARY")).join("\n") + "\n");
    const summaryLine = wrk.stdout.split("\n").find((l) => l.startsWith("ORDERS_SUMMARY "));
    if (!summaryLine) throw new InvalidMeasurement(`wrk printed no summary: ${wrk.stderr}${wrk.stdout}`);
    const summary = JSON.parse(summaryLine.slice("ORDERS_SUMMARY ".length));

    const cpu = cpuSeconds(pid) - cpuBefore;
    const settled = await settledOrderCount(server);
    const stored = settled.count;
    const listenAfter = listenCounters();

    // Every 2xx answer against the database: its key stored once, with the order number it was answered with.
    const answers = readFileSync(answersFile, "utf8").split("\n").filter(Boolean).map((l) => l.split("\t"));
    answers.push([probeKey, probe.number]);
    const rows = sqlite(server.db,
                        "SELECT o.number, ifnull(k.idempotency_key, ''), o.note, o.status FROM orders o" +
                        " LEFT JOIN idempotency_keys k ON k.order_number = o.number AND k.company_id = o.company_id");
    const byKey = new Map();
    const statuses = {};
    let withoutKey = 0, noteMismatch = 0, sameKeyTwice = 0;
    for (const [number, key, note, status] of rows) {
      statuses[status] = (statuses[status] || 0) + 1;
      if (!key) { ++withoutKey; continue; }
      if (note !== `load-bench:${key}`) ++noteMismatch;  // an order stored under another request's key
      if (byKey.has(key)) ++sameKeyTwice; else byKey.set(key, number);
    }
    const notesTwice = rows.length - new Set(rows.map((r) => r[2])).size;  // two orders made from one request
    const answeredKeys = new Map();
    let answeredTwice = 0, lost = 0, wrongNumber = 0;
    for (const [key, number] of answers) {
      if (answeredKeys.has(key)) { ++answeredTwice; continue; }
      answeredKeys.set(key, number);
      if (!byKey.has(key)) ++lost;
      else if (byKey.get(key) !== number) ++wrongNumber;
    }
    const numbersTwice = answers.length - new Set(answers.map((a) => a[1])).size;  // one order answered for two keys
    const unanswered = [...byKey.keys()].filter((k) => !answeredKeys.has(k));
    const foreign = unanswered.filter((k) => !k.startsWith(`${tag}-t`)).length;  // keys this run never sent
    // request() also runs once when wrk checks the script, so one key is made that is never sent.
    const unansweredRequests = summary.sent - 1 - summary.requests;
    const duplicates = withoutKey + noteMismatch + sameKeyTwice + notesTwice + answeredTwice + numbersTwice;

    if (summary.unparsed_2xx) problems.push(`${summary.unparsed_2xx} 2xx answers did not name their order and key`);
    if (duplicates) problems.push(`${duplicates} duplicates (orders without key ${withoutKey}, stored under another key ${noteMismatch}, ` +
                                  `one request stored twice ${notesTwice + sameKeyTwice}, one key answered twice ${answeredTwice}, ` +
                                  `one order number for two keys ${numbersTwice})`);
    if (lost || wrongNumber) problems.push(`${lost} answered orders are not stored, ${wrongNumber} are stored under another number`);
    if (foreign) problems.push(`${foreign} stored orders have keys no request of this run carried`);
    if (unanswered.length > unansweredRequests) {
      problems.push(`${unanswered.length} orders were stored without an answer read, but only ${unansweredRequests} requests were left unanswered`);
    }

    // Replays: used keys sent again with the same body must answer 200 with the same order and store nothing.
    const sample = [...answeredKeys.entries()];
    for (let i = sample.length - 1; i > 0; --i) {  // a fixed shuffle, so reruns check the same positions
      const j = (i * 7919 + 17) % (i + 1);
      [sample[i], sample[j]] = [sample[j], sample[i]];
    }
    const replays = sample.slice(0, options.replays);
    if (replays.length < options.replays) problems.push(`only ${replays.length} answered orders to replay, wanted ${options.replays}`);
    const replayFailures = [];
    for (const [key, number] of replays) {
      const replay = await placeOrder(server, prepared, key);
      if (replay.status !== 200 || replay.number !== number) {
        replayFailures.push(`${key}: ${replay.status} ${replay.number ?? replay.text.slice(0, 200)} (expected 200 ${number})`);
      }
    }
    const afterReplays = orderCount(server.db);
    if (replayFailures.length) problems.push(`${replayFailures.length} replays failed, e.g. ${replayFailures.slice(0, 3).join("; ")}`);
    if (afterReplays !== stored) problems.push(`replaying created ${afterReplays - stored} new orders`);

    const socketErrors = summary.socket_errors;
    const errors = summary.non_2xx + socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout;
    if (errors) {
      problems.push(`${errors} errors: statuses ${JSON.stringify(summary.statuses)}, sockets ${JSON.stringify(socketErrors)}` +
                    (server.stderr ? `; server-mock said: ${server.stderr.slice(-1000)}` : ""));
    }
    return {
      orders_per_second: summary.orders_per_second,
      requests_per_second: summary.requests_per_second,
      latency_ms: summary.latency_ms,
      requests: summary.requests,
      sent: summary.sent,
      statuses: summary.statuses,
      socket_errors: socketErrors,
      errors,
      duplicates,
      lost: lost + wrongNumber,
      orders_stored: stored,
      orders_answered_2xx: summary.ok + 1,  // with the probe order
      orders_stored_unanswered: unanswered.length,  // in flight when wrk stopped: stored, answer never read
      unanswered_not_stored: unansweredRequests - unanswered.length,  // e.g. still in a TCP handshake when wrk closed it
      order_statuses: statuses,
      replays_checked: replays.length - replayFailures.length,
      duration_s: summary.duration_s,
      settle_s: settled.seconds,  // from wrk's end until the last unanswered request was stored
      server_cpu_cores: Number((cpu / summary.duration_s).toFixed(2)),
      server_threads: serverThreads,
      ...Object.fromEntries(Object.entries(listenAfter).map(([k, v]) => [k, v - listenBefore[k]])),
      problems,
    };
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// --- Runs and the result file --------------------------------------------------------------------

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: Number(median.toFixed(3)), min: sorted[0], max: sorted[sorted.length - 1] };
}

function combine(runs, pick) {
  const values = runs.map(pick);
  return runs.length === 1 ? values[0] : stats(values);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  for (const tool of ["wrk", "sqlite3"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
      process.stderr.write(`bench/load: ${tool} is not installed (apt-get install -y ${tool})\n`);
      process.exit(1);
    }
  }
  const runs = [];
  for (let i = 0; i < options.runs; ++i) runs.push(await runOnce(options, i));

  const result = {
    orders_per_second: combine(runs, (r) => r.orders_per_second),
    requests_per_second: combine(runs, (r) => r.requests_per_second),
    latency_ms: Object.fromEntries(["p50", "p90", "p99", "max"].map((p) => [p, combine(runs, (r) => r.latency_ms[p])])),
    requests: combine(runs, (r) => r.requests),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    duplicates: runs.reduce((sum, r) => sum + r.duplicates, 0),
    lost: runs.reduce((sum, r) => sum + r.lost, 0),
    replays_checked: Math.min(...runs.map((r) => r.replays_checked)),
    connections: options.connections,
    threads: options.threads,
    duration_s: options.duration,
    runs: options.runs,
    products: options.products,
    lines_per_order: options.lines,
    per_run: runs,
  };
  writeFileSync(options.out, JSON.stringify(result, null, 2) + "\n");
  process.stderr.write(`== wrote ${options.out}\n`);
  const problems = runs.flatMap((r, i) => r.problems.map((p) => `run ${i + 1}: ${p}`));
  if (problems.length) {
    process.stderr.write(`bench/load: the measurement is invalid:\n  ${problems.join("\n  ")}\n`);
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(`bench/load: ${error instanceof InvalidMeasurement ? "the measurement is invalid: " : ""}${error.stack || error}\n`);
  process.exit(1);
});
