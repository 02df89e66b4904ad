// Offline drafting in the store: device records (round trip, newer or broken ones refused by name),
// three-way cart merges, the device catalog, carts edited offline, the outbox, and write-through.
#include <doctest/doctest.h>

#include "b2b/backend/own_protocol.hpp"
#include "b2b/cart_sync.hpp"
#include "b2b/text_positions.hpp"
#include "b2b/wire/protocol.hpp"
#include "core/store.hpp"
#include "store_effects.hpp"
#include "ui_harness.hpp"

using namespace b2b;
using namespace b2b::client;
using namespace b2b::client::testing;

namespace {

const backend::OwnProtocol kProtocol;
const char* const kHealthy = R"({"status":"ok","server":"server-mock","protocol_version":1})";

Product product(std::string sku, std::string name_pl, std::int64_t stock = 100) {
  Product p;
  p.sku = std::move(sku);
  p.name = {std::move(name_pl), "Product " + p.sku};
  p.stock = stock;
  return p;
}

const HttpResponse kNoAnswer{0, {}, "Failed to fetch"};

bool sent(const Transition& t, HttpPurpose purpose) {
  for (const SendHttp& send : sends(t))
    if (send.purpose == purpose) return true;
  return false;
}

// Applies the action and returns the transition (the state moves on in `state`).
Transition step(AppState& state, const Action& action) {
  Transition t = update(state, action, kProtocol);
  state = t.state;
  return t;
}

// Signed in, online, one synced cart "k-1" (version 3) with ELE-2 x 2; prices 2,50 zł for ELE-2.
AppState signed_in() {
  AppState state;
  backend::Session s;
  s.token = "tok";
  s.user = {"u-1", "c-1", "kupiec1@budmax.pl", "Łukasz", Role::Buyer, {500000, Currency::PLN}, true};
  s.company.id = "c-1";
  s.company.addresses.push_back({"a-1", "Magazyn", "ul. Robotnicza 72", "53-608", "Wrocław", "PL"});
  state.session = s;
  state.screen = Screen::Catalog;
  state.today = {2026, 11, 27};
  state.now_unix = 1'795'000'000;
  state.device_id = "dev";
  state.server.connection = Connection::Online;
  state.carts.known_products = {product("ELE-2", "Łącznik schodowy"), product("ELE-3", "Puszka podtynkowa")};
  Cart cart{"k-1", "Budowa", "u-1", {{"ELE-2", 2, ""}}, 3, ""};
  state.carts.carts = {cart};
  state.carts.synced = {cart};
  state.carts.active_cart_id = "k-1";
  state.checkout.fields.ship_to_address_id = "a-1";
  state.prices = PriceList{"pl-1", "c-1", Currency::PLN, 1, {{"ELE-2", 250, {}}, {"ELE-3", 400, {}}}};
  return state;
}

AppState offline(AppState state) {
  state.server.connection = Connection::Offline;
  state.server.next_check_unix = state.now_unix + 10;
  return state;
}

// The health check after the network returns: the answer that brings the app back online.
Transition come_back(AppState& state) {
  const Transition check = step(state, Tick{state.server.next_check_unix, 60});
  return step(state, answer(send_of(check, HttpPurpose::Health), {200, {}, kHealthy}));
}

}  // namespace

TEST_CASE("device records: what is written reads back; a newer or broken record is refused by name") {
  DeviceState device;
  device.session = backend::Session{"tok", 99, {}, {}};
  device.carts = {{"local-dev-1", "Hala B", "u-1", {{"ELE-2", 5, "na jutro"}}, 0, ""}};
  device.outbox.push_back({});
  device.outbox[0].submission.idempotency_key = "dev-4";
  device.outbox[0].status = OutboxStatus::NeedsConfirmation;
  device.outbox[0].changes = {{"ELE-2", "price_changed", {250, Currency::PLN}, {270, Currency::PLN}}};
  device.next_key = 5;
  const std::string bytes = encode_device_state(device);

  SUBCASE("round trip") {
    const auto back = decode_device_state(bytes);
    REQUIRE(back.ok());
    CHECK(back.value().migrated_from == 0);
    CHECK(back.value().value.carts.at(0).lines.at(0).note == "na jutro");
    CHECK(back.value().value.outbox.at(0).status == OutboxStatus::NeedsConfirmation);
    CHECK(back.value().value.outbox.at(0).changes.at(0).new_unit_net.minor == 270);
    CHECK(back.value().value.session->token == "tok");
  }
  SUBCASE("a record written by a newer app names its schema") {
    std::string newer = bytes;
    const auto at = newer.find("device_state_v2");
    REQUIRE(at != std::string::npos);
    newer[at + 14] = '7';
    const auto refused = decode_device_state(newer);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "schema");
    CHECK(refused.error().message.find("newer version") != std::string::npos);
  }
  SUBCASE("truncated bytes and other records are refused, never read as an empty state") {
    CHECK_FALSE(decode_device_state(bytes.substr(0, bytes.size() / 2)).ok());
    CHECK_FALSE(decode_device_state("not a record").ok());
    CHECK_FALSE(decode_device_state(encode_catalog_snapshot({})).ok());
  }
  SUBCASE("the catalog snapshot round trip") {
    CatalogSnapshot snapshot{{product("ELE-2", "Łącznik")}, 42, PriceList{"pl-1", "c-1", Currency::PLN, 3, {}}};
    const auto back = decode_catalog_snapshot(encode_catalog_snapshot(snapshot));
    REQUIRE(back.ok());
    CHECK(back.value().value.catalog_version == 42);
    CHECK(back.value().value.prices->version == 3);
  }
}

