// What the device keeps of the application state (b2b/device_state.hpp), and the state rebuilt from it
// on start: the buyer's session, carts, drafts and outbox, and the catalog for offline search.
#include <algorithm>

#include "store.hpp"
#include "widget_registry.hpp"

namespace b2b::client {

namespace {
bool same_product(const Product& a, const Product& b) {
  return a.sku == b.sku && a.ean == b.ean && a.name.pl == b.name.pl && a.name.en == b.name.en &&
         a.category_path == b.category_path && a.brand == b.brand && a.unit == b.unit && a.pack_size == b.pack_size &&
         a.min_order_quantity == b.min_order_quantity && a.vat == b.vat && a.stock == b.stock && a.active == b.active;
}
}  // namespace

DeviceState device_state_of(const AppState& state) {
  DeviceState device;
  device.session = state.session;
  device.locale = locale_code(state.locale);
  device.carts = state.carts.carts;
  device.synced_carts = state.carts.synced;
  device.deleted_cart_ids = state.carts.deleted;
  device.conflicts = state.carts.conflicts;
  device.active_cart_id = state.carts.active_cart_id;
  // A product the catalog snapshot holds unchanged is recorded by its SKU only (the snapshot has the rest).
  for (const Product& product : state.carts.known_products) {
    const Product* in_catalog = state.catalog.local ? state.catalog.local->find(product.sku) : nullptr;
    if (in_catalog && same_product(*in_catalog, product)) {
      device.catalog_products.push_back(product.sku);
    } else {
      device.known_products.push_back(product);
    }
  }
  device.checkout = state.checkout.fields;
  device.checkout_key = state.checkout.idempotency_key;
  device.outbox = state.outbox.entries;
  device.device_id = state.device_id;
  device.next_key = static_cast<std::int64_t>(state.next_key);
  device.next_local_id = static_cast<std::int64_t>(state.next_local_id);
  device.last_sync_unix = state.server.last_sync_unix;
  return device;
}

std::string commitments_of(DeviceState device) {
  DeviceState commitments;
  commitments.session = std::move(device.session);
  commitments.checkout_key = std::move(device.checkout_key);
  commitments.outbox = std::move(device.outbox);
  commitments.device_id = std::move(device.device_id);
  commitments.next_key = device.next_key;
  // A cart's server id, once its creation was answered: forgotten, the cart would be created there again.
  for (const Cart& cart : device.carts) {
    if (is_local_cart_id(cart.id)) continue;
    Cart id_only;
    id_only.id = cart.id;
    commitments.carts.push_back(std::move(id_only));
  }
  commitments.deleted_cart_ids = std::move(device.deleted_cart_ids);
  return encode_device_state(commitments);
}

StateRecord state_record_of(const AppState& state) {
  DeviceState device = device_state_of(state);
  StateRecord record;
  record.bytes = encode_device_state(device);
  record.commitments = commitments_of(std::move(device));
  return record;
}

CatalogSnapshot catalog_snapshot_of(const AppState& state) {
  CatalogSnapshot snapshot;
  if (state.catalog.local) {
    snapshot.products = state.catalog.local->products();
    snapshot.catalog_version = state.catalog.local->version();
  }
  snapshot.prices = state.prices;
  return snapshot;
}

AppState restore_state(AppState base, DeviceState device, std::optional<CatalogSnapshot> catalog) {
  AppState state = std::move(base);
  state.session = std::move(device.session);
  if (device.locale == "en") state.locale = Locale::en;
  if (device.locale == "pl") state.locale = Locale::pl;
  state.carts.carts = std::move(device.carts);
  state.carts.synced = std::move(device.synced_carts);
  state.carts.deleted = std::move(device.deleted_cart_ids);
  state.carts.conflicts = std::move(device.conflicts);
  state.carts.active_cart_id = std::move(device.active_cart_id);
  state.carts.known_products = std::move(device.known_products);
  state.checkout.fields = std::move(device.checkout);
  state.checkout.idempotency_key = std::move(device.checkout_key);
  state.outbox.entries = std::move(device.outbox);
  // A request under way when the app closed got no answer here: it is sent again, as it was.
  for (OutboxEntry& entry : state.outbox.entries) {
    if (entry.status == OutboxStatus::Sending || entry.status == OutboxStatus::Checking) {
      entry.status = OutboxStatus::Waiting;
    }
  }
  if (!device.device_id.empty()) state.device_id = std::move(device.device_id);
  state.next_key = static_cast<std::uint64_t>(std::max<std::int64_t>(device.next_key, 1));
  state.next_local_id = static_cast<std::uint64_t>(std::max<std::int64_t>(device.next_local_id, 1));
  state.server.last_sync_unix = device.last_sync_unix;
  if (catalog) {
    if (!catalog->products.empty() || catalog->catalog_version > 0) {
      state.catalog.local =
          std::make_shared<const LocalCatalog>(std::move(catalog->products), catalog->catalog_version);
    }
    state.prices = std::move(catalog->prices);
  }
  // Products recorded by SKU come from the snapshot; one it no longer has is looked up again when online.
  if (state.catalog.local) {
    for (const std::string& sku : device.catalog_products)
      if (const Product* product = state.catalog.local->find(sku)) state.carts.known_products.push_back(*product);
  }
  if (state.session) state.screen = Screen::Catalog;
  return state;
}

std::string sync_status_json(const AppState& state) {
  static const char* const kConnections[] = {"unknown", "checking", "online", "offline"};
  std::string out = "{\"connection\":\"";
  out += kConnections[static_cast<int>(state.server.connection)];
  out += "\",\"catalog_products\":";
  out += std::to_string(state.catalog.local ? state.catalog.local->products().size() : 0);
  out += ",\"carts\":[";
  for (const Cart& cart : state.carts.carts) {
    if (&cart != &state.carts.carts.front()) out += ',';
    out += "{\"id\":";
    append_json_string(out, cart.id);
    out += ",\"name\":";
    append_json_string(out, cart.name);
    out += ",\"lines\":[";
    for (const CartLine& line : cart.lines) {
      if (&line != &cart.lines.front()) out += ',';
      out += "{\"sku\":";
      append_json_string(out, line.sku);
      out += ",\"quantity\":" + std::to_string(line.quantity) + "}";
    }
    out += "],\"unsynced\":";
    out += cart_unsynced(state, cart) ? "true" : "false";
    out += '}';
  }
  out += "],\"conflicts\":" + std::to_string(state.carts.conflicts.size()) + ",\"outbox\":[";
  for (const OutboxEntry& entry : state.outbox.entries) {
    if (&entry != &state.outbox.entries.front()) out += ',';
    out += "{\"key\":";
    append_json_string(out, entry.submission.idempotency_key);
    out += ",\"status\":";
    append_json_string(out, outbox_status_code(entry.status));
    out += ",\"attempts\":" + std::to_string(entry.attempts) + ",\"order_number\":";
    append_json_string(out, entry.order_number);
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace b2b::client
