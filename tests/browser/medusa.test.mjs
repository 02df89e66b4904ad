// The client UI against a real Medusa 2.21 (tests/shops/medusa), through the gateway on the device: a buyer
// on a phone signs in, sees the company's prices, adds two products, checks out with a PO number and note,
// and finds the order with its PO number in the history. The app is served plainly; Medusa allows its origin.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  PHONE, freePort, launchBrowser, replaceText, screenshot, startStatic, tapKey, typeInto, waitForApp, waitForWidget,
  widgets,
} from "./harness.mjs";
import { openTab } from "./flows.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { startMedusa } = await import(path.join(here, "../shops/medusa/run.mjs"));

const env = {};
before(async () => {
  env.app = await startStatic(process.env.B2B_DIST_DIR);
  env.shop = await startMedusa({ port: await freePort(), corsOrigin: new URL(env.app.url).origin });
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.shop?.stop();
  await env.app?.stop();
});

const clientUrl = (key) => `${env.app.url}?backend=medusa&api=${encodeURIComponent(env.shop.url)}&key=${key}`;

test("a buyer orders from Medusa on a phone at the company's prices, with a PO number, and finds the order", async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(clientUrl(env.shop.publishableKey));
  await waitForApp(page);

  await typeInto(page, "email", "kupiec1@budmax.pl");
  await typeInto(page, "password", "haslo-buyer-1");
  await tapKey(page, "sign_in");
  await waitForWidget(page, "tab_catalog", "(i) => i.checked", 20000);

  await typeInto(page, "search", "25 kg");
  await waitForWidget(page, "product_MED-CEM-25", "() => true", 20000);
  await screenshot(page, "medusa-1-catalog");
  const addTwo = async (sku) => {
    await tapKey(page, `product_${sku}`);
    await replaceText(page, "quantity", "2");
    await tapKey(page, "add_to_cart");
    await waitForWidget(page, "cart_notice");
    await openTab(page, "tab_catalog");
  };
  await addTwo("MED-CEM-25");
  // Typed without Polish letters, online: Medusa's own search finds "płytek" but not "plytek", so the
  // client searches the catalog it synced at sign-in.
  await replaceText(page, "search", "klej plytek");
  await waitForWidget(page, "product_MED-KLEJ-25", "() => true", 20000);
  await addTwo("MED-KLEJ-25");

  await openTab(page, "tab_carts");
  await waitForWidget(page, "go_to_checkout");
  // At the customer group's prices: 2 x 21,50 + 2 x 47,90 net, 170,72 zł with VAT (at list prices, 194,09 zł).
  const total = await waitForWidget(page, "cart_total");
  assert.match(total.label, /170,72/, `the company's prices in "${total.label}"`);
  await screenshot(page, "medusa-2-cart");
  await tapKey(page, "go_to_checkout");
  // Medusa adds its delivery charge when the order is placed: the checkout says so instead of pretending.
  const delivery = await waitForWidget(page, "delivery_note");
  assert.match(delivery.label, /dostawy/);
  await typeInto(page, "po_number", "PO/MED/12");
  await typeInto(page, "order_note", "Rozładunek od strony placu");
  await screenshot(page, "medusa-3-checkout");
  await tapKey(page, "place_order");
  const number = await waitForWidget(page, "order_number", "(i) => /: order_[A-Z0-9]+/.test(i.label)", 40000);
  const id = number.label.match(/: (order_[A-Z0-9]+)/)[1];
  await screenshot(page, "medusa-4-confirmation");

  await openTab(page, "tab_orders");
  await waitForWidget(page, `order_${id}`, "() => true", 20000);
  const status = await waitForWidget(page, `order_status_${id}`);
  assert.match(status.label, /PO: PO\/MED\/12/);
  await screenshot(page, "medusa-5-history");

  const keys = (await widgets(page)).items.map((i) => i.key);
  assert.ok(!keys.includes("open_quotes"), "no requests for quote with Medusa");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a page naming Medusa without its publishable key says what is missing on the sign-in screen", async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${env.app.url}?backend=medusa&api=${encodeURIComponent(env.shop.url)}`);
  await waitForApp(page);
  const error = await waitForWidget(page, "login_error");
  assert.match(error.label, /Medusa needs its publishable API key/);
  await context.close();
});
