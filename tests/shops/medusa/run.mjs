// Starts a real Medusa 2.21 shop on 127.0.0.1 for tests: installs the pinned packages once into the cache,
// builds a migrated and seeded PostgreSQL 15 template cluster once, and starts each run on a copy of it.
//   import { startMedusa } from "./run.mjs";  const shop = await startMedusa({ port: 9000 }); ... shop.stop()
//   node tests/shops/medusa/run.mjs --prepare   (installs and makes the template only, for set-up)
//   node tests/shops/medusa/run.mjs --port 9000 --cors-origin http://127.0.0.1:8080 [--verbose]
//   (prints "medusa ready URL KEY REGION"; --verbose shows what Medusa and PostgreSQL log)
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync,
         writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cacheRoot = process.env.B2B_CACHE_DIR || path.join(os.homedir(), ".cache/b2b-ordering");
const hash = (...files) => createHash("sha256").update(files.map((f) => readFileSync(f)).join("\0")).digest("hex").slice(0, 12);
const pgBin = process.env.B2B_PG_BIN || "/usr/lib/postgresql/15/bin";
// PostgreSQL refuses to run as root: as root (CI containers) the cluster belongs to the postgres user.
const asRoot = process.getuid?.() === 0;
const pgUser = asRoot ? "postgres" : os.userInfo().username;

function pgCommand(program, args) {
  const binary = path.join(pgBin, program);
  return asRoot ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
}

// node_modules for the exact lockfile, installed once; the Medusa project (config, seed) lives beside it.
function installedPackages(log) {
  const dir = path.join(cacheRoot, `medusa-2.21.2-${hash(path.join(here, "package-lock.json"))}`);
  if (!existsSync(path.join(dir, ".complete"))) {
    mkdirSync(dir, { recursive: true });
    for (const file of ["package.json", "package-lock.json"]) copyFileSync(path.join(here, file), path.join(dir, file));
    log(`== medusa: npm ci into ${dir} (about 2 minutes, once)`);
    const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
    if (install.status !== 0) throw new Error(`medusa: npm ci failed in ${dir}`);
    writeFileSync(path.join(dir, ".complete"), "");
  }
  for (const file of ["medusa-config.js", "seed.js"]) copyFileSync(path.join(here, file), path.join(dir, file));
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function run(command, args, options, what) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

// A child that counts as started once its output shows readyText (or, with probe, once probe() answers).
function startChild(command, args, options, { readyText, probe, what, log, timeoutMs = 180_000 }) {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let ready = false;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${timeoutMs / 1000} s:\n${output.slice(-4000)}`)), timeoutMs);
    const finish = () => { ready = true; clearTimeout(timer); resolve(); };
    const watch = (chunk) => {
      output += chunk;
      log(chunk.toString().trimEnd());
      if (!ready && readyText && output.includes(readyText)) finish();
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${what} exited with ${code}:\n${output.slice(-4000)}`));
    });
    if (probe) {
      const poll = async () => {
        if (ready || child.exitCode !== null) return;
        if (await probe().catch(() => false)) return finish();
        setTimeout(poll, 500);
      };
      poll();
    }
  });
  return { child, done };
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");  // PostgreSQL: a "smart" shutdown; Medusa: closes its pool
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

async function startPostgres(dataDir, log) {
  const port = await freePort();
  const [command, args] = pgCommand("postgres", ["-D", dataDir, "-k", dataDir, "-h", "127.0.0.1", "-p", String(port)]);
  const { child, done } = startChild(command, args, {}, {
    readyText: "database system is ready to accept connections", what: "postgresql", log, timeoutMs: 60_000,
  });
  await done;
  // pg_ctl waits for a clean shutdown; a signal to runuser would not (it kills its child after a moment),
  // leaving a cluster that needs recovery and a socket file behind.
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      spawnSync(...pgCommand("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"]), { stdio: "ignore" });
    }
    await stopChild(child);
  };
  return { port, url: `postgres://medusa@127.0.0.1:${port}/medusa`, stop };
}

// A cluster's files without what only a running server has (its socket and pid file).
const clusterFile = (file) => !/^(\.s\.PGSQL\.|postmaster\.pid$)/.test(path.basename(file));

