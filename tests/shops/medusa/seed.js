// Seeds the test shop (run once per template database by run.mjs with `medusa exec`): a Polish region
// selling in PLN with 23% VAT, a warehouse and a flat-rate delivery, a publishable key, building
// materials, and a company's buyers in a customer group with its own price list. Writes the key and
// the region to $B2B_MEDUSA_SEED_OUT for the tests.
const fs = require("node:fs");
const { ContainerRegistrationKeys, Modules, ProductStatus } = require("@medusajs/framework/utils");
const {
  createApiKeysWorkflow,
  createCustomerAccountWorkflow,
  createCustomerGroupsWorkflow,
  createPriceListsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkCustomersToCustomerGroupWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} = require("@medusajs/medusa/core-flows");

// Net list prices in złoty (Medusa keeps amounts in the currency's main unit); the company's price list
// lowers the first four. Names carry Polish diacritics on purpose: buyers search without them.
const products = [
  { sku: "MED-CEM-25", title: "Cement portlandzki CEM I 42,5R 25 kg", price: 24.9, company: 21.5 },
  { sku: "MED-KLEJ-25", title: "Klej do płytek elastyczny C2TE 25 kg", price: 54.0, company: 47.9 },
  { sku: "MED-GIPS-20", title: "Gips szpachlowy 20 kg", price: 38.5, company: 33.0 },
  { sku: "MED-WKRET-200", title: "Wkręty do drewna 4x40 (200 szt.)", price: 19.99, company: 17.49 },
  { sku: "MED-PIANKA-750", title: "Pianka montażowa pistoletowa 750 ml", price: 29.9 },
  { sku: "MED-TASMA-50", title: "Taśma malarska 50 mm × 50 m", price: 12.3 },
  { sku: "MED-RURA-110", title: "Rura kanalizacyjna PVC 110 × 2 m", price: 31.0 },
  { sku: "MED-WEŁNA-100", title: "Wełna mineralna 100 mm (paczka 6 m²)", price: 89.0 },
  { sku: "MED-PROFIL-CD60", title: "Profil sufitowy CD60 3 m", price: 11.45 },
  { sku: "MED-RĘKAWICE-10", title: "Rękawice robocze powlekane (10 par)", price: 27.6 },
  { sku: "MED-KOŁKI-100", title: "Kołki rozporowe 8x50 (100 szt.)", price: 15.8 },
  { sku: "MED-ZAPRAWA-25", title: "Zaprawa murarska M10 25 kg", price: 17.2 },
];

const buyers = [
  { email: "kupiec1@budmax.pl", password: "haslo-buyer-1", first_name: "Anna", last_name: "Nowak" },
  { email: "kupiec2@budmax.pl", password: "haslo-buyer-2", first_name: "Piotr", last_name: "Zieliński" },
];

