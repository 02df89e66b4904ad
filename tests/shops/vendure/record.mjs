// Records what a real Vendure answers along the buyer's ordering scenario, and to the mistakes a client can
// make, as fixtures for the adapter's unit tests: tests/fixtures/vendure/NAME.json = {step, name, request, response}.
//   node tests/shops/vendure/record.mjs [--out tests/fixtures/vendure]
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startVendure } from "./run.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : path.join(here, "../../fixtures/vendure");
const clientOrigin = "http://127.0.0.1:8080";

const shop = await startVendure({ port: 3051, corsOrigin: clientOrigin, log: () => {} });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let step = 0;
let token = null;
const notes = [];

// One Shop API call, written down as the adapter sees it: the request it builds and the response it parses.
async function call(name, query, variables = {}, { withToken = true } = {}) {
  const headers = { "content-type": "application/json", origin: clientOrigin };
  if (withToken && token) headers.authorization = `Bearer ${token}`;
  const body = JSON.stringify({ query, variables });
  const response = await fetch(shop.shopUrl, { method: "POST", headers, body });
  const text = await response.text();
  const newToken = response.headers.get("vendure-auth-token");
  if (newToken) token = newToken;
  const fixture = {
    name,
    request: { method: "POST", path: "/shop-api", headers: withToken && headers.authorization ? { authorization: "Bearer <token>" } : {},
               body: { query, variables } },
    response: { status: response.status,
                headers: newToken ? { "vendure-auth-token": "<token>" } : {},
                body: JSON.parse(text.replaceAll(/"(createdAt|updatedAt|orderPlacedAt)":"[^"]*"/g, '"$1":"2026-01-01T00:00:00.000Z"')) },
  };
  step += 1;
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ step, ...fixture }, null, 2) + "\n");
  return fixture.response.body;
}

const ORDER = `fragment Order on Order { id code state active currencyCode totalQuantity subTotal subTotalWithTax
  shipping shippingWithTax total totalWithTax customFields { poNumber buyerNote }
  lines { id quantity unitPrice unitPriceWithTax linePrice linePriceWithTax productVariant { id sku name } }
  shippingLines { shippingMethod { code name } priceWithTax } }`;
const ORDER_RESULT = `... on Order { ...Order } ... on ErrorResult { errorCode message }`;