TEST_CASE("three-way cart merge") {
  const Cart base{"k-1", "Budowa", "u-1", {{"A", 1, ""}, {"B", 2, ""}}, 3, ""};
  SUBCASE("changes to different lines both stay") {
    Cart mine = base;
    mine.lines[0].quantity = 5;
    Cart theirs = base;
    theirs.version = 4;
    theirs.lines.push_back({"C", 1, ""});
    const auto merged = merge_carts(base, mine, theirs);
    REQUIRE(merged);
    CHECK(merged->version == 4);
    REQUIRE(merged->lines.size() == 3);
    CHECK(merged->lines[0].quantity == 5);
    CHECK(merged->lines[2].sku == "C");
  }
  SUBCASE("a line removed on one side and untouched on the other is removed") {
    Cart mine = base;
    mine.lines.erase(mine.lines.begin());
    const auto merged = merge_carts(base, mine, base);
    REQUIRE(merged);
    CHECK(merged->lines.size() == 1);
  }
  SUBCASE("the same line changed differently on both sides is a conflict") {
    Cart mine = base;
    mine.lines[1].quantity = 10;
    Cart theirs = base;
    theirs.lines[1].quantity = 20;
    CHECK_FALSE(merge_carts(base, mine, theirs));
    theirs.lines[1].quantity = 10;
    CHECK(merge_carts(base, mine, theirs));  // the same change on both sides is no conflict
  }
  SUBCASE("names changed differently conflict") {
    Cart mine = base;
    mine.name = "Hala A";
    Cart theirs = base;
    theirs.name = "Hala B";
    CHECK_FALSE(merge_carts(base, mine, theirs));
  }
}

TEST_CASE("the device catalog: changes replace products by SKU and search finds what the server's search finds") {
  const LocalCatalog first({product("ELE-2", "Łącznik schodowy"), product("MEC-1", "Młotek ślusarski")}, 5);
  CHECK(first.search("mlotek slusarski", 20).at(0).sku == "MEC-1");
  CHECK(first.search("ele-2", 20).at(0).sku == "ELE-2");
  Product gone = product("MEC-1", "Młotek ślusarski");
  gone.active = false;
  const auto second = first.with_changes({gone, product("MEC-2", "Młotek murarski")}, 6);
  CHECK(second->version() == 6);
  CHECK(second->products().size() == 3);
  CHECK_FALSE(second->find("MEC-1")->active);  // kept: carts may hold it
  REQUIRE(second->search("mlotek", 20).size() == 1);
  CHECK(second->search("mlotek", 20)[0].sku == "MEC-2");

  SUBCASE("a category limits the device's search as it limits the server's") {
    Product hammer = product("NAR-1", "Młotek ciesielski");
    hammer.category_path = {"Narzędzia", "Ręczne"};
    const auto third = second->with_changes({hammer}, 7);
    REQUIRE(third->search("mlotek", 20).size() == 2);
    REQUIRE(third->search("mlotek", 20, "Narzędzia").size() == 1);
    CHECK(third->search("mlotek", 20, "Narzędzia")[0].sku == "NAR-1");
    CHECK(third->search("", 20, "Narzędzia").at(0).sku == "NAR-1");
  }
}

