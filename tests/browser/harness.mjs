// Browser test harness: starts server-mock on a free loopback port, launches Debian's Chromium
// with SwiftShader WebGL, and finds and taps widgets through the client's widget registry.
import { spawn } from "node:child_process";
import { after, before } from "node:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through ctest (./dev test)`);
  return value;
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
export const TABLET = { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// Starts server-mock serving the built client; resolves with its base URL and a stop function.
// Each server gets a fresh database in a temporary folder, seeded with a small catalog.
export async function startServerMock(extraArgs = []) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "b2b-browser-"));
  const args = ["--web-root", requiredEnv("B2B_DIST_DIR"), "--port", "0", "--db", path.join(dataDir, "shop.db"),
                "--products", "500", "--fast-hash", ...extraArgs];
  const server = spawn(requiredEnv("B2B_SERVER_MOCK"), args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`server-mock exited with ${code}: ${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        server.once("exit", () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        server.kill("SIGTERM");
      }),
  };
}

// Serves files plainly on a free loopback port (no compression, no caching), as server-mock serves the
// app's: `dir` is one folder, or {"/prefix/": folder, ...} to serve several (the longest prefix wins).
// `headers` go with every response. Resolves with the base URL and a stop function.
export async function startStatic(dir, { headers = {} } = {}) {
  const mounts = Object.entries(typeof dir === "string" ? { "/": dir } : dir).sort((a, b) => b[0].length - a[0].length);
  const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
                  ".json": "application/json" };
  const server = http.createServer((req, res) => {
    const name = new URL(req.url, "http://x").pathname.replace(/\/$/, "/index.html");
    const mount = mounts.find(([prefix]) => name.startsWith(prefix));
    const file = mount && path.join(mount[1], path.normalize("/" + name.slice(mount[0].length)));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-cache",
                           ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Stopping also ends the connections a browser keeps alive, which would otherwise hold close() open.
  const stop = () => new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${server.address().port}/`, stop };
}

// Debian's Chromium with SwiftShader WebGL (see /work/shared/notes/toolchain.md).
const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],
};

export async function launchBrowser() {
  return chromium.launch(CHROMIUM);
}

// A browser that keeps its storage (IndexedDB, service workers, caches) in `userDataDir`: closing it
// and launching it again with the same folder is closing and reopening the user's browser.
// `profile` takes newContext's options (PHONE, offline, serviceWorkers, ...).
export async function launchPersistentContext(userDataDir, profile = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, ...profile });
}

// Collects console errors and page errors so a test can show them when it fails.
export function watchConsole(page) {
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  return problems;
}

export async function frameCount(page) {
  return page.evaluate(() => (window.b2bReady ? Module._b2b_frame_count() : 0));
}

// Waits until the app has drawn `count` more frames than now (never sleeps a fixed time).
export async function waitFrames(page, count = 2) {
  const start = await frameCount(page);
  await page.waitForFunction((target) => Module._b2b_frame_count() >= target, start + count);
}

export async function widgets(page) {
  return page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json())));
}

// Waits until an item matching `predicate` (an item => bool written as a string) is drawn.
export async function waitForWidget(page, key, predicateSource = "() => true", timeout = 10000) {
  const handle = await page.waitForFunction(
    ({ key, predicateSource }) => {
      const registry = JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json()));
      const item = registry.items.find((i) => i.key === key);
      // eslint-disable-next-line no-new-func
      return item && new Function("return " + predicateSource)()(item) ? item : null;
    },
    { key, predicateSource },
    { timeout },
  );
  return handle.jsonValue();
}

// Taps the centre of the item's visible part with a real touch event.
export async function tap(page, item) {
  const r = item.visible_rect;
  if (!item.visible || r.w <= 0) throw new Error(`cannot tap ${item.key || item.label}: not visible`);
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
}