function medusaEnv(packages, databaseUrl, corsOrigin) {
  return { ...process.env, DATABASE_URL: databaseUrl, MEDUSA_DISABLE_TELEMETRY: "true", NODE_ENV: "production",
           B2B_CORS_ORIGIN: corsOrigin, NODE_PATH: path.join(packages, "node_modules") };
}

const medusaCli = (packages) => path.join(packages, "node_modules/@medusajs/cli/cli.js");

// A cluster with the shop migrated and seeded, made once per lockfile, config and seed; seeded.json holds
// the publishable key and region the seed made.
async function templateCluster(packages, log) {
  const dir = path.join(packages, `template-${hash(path.join(here, "medusa-config.js"), path.join(here, "seed.js"))}`);
  if (existsSync(path.join(dir, "seeded.json"))) return dir;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log("== medusa: creating the template database (migrations and seed, about a minute, once)");
  // The cluster is made where its owner can reach it (not under root's home) and then kept in the cache.
  const work = ownedTempDir("medusa-template-");
  const data = path.join(work, "data");
  try {
    run(...pgCommand("initdb", ["-D", data, "-A", "trust", "-U", "medusa", "-E", "UTF8", "--locale=C"]), {}, "initdb");
    const pg = await startPostgres(data, log);
    try {
      run(...pgCommand("createdb", ["-h", "127.0.0.1", "-p", String(pg.port), "-U", "medusa", "medusa"]), {}, "createdb");
      const env = medusaEnv(packages, pg.url, "http://127.0.0.1:8080");
      run(process.execPath, [medusaCli(packages), "db:migrate"], { cwd: packages, env }, "medusa db:migrate");
      const seeded = path.join(work, "seeded.json");
      run(process.execPath, [medusaCli(packages), "exec", "./seed.js"], { cwd: packages, env: { ...env, B2B_MEDUSA_SEED_OUT: seeded } },
          "medusa exec seed.js");
      copyFileSync(seeded, path.join(partial, "seeded.json"));
    } finally {
      await pg.stop();
    }
    cpSync(data, path.join(partial, "data"), { recursive: true, filter: clusterFile });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  renameSync(partial, dir);
  return dir;
}

// A fresh temporary directory the cluster's owner can write.
function ownedTempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (asRoot) chownSync(dir, ...ids("postgres"));
  return dir;
}

function ids(user) {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no user ${user} to own the PostgreSQL cluster`);
  const [, , uid, gid] = line.split(":");
  return [Number(uid), Number(gid)];
}

export async function startMedusa({ port = 9000, corsOrigin = "http://127.0.0.1:8080", log = () => {} } = {}) {
  const packages = installedPackages(log);
  const template = await templateCluster(packages, log);
  const dir = ownedTempDir("medusa-");
  cpSync(path.join(template, "data"), path.join(dir, "data"), { recursive: true, filter: clusterFile });
  if (asRoot) run("chown", ["-R", `${pgUser}:`, dir], {}, "chown");
  const seeded = JSON.parse(readFileSync(path.join(template, "seeded.json"), "utf8"));
  const pg = await startPostgres(path.join(dir, "data"), log);
  const url = `http://127.0.0.1:${port}`;
  const server = startChild(process.execPath, [medusaCli(packages), "start", "-H", "127.0.0.1", "-p", String(port)],
                            { cwd: packages, env: { ...medusaEnv(packages, pg.url, corsOrigin), PORT: String(port) } },
                            { probe: async () => (await fetch(`${url}/health`)).ok, what: "medusa", log });
  const stop = async () => {
    await stopChild(server.child);
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.done;
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, publishableKey: seeded.publishableKey, regionId: seeded.regionId, stop };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes("--prepare")) {
    // Only what later starts need: the packages and the template, made once (scripts/install-deps.sh).
    const log = (line) => { if (line.startsWith("==")) console.log(line); };
    await templateCluster(installedPackages(log), log);
    process.exit(0);
  }
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const shop = await startMedusa({ port: Number(option("--port", "9000")), corsOrigin: option("--cors-origin", undefined),
                                   log: args.includes("--verbose") ? (line) => console.error(line) : () => {} });
  console.log(`medusa ready ${shop.url} ${shop.publishableKey} ${shop.regionId}`);
  process.on("SIGINT", () => shop.stop().then(() => process.exit(0)));
  process.on("SIGTERM", () => shop.stop().then(() => process.exit(0)));
}
