// Company workflow through the UI in three browser contexts: a buyer's order over the spending
// limit waits for approval, the approver rejects it with a comment the buyer then sees, and after
// the admin raises the buyer's limit the same order goes straight through.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PHONE, TABLET, openApp, replaceText, screenshot, tapKey, typeInto, useServerAndBrowser, waitForWidget,
} from "./harness.mjs";

const env = useServerAndBrowser();

async function signIn(profile, email, password) {
  const app = await openApp(env, profile);
  await typeInto(app.page, "email", email);
  await typeInto(app.page, "password", password);
  await tapKey(app.page, "sign_in");
  await waitForWidget(app.page, "tab_catalog", "(i) => i.checked");
  return app;
}

// A priced product of Budmax's list and how many of it (whole packs) cost more than net_minor.
async function productOver(netMinor) {
  const api = env.server.url + "api/v1";
  const login = await fetch(api + "/auth/login", {
    method: "POST",
    body: JSON.stringify({ protocol_version: 1, type: "credentials", data: { email: "kupiec1@budmax.pl", password: "haslo-buyer-1" } }),
  });
  const token = (await login.json()).data.token;
  const auth = { headers: { Authorization: "Bearer " + token } };
  const prices = (await (await fetch(api + "/price-list", auth)).json()).data.entries;
  const found = (await (await fetch(api + "/catalog/search?q=mlotek&limit=20", auth)).json()).data;
  const product = found.find((p) => prices.some((e) => e.sku === p.sku && e.tiers.length === 0));
  const unit = prices.find((e) => e.sku === product.sku).unit_net_minor;
  const step = product.pack_size;
  let quantity = Math.max(product.min_order_quantity, Math.ceil((netMinor + 1) / unit / step) * step);
  return { product, quantity };
}

// Buyer: search the SKU, put `quantity` in the cart and place the order with a PO number.
async function orderFromScratch(page, sku, quantity, po) {
  await tapKey(page, "tab_catalog");
  await replaceText(page, "search", sku);
  await tapKey(page, `product_${sku}`);
  await replaceText(page, "quantity", String(quantity));
  await tapKey(page, "add_to_cart");
  await waitForWidget(page, "cart_notice");
  await tapKey(page, "tab_carts");
  await waitForWidget(page, "go_to_checkout");
  await tapKey(page, "go_to_checkout");
  await typeInto(page, "po_number", po);
  await tapKey(page, "place_order");
  const number = await waitForWidget(page, "order_number", "(i) => /ZAM\\//.test(i.label)", 20000);
  return { number: number.label.match(/ZAM\/\d{4}\/\d{6}/)[0], status: (await waitForWidget(page, "order_status")).label };
}

test("an order over the limit is rejected with a comment, and goes through once the admin raises the limit", async () => {
  const { product, quantity } = await productOver(500000);  // kupiec1's limit: 5 000 zł
  const buyer = await signIn(PHONE, "kupiec1@budmax.pl", "haslo-buyer-1");
  const first = await orderFromScratch(buyer.page, product.sku, quantity, "PO/2026/201");
  assert.match(first.status, /akceptacj/i, "over the limit: waiting for approval");

  const approver = await signIn(TABLET, "akceptant1@budmax.pl", "haslo-approver-1");
  await tapKey(approver.page, "tab_account");
  await tapKey(approver.page, "open_approvals");
  await waitForWidget(approver.page, `pending_${first.number}`);
  await typeInto(approver.page, "decision_comment", "Za dużo, zamów połowę");
  await tapKey(approver.page, `reject_${first.number}`);
  await approver.page.waitForFunction(
    (key) => !JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json())).items.some((i) => i.key === key),
    `pending_${first.number}`);
  await screenshot(approver.page, "approver-inbox");

  await tapKey(buyer.page, "tab_orders");
  const comment = await waitForWidget(buyer.page, `order_comment_${first.number}`);
  assert.match(comment.label, /Za dużo, zamów połowę/);
  // The rejected filter shows it; its details list the status history.
  await tapKey(buyer.page, "filter_rejected");
  await waitForWidget(buyer.page, "filter_rejected", "(i) => i.checked");
  await waitForWidget(buyer.page, `order_${first.number}`);
  await tapKey(buyer.page, `details_${first.number}`);
  await screenshot(buyer.page, "buyer-rejected");

  const admin = await signIn(TABLET, "admin1@budmax.pl", "haslo-admin-1");
  await tapKey(admin.page, "tab_account");
  await tapKey(admin.page, "open_users");
  await tapKey(admin.page, "edit_kupiec1@budmax.pl");
  await replaceText(admin.page, "user_limit", "100000");
  await tapKey(admin.page, "save_user");
  await waitForWidget(admin.page, "edit_kupiec1@budmax.pl");
  await screenshot(admin.page, "admin-users");

  const second = await orderFromScratch(buyer.page, product.sku, quantity, "PO/2026/202");
  assert.match(second.status, /Złożone|Placed/, "within the new limit: placed at once");
  for (const app of [buyer, approver, admin]) {
    assert.deepEqual(app.problems, []);
    await app.context.close();
  }
});