exports.default = async function seed({ container }) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const link = container.resolve(ContainerRegistrationKeys.LINK);
  const fulfillment = container.resolve(Modules.FULFILLMENT);
  const salesChannels = container.resolve(Modules.SALES_CHANNEL);
  const stores = container.resolve(Modules.STORE);
  const auth = container.resolve(Modules.AUTH);
  const customers = container.resolve(Modules.CUSTOMER);

  let [channel] = await salesChannels.listSalesChannels({ name: "Default Sales Channel" });
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    });
    channel = result[0];
  }

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [{ name: "Polska", currency_code: "pln", countries: ["pl"], payment_providers: ["pp_system_default"],
                  automatic_taxes: true }],
    },
  });
  const region = regions[0];
  const [store] = await stores.listStores();
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: { supported_currencies: [{ currency_code: "pln", is_default: true }],
                default_sales_channel_id: channel.id, default_region_id: region.id },
    },
  });
  await createTaxRegionsWorkflow(container).run({
    input: [{ country_code: "pl", provider_id: "tp_system", default_tax_rate: { rate: 23, code: "VAT23", name: "VAT 23%" } }],
  });

  let [profile] = await fulfillment.listShippingProfiles({ type: "default" });
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default", type: "default" }] },
    });
    profile = result[0];
  }
  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Magazyn Wrocław", address: { city: "Wrocław", country_code: "PL", address_1: "ul. Magazynowa 1" } }] },
  });
  const location = locations[0];
  await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
                      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" } });
  const delivery = await fulfillment.createFulfillmentSets({
    name: "Dostawy z Wrocławia", type: "shipping",
    service_zones: [{ name: "Polska", geo_zones: [{ country_code: "pl", type: "country" }] }],
  });
  await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
                      [Modules.FULFILLMENT]: { fulfillment_set_id: delivery.id } });
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } });
  const inStore = [{ attribute: "enabled_in_store", value: "true", operator: "eq" },
                   { attribute: "is_return", value: "false", operator: "eq" }];
  await createShippingOptionsWorkflow(container).run({
    input: [
      { name: "Dostawa standardowa", price_type: "flat", provider_id: "manual_manual",
        service_zone_id: delivery.service_zones[0].id, shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2-3 dni robocze", code: "standard" },
        prices: [{ currency_code: "pln", amount: 25 }, { region_id: region.id, amount: 25 }], rules: inStore },
      { name: "Dostawa ekspresowa", price_type: "flat", provider_id: "manual_manual",
        service_zone_id: delivery.service_zones[0].id, shipping_profile_id: profile.id,
        type: { label: "Express", description: "Następnego dnia", code: "express" },
        prices: [{ currency_code: "pln", amount: 60 }, { region_id: region.id, amount: 60 }], rules: inStore },
    ],
  });

  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Klient B2B", type: "publishable", created_by: "" }] },
  });
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [channel.id] } });

  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title, handle: p.sku.toLowerCase(), status: ProductStatus.PUBLISHED, shipping_profile_id: profile.id,
        options: [{ title: "Opakowanie", values: ["standard"] }],
        variants: [{ title: p.title, sku: p.sku, options: { Opakowanie: "standard" }, manage_inventory: false,
                     prices: [{ amount: p.price, currency_code: "pln" }] }],
        sales_channels: [{ id: channel.id }],
      })),
    },
  });

  const { result: groups } = await createCustomerGroupsWorkflow(container).run({
    input: { customersData: [{ name: "Budmax Sp. z o.o." }] },
  });
  const variantOf = new Map(created.flatMap((product) => product.variants.map((v) => [v.sku, v.id])));
  await createPriceListsWorkflow(container).run({
    input: {
      price_lists_data: [{
        title: "Cennik Budmax", description: "Ceny umowne firmy Budmax", type: "override", status: "active",
        rules: { "customer.groups.id": [groups[0].id] },
        prices: products.filter((p) => p.company).map((p) => ({ amount: p.company, currency_code: "pln",
                                                               variant_id: variantOf.get(p.sku) })),
      }],
    },
  });

  const buyerIds = [];
  for (const buyer of buyers) {
    const { authIdentity, error } = await auth.register("emailpass", { body: { email: buyer.email, password: buyer.password } });
    if (error) throw new Error(`registering ${buyer.email}: ${error}`);
    const { result: customer } = await createCustomerAccountWorkflow(container).run({
      input: { authIdentityId: authIdentity.id,
               customerData: { email: buyer.email, first_name: buyer.first_name, last_name: buyer.last_name,
                               company_name: "Budmax Sp. z o.o." } },
    });
    await customers.createCustomerAddresses({
      customer_id: customer.id, first_name: buyer.first_name, last_name: buyer.last_name, company: "Budmax Sp. z o.o.",
      address_1: "ul. Budowlana 12", city: "Wrocław", postal_code: "50-001", country_code: "pl", phone: "+48 71 000 00 00",
      is_default_shipping: true, is_default_billing: true,
    });
    buyerIds.push(customer.id);
  }
  await linkCustomersToCustomerGroupWorkflow(container).run({ input: { id: groups[0].id, add: buyerIds } });

  const { data: [key] } = await query.graph({ entity: "api_key", fields: ["token"], filters: { id: keys[0].id } });
  const seeded = { publishableKey: key.token, regionId: region.id, products: products.length };
  if (process.env.B2B_MEDUSA_SEED_OUT) fs.writeFileSync(process.env.B2B_MEDUSA_SEED_OUT, JSON.stringify(seeded));
  console.log(`medusa seeded ${JSON.stringify(seeded)}`);
};
