// A real Vendure 3.7.3 shop on 127.0.0.1 (sql.js, no native build) for the shop adapter tests.
// Started by run.mjs; `--populate` fills a new database with Vendure's sample data and exits.
"use strict";
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const port = Number(option("--port", "3000"));
const database = option("--db", "");
const corsOrigin = option("--cors-origin", "http://127.0.0.1:8080");
if (!database) {
  console.error("server.cjs: --db FILE is required");
  process.exit(2);
}
process.env.VENDURE_DISABLE_TELEMETRY = "true";

const { bootstrap, DefaultLogger, LogLevel, dummyPaymentHandler, DefaultSearchPlugin, JobQueueService } =
  require("@vendure/core");

const config = {
  apiOptions: {
    hostname: "127.0.0.1",
    port,
    adminApiPath: "admin-api",
    shopApiPath: "shop-api",
    // The client runs on another origin and reads its session token from this header.
    cors: { origin: corsOrigin.split(","), credentials: true, exposedHeaders: ["vendure-auth-token"] },
  },
  authOptions: {
    tokenMethod: ["bearer", "cookie"],
    requireVerification: false,
    superadminCredentials: { identifier: "superadmin", password: "vendure-admin-1" },
    cookieOptions: { secret: "b2b-ordering-tests" },
  },
  dbConnectionOptions: { type: "sqljs", location: database, autoSave: true, synchronize: true, logging: false },
  paymentOptions: { paymentMethodHandlers: [dummyPaymentHandler] },
  // B2B checkout fields the Shop API has no concept of.
  customFields: {
    Order: [
      { name: "poNumber", type: "string", nullable: true, public: true },
      { name: "buyerNote", type: "text", nullable: true, public: true },
      // The client's idempotency key: a retried submission finds the order it already placed.
      { name: "clientOrderKey", type: "string", nullable: true, public: true },
    ],
  },
  plugins: [DefaultSearchPlugin.init({ bufferUpdates: false, indexStockStatus: false })],
  logger: new DefaultLogger({ level: LogLevel.Warn }),
};

async function adminCall(token, query, variables) {
  const response = await fetch(`http://127.0.0.1:${port}/admin-api`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`admin API: ${JSON.stringify(body.errors)}`);
  return { body, token: response.headers.get("vendure-auth-token") || token };
}

// A Polish shop, as our buyers': prices in PLN (the client's money is PLN or EUR) and 23% VAT instead of
// the sample data's USD and 20%.
async function makePolish() {
  const { token } = await adminLogin();
  const { body } = await adminCall(token, `mutation { updateChannel(input: { id: "1", defaultCurrencyCode: PLN,
    availableCurrencyCodes: [PLN] }) { ... on Channel { defaultCurrencyCode } ... on ErrorResult { errorCode message } } }`);
  if (body.data.updateChannel.defaultCurrencyCode !== "PLN") throw new Error(`updateChannel: ${JSON.stringify(body.data)}`);
  const rates = await adminCall(token, `query { taxRates { items { id value } } }`);
  for (const rate of rates.body.data.taxRates.items.filter((r) => r.value === 20)) {
    await adminCall(token, `mutation ($id: ID!) { updateTaxRate(input: { id: $id, value: 23 }) { id } }`, { id: rate.id });
  }
}

// The search index is built by a job (kept in memory, so it is watched through the Shop API's search):
// the template must hold a complete one.
async function buildSearchIndex() {
  const { token } = await adminLogin();
  await adminCall(token, `mutation { reindex { id } }`);
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const response = await fetch(`http://127.0.0.1:${port}/shop-api`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ search(input: { take: 1, groupByProduct: false }) { totalItems } }" }),
    });
    const indexed = (await response.json()).data?.search?.totalItems ?? 0;
    if (indexed >= 88) return;  // the sample catalog's variants
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the search index was not built in 60 s");
}

async function adminLogin() {
  return adminCall(null, `mutation { login(username: "superadmin", password: "vendure-admin-1") {
    ... on CurrentUser { id } ... on ErrorResult { errorCode message } } }`);
}

// The buyers the tests sign in as (the same e-mail as server-mock's first buyer), each with a delivery
// address (a site), as a B2B buyer has.
async function addCustomers() {
  const { token } = await adminLogin();
  for (const [email, password, first, last, street] of [
    ["kupiec1@budmax.pl", "haslo-buyer-1", "Jan", "Kowalski", "ul. Legnicka 48"],
    ["kupiec2@budmax.pl", "haslo-buyer-2", "Anna", "Nowak", "ul. Budowlana 7"]]) {
    const { body } = await adminCall(token, `mutation ($input: CreateCustomerInput!, $password: String!) {
      createCustomer(input: $input, password: $password) { ... on Customer { id } ... on ErrorResult { errorCode message } } }`,
      { input: { emailAddress: email, firstName: first, lastName: last }, password });
    const customerId = body.data.createCustomer.id;
    if (!customerId) throw new Error(`createCustomer ${email}: ${JSON.stringify(body.data)}`);
    const address = await adminCall(token, `mutation ($id: ID!, $input: CreateAddressInput!) {
      createCustomerAddress(customerId: $id, input: $input) { id } }`,
      { id: customerId, input: { fullName: `${first} ${last}`, company: "Budmax Sp. z o.o.", streetLine1: street,
        city: "Wrocław", postalCode: "54-204", countryCode: "PL", defaultShippingAddress: true } });
    if (!address.body.data || !address.body.data.createCustomerAddress.id)
      throw new Error(`createCustomerAddress ${email}: ${JSON.stringify(address.body)}`);
  }
}

async function main() {
  if (args.includes("--populate")) {
    const { populateInitialData, importProductsFromCsv, populateCollections } = require("@vendure/core/cli");
    const assets = path.join(path.dirname(require.resolve("@vendure/create/package.json")), "assets");
    const initialData = require(path.join(assets, "initial-data.json"));
    const app = await bootstrap(config);
    await populateInitialData(app, initialData);
    await makePolish();
    const imported = await importProductsFromCsv(app, path.join(assets, "products.csv"), initialData.defaultLanguage);
    // The sample images are not imported (no asset server; the client shows none); anything else is a failure.
    const failures = (imported.errors || []).filter((error) => !/\.(jpe?g|png|webp)" does not exist/.test(error));
    if (failures.length) throw new Error(`importing the sample products:\n${failures.join("\n")}`);
    await populateCollections(app, initialData);
    await app.get(JobQueueService).start();
    await buildSearchIndex();
    await addCustomers();
    await app.close();
    console.log(`vendure populated: ${imported.imported} products`);
    return;
  }
  const app = await bootstrap(config);
  // No separate worker: jobs (search index updates after changes) run in this process.
  await app.get(JobQueueService).start();
  const stop = () => app.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`vendure ready http://127.0.0.1:${port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
