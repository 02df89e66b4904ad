// Steps the end-to-end tests share: signing in through the UI, ordering a product from search to
// confirmation, and reading the seed's catalog and prices through the API to pick products.
import { replaceText, tapKey, typeInto, openApp, waitForWidget } from "./harness.mjs";

// Opens a tab of the bottom bar and waits until it is the selected one. A tap right after signing
// in is sometimes lost on the phone profile (not yet understood; see the issue note), so one more.
export async function openTab(page, key) {
  await tapKey(page, key);
  try {
    await waitForWidget(page, key, "(i) => i.checked", 2000);
  } catch {
    await tapKey(page, key);
    await waitForWidget(page, key, "(i) => i.checked");
  }
}

export async function signIn(env, profile, email, password) {
  const app = await openApp(env, profile);
  await typeInto(app.page, "email", email);
  await typeInto(app.page, "password", password);
  await tapKey(app.page, "sign_in");
  await waitForWidget(app.page, "tab_catalog", "(i) => i.checked");
  return app;
}

// The protocol's envelope around a request body.
function envelope(type, data) {
  return JSON.stringify({ protocol_version: 1, type, data });
}

// A signed-in API session for picking test data: get(path) and post(path, type, data) return `data`.
export async function apiSession(env, email, password) {
  const api = env.server.url + "api/v1";
  const login = await fetch(api + "/auth/login", { method: "POST", body: envelope("credentials", { email, password }) });
  const token = (await login.json()).data.token;
  const headers = { Authorization: "Bearer " + token };
  const data = async (response) => {
    if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : (await response.json()).data;
  };
  return {
    get: async (p) => data(await fetch(api + p, { headers })),
    post: async (p, type, body) => data(await fetch(api + p, { method: "POST", headers, body: envelope(type, body) })),
    // Test endpoints take plain JSON (server-mock runs with --enable-test-endpoints).
    test: async (p, body) => data(await fetch(api + "/test" + p, { method: "POST", body: JSON.stringify(body) })),
  };
}

// Buyer: search the SKU, put `quantity` in the cart and place the order with a PO number.
export async function orderFromScratch(page, sku, quantity, po) {
  await tapKey(page, "tab_catalog");
  await replaceText(page, "search", sku);
  await tapKey(page, `product_${sku}`);
  await replaceText(page, "quantity", String(quantity));
  await tapKey(page, "add_to_cart");
  await waitForWidget(page, "cart_notice");
  return checkOut(page, po);
}

// From the carts tab: checkout with a PO number and place the order; its number and status.
export async function checkOut(page, po) {
  await tapKey(page, "tab_carts");
  await waitForWidget(page, "go_to_checkout");
  await tapKey(page, "go_to_checkout");
  await typeInto(page, "po_number", po);
  await tapKey(page, "place_order");
  const number = await waitForWidget(page, "order_number", "(i) => /ZAM\\//.test(i.label)", 20000);
  return { number: number.label.match(/ZAM\/\d{4}\/\d{6}/)[0], status: (await waitForWidget(page, "order_status")).label };
}