try {
  await call("search", `query ($term: String!) { search(input: { term: $term, groupByProduct: false, take: 20 }) {
    totalItems items { productVariantId sku productVariantName productName
      priceWithTax { ... on SinglePrice { value } ... on PriceRange { min max } }
      price { ... on SinglePrice { value } ... on PriceRange { min max } } } } }`, { term: "laptop" });
  const page = await call("products-page", `query ($skip: Int!, $take: Int!) { products(options: { skip: $skip, take: $take }) {
    totalItems items { id name slug collections { name }
      variants { id sku name price priceWithTax currencyCode stockLevel taxRateApplied { value } } } } }`,
    { skip: 0, take: 5 });
  await call("products-last-page", `query ($skip: Int!, $take: Int!) { products(options: { skip: $skip, take: $take }) {
    totalItems items { id name slug collections { name }
      variants { id sku name price priceWithTax currencyCode stockLevel taxRateApplied { value } } } } }`,
    { skip: 50, take: 100 });
  await call("products-page-too-large", `query ($skip: Int!, $take: Int!) { products(options: { skip: $skip, take: $take }) {
    totalItems items { id } } }`, { skip: 0, take: 1000 });
  await call("login-wrong-password", `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) {
    ... on CurrentUser { id identifier } ... on ErrorResult { errorCode message } } }`, { u: "kupiec1@budmax.pl", p: "wrong" });
  await call("login", `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) {
    ... on CurrentUser { id identifier } ... on ErrorResult { errorCode message } } }`,
    { u: "kupiec1@budmax.pl", p: "haslo-buyer-1" });
  const key = "7f1c2a90-order-key-0001";
  const FIND_PLACED = `${ORDER} query ($key: String!) { activeCustomer { orders(options: { filter: {
    clientOrderKey: { eq: $key } }, take: 1 }) { items { ...Order } } } }`;
  await call("find-placed-none", FIND_PLACED, { key });
  await call("active-order-none", `query { activeOrder { id state } }`);
  await call("clear-lines", `${ORDER} mutation { removeAllOrderLines { ${ORDER_RESULT} } }`);
  const variants = page.data.products.items.flatMap((p) => p.variants);
  await call("add-line", `${ORDER} mutation ($v: ID!, $q: Int!) { addItemToOrder(productVariantId: $v, quantity: $q) { ${ORDER_RESULT} } }`,
    { v: variants[0].id, q: 2 });
  const added = await call("add-second-line", `${ORDER} mutation ($v: ID!, $q: Int!) { addItemToOrder(productVariantId: $v, quantity: $q) { ${ORDER_RESULT} } }`,
    { v: variants[variants.length - 1].id, q: 3 });
  await call("add-unknown-variant", `${ORDER} mutation ($v: ID!, $q: Int!) { addItemToOrder(productVariantId: $v, quantity: $q) { ${ORDER_RESULT} } }`,
    { v: "999999", q: 1 });
  await call("add-negative-quantity", `${ORDER} mutation ($v: ID!, $q: Int!) { addItemToOrder(productVariantId: $v, quantity: $q) { ${ORDER_RESULT} } }`,
    { v: variants[0].id, q: -1 });
  const lineId = added.data.addItemToOrder.lines[0].id;
  await call("adjust-line", `${ORDER} mutation ($l: ID!, $q: Int!) { adjustOrderLine(orderLineId: $l, quantity: $q) { ${ORDER_RESULT} } }`,
    { l: lineId, q: 5 });
  await call("active-order", `${ORDER} query { activeOrder { ...Order } }`);
  await call("set-po-and-note", `${ORDER} mutation ($input: UpdateOrderInput!) { setOrderCustomFields(input: $input) { ${ORDER_RESULT} } }`,
    { input: { customFields: { poNumber: "PO-2026-0042", buyerNote: "Dostawa na budowę, brama 3", clientOrderKey: key } } });
  await call("set-shipping-address", `${ORDER} mutation ($input: CreateAddressInput!) { setOrderShippingAddress(input: $input) { ${ORDER_RESULT} } }`,
    { input: { fullName: "Jan Kowalski", company: "Budmax Sp. z o.o.", streetLine1: "ul. Budowlana 7", city: "Kraków",
               postalCode: "30-001", countryCode: "PL", phoneNumber: "+48 600 000 000" } });
  const methods = await call("shipping-methods", `query { eligibleShippingMethods { id code name priceWithTax } }`);
  await call("transition-too-early", `${ORDER} mutation { transitionOrderToState(state: "ArrangingPayment") {
    ... on Order { ...Order } ... on OrderStateTransitionError { errorCode message transitionError fromState toState } } }`);
  await call("set-shipping-method", `${ORDER} mutation ($ids: [ID!]!) { setOrderShippingMethod(shippingMethodId: $ids) { ${ORDER_RESULT} } }`,
    { ids: [methods.data.eligibleShippingMethods[0].id] });
  await call("payment-methods", `query { eligiblePaymentMethods { id code name isEligible } }`);
  await call("transition-to-payment", `${ORDER} mutation { transitionOrderToState(state: "ArrangingPayment") {
    ... on Order { ...Order } ... on OrderStateTransitionError { errorCode message transitionError fromState toState } } }`);
  await call("add-payment-unknown-method", `${ORDER} mutation ($input: PaymentInput!) { addPaymentToOrder(input: $input) { ${ORDER_RESULT} } }`,
    { input: { method: "no-such-method", metadata: {} } });
  await call("add-payment-declined", `${ORDER} mutation ($input: PaymentInput!) { addPaymentToOrder(input: $input) { ${ORDER_RESULT} } }`,
    { input: { method: "standard-payment", metadata: { shouldDecline: true } } });
  const placed = await call("add-payment", `${ORDER} mutation ($input: PaymentInput!) { addPaymentToOrder(input: $input) { ${ORDER_RESULT} } }`,
    { input: { method: "standard-payment", metadata: { terms: "net30" } } });
  const code = placed.data.addPaymentToOrder.code;
  await call("find-placed", FIND_PLACED, { key });
  await call("order-by-code", `${ORDER} query ($code: String!) { orderByCode(code: $code) { ...Order } }`, { code });
  await call("order-by-unknown-code", `${ORDER} query ($code: String!) { orderByCode(code: $code) { ...Order } }`, { code: "NOSUCHORDER" });
  await call("order-history", `query { activeCustomer { id emailAddress orders(options: { sort: { createdAt: DESC }, take: 20 }) {
    totalItems items { id code state orderPlacedAt total totalWithTax currencyCode customFields { poNumber buyerNote } } } } }`);
  await call("active-order-after-placing", `${ORDER} query { activeOrder { ...Order } }`);
  await call("logout", `mutation { logout { success } }`);
  await call("anonymous-history", `query { activeCustomer { id } }`, {}, { withToken: false });
  await call("graphql-syntax-error", `query { products( }`, {}, { withToken: false });
  notes.push(`placed order ${code}`);
} finally {
  await shop.stop();
}
console.log(`recorded ${step} fixtures into ${out}; ${notes.join("; ")}`);