TEST_CASE("text positions: the first position of each text, and none for a text that is not there") {
  // Enough texts that many share a hash slot and are found by probing past each other.
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) texts.push_back("SKU-" + std::to_string(i % 4000));
  texts.push_back("");
  const auto text_at = [&texts](std::uint32_t i) -> const std::string& { return texts[i]; };
  const TextPositions positions(texts.size(), text_at);
  for (std::uint32_t i = 0; i < 4000; ++i) {
    const std::uint32_t* found = positions.find("SKU-" + std::to_string(i), text_at);
    REQUIRE(found);
    CHECK(*found == i);  // SKU-0 … SKU-999 are there twice: the first one counts
  }
  REQUIRE(positions.find("", text_at));
  CHECK(*positions.find("", text_at) == 5000);
  CHECK(positions.find("SKU-4000", text_at) == nullptr);
  CHECK(positions.find("SKU-", text_at) == nullptr);
  CHECK(positions.find("sku-1", text_at) == nullptr);

  SUBCASE("texts added one by one, past the room it started with, keep their first positions") {
    TextPositions added;
    for (std::uint32_t i = 0; i < texts.size(); ++i) {
      const std::uint32_t expected = i < 5000 ? i % 4000 : i;
      CHECK(added.add(i, text_at) == expected);
    }
    for (std::uint32_t i = 0; i < 4000; ++i) CHECK(*added.find("SKU-" + std::to_string(i), text_at) == i);
    CHECK(added.find("SKU-4000", text_at) == nullptr);
  }
  SUBCASE("an empty sequence finds nothing") {
    const TextPositions none(0, text_at);
    CHECK(none.find("SKU-1", text_at) == nullptr);
    CHECK(none.find("", text_at) == nullptr);
  }
}

TEST_CASE("the device catalog finds each product by SKU, and a sync's changes land once per SKU") {
  std::vector<Product> products;
  for (int i = 999; i >= 0; --i)
    products.push_back(product("SKU-" + std::to_string(i), "Produkt " + std::to_string(i)));
  const LocalCatalog catalog(products, 1);
  for (int i = 0; i < 1000; i += 37) {
    const Product* found = catalog.find("SKU-" + std::to_string(i));
    REQUIRE(found);
    CHECK(found->name.pl == "Produkt " + std::to_string(i));
  }
  CHECK(catalog.find("SKU-1000") == nullptr);
  CHECK(catalog.find("SKU-") == nullptr);
  CHECK(catalog.find("") == nullptr);

  SUBCASE("a new SKU changed twice in one sync is added once, as its last change") {
    const auto next = catalog.with_changes(
        {product("NEW-1", "Pierwsza"), product("SKU-5", "Zmieniony"), product("NEW-1", "Druga")}, 2);
    CHECK(next->products().size() == 1001);
    CHECK(next->find("NEW-1")->name.pl == "Druga");
    CHECK(next->find("SKU-5")->name.pl == "Zmieniony");
    CHECK(next->find("SKU-6")->name.pl == "Produkt 6");
  }
  SUBCASE("a SKU given twice answers its first product") {
    const LocalCatalog twice({product("DUP-1", "Pierwszy"), product("DUP-1", "Drugi")}, 1);
    CHECK(twice.find("DUP-1")->name.pl == "Pierwszy");
  }
}

TEST_CASE("catalog sync: everything first, then only the changes since the device's version") {
  AppState state = signed_in();
  state.screen = Screen::Login;
  state.session.reset();
  const Transition logged = step(state, HttpResponded{HttpPurpose::Login, 0, ok(signed_in().session.value())});
  const SendHttp first = send_of(logged, HttpPurpose::CatalogPage);
  CHECK(first.request.path.find("since_version") == std::string::npos);
  const Transition page1 =
      step(state, answer(first, ok(backend::CatalogPage{{product("ELE-2", "Łącznik")}, 8, "ELE-2"})));
  const SendHttp next = send_of(page1, HttpPurpose::CatalogPage);
  CHECK(next.request.path.find("cursor=ELE-2") != std::string::npos);
  const Transition page2 = step(state, answer(next, ok(backend::CatalogPage{{product("MEC-1", "Młotek")}, 8, ""})));
  REQUIRE(static_cast<bool>(state.catalog.local));
  CHECK(state.catalog.local->products().size() == 2);
  CHECK(state.catalog.local->version() == 8);
  const auto* record = std::get_if<StoreRecord>(&page2.effects.at(0));
  REQUIRE(record);
  CHECK(record->name == "catalog");
  CHECK(record->durability == Durability::Relaxed);  // fetched again if lost
  CHECK(decode_catalog_snapshot(record->bytes).value().value.products.size() == 2);

  SUBCASE("the next sync asks for the changes since version 8") {
    state.server.connection = Connection::Offline;
    const Transition back = come_back(state);
    CHECK(send_of(back, HttpPurpose::CatalogPage).request.path.find("since_version=8") != std::string::npos);
  }
  SUBCASE("offline, search runs on the device") {
    state.server.connection = Connection::Offline;
    const Transition searched = step(state, SearchChanged{"mlotek"});
    CHECK(sends(searched).empty());
    REQUIRE(state.catalog.results.size() == 1);
    CHECK(state.catalog.results_from_device);
  }
  SUBCASE("online, a shop whose search does not find what buyers type: the device answers") {
    state.capabilities.buyer_search = false;  // Vendure, Medusa
    const Transition searched = step(state, SearchChanged{"mlotek"});
    CHECK(sends(searched).empty());
    REQUIRE(state.catalog.results.size() == 1);
    CHECK(state.catalog.results[0].sku == "MEC-1");
    CHECK(state.catalog.results_from_device);
  }
  SUBCASE("online, our protocol's search is asked") {
    CHECK(sent(step(state, SearchChanged{"mlotek"}), HttpPurpose::Search));
    CHECK_FALSE(state.catalog.results_from_device);
  }
  SUBCASE("a search that gets no answer is answered from the device") {
    const Transition asked = step(state, SearchChanged{"lacznik"});
    step(state, answer(send_of(asked, HttpPurpose::Search), kNoAnswer));
    CHECK(state.server.connection == Connection::Offline);
    REQUIRE(state.catalog.results.size() == 1);
    CHECK(state.catalog.results[0].sku == "ELE-2");
  }
}

