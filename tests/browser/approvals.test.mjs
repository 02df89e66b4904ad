// Company workflow through the UI in three browser contexts: a buyer's order over the spending
// limit waits for approval, the approver rejects it with a comment the buyer then sees, and after
// the admin raises the buyer's limit the same order goes straight through.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PHONE, TABLET, replaceText, screenshot, tapKey, typeInto, useServerAndBrowser, waitForWidget,
} from "./harness.mjs";
import { apiSession, checkOut, orderFromScratch, signIn as signInWith } from "./flows.mjs";

const env = useServerAndBrowser();
const signIn = (profile, email, password) => signInWith(env, profile, email, password);

// A priced product of Budmax's list and how many of it (whole packs) cost more than net_minor.
async function productOver(netMinor) {
  const api = await apiSession(env, "kupiec1@budmax.pl", "haslo-buyer-1");
  const prices = (await api.get("/price-list")).entries;
  const found = await api.get("/catalog/search?q=mlotek&limit=20");
  const product = found.find((p) => prices.some((e) => e.sku === p.sku && e.tiers.length === 0));
  const unit = prices.find((e) => e.sku === product.sku).unit_net_minor;
  const step = product.pack_size;
  const quantity = Math.max(product.min_order_quantity, Math.ceil((netMinor + 1) / unit / step) * step);
  return { product, quantity, unit };
}

test("an order over the limit is rejected with a comment; the buyer changes it and it is approved; a raised limit needs no approval", async () => {
  const { product, quantity, unit } = await productOver(500000);  // kupiec1's limit: 5 000 zł
  const step = product.pack_size;
  const buyer = await signIn(PHONE, "kupiec1@budmax.pl", "haslo-buyer-1");
  const first = await orderFromScratch(buyer.page, product.sku, quantity + 2 * step, "PO/2026/201");
  assert.match(first.status, /akceptacj/i, "over the limit: waiting for approval");

  // The approver sees who ordered and by how much the order is over the limit.
  const approver = await signIn(TABLET, "akceptant1@budmax.pl", "haslo-approver-1");
  await tapKey(approver.page, "tab_account");
  await tapKey(approver.page, "open_approvals");
  await waitForWidget(approver.page, `pending_${first.number}`);
  const overBy = await waitForWidget(approver.page, `over_limit_${first.number}`);
  const expectedOver = ((quantity + 2 * step) * unit - 500000) / 100;
  assert.ok(overBy.label.replace(/\s/g, "").includes(expectedOver.toFixed(2).replace(".", ",")),
            `over the limit by ${expectedOver} zł: ${overBy.label}`);
  await typeInto(approver.page, "decision_comment", "Za dużo, zmniejsz ilość");
  await tapKey(approver.page, `reject_${first.number}`);
  await waitGone(approver.page, `pending_${first.number}`);
  await screenshot(approver.page, "approver-inbox");

  await tapKey(buyer.page, "tab_orders");
  const comment = await waitForWidget(buyer.page, `order_comment_${first.number}`);
  assert.match(comment.label, /Za dużo, zmniejsz ilość/);
  // The rejected filter shows it; its details list the status history.
  await tapKey(buyer.page, "filter_rejected");
  await waitForWidget(buyer.page, "filter_rejected", "(i) => i.checked");
  await waitForWidget(buyer.page, `order_${first.number}`);
  await tapKey(buyer.page, `details_${first.number}`);
  await screenshot(buyer.page, "buyer-rejected");

  // The buyer orders it again with two packs fewer: still over the limit, and this time approved.
  await tapKey(buyer.page, `reorder_${first.number}`);
  await waitForWidget(buyer.page, "import_line_1", "(i) => /dodano|added/i.test(i.label)");
  await tapKey(buyer.page, "go_to_cart");
  await waitForWidget(buyer.page, `minus_${product.sku}`);
  await tapKey(buyer.page, `minus_${product.sku}`);
  await tapKey(buyer.page, `minus_${product.sku}`);
  const second = await checkOut(buyer.page, "PO/2026/202");
  assert.match(second.status, /akceptacj/i);
  await tapKey(approver.page, "tab_catalog");
  await tapKey(approver.page, "tab_account");
  await tapKey(approver.page, "open_approvals");
  await waitForWidget(approver.page, `approve_${second.number}`);
  await tapKey(approver.page, `approve_${second.number}`);
  await waitGone(approver.page, `pending_${second.number}`);
  await tapKey(buyer.page, "tab_orders");
  await tapKey(buyer.page, "filter_all");
  await waitForWidget(buyer.page, `order_status_${second.number}`, "(i) => /Zaakceptowane/.test(i.label)");

  const admin = await signIn(TABLET, "admin1@budmax.pl", "haslo-admin-1");
  await tapKey(admin.page, "tab_account");
  await tapKey(admin.page, "open_users");
  await tapKey(admin.page, "edit_kupiec1@budmax.pl");
  await replaceText(admin.page, "user_limit", "100000");
  await tapKey(admin.page, "save_user");
  await waitForWidget(admin.page, "edit_kupiec1@budmax.pl");
  await screenshot(admin.page, "admin-users");

  const third = await orderFromScratch(buyer.page, product.sku, quantity, "PO/2026/203");
  assert.match(third.status, /Złożone|Placed/, "within the new limit: placed at once");
  for (const app of [buyer, approver, admin]) {
    assert.deepEqual(app.problems, []);
    await app.context.close();
  }
});

async function waitGone(page, key) {
  await page.waitForFunction(
    (k) => !JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json())).items.some((i) => i.key === k), key);
}
