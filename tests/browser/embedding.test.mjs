// The client embedded in a partner portal on another origin (web/examples/portal through web/embed.js):
// the session handoff and init handshake, a buyer ordering inside the iframe with the portal receiving
// the events with the right data, a third origin's messages ignored, the iframe sized to its content,
// and the client working with its storage blocked in the frame.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  PHONE, frameView, freePort, launchBrowser, pixelAt, replaceText, screenshot, screenshotDir, startExamplePortal,
  startServerMock, tapKey, waitFrames, waitForWidget, watchConsole, widget, widgets,
} from "./harness.mjs";
import { apiSession, checkOut } from "./flows.mjs";
import path from "node:path";
import { PNG } from "pngjs";

const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, hasTouch: true };
// Playwright's device-scale emulation does not always reach a cross-site iframe (its own renderer process):
// the frame may report devicePixelRatio 1 and get touches at a third of their place. A real phone has one
// ratio for all frames, so the phone-sized portal runs at ratio 1 here.
const PHONE_PORTAL = { ...PHONE, deviceScaleFactor: 1 };
const env = {};

before(async () => {
  // The portal is at localhost, the shop at 127.0.0.1: two sites, as a real partner's portal would be.
  const portalPort = await freePort();
  const portalOrigin = `http://localhost:${portalPort}`;
  env.server = await startServerMock(["--portal", portalOrigin]);
  env.portal = await startExamplePortal({ port: portalPort, host: "localhost", shop: env.server.url.replace(/\/$/, "") });
  env.portalOrigin = portalOrigin;
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.portal?.stop();
  await env.server?.stop();
});

function portalUrl(query) {
  return `${env.portal.url}portal/?shop=${encodeURIComponent(env.server.url.replace(/\/$/, ""))}&${query}`;
}

async function openPortal(profile, query, initScript) {
  const context = await env.browser.newContext(profile);
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(portalUrl(query));
  const app = await frameView(page, "#ordering iframe");
  await app.waitForFunction(() => window.b2bReady && Module._b2b_frame_count() > 2, null, { timeout: 30000 });
  return { context, page, app, problems };
}

async function events(page, type) {
  return page.evaluate((t) => window.portalEvents.filter((e) => !t || e.type === t), type);
}

// Waits until the iframe is as tall as the client's last resize asked (clamped by the portal's limits).
async function followsContent(page) {
  const handle = await page.waitForFunction(() => {
    const last = window.portalEvents.filter((e) => e.type === "resize").pop();
    if (!last) return null;
    const wanted = Math.min(4000, Math.max(480, last.data.height));
    return window.portalHandle.iframe.getBoundingClientRect().height === wanted ? wanted : null;
  });
  return handle.jsonValue();
}

async function waitForEvent(page, predicateSource, timeout = 15000) {
  const handle = await page.waitForFunction(
    (source) => window.portalEvents.find(new Function("return " + source)()), predicateSource, { timeout });
  return handle.jsonValue();
}

test("a buyer signed in by the portal orders on a phone inside it; the portal hears every step", async () => {
  const { context, page, app, problems } = await openPortal(PHONE_PORTAL, "handoff=1&height=container");
  try {
    // The handshake: ready, init answered, signed in by handoff. Another site embeds us, so the frame's
    // storage is partitioned at best (this Chromium blocks it: "unavailable").
    const ready = await waitForEvent(page, "(e) => e.type === 'ready'");
    assert.deepEqual(ready.data.versions, [1]);
    assert.ok(["partitioned", "unavailable"].includes(ready.data.embedded_storage), ready.data.embedded_storage);
    await waitForEvent(page, "(e) => e.type === 'initialized'");
    const session = await waitForEvent(page, "(e) => e.type === 'session' && e.data.signed_in");
    assert.equal(session.data.role, "buyer");
    await waitForWidget(app, "tab_catalog", "(i) => i.checked");
    await screenshot(page, "phone-embedded-1-catalog");

    const api = await apiSession(env, "kupiec1@budmax.pl", "haslo-buyer-1");
    const found = await api.get("/catalog/search?q=kabel&limit=20");
    const product = found.find((p) => p.pack_size === 1 && p.min_order_quantity === 1) || found[0];
    const quantity = Math.max(product.min_order_quantity, product.pack_size) * 2;

    await replaceText(app, "search", product.sku);
    await waitForEvent(page, `(e) => e.type === 'touchpoint' && e.data.kind === 'search' && e.data.query === ${JSON.stringify(product.sku)}`);
    await tapKey(app, `product_${product.sku}`);
    await waitForEvent(page, `(e) => e.data.kind === 'view_product' && e.data.sku === ${JSON.stringify(product.sku)}`);
    await replaceText(app, "quantity", String(quantity));
    await tapKey(app, "add_to_cart");
    const added = await waitForEvent(page, "(e) => e.data.kind === 'add_to_cart'");
    assert.equal(added.data.sku, product.sku);
    assert.equal(added.data.quantity, quantity);
    const cart = await waitForEvent(page, `(e) => e.type === 'cart_changed' && e.data.lines.length > 0 && e.data.totals`);
    assert.deepEqual(cart.data.lines, [{ sku: product.sku, quantity }]);
    const prices = await api.get("/price-list");
    const entry = prices.entries.find((p) => p.sku === product.sku);
    assert.ok(entry, "the product has a price for Budmax");
    assert.ok(cart.data.totals.net_minor > 0);
    assert.equal(cart.data.totals.gross_minor, cart.data.totals.net_minor + cart.data.totals.vat_minor);
    await screenshot(page, "phone-embedded-2-added");

    const order = await checkOut(app, "PO-PORTAL-1");
    const placed = await waitForEvent(page, "(e) => e.type === 'order_placed'");
    assert.equal(placed.data.number, order.number);
    assert.equal(placed.data.po_number, "PO-PORTAL-1");
    assert.equal(placed.data.line_count, 1);
    const history = await api.get("/orders");
    const stored = history.find((o) => o.number === order.number);
    assert.equal(placed.data.totals.gross_minor, stored.totals.gross.minor);
    assert.equal(placed.data.totals.net_minor, stored.totals.net.minor);
    const touch = await waitForEvent(page, "(e) => e.data.kind === 'order'");
    assert.equal(touch.data.number, order.number);
    assert.equal((await events(page, "order_placed")).length, 1, "each order is announced once");
    assert.equal((await events(page, "error")).length, 0);
    // The portal's own log shows them too.
    assert.ok(await page.locator('#event-log li[data-type="order_placed"]').count() === 1);
    await screenshot(page, "phone-embedded-3-ordered");
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  } finally {
    await context.close();
  }
});