TEST_CASE("carts stay editable offline and reach the server when it answers again") {
  AppState state = offline(signed_in());
  CHECK(sends(step(state, SetLineQuantity{"ELE-2", 6})).empty());
  CHECK(sends(step(state, CreateCart{"Hala B"})).empty());
  const std::string local_id = state.carts.active_cart_id;
  CHECK(is_local_cart_id(local_id));
  CHECK(sends(step(state, AddToCart{"ELE-3", 4})).empty());
  CHECK(cart_unsynced(state, state.carts.carts[0]));

  const Transition back = come_back(state);
  CHECK_FALSE(sent(back, HttpPurpose::SaveCart));  // the server's carts first: changes made elsewhere meet these
  const SendHttp list = send_of(back, HttpPurpose::ListCarts);
  const Transition listed = step(state, answer(list, ok(signed_in().carts.synced)));
  const SendHttp save = send_of(listed, HttpPurpose::SaveCart);
  CHECK(wire::decode_json<Cart>(save.request.body).value().lines.at(0).quantity == 6);
  const SendHttp create = send_of(listed, HttpPurpose::CreateCart);
  CHECK(wire::decode_json<Cart>(create.request.body).value().lines.at(0).sku == "ELE-3");

  step(state, answer(save, ok(Cart{"k-1", "Budowa", "u-1", {{"ELE-2", 6, ""}}, 4, ""})));
  step(state, answer(create, ok(Cart{"k-7", "Hala B", "u-1", {{"ELE-3", 4, ""}}, 1, ""}, 201)));
  CHECK(state.carts.active_cart_id == "k-7");
  CHECK_FALSE(cart_unsynced(state, state.carts.carts[0]));
  CHECK_FALSE(cart_unsynced(state, state.carts.carts[1]));

  SUBCASE("a cart deleted offline is deleted on the server when it answers") {
    state.server.connection = Connection::Offline;
    CHECK(sends(step(state, DeleteCart{"k-1"})).empty());
    const Transition again = come_back(state);
    const Transition listed_again = step(state, answer(send_of(again, HttpPurpose::ListCarts), ok(state.carts.synced)));
    CHECK(state.carts.carts.size() == 1);  // the server still has it; deleting here wins
    CHECK(send_of(listed_again, HttpPurpose::DeleteCart).request.path == "/api/v1/carts/k-1");
  }
}

TEST_CASE("a cart's create is sent under its id on the device, the same key again after a lost answer") {
  AppState state = signed_in();
  const Transition created = step(state, CreateCart{"Hala B"});
  const std::string local_id = state.carts.active_cart_id;
  REQUIRE(is_local_cart_id(local_id));
  const SendHttp create = send_of(created, HttpPurpose::CreateCart);
  CHECK(header_value(create.request.headers, "Idempotency-Key") == local_id);

  // The answer is lost (the server may have stored the cart); the buyer edits it before the network returns.
  step(state, answer(create, kNoAnswer));
  step(state, AddToCart{"ELE-3", 4});
  const Transition back = come_back(state);
  const Transition listed = step(state, answer(send_of(back, HttpPurpose::ListCarts), ok(signed_in().carts.synced)));
  const SendHttp again = send_of(listed, HttpPurpose::CreateCart);
  CHECK(header_value(again.request.headers, "Idempotency-Key") == local_id);
  CHECK(wire::decode_json<Cart>(again.request.body).value().lines.at(0).sku == "ELE-3");

  // The server gives back the cart the first create made (without the edit): the edit follows as an update.
  const Transition replayed = step(state, answer(again, ok(Cart{"k-7", "Hala B", "u-1", {}, 1, ""}, 200)));
  CHECK(state.carts.active_cart_id == "k-7");
  const SendHttp update = send_of(replayed, HttpPurpose::SaveCart);
  CHECK(update.request.path == "/api/v1/carts/k-7");
  CHECK(wire::decode_json<Cart>(update.request.body).value().lines.at(0).sku == "ELE-3");
}

