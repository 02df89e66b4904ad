// The client UI against a real Vendure 3.7.3 (tests/shops/vendure), through the gateway on the device: a
// buyer on a phone signs in, searches, adds two products, checks out with a PO number and note, and finds
// the order with its PO number in the history. The app is served plainly; Vendure allows its origin.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  PHONE, fetchedWasm, freePort, launchBrowser, replaceText, screenshot, startStatic, tapKey, typeInto, waitForApp,
  waitForWidget, widgets,
} from "./harness.mjs";
import { openTab } from "./flows.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { startVendure } = await import(path.join(here, "../shops/vendure/run.mjs"));

const env = {};
before(async () => {
  env.app = await startStatic(process.env.B2B_DIST_DIR);
  env.shop = await startVendure({ port: await freePort(), corsOrigin: new URL(env.app.url).origin,
                                  log: (line) => console.log(line) });
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.shop?.stop();
  await env.app?.stop();
});

test("a buyer orders from Vendure on a phone with a PO number and finds the order in the history", async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${env.app.url}?backend=vendure&api=${encodeURIComponent(env.shop.url)}`);
  await waitForApp(page);
  assert.deepEqual(await fetchedWasm(page), ["b2b_client_adapters.wasm"], "the build with the adapters, only");

  await typeInto(page, "email", "kupiec1@budmax.pl");
  await typeInto(page, "password", "haslo-buyer-1");
  await tapKey(page, "sign_in");
  await waitForWidget(page, "tab_catalog", "(i) => i.checked", 20000);

  await typeInto(page, "search", "laptop");
  await waitForWidget(page, "product_L2201308", "() => true", 20000);
  const rows = (await widgets(page)).items.filter((i) => i.key.startsWith("product_"));
  assert.ok(rows.length >= 2, "Vendure's search found laptops");
  await screenshot(page, "vendure-1-catalog");
  for (const sku of ["L2201308", "L2201508"]) {
    await tapKey(page, `product_${sku}`);
    await replaceText(page, "quantity", "2");
    await tapKey(page, "add_to_cart");
    await waitForWidget(page, "cart_notice");
    await openTab(page, "tab_catalog");
  }

  await openTab(page, "tab_carts");
  await waitForWidget(page, "go_to_checkout");
  await screenshot(page, "vendure-2-cart");
  await tapKey(page, "go_to_checkout");
  await typeInto(page, "po_number", "PO/VEN/77");
  await typeInto(page, "order_note", "Brama od ul. Legnickiej");
  await screenshot(page, "vendure-3-checkout");
  await tapKey(page, "place_order");
  const number = await waitForWidget(page, "order_number", "(i) => /: [A-Z0-9]{8,}/.test(i.label)", 30000);
  const code = number.label.match(/: ([A-Z0-9]+)/)[1];
  await screenshot(page, "vendure-4-confirmation");

  await openTab(page, "tab_orders");
  await waitForWidget(page, `order_${code}`, "() => true", 20000);
  const status = await waitForWidget(page, `order_status_${code}`);
  assert.match(status.label, /PO: PO\/VEN\/77/);
  await screenshot(page, "vendure-5-history");

  // Vendure keeps no carts, quotes or approvals: the UI does not offer them (the account screen says where
  // carts are kept).
  const keys = (await widgets(page)).items.map((i) => i.key);
  assert.ok(!keys.includes("open_quotes"), "no requests for quote with Vendure");
  await openTab(page, "tab_account");
  await screenshot(page, "vendure-6-account");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a portal names Vendure in the embedding options: it goes into the frame URL, a wrong one is named", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.app.url}embed.js`);  // a page of the app's origin (the script as text), to load it into
  await page.addScriptTag({ url: `${env.app.url}embed.js` });
  const result = await page.evaluate(({ app, shop }) => {
    const element = document.createElement("div");
    document.body.appendChild(element);
    const handle = B2BOrdering.mount(element, { src: app, backend: { kind: "vendure", api: shop, key: "pl" } });
    const src = new URL(handle.iframe.src);
    handle.destroy();
    let refused = "";
    try {
      B2BOrdering.mount(element, { src: app, backend: { kind: "magento" } });
    } catch (error) {
      refused = error.message;
    }
    return { backend: src.searchParams.get("backend"), api: src.searchParams.get("api"), key: src.searchParams.get("key"),
             refused };
  }, { app: env.app.url, shop: env.shop.url });
  assert.equal(result.backend, "vendure");
  assert.equal(result.api, env.shop.url);
  assert.equal(result.key, "pl");
  assert.match(result.refused, /options\.backend\.kind.*"magento"/);
  await context.close();
});

test("a page naming a backend the client does not know says so on the sign-in screen", async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${env.app.url}?backend=magento&api=${encodeURIComponent(env.shop.url)}`);
  await waitForApp(page);
  const error = await waitForWidget(page, "login_error");
  assert.match(error.label, /nie umie rozmawiać: unknown backend "magento"/);
  await screenshot(page, "vendure-7-unknown-backend");
  await context.close();
});
