// A buyer orders on a phone and on a tablet, through the UI only (registry, real taps, typed text):
// sign in, search without Polish letters, add a product with pack-size rounding, keep two carts,
// check out with a PO number; a company that requires a PO refuses without one and keeps the rest.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PHONE, TABLET, openApp, replaceText, screenshot, tapKey, typeInto, useServerAndBrowser, waitForWidget, widgets,
} from "./harness.mjs";

const env = useServerAndBrowser();

// What the catalog holds, asked of the API directly: the test needs a product sold in packs.
async function productsFor(query, email, password) {
  const api = env.server.url + "api/v1";
  const login = await fetch(api + "/auth/login", {
    method: "POST",
    body: JSON.stringify({ protocol_version: 1, type: "credentials", data: { email, password } }),
  });
  const token = (await login.json()).data.token;
  const found = await fetch(`${api}/catalog/search?q=${encodeURIComponent(query)}&limit=50`, {
    headers: { Authorization: "Bearer " + token },
  });
  return (await found.json()).data;
}

async function order(profile, name, { email, password, cartName }) {
  const { context, page, problems } = await openApp(env, profile);
  await screenshot(page, `${name}-1-sign-in`);

  await typeInto(page, "email", email);
  await typeInto(page, "password", password);
  await tapKey(page, "sign_in");
  await waitForWidget(page, "tab_catalog", "(i) => i.checked");

  // Before typing: the categories, with their sub-categories a tap away.
  await tapKey(page, "category_Elektrotechnika");
  const sub = await waitForWidget(page, "category_Elektrotechnika/Osprzęt instalacyjny");
  assert.match(sub.label, /Osprzęt instalacyjny \(\d+\)/);
  await screenshot(page, `${name}-1b-categories`);

  // Typed without diacritics, found with them.
  await typeInto(page, "search", "lacznik");
  const results = await productsFor("lacznik", email, password);
  const packed = results.find((p) => p.pack_size > 1 || p.min_order_quantity > 1);
  assert.ok(packed, "the seed has a łącznik sold in packs");
  const row = await waitForWidget(page, `product_${packed.sku}`);
  assert.match(row.label, /ącznik/i);
  // The rows are the server's answer in its order (names, or categories such as "Łączniki", matched).
  const rows = (await widgets(page)).items.filter((i) => i.key.startsWith("product_"));
  assert.ok(rows.length > 1);
  rows.forEach((row, i) => assert.equal(row.label, results[i].name.pl));
  assert.ok(rows.filter((i) => /ącznik/i.test(i.label)).length >= 2, "łączniki found by typing lacznik");
  await screenshot(page, `${name}-2-catalog`);

  // One piece asked for; the cart gets a whole pack at the minimum, and the buyer is told why.
  await tapKey(page, `product_${packed.sku}`);
  await replaceText(page, "quantity", "1");
  await tapKey(page, "add_to_cart");
  const expected = Math.max(packed.min_order_quantity, packed.pack_size);
  const notice = await waitForWidget(page, "cart_notice");
  assert.match(notice.label, new RegExp(`${expected} (zamiast|instead of) 1`));
  await screenshot(page, `${name}-3-product`);

  // A second named cart, then back to the first one.
  await tapKey(page, "tab_carts");
  // The first cart is created on the server with the product in it: wait for its answer.
  const first = await page
    .waitForFunction(() => {
      const registry = JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json()));
      return registry.items.find((i) => i.key.startsWith("cart_") && i.checked && /\(1\)$/.test(i.label)) ?? null;
    })
    .then((handle) => handle.jsonValue());
  assert.ok(first, "the product went into a cart");
  await typeInto(page, "new_cart_name", cartName);
  await tapKey(page, "create_cart");
  const second = await waitForWidget(page, "cart_k-2", "(i) => i.checked").catch(async () => {
    const carts = (await widgets(page)).items.filter((i) => i.key.startsWith("cart_"));
    return carts.find((c) => c.key !== first.key && c.checked);
  });
  assert.ok(second && second.label.startsWith(cartName), "the new cart is the active one");
  await tapKey(page, first.key);
  await waitForWidget(page, first.key, "(i) => i.checked");
  await tapKey(page, `note_${packed.sku}`);
  await typeInto(page, `line_note_${packed.sku}`, "na poniedziałek");
  await tapKey(page, `save_note_${packed.sku}`);
  await screenshot(page, `${name}-4-carts`);

  // Check out: without the PO number first; the other fields stay as typed.
  await tapKey(page, "go_to_checkout");
  await typeInto(page, "cost_centre", "BUD-7");
  await typeInto(page, "order_note", "Brama od ul. Legnickiej");
  await tapKey(page, "place_order");
  const refusal = await waitForWidget(page, "po_number_error").catch(() => null);
  return { context, page, problems, refusal };
}

async function finish({ context, page, problems }, name) {
  await typeInto(page, "po_number", "PO/2026/114");
  await tapKey(page, "place_order");
  const number = await waitForWidget(page, "order_number", "(i) => /ZAM\\/\\d{4}\\/\\d+/.test(i.label)", 20000);
  assert.match(number.label, /ZAM\/\d{4}\/\d{6}/);
  await screenshot(page, `${name}-6-confirmation`);
  // The order is in the history, with its PO number.
  const orderNumber = number.label.match(/ZAM\/\d{4}\/\d{6}/)[0];
  await tapKey(page, "tab_orders");
  const row = await waitForWidget(page, `order_${orderNumber}`);
  assert.match(row.label, new RegExp(orderNumber));
  await screenshot(page, `${name}-7-orders`);
  assert.deepEqual(problems, []);
  await context.close();
}

test("phone: a buyer whose company requires a PO number orders through the UI", async () => {
  const run = await order(PHONE, "phone", { email: "kupiec1@budmax.pl", password: "haslo-buyer-1", cartName: "Hala B" });
  assert.ok(run.refusal, "checkout without a PO number is refused next to the field");
  assert.match(run.refusal.label, /wymagane|required/);
  assert.equal((await waitForWidget(run.page, "cost_centre")).value, "BUD-7", "the cost centre is kept");
  assert.equal((await waitForWidget(run.page, "order_note")).value, "Brama od ul. Legnickiej");
  await screenshot(run.page, "phone-5-checkout-refused");
  await finish(run, "phone");
});

test("tablet: list and detail side by side, and the same order", async () => {
  const run = await order(TABLET, "tablet", { email: "kupiec2@budmax.pl", password: "haslo-buyer-2", cartName: "Magazyn" });
  assert.ok(run.refusal, "the tablet shows the same refusal");
  await finish(run, "tablet");
});