TEST_CASE("a cart's update is sent under this device's key for the version it edits, and that key marks its write") {
  AppState state = signed_in();
  const Transition edited = step(state, SetLineQuantity{"ELE-2", 6});
  const SendHttp save = send_of(edited, HttpPurpose::SaveCart);
  CHECK(header_value(save.request.headers, "If-Match") == "\"3\"");
  CHECK(header_value(save.request.headers, "Idempotency-Key") == "dev/k-1@3");

  // The answer is lost (the server may have stored version 4); the buyer takes the change back meanwhile.
  step(state, answer(save, kNoAnswer));
  step(state, SetLineQuantity{"ELE-2", 2});
  const Transition back = come_back(state);
  Cart theirs{"k-1", "Budowa", "u-1", {{"ELE-2", 6, ""}}, 4, ""};

  SUBCASE("the server's version was made under this device's key: the later edit goes on top of it") {
    theirs.update_key = "dev/k-1@3";
    const Transition listed = step(state, answer(send_of(back, HttpPurpose::ListCarts), ok(std::vector<Cart>{theirs})));
    CHECK(state.carts.conflicts.empty());
    CHECK(state.carts.merged.empty());
    CHECK(state.carts.carts.at(0).lines.at(0).quantity == 2);
    const SendHttp again = send_of(listed, HttpPurpose::SaveCart);
    CHECK(header_value(again.request.headers, "If-Match") == "\"4\"");
    CHECK(header_value(again.request.headers, "Idempotency-Key") == "dev/k-1@4");
    CHECK(wire::decode_json<Cart>(again.request.body).value().lines.at(0).quantity == 2);
  }
  SUBCASE("made under another device's key: a change made elsewhere, taken as the cart was not edited since") {
    theirs.update_key = "phone/k-1@3";
    const Transition listed = step(state, answer(send_of(back, HttpPurpose::ListCarts), ok(std::vector<Cart>{theirs})));
    CHECK(state.carts.carts.at(0).lines.at(0).quantity == 6);
    CHECK_FALSE(sent(listed, HttpPurpose::SaveCart));
  }
}

TEST_CASE("a cart's server id and a deletion are commitments of the state record, its lines are not") {
  AppState state = offline(signed_in());
  const auto commitments = [&] { return state_record_of(state).commitments; };
  const std::string before = commitments();
  step(state, SetLineQuantity{"ELE-2", 6});
  step(state, CreateCart{"Hala B"});
  step(state, AddToCart{"ELE-3", 4});
  CHECK(commitments() == before);  // only on this device: a power cut may lose them, nothing is sent twice

  SUBCASE("the server's id for a cart made here") {
    const Transition back = come_back(state);
    const Transition listed = step(state, answer(send_of(back, HttpPurpose::ListCarts), ok(signed_in().carts.synced)));
    step(state, answer(send_of(listed, HttpPurpose::CreateCart),
                       ok(Cart{"k-7", "Hala B", "u-1", {{"ELE-3", 4, ""}}, 1, ""}, 201)));
    REQUIRE(state.carts.active_cart_id == "k-7");
    CHECK(commitments() != before);  // forgotten, "Hala B" would be created on the server again
  }
  SUBCASE("a cart deleted while offline") {
    step(state, DeleteCart{"k-1"});
    CHECK(commitments() != before);
  }
}

