// Offline drafting end to end on a phone: carts drafted with no network survive reloads and a browser
// restart, an order placed offline waits in the outbox, and when the network returns a price change is
// shown, confirmed, and the order reaches the server exactly once. Also: a dropped answer is not a second order.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { apiSession, checkOut, openTab, signIn } from "./flows.mjs";
import {
  PHONE, launchPersistentContext, replaceText, screenshot, tapKey, typeInto, useServerAndBrowser, waitForApp, widget,
  waitForStorageWrites, waitForWidget, watchConsole,
} from "./harness.mjs";

const env = useServerAndBrowser(["--enable-test-endpoints"]);
const BUYER = ["kupiec1@budmax.pl", "haslo-buyer-1"];

async function syncStatus(page) {
  return page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._b2b_sync_status_json())));
}

async function waitForStatus(page, predicateSource, timeout = 20000) {
  const handle = await page.waitForFunction((source) => {
    const status = JSON.parse(Module.UTF8ToString(Module._b2b_sync_status_json()));
    // eslint-disable-next-line no-new-func
    return new Function("return " + source)()(status) ? status : null;
  }, predicateSource, { timeout });
  return handle.jsonValue();
}

// Two cheap products sold by the piece, with their company prices.
async function pickProducts(api) {
  const prices = await api.get("/price-list");
  const page = await api.get("/catalog?limit=500");
  const picked = page.products.filter((p) => p.active && p.pack_size === 1 && p.min_order_quantity === 1 && p.stock > 20)
    .map((p) => ({ product: p, entry: prices.entries.find((e) => e.sku === p.sku) }))
    .filter((p) => p.entry && p.entry.unit_net_minor < 20000)
    .slice(0, 2);
  assert.equal(picked.length, 2, "the seed has two cheap products sold by the piece");
  return { priceList: prices, picked };
}

async function addToActiveCart(page, sku, quantity) {
  await openTab(page, "tab_catalog");
  await replaceText(page, "search", sku);
  await tapKey(page, `product_${sku}`);
  try {
    await waitForWidget(page, "quantity");
  } catch (error) {
    await screenshot(page, "debug-offline-product");
    throw new Error(JSON.stringify(await syncStatus(page)) + error.message);
  }
  await replaceText(page, "quantity", String(quantity));
  await tapKey(page, "add_to_cart");
  await waitForWidget(page, "cart_notice");
}

async function createCart(page, name) {
  await openTab(page, "tab_carts");
  try {
    await typeInto(page, "new_cart_name", name);
  } catch (error) {
    await screenshot(page, "debug-offline-type");
    throw new Error(JSON.stringify(await widget(page, "new_cart_name")) + error.message);
  }
  await tapKey(page, "create_cart");
  try {
    await waitForStatus(page, `(s) => s.carts.some((c) => c.name === ${JSON.stringify(name)})`, 5000);
  } catch (error) {
    await screenshot(page, "debug-offline-create");
    throw new Error(JSON.stringify(await syncStatus(page)) + JSON.stringify(await widget(page, "new_cart_name")) + error.message);
  }
}

