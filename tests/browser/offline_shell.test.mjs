// The browser side of offline drafting: the service worker starts the app with no network, the
// IndexedDB bridge (web/storage.js) keeps records across reloads and browser restarts, and only one tab writes.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  PHONE, launchPersistentContext, openApp, screenshot, tapKey, useServerAndBrowser, waitForApp, waitForStorageWrites,
  waitForWidget, watchConsole, widget,
} from "./harness.mjs";

const env = useServerAndBrowser();

const SHELL_PATHS = ["/", "/index.html", "/style.css", "/text_input.js", "/storage.js", "/loader.js",
                     "/b2b_client.js", "/b2b_client.wasm"];

// Whatever the app itself stores (and sets aside when it cannot read it) must not meet the bytes
// these tests write, so the storage tests run the page with a b2b_client.js that does nothing.
// Service workers are blocked there, so the route always sees the request.
const STORAGE_ONLY = { ...PHONE, serviceWorkers: "block" };
async function stubTheApp(context) {
  await context.route("**/b2b_client.js", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: "window.b2bAppStub = true;" }));
}

async function openStorageOnly(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = watchConsole(page);
  await page.goto(url);
  return { page, problems };
}

// Module.b2bStored once the loader has it, with the bytes as plain arrays.
async function storedRecords(page) {
  await page.waitForFunction(() => window.Module?.b2bStored !== undefined);
  return page.evaluate(() => {
    const stored = Module.b2bStored;
    const records = {};
    for (const [name, bytes] of Object.entries(stored.records)) {
      records[name] = bytes === null ? null : { isUint8Array: bytes instanceof Uint8Array, bytes: Array.from(bytes) };
    }
    return { available: stored.available, problem: stored.problem, records };
  });
}

// The paths the service worker's caches hold.
async function cachedPaths(page) {
  return page.evaluate(async () => {
    const paths = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

// Every key and value of the database, read on the side (values' bytes as arrays).
async function databaseContents(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("b2b-client");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("records", "readonly");
      const contents = {};
      tx.objectStore("records").openCursor().onsuccess = (event) => {
        const cursor = event.target.result;
        if (!cursor) return;
        const value = cursor.value;
        contents[cursor.key] = value instanceof Uint8Array
          ? Array.from(value)
          : { ...value, bytes: Array.from(value.bytes) };
        cursor.continue();
      };
      tx.oncomplete = () => {
        db.close();
        resolve(contents);
      };
    };
  }));
}

test("after one online start the app starts offline from the service worker's cache", async () => {
  const { context, page, problems } = await openApp(env, PHONE);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  assert.deepEqual(problems, []);

  await context.setOffline(true);
  const fromWorker = new Set();
  const fromNetwork = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (response.fromServiceWorker()) fromWorker.add(url.pathname);
    else fromNetwork.push(url.pathname);
  });
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.locator("#problem").isHidden(), true, "no problem overlay offline");
  assert.equal(await page.locator("#other-tab").isHidden(), true);
  assert.equal(await page.locator("#loading").isHidden(), true, "the first frame was drawn");
  for (const shellPath of ["/", "/style.css", "/text_input.js", "/storage.js", "/loader.js", "/b2b_client.js",
                           "/b2b_client.wasm"]) {
    assert.ok(fromWorker.has(shellPath), `${shellPath} came from the service worker`);
  }
  assert.deepEqual(fromNetwork.filter((p) => SHELL_PATHS.includes(p)), []);

  const offline = await page.evaluate(async () => {
    const wasm = await fetch("b2b_client.wasm");
    const api = await fetch("api/v1/health").then(() => "answered", () => "failed");
    return { wasmType: wasm.headers.get("Content-Type"), api };
  });
  assert.equal(offline.wasmType, "application/wasm", "the cached wasm keeps its type");
  assert.equal(offline.api, "failed", "the API is never answered from the cache");
  const cached = await cachedPaths(page);
  assert.ok(cached.includes("/b2b_client.wasm"), cached.join(", "));
  assert.ok(!cached.some((p) => p.startsWith("/b2b_client_adapters")), "the build with the adapters is not kept too");

  // Online again, the API answers through the same worker untouched.
  await context.setOffline(false);
  const health = await page.evaluate(async () => (await fetch("api/v1/health")).status);
  assert.equal(health, 200);
  await context.close();
});

test("a Vendure or Medusa shop's page keeps the build with the adapters for offline starts, not ours", async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  // No Vendure here: the app's Shop API requests get server-mock's 404, which is not what this test is about.
  await page.goto(`${env.server.url}?backend=vendure`);
  await waitForApp(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  const cached = await cachedPaths(page);
  for (const file of ["/b2b_client_adapters.js", "/b2b_client_adapters.wasm", "/loader.js"]) {
    assert.ok(cached.includes(file), `${file} is kept: ${cached.join(", ")}`);
  }
  assert.ok(!cached.includes("/b2b_client.wasm") && !cached.includes("/b2b_client.js"), "our protocol's build is not");
  await context.close();
});

