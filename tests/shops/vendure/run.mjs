// Starts a real Vendure shop on 127.0.0.1 for tests: installs the pinned packages once into the cache,
// builds a populated template database once, and starts each run from a copy of it (about 10 s).
//   import { startVendure } from "./run.mjs";  const shop = await startVendure({ port: 3000 }); ... shop.stop()
//   node tests/shops/vendure/run.mjs --prepare   (installs and makes the template only, for set-up)
//   node tests/shops/vendure/run.mjs --port 3000 --cors-origin http://127.0.0.1:8080 [--verbose]
//   (prints "vendure ready URL"; what Vendure logs shows with --verbose, or in the error if it fails to start)
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cacheRoot = process.env.B2B_CACHE_DIR || path.join(os.homedir(), ".cache/b2b-ordering");
const hash = (...files) => createHash("sha256").update(files.map((f) => readFileSync(f)).join("\0")).digest("hex").slice(0, 12);

// node_modules for the exact lockfile, installed once (npm's own cache makes a reinstall quick).
function installedPackages(log) {
  const dir = path.join(cacheRoot, `vendure-3.7.3-${hash(path.join(here, "package-lock.json"))}`);
  if (existsSync(path.join(dir, ".complete"))) return dir;
  mkdirSync(dir, { recursive: true });
  for (const file of ["package.json", "package-lock.json"]) copyFileSync(path.join(here, file), path.join(dir, file));
  log(`== vendure: npm ci into ${dir}`);
  const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  if (install.status !== 0) throw new Error(`vendure: npm ci failed in ${dir}`);
  writeFileSync(path.join(dir, ".complete"), "");
  return dir;
}

function startServer(packages, serverArgs, log, readyText, cwd) {
  const child = spawn(process.execPath, [path.join(here, "server.cjs"), ...serverArgs], {
    cwd,
    env: { ...process.env, NODE_PATH: path.join(packages, "node_modules"), VENDURE_DISABLE_TELEMETRY: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vendure did not start in 180 s:\n${output}`)), 180_000);
    const watch = (chunk) => {
      output += chunk;
      log(chunk.toString().trimEnd());
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", (chunk) => { output += chunk; log(chunk.toString().trimEnd()); });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!output.includes(readyText)) reject(new Error(`vendure exited with ${code}:\n${output}`));
    });
  });
  return { child, done };
}

// A populated database, made once per lockfile and server set-up (sample catalog, buyers, payment).
async function templateDatabase(packages, log) {
  const file = path.join(packages, `template-${hash(path.join(here, "server.cjs"))}.sqlite`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  log("== vendure: populating the template database (about a minute, once)");
  const { done } = startServer(packages, ["--populate", "--db", partial, "--port", "3099"], log, "vendure populated", packages);
  await done;
  cpSync(partial, file);
  return file;
}

export async function startVendure({ port = 3000, corsOrigin = "http://127.0.0.1:8080", dataDir, log = () => {} } = {}) {
  const packages = installedPackages(log);
  const template = await templateDatabase(packages, log);
  const dir = dataDir || mkdtempSync(path.join(os.tmpdir(), "vendure-"));
  mkdirSync(dir, { recursive: true });
  const database = path.join(dir, "vendure.sqlite");
  copyFileSync(template, database);
  const { child, done } = startServer(packages, ["--port", String(port), "--db", database, "--cors-origin", corsOrigin],
                                      log, "vendure ready", dir);
  try {
    await done;
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url, shopUrl: `${url}/shop-api`, adminUrl: `${url}/admin-api`, port, dataDir: dir,
    stop: () => new Promise((resolve) => {
      const done = () => {
        if (!dataDir) rmSync(dir, { recursive: true, force: true });  // a directory of our own making
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once("exit", done);
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes("--prepare")) {
    // Only what later starts need: the packages and the template, made once (scripts/install-deps.sh).
    const log = (line) => { if (line.startsWith("==")) console.log(line); };
    await templateDatabase(installedPackages(log), log);
    process.exit(0);
  }
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const shop = await startVendure({ port: Number(option("--port", "3000")), corsOrigin: option("--cors-origin", undefined),
                                    dataDir: option("--data-dir", undefined),
                                    log: args.includes("--verbose") ? (line) => console.error(line) : () => {} });
  console.log(`vendure ready ${shop.url}`);
  process.on("SIGINT", () => shop.stop().then(() => process.exit(0)));
  process.on("SIGTERM", () => shop.stop().then(() => process.exit(0)));
}