test("a page of a third origin posting to the iframe is ignored and gets nothing back", async () => {
  const { context, page, app } = await openPortal(DESKTOP, "handoff=0&height=container");
  try {
    await waitForEvent(page, "(e) => e.type === 'initialized'");
    await waitForWidget(app, "sign_in", "(i) => /Zaloguj/.test(i.label)");
    // An iframe of another origin in the same portal page (127.0.0.1 is not localhost) tries the client.
    const thirdOrigin = env.portal.url.replace("localhost", "127.0.0.1");
    await page.evaluate((src) => new Promise((resolve) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.name = "third";
      frame.onload = resolve;
      document.body.appendChild(frame);
    }), thirdOrigin + "procurement/");
    const third = page.frame({ name: "third" });
    assert.ok(third.url().startsWith("http://127.0.0.1:"));
    const answers = await third.evaluate(async () => {
      const received = [];
      window.addEventListener("message", (event) => received.push(event.data));
      const target = window.parent.frames[0];
      target.postMessage({ protocol: "b2b-embed", version: 1, type: "set_locale", data: { locale: "en" } }, "*");
      target.postMessage({ protocol: "b2b-embed", version: 1, type: "no_such_type", data: {} }, "*");
      target.postMessage({ protocol: "b2b-embed", version: 9, type: "init", data: {} }, "*");
      await new Promise((r) => setTimeout(r, 1500));
      return received;
    });
    assert.deepEqual(answers, [], "nothing is posted back to a third origin");
    await waitForWidget(app, "sign_in", "(i) => /Zaloguj/.test(i.label)");  // still Polish
    assert.equal((await events(page, "error")).length, 0, "the portal is not told about the third origin's messages");

    // The same message from the portal itself is obeyed (so the check above can fail).
    await page.evaluate(() => window.portalHandle.setLocale("en"));
    await waitForWidget(app, "sign_in", "(i) => /Sign in/.test(i.label)");
    // And a bad message from the portal is answered with an error naming the problem.
    await page.evaluate(() => window.portalHandle.iframe.contentWindow.postMessage(
      { protocol: "b2b-embed", version: 1, type: "set_locale", data: { locale: "fr" }, id: "bad-1" },
      new URL(window.portalHandle.iframe.src).origin));
    const error = await waitForEvent(page, "(e) => e.type === 'error'");
    assert.equal(error.data.code, "bad_message");
    assert.equal(error.data.reply_to, "bad-1");
    assert.match(error.data.message, /data\.locale/);
  } finally {
    await context.close();
  }
});

