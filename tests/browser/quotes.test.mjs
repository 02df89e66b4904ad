// Request for quote through the UI: a buyer asks for a price for a cart, the shop's seller answers
// through the API, and the buyer accepts the quote into an order at the quoted price.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PHONE, pasteInto, screenshot, tapKey, typeInto, useServerAndBrowser, waitForWidget } from "./harness.mjs";
import { apiSession, openTab, signIn } from "./flows.mjs";

const env = useServerAndBrowser();

test("phone: ask for a quote from a cart, the seller answers, the buyer accepts it into an order", async () => {
  const buyer = { email: "kupiec1@budmax.pl", password: "haslo-buyer-1" };
  const api = await apiSession(env, buyer.email, buyer.password);
  const prices = (await api.get("/price-list")).entries;
  const product = (await api.get("/catalog?limit=1000")).products.find(
    (p) => p.active && p.pack_size === 1 && p.min_order_quantity === 1 && prices.some((e) => e.sku === p.sku));

  const app = await signIn(env, PHONE, buyer.email, buyer.password);
  const { page } = app;
  await openTab(page, "tab_carts");
  await tapKey(page, "open_quick_order");
  await pasteInto(page, "quick_order_text", `${product.sku} 40`);
  await tapKey(page, "quick_order_add");
  await waitForWidget(page, "import_summary", "(i) => /Dodano: 1/.test(i.label)");
  await tapKey(page, "go_to_cart");
  await typeInto(page, "quote_note", "Cena przy 40 szt.?");
  await tapKey(page, "request_quote");
  const quoteItem = await page.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json()))
    .items.find((i) => i.key.startsWith("quote_ZAP")) ?? null).then((h) => h.jsonValue());
  const number = quoteItem.key.slice("quote_".length);
  assert.match(quoteItem.label, /czeka na odpowiedź/);

  const seller = await apiSession(env, "sprzedawca@hurtownia.pl", "haslo-seller-1");
  const waiting = (await seller.get("/quotes")).find((q) => q.number === number);
  assert.equal(waiting.note, "Cena przy 40 szt.?");
  const validUntil = new Date(Date.now() + 7 * 86400e3).toISOString().slice(0, 10);
  await seller.post(`/quotes/${encodeURIComponent(number)}/answer`, "quote_answer", {
    number, prices: [{ sku: product.sku, unit_net: { minor: 1234, currency: "PLN" } }], valid_until: validUntil,
    comment: "Rabat za ilość",
  });

  await openTab(page, "tab_catalog");
  await openTab(page, "tab_orders");
  await tapKey(page, "open_quotes");
  await waitForWidget(page, `quote_${number}`, `(i) => /oferta, ważna do ${validUntil}/.test(i.label)`);
  await waitForWidget(page, `quote_comment_${number}`, "(i) => /Rabat za ilość/.test(i.label)");
  await tapKey(page, `accept_${number}`);  // Budmax requires a PO number: refused until given
  await waitForWidget(page, `quote_po_${number}_error`);
  await typeInto(page, `quote_po_${number}`, "PO/RFQ/1");
  await screenshot(page, "phone-quote");
  await tapKey(page, `accept_${number}`);
  const placed = await waitForWidget(page, "order_number", "(i) => /ZAM\\//.test(i.label)", 20000);
  const orderNumber = placed.label.match(/ZAM\/\d{4}\/\d{6}/)[0];
  const order = await api.get(`/orders/${encodeURIComponent(orderNumber)}`);
  assert.equal(order.lines[0].unit_net.minor, 1234, "the quoted price, not the price list's");
  assert.equal(order.lines[0].quantity, 40);
  assert.equal(order.checkout.po_number, "PO/RFQ/1");
  assert.deepEqual(app.problems, []);
  await app.context.close();
});