TEST_CASE("carts edited on two devices: clear merges are made and said, real conflicts go to the buyer") {
  AppState state = offline(signed_in());
  step(state, SetLineQuantity{"ELE-2", 6});
  const Transition back = come_back(state);
  const SendHttp list = send_of(back, HttpPurpose::ListCarts);

  SUBCASE("another device added a line: both changes stay, and the buyer is told") {
    const Cart theirs{"k-1", "Budowa", "u-1", {{"ELE-2", 2, ""}, {"ELE-3", 8, ""}}, 4, ""};
    const Transition merged = step(state, answer(list, ok(std::vector<Cart>{theirs})));
    const Cart& cart = state.carts.carts.at(0);
    REQUIRE(cart.lines.size() == 2);
    CHECK(cart.lines[0].quantity == 6);
    CHECK(cart.lines[1].sku == "ELE-3");
    CHECK(cart.version == 4);
    CHECK(state.carts.merged == std::vector<std::string>{"Budowa"});
    CHECK(send_of(merged, HttpPurpose::SaveCart).request.body.find("\"quantity\":6") != std::string::npos);
  }
  SUBCASE("another device changed the same line: nothing is overwritten until the buyer chooses") {
    const Cart theirs{"k-1", "Budowa", "u-1", {{"ELE-2", 10, ""}}, 4, ""};
    const Transition conflicted = step(state, answer(list, ok(std::vector<Cart>{theirs})));
    CHECK_FALSE(sent(conflicted, HttpPurpose::SaveCart));
    REQUIRE(state.carts.conflicts.size() == 1);
    CHECK(state.carts.conflicts[0].mine.lines[0].quantity == 6);
    CHECK(state.carts.conflicts[0].theirs.lines[0].quantity == 10);
    SUBCASE("keep mine: saved over theirs") {
      const Transition kept = step(state, ResolveCartConflict{"k-1", true});
      const SendHttp save = send_of(kept, HttpPurpose::SaveCart);
      CHECK(header_value(save.request.headers, "If-Match") == "\"4\"");
      CHECK(wire::decode_json<Cart>(save.request.body).value().lines[0].quantity == 6);
    }
    SUBCASE("take theirs: nothing to save") {
      const Transition taken = step(state, ResolveCartConflict{"k-1", false});
      CHECK(sends(taken).empty());
      CHECK(state.carts.carts[0].lines[0].quantity == 10);
      CHECK(state.carts.conflicts.empty());
    }
  }
}

TEST_CASE("the outbox: an order placed offline is re-priced when the network returns, then sent once") {
  AppState state = offline(signed_in());
  step(state, PlaceOrder{});
  REQUIRE(state.outbox.entries.size() == 1);
  const OutboxEntry queued = state.outbox.entries[0];
  CHECK(queued.status == OutboxStatus::Waiting);
  CHECK(queued.attempts == 0);
  CHECK(queued.cart_name == "Budowa");
  CHECK(queued.submission.expected_gross_total->minor == 615);  // 2 x 2,50 zł + 23 % VAT
  CHECK(state.carts.carts[0].lines.empty());
  CHECK(state.screen == Screen::Orders);

  const Transition back = come_back(state);
  const SendHttp lookup = send_of(back, HttpPurpose::OutboxLookup);
  const SendHttp prices = send_of(back, HttpPurpose::OutboxPrices);
  CHECK(state.outbox.entries[0].status == OutboxStatus::Checking);
  CHECK_FALSE(sent(back, HttpPurpose::OutboxSubmit));

  SUBCASE("nothing changed: sent at once with the key it got offline") {
    step(state, answer(prices, ok(*state.prices)));
    const Transition checked = step(state, answer(lookup, ok(std::vector<Product>{product("ELE-2", "Łącznik")})));
    const SendHttp submit = send_of(checked, HttpPurpose::OutboxSubmit);
    CHECK(header_value(submit.request.headers, "Idempotency-Key") == queued.submission.idempotency_key);
    SUBCASE("a dropped answer sends the same request again") {
      step(state, answer(submit, kNoAnswer));
      CHECK(state.outbox.entries[0].status == OutboxStatus::Waiting);
      const Transition again = come_back(state);
      CHECK(send_of(again, HttpPurpose::OutboxSubmit).request.body == submit.request.body);
    }
    SUBCASE("a 503 waits a little and sends the same request") {
      step(state, answer(submit, {503, {}, ""}));
      CHECK(sends(step(state, Tick{state.now_unix + 1, 60})).empty());
      const Transition later = step(state, Tick{state.now_unix + 10, 60});
      CHECK(send_of(later, HttpPurpose::OutboxSubmit).request.body == submit.request.body);
    }
  }
  SUBCASE("a price rose and a product was withdrawn: the buyer sees both and confirms") {
    PriceList today = *state.prices;
    today.entries[0].unit_net_minor = 270;
    state.carts.carts[0].lines = {};
    step(state, answer(prices, ok(today)));
    const Transition checked = step(state, answer(lookup, ok(std::vector<Product>{product("ELE-2", "Łącznik")})));
    CHECK_FALSE(sent(checked, HttpPurpose::OutboxSubmit));
    const OutboxEntry& entry = state.outbox.entries[0];
    CHECK(entry.status == OutboxStatus::NeedsConfirmation);
    REQUIRE(entry.changes.size() == 1);
    CHECK(entry.changes[0].reason == "price_changed");
    CHECK(entry.changes[0].old_unit_net.minor == 250);
    CHECK(entry.changes[0].new_unit_net.minor == 270);
    CHECK(outbox_entry_editable(entry));

    SUBCASE("confirm: sent with the new prices as the expected ones") {
      const Transition confirmed = step(state, ConfirmOutboxOrder{queued.submission.idempotency_key});
      const auto body =
          wire::decode_json<backend::OrderSubmission>(send_of(confirmed, HttpPurpose::OutboxSubmit).request.body);
      CHECK(body.value().expected_prices.at(0).unit_net.minor == 270);
      CHECK(body.value().expected_gross_total->minor == 664);  // 5,40 zł + 23 % VAT
    }
    SUBCASE("edit: the lines go back into a cart and the order leaves the outbox") {
      step(state, EditOutboxOrder{queued.submission.idempotency_key});
      CHECK(state.outbox.entries.empty());
      CHECK(state.screen == Screen::Carts);
      CHECK(state.carts.carts.back().lines.at(0).quantity == 2);
      CHECK(state.carts.carts.back().name == "Budowa");
    }
  }
  SUBCASE("a withdrawn product is named, and confirming leaves it out") {
    step(state, answer(prices, ok(*state.prices)));
    Product withdrawn = product("ELE-2", "Łącznik");
    withdrawn.active = false;
    step(state, answer(lookup, ok(std::vector<Product>{withdrawn})));
    REQUIRE(state.outbox.entries[0].changes.size() == 1);
    CHECK(state.outbox.entries[0].changes[0].reason == "unavailable");
    step(state, ConfirmOutboxOrder{queued.submission.idempotency_key});
    CHECK(state.outbox.entries[0].status == OutboxStatus::Failed);  // nothing left to order
  }
}