test("B2BStorage: put writes through in order, reloads restore it, keepAside moves a record aside", async () => {
  const context = await env.browser.newContext(STORAGE_ONLY);
  await stubTheApp(context);
  const { page, problems } = await openStorageOnly(context, env.server.url);
  assert.deepEqual(await storedRecords(page), { available: true, problem: "", records: { state: null, catalog: null } });

  // Three puts at once: one is written, the next waits, the third replaces the waiting one.
  const pendingAfterPuts = await page.evaluate(() => {
    B2BStorage.put("state", new Uint8Array([1, 2, 3]));
    B2BStorage.put("state", new Uint8Array([4, 5, 6]));
    B2BStorage.put("state", new Uint8Array([7, 8, 9, 10]));
    // A view into a larger buffer (as the wasm heap is) that changes right after the call.
    const heap = new Uint8Array(4096);
    heap.set([42, 43, 44], 1000);
    B2BStorage.put("catalog", heap.subarray(1000, 1003));
    heap.fill(0);
    return B2BStorage.pendingWrites();
  });
  assert.equal(pendingAfterPuts, 3, "state: one in flight and one waiting; catalog: one in flight");
  await waitForStorageWrites(page);

  await page.reload();
  assert.deepEqual(await storedRecords(page), {
    available: true, problem: "",
    records: { state: { isUint8Array: true, bytes: [7, 8, 9, 10] }, catalog: { isUint8Array: true, bytes: [42, 43, 44] } },
  });

  // A put, a keepAside and a put of one record land in call order.
  const keptKey = await page.evaluate(async () => {
    B2BStorage.put("state", new Uint8Array([11, 12]));
    const kept = B2BStorage.keepAside("state", "version 99 cannot be read");
    B2BStorage.put("state", new Uint8Array([13]));
    return kept;
  });
  assert.match(keptKey, /^kept-aside:state:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await waitForStorageWrites(page);
  let contents = await databaseContents(page);
  assert.deepEqual(contents.state, [13]);
  assert.deepEqual(contents.catalog, [42, 43, 44]);
  assert.equal(contents[keptKey].reason, "version 99 cannot be read");
  assert.deepEqual(contents[keptKey].bytes, [11, 12]);
  assert.equal(contents[keptKey].at, keptKey.slice("kept-aside:state:".length));

  // Setting aside what is stored leaves nothing under the name; nothing stored, nothing to move.
  const second = await page.evaluate(() => B2BStorage.keepAside("catalog", "catalog format 3 is unknown"));
  assert.match(second, /^kept-aside:catalog:/);
  assert.equal(await page.evaluate(() => B2BStorage.keepAside("catalog", "again")), null);
  await page.reload();
  const restored = await storedRecords(page);
  assert.deepEqual(restored.records, { state: { isUint8Array: true, bytes: [13] }, catalog: null });
  contents = await databaseContents(page);
  assert.deepEqual(Object.keys(contents).sort(), [second, keptKey, "state"].sort());
  assert.deepEqual(contents[second].bytes, [42, 43, 44]);

  assert.deepEqual(problems, []);
  await context.close();
});

test("B2BStorage: each write is as durable as it asks, a waiting write as its strictest put", async () => {
  const context = await env.browser.newContext(STORAGE_ONLY);
  await stubTheApp(context);
  // Each record written: its bytes and its transaction's durability, by key in the order written.
  await context.addInitScript(() => {
    window.writesByKey = {};
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      const bytes = value instanceof Uint8Array ? Array.from(value) : Array.from(value.bytes);
      const name = String(key).startsWith("kept-aside:") ? "kept-aside" : String(key);
      (window.writesByKey[name] ??= []).push([this.transaction.durability, ...bytes].join(" "));
      return put.call(this, value, key);
    };
  });
  const { page, problems } = await openStorageOnly(context, env.server.url);
  await storedRecords(page);
  await page.evaluate(() => {
    B2BStorage.put("state", new Uint8Array([1]), "relaxed");  // in flight
    B2BStorage.put("state", new Uint8Array([2]), "strict");   // waits...
    B2BStorage.put("state", new Uint8Array([3]), "relaxed");  // ...and this one replaces it, still strict
    B2BStorage.put("catalog", new Uint8Array([4]), "relaxed");
    B2BStorage.put("catalog", new Uint8Array([5]));  // no durability said
  });
  await waitForStorageWrites(page);
  await page.evaluate(() => B2BStorage.keepAside("catalog", "a test"));
  await page.evaluate(() => B2BStorage.put("state", new Uint8Array([6]), "soon"));
  await waitForStorageWrites(page);
  assert.deepEqual(await page.evaluate(() => window.writesByKey), {
    state: ["relaxed 1", "strict 3", "strict 6"],
    catalog: ["relaxed 4", "strict 5"],
    "kept-aside": ["strict 5"],
  });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /put\("state"\) durability must be "strict" or "relaxed", got soon/);
  await context.close();
});