export function screenshotDir() {
  const dir = requiredEnv("B2B_SCREENSHOT_DIR");
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Saves a screenshot for people to look at and returns it decoded, for pixel checks.
export async function screenshot(page, name) {
  const file = path.join(screenshotDir(), name + ".png");
  const buffer = await page.screenshot({ path: file });
  return PNG.sync.read(buffer);
}

// The colour at CSS pixel (x, y) of a decoded screenshot taken at `scale` device pixels per CSS px.
export function pixelAt(png, x, y, scale) {
  const i = (Math.round(y * scale) * png.width + Math.round(x * scale)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

// How many distinct colours a region (CSS px) has: a drawn UI has many, a blank canvas one.
export function distinctColours(png, rect, scale) {
  const colours = new Set();
  for (let y = Math.floor(rect.y * scale); y < Math.min(png.height, (rect.y + rect.h) * scale); y += 2)
    for (let x = Math.floor(rect.x * scale); x < Math.min(png.width, (rect.x + rect.w) * scale); x += 2) {
      const i = (y * png.width + x) * 4;
      colours.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
    }
  return colours.size;
}

// The registry item with this key, or undefined when it is not drawn (e.g. scrolled away).
export async function widget(page, key) {
  return (await widgets(page)).items.find((i) => i.key === key);
}

// Scrolls the page with the mouse wheel until the item is fully on screen (ImGui draws only what
// is visible, so an item below the fold is not in the registry yet).
// Tries downwards first, then upwards (where the item is not drawn, nothing tells its direction).
export async function scrollTo(page, key, { steps = 12 } = {}) {
  const viewport = page.viewportSize();
  for (let i = 0; i < steps * 3; ++i) {
    const item = await widget(page, key);
    if (item && item.visible && item.visible_rect.h >= item.rect.h * 0.8) return item;
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    await page.mouse.wheel(0, i < steps ? 250 : -250);
    await waitFrames(page, 3);
  }
  throw new Error(`${key} did not come into view`);
}

// Taps a text field, waits until ImGui edits it, and types as a phone keyboard does.
export async function typeInto(page, key, text) {
  const field = await scrollTo(page, key);
  await tap(page, field);
  await page.waitForFunction(() => Module._b2b_wants_text_input() === 1);
  await page.keyboard.insertText(text);
  // A password field reports its text masked, one * per character.
  const expected = field.input_mode === "password" ? "*".repeat([...text].length) : text;
  try {
    await waitForWidget(page, key, `(i) => i.value.endsWith(${JSON.stringify(expected)})`);
  } catch (error) {
    throw new Error(`typing into ${key}: ${JSON.stringify(await widget(page, key))}: ${error.message}`);
  }
}

// Taps the item with this key, scrolling it into view first.
export async function tapKey(page, key) {
  await tap(page, await scrollTo(page, key));
  await waitFrames(page, 2);
}

// One server-mock and one browser for all tests of a file, started before and stopped after them.
export function useServerAndBrowser(extraArgs = []) {
  const env = {};
  before(async () => {
    env.server = await startServerMock(extraArgs);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// The wasm files the page fetched, without repeats: b2b_client.wasm for our protocol, b2b_client_adapters.wasm
// for Vendure and Medusa (cmake/WebApp.cmake builds both; web/index.html picks one).
export async function fetchedWasm(page) {
  return page.evaluate(() => [...new Set(performance.getEntriesByType("resource")
    .map((entry) => new URL(entry.name).pathname.split("/").pop())
    .filter((name) => name.endsWith(".wasm")))]);
}

export async function waitForApp(page) {
  await page.waitForFunction(() => window.b2bReady && Module._b2b_frame_count() > 2, null, { timeout: 30000 });
}

// A new browser context with the profile, on the app's page; waits for the first frames unless
// told not to (a page that cannot start never draws one).
export async function openApp(env, profile, { initScript, wait = true } = {}) {
  const context = await env.browser.newContext(profile);
  const page = await context.newPage();
  const problems = watchConsole(page);
  if (initScript) await page.addInitScript(initScript);
  await page.goto(env.server.url);
  if (wait) await waitForApp(page);
  return { context, page, problems };
}

// Replaces a field's text: taps it, deletes what it holds with Backspace, types the new text.
// Pastes text into a field as a phone's paste arrives: the textarea's value changes and an
// "insertFromPaste" input event without data follows (pasted lists keep their line breaks).
export async function pasteInto(page, key, text) {
  const field = await scrollTo(page, key);
  await tap(page, field);
  await page.waitForFunction(() => Module._b2b_wants_text_input() === 1);
  await page.evaluate((t) => {
    const area = document.getElementById("b2b-text-input");
    area.value = t;
    area.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", data: null }));
  }, text);
  await waitForWidget(page, key, `(i) => i.value.endsWith(${JSON.stringify(text)})`);
}

export async function replaceText(page, key, text) {
  const field = await scrollTo(page, key);
  await tap(page, field);
  await page.waitForFunction(() => Module._b2b_wants_text_input() === 1);
  for (let i = 0; i < [...(field.value ?? "")].length; ++i) await page.keyboard.press("Backspace");
  await page.keyboard.insertText(text);
  await waitForWidget(page, key, `(i) => i.value === ${JSON.stringify(text)}`);
}

// Waits until everything the page gave web/storage.js to write is in IndexedDB.
export async function waitForStorageWrites(page) {
  await page.waitForFunction(() => window.B2BStorage !== undefined && B2BStorage.pendingWrites() === 0);
}

// A free loopback port, for servers that must know each other's address before either starts.
export async function freePort() {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// The example partner portal and procurement pages (web/examples/serve.mjs) on `host:port`.
export async function startExamplePortal({ port, host = "localhost", shop }) {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), "../../web/examples/serve.mjs");
  const server = spawn(process.execPath, [script, "--port", String(port), "--host", host, "--shop", shop],
                       { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/[^\s]+)/);
      if (match) resolve(match[1].replace(/\/?$/, "/"));
    });
    server.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}: ${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      }),
  };
}

// The client inside a portal's iframe, usable wherever the helpers above take a page: evaluations run in
// the frame; touches and the wheel are moved by the iframe's position on the page.
export async function frameView(page, iframeSelector) {
  const element = await page.waitForSelector(iframeSelector);
  const frame = await element.contentFrame();
  let box = await element.boundingBox();
  const at = async (x, y) => {
    box = (await element.boundingBox()) || box;
    return [box.x + x, box.y + y];
  };
  return {
    frame,
    element,
    evaluate: (...args) => frame.evaluate(...args),
    waitForFunction: (...args) => frame.waitForFunction(...args),
    touchscreen: { tap: async (x, y) => page.touchscreen.tap(...(await at(x, y))) },
    mouse: { move: async (x, y) => page.mouse.move(...(await at(x, y))), wheel: (dx, dy) => page.mouse.wheel(dx, dy) },
    keyboard: page.keyboard,
    viewportSize: () => ({ width: box.width, height: box.height }),
    screenshot: (options) => page.screenshot(options),
  };
}