TEST_CASE("signing out is refused while orders or cart edits wait for the server") {
  AppState state = offline(signed_in());
  step(state, PlaceOrder{});
  const Transition refused = step(state, LogOut{});
  CHECK(sends(refused).empty());
  CHECK(state.session);
  REQUIRE(state.login.logout_problem);
  CHECK(state.outbox.entries.size() == 1);
}

TEST_CASE("an expired session keeps the drafts; the same user signs in and carries on") {
  AppState state = signed_in();
  step(state, SetLineQuantity{"ELE-2", 9});
  step(state, HttpResponded{HttpPurpose::PriceList, 0, {401, {}, ""}});
  CHECK_FALSE(state.session);
  CHECK(state.screen == Screen::Login);
  CHECK(state.carts.carts[0].lines[0].quantity == 9);
  const Transition again = step(state, HttpResponded{HttpPurpose::Login, 0, ok(signed_in().session.value())});
  CHECK(state.carts.carts[0].lines[0].quantity == 9);
  CHECK(sent(again, HttpPurpose::ListCarts));
}

TEST_CASE("another user signing in after an expired session: the previous user's unsent work is kept aside") {
  AppState state = signed_in();
  state.server.connection = Connection::Offline;
  step(state, PlaceOrder{});
  step(state, HttpResponded{HttpPurpose::PriceList, 0, {401, {}, ""}});
  backend::Session other = signed_in().session.value();
  other.user.id = "u-2";
  other.token = "tok-2";
  const Transition other_login = step(state, HttpResponded{HttpPurpose::Login, 0, ok(other)});
  CHECK(state.outbox.entries.empty());  // not sent under the other account
  REQUIRE(state.storage.kept_aside.size() == 1);
  CHECK(state.storage.kept_aside[0].find("1 orders") != std::string::npos);
  const StoreRecord* kept = nullptr;
  for (const Effect& e : other_login.effects)
    if (const auto* record = std::get_if<StoreRecord>(&e)) kept = record;
  REQUIRE(kept);
  CHECK(kept->name.rfind("kept-aside:user:u-1:", 0) == 0);
  CHECK(decode_device_state(kept->bytes).value().value.outbox.size() == 1);
}

TEST_CASE("restoring: the device state comes back, and requests cut off by closing are sent again") {
  AppState state = offline(signed_in());
  step(state, SetLineNote{"ELE-2", "od strony bramy"});
  step(state, PlaceOrder{});
  state.outbox.entries[0].status = OutboxStatus::Sending;
  const auto bytes = encode_device_state(device_state_of(state));
  const auto device = decode_device_state(bytes);
  REQUIRE(device.ok());
  AppState base;
  base.device_id = "other";
  const AppState restored = restore_state(base, device.value().value, std::nullopt);
  CHECK(restored.session->token == "tok");
  CHECK(restored.screen == Screen::Catalog);
  CHECK(restored.device_id == "dev");
  CHECK(restored.outbox.entries.at(0).status == OutboxStatus::Waiting);
  CHECK(restored.outbox.entries[0].submission.lines.at(0).note == "od strony bramy");
  CHECK(restored.next_key == state.next_key);
}

