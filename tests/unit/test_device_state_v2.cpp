// device_state_v2, the record written after every change: packed carts, synced carts as runs against the
// current ones, products by SKU when the catalog snapshot has them; v1 records migrate; damage is named.
#include <doctest/doctest.h>

#include "b2b/device_state.hpp"
#include "b2b/local_catalog.hpp"
#include "core/store.hpp"

using namespace b2b;
using namespace b2b::client;

namespace {

Product product(int i) {
  Product p;
  p.sku = "ELE-" + std::to_string(100000 + i);
  p.ean = "590123412345" + std::to_string(i % 10);
  p.name = {"Łącznik schodowy podtynkowy nr " + std::to_string(i), "Two-way switch no. " + std::to_string(i)};
  p.category_path = {"Elektryka", "Osprzęt instalacyjny"};
  p.brand = "Kontakt-Simon";
  p.pack_size = 10;
  p.min_order_quantity = 10;
  p.stock = 1000 + i;
  return p;
}

// Signed out, a cart of `lines` lines of products the catalog holds, synced as it is but for a few lines.
AppState cart_state(int lines) {
  AppState state;
  state.device_id = "dev";
  std::vector<Product> products;
  Cart cart{"k-1", "Budowa", "u-1", {}, 4, ""};
  for (int i = 0; i < lines; ++i) {
    products.push_back(product(i));
    cart.lines.push_back({products.back().sku, 10 * (i % 7 + 1), i % 50 == 0 ? "na jutro" : ""});
  }
  state.catalog.local = std::make_shared<const LocalCatalog>(products, 7);
  state.carts.known_products = products;
  Cart synced = cart;
  synced.version = 3;
  if (lines > 10) {
    synced.lines[3].quantity += 10;                       // changed here since the sync
    synced.lines.erase(synced.lines.begin() + 8);         // added here since the sync
    synced.lines.push_back({"ELE-GONE", 5, "usunięta"});  // removed here since the sync
  }
  state.carts.carts = {cart, Cart{"local-dev-2", "Hala B", "u-1", {{"ELE-100001", 20, ""}}, 0, ""}};
  state.carts.synced = {synced, Cart{"k-9", "Stary", "u-1", {{"ELE-100002", 30, "x"}}, 1, ""}};
  state.carts.active_cart_id = "k-1";
  return state;
}

CatalogSnapshot snapshot_of(const AppState& state) { return catalog_snapshot_of(state); }

bool same_carts(const std::vector<Cart>& a, const std::vector<Cart>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t c = 0; c < a.size(); ++c) {
    if (a[c].id != b[c].id || a[c].name != b[c].name || a[c].owner_user_id != b[c].owner_user_id ||
        a[c].version != b[c].version || a[c].lines.size() != b[c].lines.size())
      return false;
    for (std::size_t l = 0; l < a[c].lines.size(); ++l) {
      const CartLine &x = a[c].lines[l], &y = b[c].lines[l];
      if (x.sku != y.sku || x.quantity != y.quantity || x.note != y.note) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("device_state_v2: carts and synced carts read back exactly, products from the catalog snapshot") {
  const AppState state = cart_state(40);
  const std::string bytes = encode_device_state(device_state_of(state));
  CHECK(bytes.find("device_state_v2") != std::string::npos);
  const auto back = decode_device_state(bytes);
  REQUIRE(back.ok());
  CHECK(back.value().migrated_from == 0);
  CHECK(same_carts(back.value().value.carts, state.carts.carts));
  CHECK(same_carts(back.value().value.synced_carts, state.carts.synced));
  CHECK(back.value().value.known_products.empty());
  CHECK(back.value().value.catalog_products.size() == 40);

  const AppState restored = restore_state(AppState{}, back.value().value, snapshot_of(state));
  REQUIRE(restored.carts.known_products.size() == 40);
  CHECK(restored.carts.known_products[5].name.pl == "Łącznik schodowy podtynkowy nr 5");
  CHECK(restored.carts.known_products[5].stock == 1005);
}

TEST_CASE("device_state_v2: a product the snapshot lacks or holds otherwise keeps its own data") {
  AppState state = cart_state(12);
  Product own = product(500);
  own.sku = "OWN-1";
  state.carts.carts[0].lines.push_back({"OWN-1", 3, ""});
  state.carts.known_products.push_back(own);
  state.carts.known_products[2].name.pl = "Nazwa sprzed zmiany w katalogu";  // the snapshot has another name

  const DeviceState device = device_state_of(state);
  REQUIRE(device.known_products.size() == 2);
  const auto back = decode_device_state(encode_device_state(device));
  REQUIRE(back.ok());
  const AppState restored = restore_state(AppState{}, back.value().value, snapshot_of(state));
  REQUIRE(restored.carts.known_products.size() == 13);
  bool own_kept = false, old_name_kept = false;
  for (const Product& p : restored.carts.known_products) {
    own_kept = own_kept || (p.sku == "OWN-1" && p.name.pl == own.name.pl);
    old_name_kept = old_name_kept || p.name.pl == "Nazwa sprzed zmiany w katalogu";
  }
  CHECK(own_kept);
  CHECK(old_name_kept);
}

TEST_CASE("device_state_v2: a v1 record migrates, with migrated_from 1") {
  const AppState state = cart_state(20);
  DeviceState v1 = device_state_of(state);
  v1.known_products = state.carts.known_products;  // v1 kept every product in full
  v1.catalog_products.clear();
  const std::string bytes = encode_device_state_v1(v1);
  REQUIRE(bytes.find("device_state_v1") != std::string::npos);
  const auto back = decode_device_state(bytes);
  REQUIRE(back.ok());
  CHECK(back.value().migrated_from == 1);
  CHECK(same_carts(back.value().value.carts, state.carts.carts));
  CHECK(same_carts(back.value().value.synced_carts, state.carts.synced));
  CHECK(back.value().value.known_products.size() == 20);
  // Written again, it is a v2 record.
  const auto again = decode_device_state(encode_device_state(back.value().value));
  REQUIRE(again.ok());
  CHECK(again.value().migrated_from == 0);
  CHECK(same_carts(again.value().value.carts, state.carts.carts));
}

TEST_CASE("device_state_v2: damaged packed carts are refused, naming the field") {
  const AppState state = cart_state(20);
  const std::string bytes = encode_device_state(device_state_of(state));
  // The first line's flags byte sits after the cart's header and its first SKU.
  const std::string sku =
      "\x0a"
      "ELE-100000";
  const auto at = bytes.find(sku);
  REQUIRE(at != std::string::npos);
  std::string damaged = bytes;
  damaged[at + sku.size()] = '\x09';  // flags: an unknown bit
  const auto refused = decode_device_state(damaged);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "carts[0].lines[0].flags");
  CHECK(refused.error().message.find("unknown flags") != std::string::npos);

  DeviceState device = device_state_of(state);
  device.synced_carts.clear();
  device.carts[0].lines.resize(1);
  device.carts.resize(1);
  const std::string small = encode_device_state(device);
  std::string cut = small;
  const auto line = cut.find(sku);
  REQUIRE(line != std::string::npos);
  cut[line] = '\x7f';  // the SKU's length runs past the packed carts
  const auto truncated = decode_device_state(cut);
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().field == "carts[0].lines[0].sku");
}

TEST_CASE("device_state_v2: a 1,000-line cart synced but for a few lines stays under 16 KB") {
  const AppState state = cart_state(1000);
  const std::string v2 = encode_device_state(device_state_of(state));
  DeviceState full = device_state_of(state);
  full.known_products = state.carts.known_products;
  const std::string v1 = encode_device_state_v1(full);
  MESSAGE("device state with 1,000 lines: v1 ", v1.size(), " bytes, v2 ", v2.size(), " bytes");
  CHECK(v2.size() < 16 * 1024);
  CHECK(v2.size() * 10 < v1.size());
}