test("closing the browser and opening it again with the same profile keeps the records", async () => {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "b2b-profile-"));
  try {
    let context = await launchPersistentContext(userDataDir, STORAGE_ONLY);
    await stubTheApp(context);
    let { page, problems } = await openStorageOnly(context, env.server.url);
    assert.deepEqual((await storedRecords(page)).records, { state: null, catalog: null });
    await page.evaluate(() => B2BStorage.put("state", new Uint8Array([0, 255, 128, 1])));
    await waitForStorageWrites(page);
    assert.deepEqual(problems, []);
    await context.close();

    context = await launchPersistentContext(userDataDir, STORAGE_ONLY);
    await stubTheApp(context);
    ({ page, problems } = await openStorageOnly(context, env.server.url));
    assert.deepEqual((await storedRecords(page)).records,
                     { state: { isUint8Array: true, bytes: [0, 255, 128, 1] }, catalog: null });
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});

test("a browser closed after one online start opens the app with no network", async () => {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "b2b-profile-"));
  try {
    let context = await launchPersistentContext(userDataDir, PHONE);
    let page = context.pages()[0];
    await page.goto(env.server.url);
    await waitForApp(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await context.close();

    context = await launchPersistentContext(userDataDir, { ...PHONE, offline: true });
    page = context.pages()[0];
    await page.goto(env.server.url);
    await waitForApp(page);
    assert.equal(await page.locator("#problem").isHidden(), true);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
    await context.close();
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});

test("without IndexedDB (embedded, private mode) the app still starts and says why nothing is kept", async () => {
  const { context, page, problems } = await openApp(env, PHONE, {
    initScript: () => Object.defineProperty(window, "indexedDB", { value: undefined }),
  });
  const stored = await storedRecords(page);
  assert.deepEqual(stored, {
    available: false, problem: "IndexedDB is not available in this browser", records: { state: null, catalog: null },
  });
  const afterWrites = await page.evaluate(async () => {
    B2BStorage.put("state", new Uint8Array([1]));
    return { pending: B2BStorage.pendingWrites(), kept: await B2BStorage.keepAside("state", "test") };
  });
  assert.deepEqual(afterWrites, { pending: 0, kept: null });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a stored record the app cannot read is set aside with the reason, said on screen, and the app starts", async () => {
  const context = await env.browser.newContext(STORAGE_ONLY);
  await stubTheApp(context);
  const { page, problems } = await openStorageOnly(context, env.server.url);
  await storedRecords(page);
  // What a damaged disk or another program could leave under the app's name: no device state at all.
  const damaged = [0x42, 0x32, 0x42, 0x01, 0xff, 0x00, 0x13];
  await page.evaluate((bytes) => B2BStorage.put("state", new Uint8Array(bytes)), damaged);
  await waitForStorageWrites(page);

  await context.unroute("**/b2b_client.js");
  await page.reload();
  await waitForApp(page);
  const notice = await waitForWidget(page, "storage_kept_aside");
  assert.ok(notice, "the sign-in screen says a record was set aside");
  await screenshot(page, "phone-record-kept-aside");
  await waitForWidget(page, "sign_in", "(i) => i.enabled");
  await waitForStorageWrites(page);
  const contents = await databaseContents(page);
  const keptKeys = Object.keys(contents).filter((key) => key.startsWith("kept-aside:state:"));
  assert.equal(keptKeys.length, 1, "one record set aside: " + Object.keys(contents).join(", "));
  assert.deepEqual(contents[keptKeys[0]].bytes, damaged, "the bytes are kept as they were");
  // With the reason, which names no field here: the record is damaged from its first byte.
  assert.match(contents[keptKeys[0]].reason, /^not a B2B binary record/);
  assert.match(notice.label, /not a B2B binary record/);
  assert.doesNotMatch(notice.label, /:\s*:/, "no empty field name before the reason");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a first visit starts without waiting for the database; its writes land once this tab holds the lock", async () => {
  // The writer lock is granted only when the test says so: the app must not need it to start. (Not after
  // the reload below: a start from a database waits for the lock.)
  const { context, page, problems } = await openApp(env, PHONE, {
    initScript: () => {
      if (sessionStorage.getItem("writer-lock-free") === "1") return;
      const request = LockManager.prototype.request;
      let grant;
      const granted = new Promise((resolve) => { grant = resolve; });
      window.grantWriterLock = grant;
      LockManager.prototype.request = function (name, ...rest) {
        return granted.then(() => request.call(this, name, ...rest));
      };
    },
  });
  assert.deepEqual(await storedRecords(page), { available: true, problem: "", records: { state: null, catalog: null } });
  await tapKey(page, "lang_en");
  await waitForWidget(page, "lang_en", "(i) => i.checked");
  assert.ok(await page.evaluate(() => B2BStorage.pendingWrites()) > 0, "the language waits to be written");
  assert.deepEqual(await databaseContents(page), {}, "nothing is written before the lock");

  await page.evaluate(() => window.grantWriterLock());
  await waitForStorageWrites(page);
  assert.deepEqual(Object.keys(await databaseContents(page)), ["state"]);
  await page.evaluate(() => sessionStorage.setItem("writer-lock-free", "1"));
  await page.reload();
  await waitForApp(page);
  await waitForWidget(page, "lang_en", "(i) => i.checked");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a first visit whose database fails after the start says on screen that nothing is kept", async () => {
  // The database exists for no one here; opening it answers only when the test makes it fail.
  const { context, page, problems } = await openApp(env, PHONE, {
    initScript: () => {
      const pending = {};
      window.failDatabase = () => {
        pending.error = new DOMException("disk full", "QuotaExceededError");
        pending.onerror();
      };
      IDBFactory.prototype.open = () => pending;
    },
  });
  assert.equal(await widget(page, "storage_unavailable"), undefined);
  await page.evaluate(() => window.failDatabase());
  const notice = await waitForWidget(page, "storage_unavailable");
  assert.ok(notice, "the sign-in screen says nothing is kept");
  assert.deepEqual(await page.evaluate(() => ({ available: Module.b2bStored.available, problem: Module.b2bStored.problem })),
                   { available: false, problem: "IndexedDB cannot be used here (QuotaExceededError)" });
  await page.evaluate(() => B2BStorage.put("state", new Uint8Array([1])));
  assert.equal(await page.evaluate(() => B2BStorage.pendingWrites()), 0);
  await waitForWidget(page, "sign_in", "(i) => i.enabled");
  assert.deepEqual(problems, []);
  await context.close();
});