TEST_CASE("the phone shows that it is offline, the outbox with what changed, and confirms on a tap") {
  struct NullRunner : EffectRunner {
    void run(const Effect&) override {}
  } runner;
  AppState state = offline(signed_in());
  state.utc_offset_minutes = 60;
  state.server.last_sync_unix = state.now_unix - 3600;
  state.server.failed_checks = 1;
  step(state, PlaceOrder{});
  OutboxEntry& entry = state.outbox.entries.at(0);
  entry.status = OutboxStatus::NeedsConfirmation;
  entry.changes = {{"ELE-2", "price_changed", {250, Currency::PLN}, {270, Currency::PLN}}};
  entry.new_totals = Totals{{540, Currency::PLN}, {124, Currency::PLN}, {664, Currency::PLN}};
  const std::string key = entry.submission.idempotency_key;
  b2b::client::testing::UiHarness ui(runner, 390, 844, 3.0f, state);
  ui.frame();
  ui.frame();
  const WidgetInfo* banner = ui.registry().find_by_key("offline_banner");
  REQUIRE(banner);
  CHECK(banner->label.find("Offline") == 0);
  CHECK(banner->label.find("Ostatnia synchronizacja:") != std::string::npos);
  const WidgetInfo* change = ui.registry().find_by_key(("outbox_change_" + key + "_ELE-2").c_str());
  REQUIRE(change);
  INFO(change->label);
  CHECK(change->label.find("cena z 2,50") != std::string::npos);  // amounts are followed by a no-break space
  CHECK(change->label.find(" na 2,70") != std::string::npos);
  REQUIRE(ui.registry().find_by_key(("outbox_edit_" + key).c_str()));
  // A retry under way does not hide the strip (the screen would jump under the finger).
  const float confirm_y = ui.registry().find_by_key(("outbox_confirm_" + key).c_str())->rect.y;
  ui.store().dispatch(CheckServer{});
  ui.frame();
  ui.frame();
  CHECK(ui.store().state().server.connection == Connection::Checking);
  CHECK(ui.registry().find_by_key("offline_banner"));
  CHECK(ui.registry().find_by_key(("outbox_confirm_" + key).c_str())->rect.y == confirm_y);
  ui.tap_key(("outbox_confirm_" + key).c_str());
  const OutboxEntry& confirmed = ui.store().state().outbox.entries.at(0);
  CHECK(confirmed.status == OutboxStatus::Waiting);  // offline: sent when the network returns
  CHECK(confirmed.checked);
  CHECK(confirmed.submission.expected_prices.at(0).unit_net.minor == 270);
}

namespace {
// The records the store writes, in order.
struct RecordingRunner : EffectRunner {
  std::vector<StoreRecord> records;
  void run(const Effect& effect) override {
    if (const auto* record = std::get_if<StoreRecord>(&effect)) records.push_back(*record);
  }
};
}  // namespace

TEST_CASE("the store writes the device state after each change, and only then") {
  RecordingRunner runner;
  Store store(runner, kProtocol, offline(signed_in()));
  store.dispatch(Tick{1'795'000'001, 60});
  store.process();
  CHECK(runner.records.empty());  // the clock is not the buyer's work
  store.dispatch(SetLineQuantity{"ELE-2", 7});
  store.process();
  REQUIRE(runner.records.size() == 1);
  CHECK(runner.records[0].name == "state");
  CHECK(decode_device_state(runner.records[0].bytes).value().value.carts[0].lines[0].quantity == 7);
  store.process();
  CHECK(runner.records.size() == 1);
}

TEST_CASE("drafts are written relaxed, what could send an order twice or undo a sign-out strictly") {
  RecordingRunner runner;
  const auto written = [&](Store& store, Action action) {
    const std::size_t before = runner.records.size();
    store.dispatch(std::move(action));
    store.process();
    REQUIRE(runner.records.size() == before + 1);
    CHECK(runner.records.back().name == "state");
    return runner.records.back().durability;
  };

  SUBCASE("offline: cart edits and checkout fields relaxed, the order queued in the outbox strict") {
    Store store(runner, kProtocol, offline(signed_in()));
    CHECK(written(store, SetLineQuantity{"ELE-2", 7}) == Durability::Relaxed);
    CHECK(written(store, SetLineNote{"ELE-2", "od strony bramy"}) == Durability::Relaxed);
    CheckoutFields fields = store.state().checkout.fields;
    fields.po_number = "PO/2026/117";
    CHECK(written(store, SetCheckoutFields{fields}) == Durability::Relaxed);
    CHECK(written(store, PlaceOrder{}) == Durability::Strict);
    REQUIRE(store.state().outbox.entries.size() == 1);
    CHECK(written(store, CreateCart{"Budowa Wola"}) == Durability::Relaxed);
  }
  SUBCASE("signing out strict") {
    Store store(runner, kProtocol, signed_in());
    CHECK(written(store, LogOut{}) == Durability::Strict);
    CHECK_FALSE(decode_device_state(runner.records.back().bytes).value().value.session.has_value());
  }
}
