// Punchout round trips against the fake procurement system (web/examples/serve.mjs on loopback): the
// buyer starts from it (OCI start URL, cXML PunchOutSetupRequest), fills a cart in the client, transfers
// it, and the procurement page receives every field, checked here against the cart and the price list.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  freePort, launchBrowser, replaceText, screenshot, startExamplePortal, startServerMock, tapKey, waitForApp,
  waitForWidget, watchConsole,
} from "./harness.mjs";
import { apiSession } from "./flows.mjs";

const DESKTOP = { viewport: { width: 1024, height: 900 }, deviceScaleFactor: 1, hasTouch: true };
const env = {};

before(async () => {
  const port = await freePort();
  env.server = await startServerMock();
  env.procurement = await startExamplePortal({ port, host: "localhost", shop: env.server.url.replace(/\/$/, "") });
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.procurement?.stop();
  await env.server?.stop();
});

// Two products the punchout user (kupiec1@budmax.pl) can buy: one sold in packs, one by the piece.
async function pickProducts() {
  const api = await apiSession(env, "kupiec1@budmax.pl", "haslo-buyer-1");
  const priceList = await api.get("/price-list");
  const products = (await api.get("/catalog/search?q=a&limit=50")).filter(
    (p) => p.active && p.ean && priceList.entries.some((e) => e.sku === p.sku));
  const packed = products.find((p) => p.pack_size > 1 && [...p.name.pl].length > 40) ||
                 products.find((p) => p.pack_size > 1);
  const single = products.find((p) => p.pack_size === 1 && p.min_order_quantity === 1 && p !== packed);
  assert.ok(packed && single, "the seed has products with and without packs");
  return { priceList, lines: [{ product: packed, quantity: Math.max(packed.min_order_quantity, packed.pack_size) },
                              { product: single, quantity: 3 }] };
}

function unitPrice(priceList, sku, quantity) {
  const entry = priceList.entries.find((e) => e.sku === sku);
  let price = entry.unit_net_minor;
  for (const tier of entry.tiers) if (quantity >= tier.min_quantity) price = tier.unit_net_minor;
  return price;
}

const decimal = (minor) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
const UNITS = { szt: "PCE", opak: "PK", kg: "KGM", m: "MTR", m2: "MTK", l: "LTR" };

// From the procurement page into the client, signed in by the start token; a cart filled through the UI.
async function punchOut(button, lines) {
  const context = await env.browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(env.procurement.url + "procurement/");
  await page.click(button);
  await page.waitForURL((url) => url.href.startsWith(env.server.url), { timeout: 15000 });
  await waitForApp(page);
  await waitForWidget(page, "tab_catalog", "(i) => i.checked", 15000);
  assert.ok(!new URL(page.url()).searchParams.has("start"), "the one-time token is taken off the address");
  for (const { product, quantity } of lines) {
    await replaceText(page, "search", product.sku);
    await tapKey(page, `product_${product.sku}`);
    await replaceText(page, "quantity", String(quantity));
    await tapKey(page, "add_to_cart");
    await waitForWidget(page, "cart_notice");
    await tapKey(page, "tab_catalog");
  }
  await tapKey(page, "tab_carts");
  // Transferred from what the server has: wait until the cart is saved there.
  await page.waitForFunction(() => {
    const status = JSON.parse(Module.UTF8ToString(Module._b2b_sync_status_json()));
    return status.carts.length > 0 && status.carts.every((c) => !c.unsynced && !c.id.startsWith("local-"));
  }, null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json()))
    .items.some((i) => i.key === "go_to_checkout")), false, "punchout has no checkout of its own");
  await screenshot(page, `punchout-${button.slice(1)}-cart`);
  await tapKey(page, "transfer_cart");
  await page.waitForURL((url) => url.href.startsWith(env.procurement.url + "procurement/"), { timeout: 15000 });
  await page.waitForSelector("table");
  await screenshot(page, `punchout-${button.slice(1)}-received`);
  const received = await (await fetch(env.procurement.url + "procurement/received")).json();
  await context.close();
  return { received, problems };
}

test("OCI: the procurement system receives the cart as NEW_ITEM fields, every one matching", async () => {
  const { priceList, lines } = await pickProducts();
  const { received } = await punchOut("#oci", lines);
  assert.ok(received.oci, "the OCI form arrived");
  const fields = new Map(received.oci);
  assert.equal(fields.get("~OkCode"), "ADDI");
  assert.equal(fields.get("~TARGET"), "_top");
  const items = received.oci.filter(([name]) => name.startsWith("NEW_ITEM-VENDORMAT["));
  assert.equal(items.length, 2);
  lines.forEach(({ product, quantity }, i) => {
    const n = i + 1;
    const field = (name) => fields.get(`NEW_ITEM-${name}[${n}]`);
    assert.equal(field("VENDORMAT"), product.sku);
    assert.equal(field("QUANTITY"), String(quantity));
    assert.equal(field("UNIT"), UNITS[product.unit]);
    assert.equal(field("PRICE"), decimal(unitPrice(priceList, product.sku, quantity)));
    assert.equal(field("PRICEUNIT"), "1");
    assert.equal(field("CURRENCY"), "PLN");
    assert.equal(field("DESCRIPTION"), [...product.name.pl].slice(0, 40).join(""));
    assert.equal(field("EXT_PRODUCT_ID"), product.ean);
    assert.equal(field("MATGROUP"), product.category_path[0]);
    assert.equal(field("LEADTIME"), product.stock >= quantity ? "1" : "7");
    assert.equal(fields.get(`NEW_ITEM-LONGTEXT_${n}:132[]`), product.name.pl);
  });
});

test("cXML: the procurement system receives a PunchOutOrderMessage with its buyer cookie", async () => {
  const { priceList, lines } = await pickProducts();
  const { received } = await punchOut("#cxml", lines);
  assert.ok(received.cxml, "the cXML message arrived");
  const xml = received.cxml;
  assert.match(xml, /<PunchOutOrderMessage>/);
  assert.equal(xml.match(/<BuyerCookie>([^<]*)<\/BuyerCookie>/)[1], received.buyer_cookie);
  const items = [...xml.matchAll(/<ItemIn quantity="(\d+)">([\s\S]*?)<\/ItemIn>/g)];
  assert.equal(items.length, 2);
  let total = 0;
  lines.forEach(({ product, quantity }, i) => {
    const [, itemQuantity, body] = items[i];
    const unit = unitPrice(priceList, product.sku, quantity);
    total += unit * quantity;
    assert.equal(Number(itemQuantity), quantity);
    assert.equal(body.match(/<SupplierPartID>([^<]*)</)[1], product.sku);
    assert.equal(body.match(/<UnitPrice>\s*<Money currency="PLN">([^<]*)</)[1], decimal(unit));
    assert.equal(body.match(/<UnitOfMeasure>([^<]*)</)[1], UNITS[product.unit]);
    assert.match(body, /<Classification domain="UNSPSC">\d+<\/Classification>/);
  });
  assert.equal(xml.match(/<Total>\s*<Money currency="PLN">([^<]*)</)[1], decimal(total));
});