async function openPersistent(dir, { offline = false } = {}) {
  const context = await launchPersistentContext(dir, PHONE);
  if (offline) await context.setOffline(true);
  // The durability of each "state" record written, for the checks of what is written how.
  await context.addInitScript(() => {
    window.stateWrites = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (key === "state") window.stateWrites.push(this.transaction.durability);
      return put.call(this, value, key);
    };
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = watchConsole(page);
  await page.goto(env.server.url);
  await waitForApp(page);
  return { context, page, problems };
}

test("phone: carts drafted offline survive reload and restart; an offline order is re-priced and sent once", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "b2b-offline-"));
  try {
    const api = await apiSession(env, ...BUYER);
    const { priceList, picked } = await pickProducts(api);
    const [a, b] = picked.map((p) => p.product.sku);

    // Online once: sign in; the catalog comes to the device and the service worker takes the shell.
    let app = await openPersistent(dir);
    await typeInto(app.page, "email", BUYER[0]);
    await typeInto(app.page, "password", BUYER[1]);
    await tapKey(app.page, "sign_in");
    await waitForWidget(app.page, "tab_catalog", "(i) => i.checked");
    await waitForStatus(app.page, "(s) => s.connection === 'online' && s.catalog_products >= 500");
    await app.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });

    // No network: the app says so, and two carts are drafted with products found on the device.
    await app.context.setOffline(true);
    await waitForWidget(app.page, "offline_banner", "() => true", 20000);
    await createCart(app.page, "Hala A offline");
    await addToActiveCart(app.page, a, 3);
    await createCart(app.page, "Hala B offline");
    await addToActiveCart(app.page, b, 2);
    await waitForStorageWrites(app.page);
    await screenshot(app.page, "phone-offline-1-drafts");

    // Reload with no network: the app starts from the service worker, the carts are intact.
    await app.page.reload();
    await waitForApp(app.page);
    let status = await waitForStatus(app.page, "(s) => s.carts.length > 0");
    const drafts = (s) => Object.fromEntries(s.carts.filter((c) => /offline/.test(c.name))
      .map((c) => [c.name, c.lines.map((l) => `${l.sku}x${l.quantity}`).join(",")]));
    assert.deepEqual(drafts(status), { "Hala A offline": `${a}x3`, "Hala B offline": `${b}x2` });
    await waitForWidget(app.page, "offline_banner");

    // Close the browser and open it again, still with no network.
    await app.context.close();
    app = await openPersistent(dir, { offline: true });
    status = await waitForStatus(app.page, "(s) => s.carts.length > 0");
    assert.deepEqual(drafts(status), { "Hala A offline": `${a}x3`, "Hala B offline": `${b}x2` });
    assert.ok(status.carts.filter((c) => /offline/.test(c.name)).every((c) => c.unsynced));

    // Place the order of cart B offline: it waits in the outbox.
    await openTab(app.page, "tab_carts");
    const cartB = status.carts.find((c) => c.name === "Hala B offline");
    await tapKey(app.page, `cart_${cartB.id}`);
    await waitForWidget(app.page, "go_to_checkout");
    await tapKey(app.page, "go_to_checkout");
    await waitForStorageWrites(app.page);
    await app.page.evaluate(() => { window.stateWrites = []; });
    await typeInto(app.page, "po_number", "PO/OFFLINE/1");
    await waitForStorageWrites(app.page);
    // A draft is handed to the operating system; an order in the outbox waits for the disk.
    const whileTyping = await app.page.evaluate(() => window.stateWrites.splice(0));
    assert.ok(whileTyping.length > 0 && whileTyping.every((d) => d === "relaxed"), `typing wrote ${whileTyping}`);
    await tapKey(app.page, "place_order");
    status = await waitForStatus(app.page, "(s) => s.outbox.length === 1");
    await waitForStorageWrites(app.page);
    const placing = await app.page.evaluate(() => window.stateWrites.splice(0));
    assert.ok(placing.includes("strict"), `placing the order wrote ${placing}`);
    const key = status.outbox[0].key;
    await waitForWidget(app.page, `outbox_status_${key}`, "(i) => /Czeka na sieć/.test(i.label)");
    await screenshot(app.page, "phone-offline-2-outbox");

    // Meanwhile the price of B goes up on the server.
    const entryB = picked[1].entry;
    await api.test("/price", { price_list_id: priceList.id, sku: b, unit_net_minor: entryB.unit_net_minor + 50 });

    // The network returns: the order is re-priced, the change shown, and nothing sent until confirmed.
    await app.context.setOffline(false);
    const change = await waitForWidget(app.page, `outbox_change_${key}_${b}`, "() => true", 30000);
    assert.match(change.label, /cena z .* na /);
    await screenshot(app.page, "phone-offline-3-price-changed");
    assert.equal((await api.get("/orders")).filter((o) => o.checkout.po_number === "PO/OFFLINE/1").length, 0);
    await tapKey(app.page, `outbox_confirm_${key}`);
    status = await waitForStatus(app.page, "(s) => s.outbox[0].status === 'sent'");
    await waitForWidget(app.page, `outbox_status_${key}`, "(i) => /ZAM\\//.test(i.label)");

    // Exactly one order, at the new price; the drafted carts reached the server too.
    const orders = (await api.get("/orders")).filter((o) => o.checkout.po_number === "PO/OFFLINE/1");
    assert.equal(orders.length, 1);
    assert.equal(orders[0].number, status.outbox[0].order_number);
    assert.equal(orders[0].lines[0].unit_net.minor, entryB.unit_net_minor + 50);
    await waitForStatus(app.page, "(s) => s.carts.every((c) => !c.unsynced)");
    const serverCarts = await api.get("/carts");
    const hallA = serverCarts.find((c) => c.name === "Hala A offline");
    assert.ok(hallA, "the cart drafted offline is on the server");
    assert.deepEqual(hallA.lines.map((l) => [l.sku, l.quantity]), [[a, 3]]);
    assert.deepEqual(app.problems.filter((p) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(p)), []);
    await app.context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("phone: an order whose answer is dropped after the server stored it is not placed twice", async () => {
  const api = await apiSession(env, ...BUYER);
  const { picked } = await pickProducts(api);
  const app = await signIn(env, PHONE, ...BUYER);
  try {
    await addToActiveCart(app.page, picked[0].product.sku, 1);
    await api.test("/faults", { drop_after_commit_next: 1, latency_ms: 200 });
    await openTab(app.page, "tab_carts");
    await waitForWidget(app.page, "go_to_checkout");
    await tapKey(app.page, "go_to_checkout");
    await typeInto(app.page, "po_number", "PO/DROPPED/1");
    await tapKey(app.page, "place_order");
    // No answer: the order goes to the outbox and is sent again with the same key; the server replays it.
    const status = await waitForStatus(app.page, "(s) => s.outbox.length === 1 && s.outbox[0].status === 'sent'", 30000);
    assert.ok(status.outbox[0].attempts >= 2);
    await api.test("/faults", { latency_ms: 0 });
    const orders = (await api.get("/orders")).filter((o) => o.checkout.po_number === "PO/DROPPED/1");
    assert.equal(orders.length, 1);
    assert.equal(orders[0].number, status.outbox[0].order_number);
  } finally {
    await app.context.close();
  }
});
