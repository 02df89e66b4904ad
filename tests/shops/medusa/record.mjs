// Records what a real Medusa answers along the buyer's ordering scenario, and to the mistakes a client can
// make, as fixtures for the adapter's unit tests: tests/fixtures/medusa/NAME.json = {step, name, request, response}.
//   node tests/shops/medusa/record.mjs [--out tests/fixtures/medusa]
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMedusa } from "./run.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : path.join(here, "../../fixtures/medusa");
const clientOrigin = "http://127.0.0.1:8080";

const shop = await startMedusa({ port: 9051, corsOrigin: clientOrigin });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let step = 0;
let token = null;

// Ids and instants differ on every run: masked so a re-recording only shows what really changed.
const masks = [
  [new RegExp(shop.publishableKey, "g"), "<publishable-key>"],
  [/"(created_at|updated_at|deleted_at|completed_at|canceled_at)":"[^"]*"/g, '"$1":"2026-01-01T00:00:00.000Z"'],
];
const masked = (text) => masks.reduce((t, [pattern, by]) => t.replace(pattern, by), text);

// One Store API call, written down as the adapter sees it: the request it builds and the response it parses.
async function call(name, method, pathAndQuery, body, { withToken = true, withKey = true } = {}) {
  const headers = { origin: clientOrigin };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (withKey) headers["x-publishable-api-key"] = shop.publishableKey;
  if (withToken && token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(shop.url + pathAndQuery, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const recordedHeaders = {};
  if (withKey) recordedHeaders["x-publishable-api-key"] = "<publishable-key>";
  if (withToken && token) recordedHeaders.authorization = "Bearer <token>";
  let parsed;
  try {
    parsed = JSON.parse(masked(text));
  } catch {
    parsed = text;
  }
  if (parsed && typeof parsed.token === "string") parsed.token = "<token>";
  step += 1;
  const fixture = { step, name, request: { method, path: pathAndQuery, headers: recordedHeaders, body: body ?? null },
                    response: { status: response.status, headers: {}, body: parsed } };
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify(fixture, null, 2) + "\n");
  if (!response.ok && !name.includes("wrong") && !name.includes("unknown") && !name.includes("no-key") && !name.includes("anonymous"))
    console.error(`${name}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text || "null");
}

// What the adapter asks for (shared/src/backend/medusa_store_api.cpp keeps the same lists).
const PRODUCT_FIELDS = "id,title,*variants.calculated_price,variants.id,variants.sku,variants.title";
const ORDER_FIELDS = "id,display_id,status,created_at,currency_code,metadata,item_subtotal,item_tax_total,item_total," +
  "shipping_total,subtotal,tax_total,total,*items";
const CART_FIELDS = "id,currency_code,metadata,completed_at,item_subtotal,item_tax_total,item_total,shipping_total,total," +
  "*items,*shipping_methods";
const region = shop.regionId;
const products = (query) => `/store/products?region_id=${region}&country_code=pl&fields=${encodeURIComponent(PRODUCT_FIELDS)}&${query}`;

try {
  await call("regions", "GET", "/store/regions?fields=id,name,currency_code");
  await call("products-no-key", "GET", "/store/products?limit=1", undefined, { withKey: false });
  await call("products-page", "GET", products("limit=5&offset=0&order=id"));
  await call("products-last-page", "GET", products("limit=5&offset=10&order=id"));
  await call("search", "GET", products(`q=${encodeURIComponent("płytek")}&limit=20`));
  await call("lookup", "GET", products(["MED-CEM-25", "MED-WEŁNA-100", "NO-SUCH-SKU"].map((s) => `variants[sku][]=${encodeURIComponent(s)}`).join("&")));
  await call("login-wrong-password", "POST", "/auth/customer/emailpass", { email: "kupiec1@budmax.pl", password: "wrong" }, { withKey: false });
  const login = await call("login", "POST", "/auth/customer/emailpass", { email: "kupiec1@budmax.pl", password: "haslo-buyer-1" }, { withKey: false });
  token = login.token;
  await call("customer", "GET", "/store/customers/me?fields=id,email,first_name,last_name,company_name,*addresses");
  const page = await call("products-company-prices", "GET", products("limit=5&offset=0&order=id"));
  const key = "7f1c2a90-order-key-0001";
  await call("orders-none", "GET", `/store/orders?limit=50&order=-created_at&fields=${encodeURIComponent(ORDER_FIELDS)}`);
  const [first, second] = page.products.map((p) => p.variants[0]);
  const address = { first_name: "Anna", last_name: "Nowak", company: "Budmax Sp. z o.o.", address_1: "ul. Budowlana 12",
                    city: "Wrocław", postal_code: "50-001", country_code: "pl", phone: "+48 71 000 00 00" };
  await call("create-cart-unknown-variant", "POST", `/store/carts?fields=${encodeURIComponent(CART_FIELDS)}`,
             { region_id: region, items: [{ variant_id: "variant_nosuch", quantity: 1 }] });
  const cart = (await call("create-cart", "POST", `/store/carts?fields=${encodeURIComponent(CART_FIELDS)}`, {
    region_id: region, email: "kupiec1@budmax.pl",
    items: [{ variant_id: first.id, quantity: 2 }, { variant_id: second.id, quantity: 3 }],
    shipping_address: address, billing_address: address,
    metadata: { po_number: "PO-2026-0042", note: "Dostawa na budowę, brama 3", client_order_key: key },
  })).cart;
  await call("complete-too-early", "POST", `/store/carts/${cart.id}/complete`, {});
  const options = await call("shipping-options", "GET", `/store/shipping-options?cart_id=${cart.id}&fields=id,name,amount,*type`);
  const standard = options.shipping_options.find((o) => o.type?.code === "standard");
  await call("add-shipping-unknown", "POST", `/store/carts/${cart.id}/shipping-methods?fields=${encodeURIComponent(CART_FIELDS)}`, { option_id: "so_nosuch" });
  await call("add-shipping", "POST", `/store/carts/${cart.id}/shipping-methods?fields=${encodeURIComponent(CART_FIELDS)}`, { option_id: standard.id });
  const collection = (await call("payment-collection", "POST", "/store/payment-collections", { cart_id: cart.id })).payment_collection;
  await call("payment-session-unknown-provider", "POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_nosuch" });
  await call("payment-session", "POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_system_default" });
  const placed = await call("complete", "POST", `/store/carts/${cart.id}/complete?fields=${encodeURIComponent(ORDER_FIELDS)}`, {});
  await call("complete-again", "POST", `/store/carts/${cart.id}/complete?fields=${encodeURIComponent(ORDER_FIELDS)}`, {});
  await call("orders", "GET", `/store/orders?limit=50&order=-created_at&fields=${encodeURIComponent(ORDER_FIELDS)}`);
  await call("order", "GET", `/store/orders/${placed.order?.id}?fields=${encodeURIComponent(ORDER_FIELDS)}`);
  await call("order-unknown", "GET", `/store/orders/order_nosuch?fields=${encodeURIComponent(ORDER_FIELDS)}`);
  await call("customer-anonymous", "GET", "/store/customers/me", undefined, { withToken: false });
  console.log(`placed order ${placed.order?.display_id} (${placed.order?.id})`);
} finally {
  await shop.stop();
}
console.log(`recorded ${step} fixtures into ${out}`);