test("sized to its content on a desktop portal; the portal opens a product and prefills a cart", async () => {
  const { context, page, app } = await openPortal(DESKTOP, "handoff=1&height=content");
  try {
    await waitForEvent(page, "(e) => e.type === 'session' && e.data.signed_in");
    await waitForWidget(app, "tab_catalog", "(i) => i.checked");
    const api = await apiSession(env, "kupiec1@budmax.pl", "haslo-buyer-1");
    const products = (await api.get("/catalog/search?q=a&limit=50")).filter((p) => p.active);
    const packed = products.find((p) => p.pack_size > 1);
    const single = products.find((p) => p.pack_size === 1 && p.min_order_quantity === 1);
    assert.ok(packed && single, "the seed has products with and without packs");

    // The catalog asks for its preferred height; the iframe follows.
    const catalogHeight = await followsContent(page);

    await page.evaluate((sku) => window.portalHandle.openProduct(sku), single.sku);
    await waitForWidget(app, "add_to_cart");
    await waitForEvent(page, `(e) => e.data.kind === 'view_product' && e.data.sku === ${JSON.stringify(single.sku)}`);

    await page.evaluate(([a, b]) => window.portalHandle.prefillCart(
      [{ sku: a, quantity: 1 }, { sku: b, quantity: 3 }, { sku: "NIE-MA-TAKIEGO", quantity: 1 }], "Z portalu"),
    [packed.sku, single.sku]);
    const report = await waitForEvent(page, "(e) => e.type === 'prefill_report'");
    assert.deepEqual(report.data.lines.map((l) => l.status), ["adjusted", "added", "rejected"]);
    assert.equal(report.data.lines[0].added % packed.pack_size, 0);
    assert.equal(report.data.lines[2].reason, "unknown_code");
    const cart = await waitForEvent(page, "(e) => e.type === 'cart_changed' && e.data.name === 'Z portalu'");
    assert.equal(cart.data.lines.length, 2);

    // The carts screen with two lines and the checkout button is taller than the catalog: the iframe grows.
    await tapKey(app, "tab_carts");
    await waitForWidget(app, "go_to_checkout");
    await page.waitForFunction((h) => {
      const last = window.portalEvents.filter((e) => e.type === "resize").pop();
      return last.data.height !== h;
    }, catalogHeight);
    const cartsHeight = await followsContent(page);
    assert.notEqual(cartsHeight, catalogHeight);
    await screenshot(page, "desktop-embedded-content-height");

    // The portal's colours: dark background, its accent on the primary button (the whole page is shot:
    // the iframe is taller than the window now).
    const box = await app.element.boundingBox();
    const wholePage = async (name) =>
      PNG.sync.read(await page.screenshot({ fullPage: true, path: path.join(screenshotDir(), name + ".png") }));
    const light = pixelAt(await wholePage("desktop-embedded-light"), box.x + 8, box.y + 8, 1);
    assert.ok(light.every((c) => c > 200), `light background, got ${light}`);
    await page.evaluate(() => window.portalHandle.setTheme({ mode: "dark", accent: "#1a6b3c" }));
    await waitFrames(app, 3);
    const png = await wholePage("desktop-embedded-dark");
    const dark = pixelAt(png, box.x + 8, box.y + 8, 1);
    assert.ok(dark.every((c) => c < 60), `dark background, got ${dark}`);
    // The selected cart, near the top (the portal's content area scrolls; its lower part is not shot).
    const button = (await widgets(app)).items.find((i) => i.checked && /^Z portalu \(/.test(i.label));
    const accent = pixelAt(png, box.x + button.visible_rect.x + 6, box.y + button.visible_rect.y + button.visible_rect.h / 2, 1);
    assert.deepEqual(accent, [0x1a, 0x6b, 0x3c]);
  } finally {
    await context.close();
  }
});

test("with storage blocked in the frame the client says so and keeps carts on the server", async () => {
  // Like a browser that blocks third-party storage: IndexedDB throws inside the iframe only.
  const block = () => {
    if (window.top !== window) {
      Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("blocked", "SecurityError"); } });
    }
  };
  const { context, page, app } = await openPortal(PHONE_PORTAL, "handoff=1&height=container", block);
  try {
    const ready = await waitForEvent(page, "(e) => e.type === 'ready'");
    assert.equal(ready.data.embedded_storage, "unavailable");
    await waitForEvent(page, "(e) => e.type === 'session' && e.data.signed_in");
    await waitForWidget(app, "storage_unavailable");
    const api = await apiSession(env, "kupiec2@budmax.pl", "haslo-buyer-2");
    void api;
    const buyer = await apiSession(env, "kupiec1@budmax.pl", "haslo-buyer-1");
    const product = (await buyer.get("/catalog/search?q=a&limit=50")).find((p) => p.pack_size === 1 && p.min_order_quantity === 1);
    await page.evaluate((sku) => window.portalHandle.prefillCart([{ sku, quantity: 7 }], "Bez pamięci"), product.sku);
    await waitForEvent(page, "(e) => e.type === 'prefill_report'");
    // Saved on the server, not on the device.
    let carts = [];
    for (let i = 0; i < 50 && !carts.some((c) => c.name === "Bez pamięci"); ++i) {
      carts = await buyer.get("/carts");
      if (!carts.some((c) => c.name === "Bez pamięci")) await new Promise((r) => setTimeout(r, 200));
    }
    const saved = carts.find((c) => c.name === "Bez pamięci");
    assert.ok(saved, "the prefilled cart reached the server");
    assert.deepEqual(saved.lines.map((l) => [l.sku, l.quantity]), [[product.sku, 7]]);
    await screenshot(page, "phone-embedded-storage-blocked");
    assert.ok(await widget(app, "storage_unavailable"));
  } finally {
    await context.close();
  }
});