test("one writing tab: a second tab waits until 'Use here', then the first one steps back", async () => {
  const { context, page: first, problems: firstProblems } = await openApp(env, PHONE);
  const second = await context.newPage();
  const secondProblems = watchConsole(second);
  await second.goto(env.server.url);

  const overlay = second.locator("#other-tab");
  await overlay.waitFor({ state: "visible" });
  assert.equal(await second.locator("#other-tab-pl").textContent(), "Aplikacja jest otwarta w innej karcie.");
  assert.equal(await second.locator("#other-tab-en").textContent(), "The app is open in another tab.");
  // The app is downloaded and instantiated, yet main() does not run and nothing was read.
  await second.waitForFunction(() => window.Module?.asm !== undefined);
  await second.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.deepEqual(await second.evaluate(() => ({ ready: window.b2bReady === true, stored: Module.b2bStored })),
                   { ready: false, stored: undefined });
  await screenshot(second, "phone-open-in-another-tab");

  await second.locator("#other-tab-button").tap();
  await waitForApp(second);
  assert.equal(await overlay.isHidden(), true);
  assert.equal(await second.evaluate(() => Module.b2bStored.available), true);

  const firstOverlay = first.locator("#other-tab");
  await firstOverlay.waitFor({ state: "visible" });
  assert.equal(await first.locator("#other-tab-pl").textContent(), "Aplikacja została otwarta w innej karcie.");
  assert.equal(await first.locator("#other-tab-en").textContent(), "The app was opened in another tab.");
  assert.equal(await first.evaluate(() => {
    B2BStorage.put("state", new Uint8Array([99]));
    return B2BStorage.pendingWrites();
  }), 0, "the first tab writes nothing any more");
  await screenshot(first, "phone-opened-in-another-tab");

  // "Use here" in the first tab reloads it and takes the app back without a second press.
  await first.locator("#other-tab-button").tap();
  await waitForApp(first);
  assert.equal(await firstOverlay.isHidden(), true);
  await overlay.waitFor({ state: "visible" });
  assert.equal(await second.locator("#other-tab-en").textContent(), "The app was opened in another tab.");

  assert.deepEqual(firstProblems, []);
  assert.deepEqual(secondProblems, []);
  await context.close();
});
