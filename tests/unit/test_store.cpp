// The store: the pure update function for each action (with backend failures), and the store
// running effects. Responses are made with the real wire format, as a server would send them.
#include <doctest/doctest.h>

#include "b2b/backend/own_protocol.hpp"
#include "b2b/protocol/health.hpp"
#include "b2b/wire/protocol.hpp"
#include "core/store.hpp"
#include "store_effects.hpp"

using namespace b2b;
using namespace b2b::client;
using namespace b2b::client::testing;

namespace {

const backend::OwnProtocol kProtocol;

Product product(std::string sku, std::int64_t pack, std::int64_t minimum) {
  Product p;
  p.sku = std::move(sku);
  p.name = {"Łącznik schodowy " + p.sku, "Two-way switch " + p.sku};
  p.pack_size = pack;
  p.min_order_quantity = minimum;
  p.stock = 100;
  return p;
}

backend::Session session(bool po_required = false) {
  backend::Session s;
  s.token = "tok";
  s.user = {"u-1", "c-1", "kupiec1@budmax.pl", "Łukasz", Role::Buyer, {500000, Currency::PLN}, true};
  s.company.id = "c-1";
  s.company.name = "Budmax";
  s.company.po_number_required = po_required;
  s.company.addresses.push_back({"a-1", "Magazyn", "ul. Robotnicza 72", "53-608", "Wrocław", "PL"});
  return s;
}

HttpResponse failure(int status, Error error) { return {status, {}, wire::encode_error(error)}; }

SendHttp only_send(const Transition& t, HttpPurpose purpose) {
  const std::vector<SendHttp> sent = sends(t);
  REQUIRE(sent.size() == 1);
  REQUIRE(sent[0].purpose == purpose);
  return sent[0];
}

std::vector<HttpPurpose> purposes(const Transition& t) {
  std::vector<HttpPurpose> out;
  for (const SendHttp& send : sends(t)) out.push_back(send.purpose);
  return out;
}

// A signed-in state with one cart holding one product, and that product known.
AppState signed_in(bool po_required = false) {
  AppState state;
  state.session = session(po_required);
  state.screen = Screen::Catalog;
  state.today = {2026, 11, 27};
  state.device_id = "dev";
  state.catalog.results = {product("ELE-1", 12, 24), product("ELE-2", 1, 1)};
  Cart cart{"k-1", "Budowa", "u-1", {}, 3, ""};
  state.carts.carts = {cart};
  state.carts.synced = {cart};
  state.carts.active_cart_id = "k-1";
  state.server.connection = Connection::Online;
  state.checkout.fields.ship_to_address_id = "a-1";
  state.prices = PriceList{"pl-1", "c-1", Currency::PLN, 1, {{"ELE-1", 1000, {}}, {"ELE-2", 250, {}}}};
  return state;
}

}  // namespace

TEST_CASE("AppStarted checks the server; the answer sets the connection") {
  const Transition started = update(AppState{}, AppStarted{}, kProtocol);
  CHECK(started.state.server.connection == Connection::Checking);
  CHECK(only_send(started, HttpPurpose::Health).request.path == "/api/v1/health");
  SUBCASE("healthy") {
    const HttpResponse health{200, {}, protocol::encode_health({"server-mock", protocol::kProtocolVersion})};
    const Transition next = update(started.state, HttpResponded{HttpPurpose::Health, 0, health}, kProtocol);
    CHECK(next.state.server.connection == Connection::Online);
  }
  SUBCASE("no response") {
    const Transition next = update(started.state, HttpResponded{HttpPurpose::Health, 0, {0, {}, ""}}, kProtocol);
    CHECK(next.state.server.connection == Connection::Offline);
    CHECK(next.state.server.problem.kind == ErrorKind::Network);
  }
  SUBCASE("no second check while one is under way") {
    CHECK(update(started.state, CheckServer{}, kProtocol).effects.empty());
  }
}

TEST_CASE("logging in") {
  const Transition sent = update(AppState{}, LogIn{"kupiec1@budmax.pl", "haslo"}, kProtocol);
  CHECK(sent.state.login.busy);
  CHECK(only_send(sent, HttpPurpose::Login).request.path == "/api/v1/auth/login");
  CHECK(update(sent.state, LogIn{"x", "y"}, kProtocol).effects.empty());  // no double submit

  SUBCASE("success opens the catalog and loads prices, carts and the catalog for offline use") {
    const Transition next = update(sent.state, HttpResponded{HttpPurpose::Login, 0, ok(session())}, kProtocol);
    CHECK(next.state.screen == Screen::Catalog);
    CHECK(next.state.session->token == "tok");
    CHECK_FALSE(next.state.login.busy);
    CHECK(next.state.checkout.fields.ship_to_address_id == "a-1");
    CHECK(purposes(next) == std::vector<HttpPurpose>{HttpPurpose::Categories, HttpPurpose::PunchoutSession,
                                                     HttpPurpose::PriceList, HttpPurpose::ListCarts,
                                                     HttpPurpose::CatalogPage});
    const std::vector<backend::Category> categories = {{{"Elektrotechnika"}, 12}, {{"Elektrotechnika", "Osprzęt"}, 5}};
    const Transition browsed = update(next.state, HttpResponded{HttpPurpose::Categories, 0, ok(categories)}, kProtocol);
    REQUIRE(browsed.state.catalog.categories.size() == 2);
    CHECK(browsed.state.catalog.categories[1].path.back() == "Osprzęt");
  }
  SUBCASE("a wrong password is shown and nothing else changes") {
    const Transition next =
        update(sent.state,
               HttpResponded{HttpPurpose::Login, 0, failure(401, {ErrorKind::Auth, "", "wrong e-mail or password"})},
               kProtocol);
    CHECK(next.state.screen == Screen::Login);
    REQUIRE(next.state.login.error);
    CHECK(next.state.login.error->kind == ErrorKind::Auth);
    CHECK_FALSE(next.state.session);
  }
}

TEST_CASE("logging out forgets the session and the company's data but keeps the device's") {
  AppState state = signed_in();
  state.locale = Locale::en;
  state.next_key = 7;
  const Transition next = update(state, LogOut{}, kProtocol);
  CHECK(only_send(next, HttpPurpose::Logout).request.path == "/api/v1/auth/logout");
  CHECK_FALSE(next.state.session);
  CHECK(next.state.carts.carts.empty());
  CHECK_FALSE(next.state.prices);
  CHECK(next.state.screen == Screen::Login);
  CHECK(next.state.locale == Locale::en);
  CHECK(next.state.next_key == 7);  // keys are never reused on this device
}

TEST_CASE("search as you type ignores answers to older queries") {
  AppState state = signed_in();
  const Transition first = update(state, SearchChanged{"lacz"}, kProtocol);
  const Transition second = update(first.state, SearchChanged{"lacznik"}, kProtocol);
  const auto& latest = only_send(second, HttpPurpose::Search);
  CHECK(latest.request.path == "/api/v1/catalog/search?q=lacznik&limit=50");
  const std::vector<Product> old_results = {product("OLD-1", 1, 1)};
  const std::vector<Product> new_results = {product("NEW-1", 1, 1)};
  const Transition stale =
      update(second.state, HttpResponded{HttpPurpose::Search, latest.tag - 1, ok(old_results)}, kProtocol);
  CHECK(stale.state.catalog.searching);
  const Transition fresh =
      update(stale.state, HttpResponded{HttpPurpose::Search, latest.tag, ok(new_results)}, kProtocol);
  CHECK_FALSE(fresh.state.catalog.searching);
  REQUIRE(fresh.state.catalog.results.size() == 1);
  CHECK(fresh.state.catalog.results[0].sku == "NEW-1");

  SUBCASE("a blank query clears the results without asking") {
    const Transition blank = update(fresh.state, SearchChanged{"  "}, kProtocol);
    CHECK(blank.effects.empty());
    CHECK(blank.state.catalog.results.empty());
  }
  SUBCASE("a failed search keeps the old results and says why") {
    const Transition failed = update(fresh.state, SearchChanged{"mlotek"}, kProtocol);
    const auto tag = only_send(failed, HttpPurpose::Search).tag;
    const Transition next = update(failed.state, HttpResponded{HttpPurpose::Search, tag, {0, {}, ""}}, kProtocol);
    REQUIRE(next.state.catalog.error);
    CHECK(next.state.catalog.error->kind == ErrorKind::Network);
    CHECK(next.state.catalog.results.size() == 1);
  }
}

TEST_CASE("adding to a cart rounds to the pack size and minimum and says so") {
  AppState state = signed_in();
  SUBCASE("7 of a product sold by 12 with a minimum of 24 becomes 24") {
    const Transition next = update(state, AddToCart{"ELE-1", 7}, kProtocol);
    REQUIRE(next.state.carts.notice);
    CHECK(next.state.carts.notice->requested == 7);
    CHECK(next.state.carts.notice->added == 24);
    const Cart& cart = next.state.carts.carts[0];
    REQUIRE(cart.lines.size() == 1);
    CHECK(cart.lines[0].quantity == 24);
    const auto& save = only_send(next, HttpPurpose::SaveCart);
    CHECK(save.request.method == "PUT");
    CHECK(header_value(save.request.headers, "If-Match") == "\"3\"");
  }
  SUBCASE("adding the same product again adds to its line") {
    const Transition once = update(state, AddToCart{"ELE-2", 2}, kProtocol);
    const Transition twice = update(once.state, AddToCart{"ELE-2", 3}, kProtocol);
    CHECK(twice.state.carts.carts[0].lines.at(0).quantity == 5);
  }
  SUBCASE("with no cart yet, the first cart is created with the line") {
    state.carts.carts.clear();
    state.carts.active_cart_id.clear();
    const Transition next = update(state, AddToCart{"ELE-2", 1}, kProtocol);
    const auto create = only_send(next, HttpPurpose::CreateCart);
    CHECK(wire::decode_json<Cart>(create.request.body).value().lines.at(0).sku == "ELE-2");
    CHECK(is_local_cart_id(next.state.carts.active_cart_id));  // usable at once, also offline
    Cart created{"k-9", "Koszyk", "u-1", {{"ELE-2", 1, ""}}, 1, ""};
    const Transition saved = update(next.state, answer(create, ok(created, 201)), kProtocol);
    CHECK(saved.state.carts.active_cart_id == "k-9");
    CHECK_FALSE(cart_unsynced(saved.state, saved.state.carts.carts.back()));
  }
  SUBCASE("a non-positive quantity is refused with the reason") {
    const Transition next = update(state, AddToCart{"ELE-2", 0}, kProtocol);
    CHECK(next.effects.empty());
    CHECK(next.state.carts.error);
  }
}

TEST_CASE("quick edits never conflict with each other: one save at a time, the rest follow") {
  AppState state = signed_in();
  const Transition first = update(state, AddToCart{"ELE-2", 1}, kProtocol);
  const SendHttp save = only_send(first, HttpPurpose::SaveCart);
  const Transition second = update(first.state, SetLineQuantity{"ELE-2", 4}, kProtocol);
  CHECK(second.effects.empty());  // waits for the save under way
  Cart saved_v4{"k-1", "Budowa", "u-1", {{"ELE-2", 1, ""}}, 4, ""};
  const Transition answered = update(second.state, answer(save, ok(saved_v4)), kProtocol);
  const auto resend = only_send(answered, HttpPurpose::SaveCart);
  CHECK(header_value(resend.request.headers, "If-Match") == "\"4\"");
  CHECK(wire::decode_json<Cart>(resend.request.body).value().lines.at(0).quantity == 4);

  SUBCASE("a conflict with another device fetches the server's carts to merge them") {
    const Transition conflict =
        update(answered.state, answer(resend, failure(409, {ErrorKind::Conflict, "", "cart changed"})), kProtocol);
    CHECK(purposes(conflict) == std::vector<HttpPurpose>{HttpPurpose::ListCarts});
  }
}

TEST_CASE("saved carts: create, rename, duplicate, delete, switch") {
  AppState state = signed_in();
  const Transition created = update(state, CreateCart{"Hala B"}, kProtocol);
  CHECK(only_send(created, HttpPurpose::CreateCart).request.method == "POST");
  CHECK(created.state.carts.carts.back().name == "Hala B");  // there at once, saved in the background
  const Transition renamed = update(state, RenameCart{"k-1", "Budowa Legnicka"}, kProtocol);
  CHECK(renamed.state.carts.carts[0].name == "Budowa Legnicka");
  only_send(renamed, HttpPurpose::SaveCart);
  const Transition copied = update(state, DuplicateCart{"k-1", "Kopia"}, kProtocol);
  CHECK(wire::decode_json<Cart>(only_send(copied, HttpPurpose::CreateCart).request.body).value().name == "Kopia");
  state.carts.carts.push_back({"k-2", "Hala B", "u-1", {}, 1, ""});
  state.carts.synced.push_back({"k-2", "Hala B", "u-1", {}, 1, ""});
  const Transition switched = update(state, SelectCart{"k-2"}, kProtocol);
  CHECK(switched.state.carts.active_cart_id == "k-2");
  CHECK(update(state, SelectCart{"k-404"}, kProtocol).state.carts.active_cart_id == "k-1");
  const Transition deleted = update(switched.state, DeleteCart{"k-2"}, kProtocol);
  CHECK(deleted.state.carts.active_cart_id == "k-1");
  CHECK(only_send(deleted, HttpPurpose::DeleteCart).request.path == "/api/v1/carts/k-2");
}

TEST_CASE("placing an order") {
  AppState state = signed_in(true);
  state.carts.carts[0].lines = {{"ELE-1", 24, ""}};
  state.carts.known_products = state.catalog.results;

  SUBCASE("a company that requires a PO number refuses without one and keeps the other fields") {
    state.checkout.fields.cost_centre = "BUD-7";
    state.checkout.fields.note = "brama od Legnickiej";
    const Transition next = update(state, PlaceOrder{}, kProtocol);
    CHECK(next.effects.empty());
    REQUIRE(next.state.checkout.problems.size() == 1);
    CHECK(next.state.checkout.problems[0].field == "checkout.po_number");
    CHECK(next.state.checkout.problems[0].code == "required");
    CHECK(next.state.checkout.fields.cost_centre == "BUD-7");
    CHECK(next.state.checkout.fields.note == "brama od Legnickiej");
  }

  state.checkout.fields.po_number = "PO/2026/114";
  const Transition sent = update(state, PlaceOrder{}, kProtocol);
  const auto& submit = only_send(sent, HttpPurpose::SubmitOrder);
  CHECK(header_value(submit.request.headers, "Idempotency-Key") == "dev-1");
  const auto body = wire::decode_json<backend::OrderSubmission>(submit.request.body);
  REQUIRE(body.ok());
  CHECK(body.value().expected_gross_total->minor == 29520);  // 24 x 10.00 zł + 23 % VAT
  CHECK(body.value().checkout.po_number == "PO/2026/114");
  CHECK(sent.state.checkout.submitting);

  SUBCASE("a lost answer moves the order to the outbox, which sends the same request when the server answers") {
    const Transition lost = update(sent.state, answer(submit, {0, {}, "Failed to fetch"}), kProtocol);
    CHECK(lost.state.server.connection == Connection::Offline);
    REQUIRE(lost.state.outbox.entries.size() == 1);
    const OutboxEntry& entry = lost.state.outbox.entries[0];
    CHECK(entry.submission.idempotency_key == "dev-1");
    CHECK(entry.attempts == 1);
    CHECK_FALSE(outbox_entry_editable(entry));  // the server may have it
    CHECK(lost.state.carts.carts[0].lines.empty());
    CHECK(lost.state.screen == Screen::Orders);

    AppState later = lost.state;
    const Transition check = update(later, Tick{later.server.next_check_unix, 60}, kProtocol);
    const SendHttp health = only_send(check, HttpPurpose::Health);
    const Transition back =
        update(check.state, answer(health, {200, {}, R"({"status":"ok","server":"server-mock","protocol_version":1})"}),
               kProtocol);
    CHECK(back.state.server.connection == Connection::Online);
    const SendHttp resent = send_of(back, HttpPurpose::OutboxSubmit);
    CHECK(header_value(resent.request.headers, "Idempotency-Key") == "dev-1");
    CHECK(resent.request.body == submit.request.body);  // the very same request: a replay if it was stored
    Order order;
    order.number = "ZAM/2026/000001";
    const Transition replayed = update(back.state, answer(resent, ok(order, 200)), kProtocol);
    CHECK(replayed.state.outbox.entries[0].status == OutboxStatus::Sent);
    CHECK(replayed.state.outbox.entries[0].order_number == "ZAM/2026/000001");
  }
  SUBCASE("success shows the confirmation, clears the fields but the address, and the next order gets a new key") {
    Order order;
    order.number = "ZAM/2026/000001";
    const Transition placed = update(sent.state, HttpResponded{HttpPurpose::SubmitOrder, 0, ok(order, 201)}, kProtocol);
    CHECK(placed.state.screen == Screen::Confirmation);
    CHECK(placed.state.checkout.placed->number == "ZAM/2026/000001");
    CHECK(placed.state.checkout.fields.po_number.empty());
    CHECK(placed.state.checkout.fields.ship_to_address_id == "a-1");
    CHECK(placed.state.carts.carts[0].lines.empty());
    CHECK(purposes(placed) == std::vector<HttpPurpose>{HttpPurpose::ListCarts});
    AppState again = placed.state;
    again.carts.carts[0].lines = {{"ELE-2", 1, ""}};
    again.checkout.fields.po_number = "PO-2";
    const Transition second = update(again, PlaceOrder{}, kProtocol);
    CHECK(header_value(only_send(second, HttpPurpose::SubmitOrder).request.headers, "Idempotency-Key") == "dev-2");
  }
  SUBCASE("field errors from the server are shown next to their fields") {
    Error refused{ErrorKind::Validation, "", "1 problem", {{"checkout.requested_delivery", "in_the_past", "past"}}};
    const Transition next =
        update(sent.state, HttpResponded{HttpPurpose::SubmitOrder, 0, failure(400, refused)}, kProtocol);
    REQUIRE(next.state.checkout.problems.size() == 1);
    CHECK(next.state.checkout.problems[0].field == "checkout.requested_delivery");
    CHECK(next.state.checkout.fields.po_number == "PO/2026/114");
  }
  SUBCASE("changed prices are shown, prices reloaded, and confirming sends a new request") {
    backend::RepricedOrder repriced{{}, {{"ELE-1", "price_changed", {1000, Currency::PLN}, {1100, Currency::PLN}}}};
    const Transition next =
        update(sent.state, HttpResponded{HttpPurpose::SubmitOrder, 0, ok(repriced, 409)}, kProtocol);
    REQUIRE(next.state.checkout.repriced);
    CHECK(next.state.checkout.repriced->changes.at(0).new_unit_net.minor == 1100);
    CHECK(purposes(next) == std::vector<HttpPurpose>{HttpPurpose::PriceList});
    CHECK(next.state.checkout.idempotency_key.empty());
  }
}

TEST_CASE("Store applies queued actions in process() and hands effects to the runner") {
  struct RecordingRunner : EffectRunner {
    std::vector<Effect> effects;
    void run(const Effect& effect) override { effects.push_back(effect); }
  } runner;
  Store store(runner, kProtocol);
  store.dispatch(AppStarted{});
  CHECK(store.state().server.connection == Connection::Unknown);  // nothing happens until process()
  store.process();
  CHECK(store.state().server.connection == Connection::Checking);
  REQUIRE(runner.effects.size() == 1);
  store.dispatch(SetLocale{Locale::en});
  store.process();
  CHECK(store.state().locale == Locale::en);
}

TEST_CASE("navigation") {
  SUBCASE("without a session only the sign-in screen can be shown") {
    CHECK(update(AppState{}, Navigate{Screen::Carts}, kProtocol).state.screen == Screen::Login);
  }
  SUBCASE("the orders tab loads the latest orders, and their answer fills the list") {
    const Transition opened = update(signed_in(), Navigate{Screen::Orders}, kProtocol);
    CHECK(opened.state.screen == Screen::Orders);
    CHECK(opened.state.orders.loading);
    const auto& list = only_send(opened, HttpPurpose::ListOrders);
    CHECK(list.request.path == "/api/v1/orders");
    Order order;
    order.number = "ZAM/2026/000007";
    const std::vector<Order> orders = {order};
    const Transition loaded =
        update(opened.state, HttpResponded{HttpPurpose::ListOrders, list.tag, ok(orders)}, kProtocol);
    CHECK_FALSE(loaded.state.orders.loading);
    REQUIRE(loaded.state.orders.orders.size() == 1);
    CHECK(loaded.state.orders.orders[0].number == "ZAM/2026/000007");
    const Transition failed = update(
        opened.state, HttpResponded{HttpPurpose::ListOrders, list.tag, failure(503, {ErrorKind::Server, "", "busy"})},
        kProtocol);
    CHECK(failed.state.orders.error->kind == ErrorKind::Server);
    SUBCASE("a status filter asks again, and the answer to the older request is ignored") {
      const Transition filtered =
          update(opened.state, FilterOrders{{OrderStatus::Rejected, std::nullopt, std::nullopt}}, kProtocol);
      const auto& again = only_send(filtered, HttpPurpose::ListOrders);
      CHECK(again.request.path == "/api/v1/orders?status=rejected");
      const Transition stale =
          update(filtered.state, HttpResponded{HttpPurpose::ListOrders, list.tag, ok(orders)}, kProtocol);
      CHECK(stale.state.orders.orders.empty());
      CHECK(stale.state.orders.loading);
    }
    SUBCASE("a date range narrows the list to days placed, both ends inclusive") {
      const Transition ranged =
          update(opened.state, FilterOrders{{std::nullopt, Date{2026, 11, 1}, Date{2026, 11, 27}}}, kProtocol);
      CHECK(only_send(ranged, HttpPurpose::ListOrders).request.path == "/api/v1/orders?from=2026-11-01&to=2026-11-27");
      CHECK(ranged.state.orders.filter.from == Date{2026, 11, 1});
      // The range stays when the screen opens again.
      const Transition reopened = update(ranged.state, Navigate{Screen::Orders}, kProtocol);
      CHECK(only_send(reopened, HttpPurpose::ListOrders).request.path.find("from=2026-11-01") != std::string::npos);
    }
    SUBCASE("details open and close") {
      const Transition open = update(loaded.state, ToggleOrderDetails{"ZAM/2026/000007"}, kProtocol);
      CHECK(open.state.orders.open_number == "ZAM/2026/000007");
      CHECK(update(open.state, ToggleOrderDetails{"ZAM/2026/000007"}, kProtocol).state.orders.open_number.empty());
    }
  }
}

TEST_CASE("line notes, checkout fields and notices") {
  AppState state = signed_in();
  state.carts.carts[0].lines = {{"ELE-2", 3, ""}};
  const Transition noted = update(state, SetLineNote{"ELE-2", "na poniedziałek"}, kProtocol);
  CHECK(noted.state.carts.carts[0].lines[0].note == "na poniedziałek");
  CHECK(wire::decode_json<Cart>(only_send(noted, HttpPurpose::SaveCart).request.body).value().lines[0].note ==
        "na poniedziałek");

  CheckoutFields fields;
  fields.po_number = "PO-9";
  fields.requested_delivery = Date{2026, 12, 3};
  const Transition set = update(state, SetCheckoutFields{fields}, kProtocol);
  CHECK(set.effects.empty());
  CHECK(set.state.checkout.fields.po_number == "PO-9");
  CHECK(*set.state.checkout.fields.requested_delivery == Date{2026, 12, 3});

  const Transition added = update(state, AddToCart{"ELE-1", 1}, kProtocol);
  REQUIRE(added.state.carts.notice);
  CHECK_FALSE(update(added.state, DismissNotice{}, kProtocol).state.carts.notice);
}

TEST_CASE("approvals: the inbox loads when opened, a decision removes the order from it") {
  AppState state = signed_in();
  state.session->user.role = Role::Approver;
  const Transition opened = update(state, Navigate{Screen::Approvals}, kProtocol);
  CHECK(only_send(opened, HttpPurpose::ListApprovals).request.path == "/api/v1/approvals");
  Order pending;
  pending.number = "ZAM/2026/000003";
  pending.status = OrderStatus::PendingApproval;
  const std::vector<backend::PendingApproval> inbox = {
      {pending, "Jan Kupiec", "kupiec1@budmax.pl", Money{500000, Currency::PLN}, Money{12300, Currency::PLN}}};
  const Transition loaded = update(opened.state, HttpResponded{HttpPurpose::ListApprovals, 0, ok(inbox)}, kProtocol);
  REQUIRE(loaded.state.approvals.pending.size() == 1);

  const Transition deciding = update(loaded.state, DecideApproval{pending.number, false, "Za drogo"}, kProtocol);
  const auto body =
      wire::decode_json<backend::ApprovalDecision>(only_send(deciding, HttpPurpose::DecideApproval).request.body);
  CHECK_FALSE(body.value().approve);
  CHECK(body.value().comment == "Za drogo");
  CHECK(update(deciding.state, DecideApproval{pending.number, true, ""}, kProtocol).effects.empty());  // one at a time

  SUBCASE("accepted: gone from the inbox") {
    Order decided = pending;
    decided.status = OrderStatus::Rejected;
    const Transition done =
        update(deciding.state, HttpResponded{HttpPurpose::DecideApproval, 0, ok(decided)}, kProtocol);
    CHECK(done.state.approvals.pending.empty());
    CHECK(done.state.approvals.deciding.empty());
  }
  SUBCASE("refused (no comment): stays, with the reason") {
    Error refused{ErrorKind::Validation, "comment", "say why", {{"comment", "required", "say why"}}};
    const Transition done =
        update(deciding.state, HttpResponded{HttpPurpose::DecideApproval, 0, failure(400, refused)}, kProtocol);
    CHECK(done.state.approvals.pending.size() == 1);
    CHECK(done.state.approvals.error->kind == ErrorKind::Validation);
  }
  SUBCASE("decided by someone else meanwhile: gone from the inbox, with the server's message") {
    Error taken{ErrorKind::Conflict, "", "the order is approved, not pending approval", {}};
    const Transition done =
        update(deciding.state, HttpResponded{HttpPurpose::DecideApproval, 0, failure(409, taken)}, kProtocol);
    CHECK(done.state.approvals.pending.empty());
    CHECK(done.state.approvals.error->message == "the order is approved, not pending approval");
  }
  SUBCASE("no answer: stays, to decide again") {
    const Transition done =
        update(deciding.state, HttpResponded{HttpPurpose::DecideApproval, 0, HttpResponse{0, {}, "Failed to fetch"}},
               kProtocol);
    CHECK(done.state.approvals.pending.size() == 1);
    CHECK(done.state.approvals.error.has_value());
  }
}

TEST_CASE("users: an admin's list, changes and invitations") {
  AppState state = signed_in();
  state.session->user.role = Role::Admin;
  const Transition opened = update(state, Navigate{Screen::Users}, kProtocol);
  CHECK(only_send(opened, HttpPurpose::ListUsers).request.path == "/api/v1/users");
  User buyer{"u-2", "c-1", "kupiec2@budmax.pl", "Katarzyna", Role::Buyer, {2000000, Currency::PLN}, true};
  const std::vector<User> users = {buyer};
  const Transition loaded = update(opened.state, HttpResponded{HttpPurpose::ListUsers, 0, ok(users)}, kProtocol);
  REQUIRE(loaded.state.users.users.size() == 1);

  backend::UserChange change;
  change.user_id = "u-2";
  change.spending_limit = Money{5000000, Currency::PLN};
  const Transition changing = update(loaded.state, ChangeUser{change}, kProtocol);
  CHECK(only_send(changing, HttpPurpose::SaveUser).request.method == "PATCH");
  buyer.spending_limit.minor = 5000000;
  const Transition saved = update(changing.state, HttpResponded{HttpPurpose::SaveUser, 0, ok(buyer)}, kProtocol);
  CHECK(saved.state.users.users[0].spending_limit.minor == 5000000);

  const Transition inviting =
      update(saved.state, InviteUser{{"nowy@budmax.pl", "Nowy", Role::Buyer, {100000, Currency::PLN}}}, kProtocol);
  CHECK(only_send(inviting, HttpPurpose::SaveUser).request.method == "POST");
  User invited{"u-9", "c-1", "nowy@budmax.pl", "Nowy", Role::Buyer, {100000, Currency::PLN}, true};
  const Transition added = update(inviting.state, HttpResponded{HttpPurpose::SaveUser, 0, ok(invited, 201)}, kProtocol);
  CHECK(added.state.users.users.size() == 2);
}

TEST_CASE("quick order: codes are looked up, lines checked and the good ones added to the active cart") {
  AppState state = signed_in();
  state.carts.carts[0].lines = {{"ELE-2", 3, ""}};
  state.screen = Screen::QuickOrder;
  const Transition asked = update(state, CheckQuickOrder{"ELE-2 2\nele-1 5\nNIE-MA 1\nELE-1 abc"}, kProtocol);
  const SendHttp lookup = send_of(asked, HttpPurpose::ImportLookup);
  CHECK(lookup.request.path == "/api/v1/catalog/lookup");
  CHECK(send_of(asked, HttpPurpose::ImportPrices).tag == lookup.tag);  // today's prices, not the sign-in's
  const AppState priced =
      update(asked.state, HttpResponded{HttpPurpose::ImportPrices, lookup.tag, ok(*asked.state.prices)}, kProtocol)
          .state;
  CHECK(wire::decode_json<backend::ProductLookup>(lookup.request.body).value().codes ==
        std::vector<std::string>{"ELE-2", "ele-1", "NIE-MA"});
  CHECK(asked.state.import.checking);
  CHECK(update(asked.state, CheckQuickOrder{"ELE-2 1"}, kProtocol).effects.empty());  // one check at a time

  const std::vector<Product> found = {product("ELE-2", 1, 1), product("ELE-1", 12, 24)};
  const Transition checked = update(priced, HttpResponded{HttpPurpose::ImportLookup, lookup.tag, ok(found)}, kProtocol);
  const auto& report = checked.state.import.report;
  REQUIRE(report.size() == 4);
  CHECK(report[0].outcome == LineOutcome::Added);
  CHECK(report[1].outcome == LineOutcome::Adjusted);  // 5 raised to the minimum of 24
  CHECK(report[1].quantity == 24);
  CHECK(report[2].reason == LineReason::UnknownCode);
  CHECK(report[3].reason == LineReason::BadQuantity);
  const auto saved = wire::decode_json<Cart>(only_send(checked, HttpPurpose::SaveCart).request.body).value();
  REQUIRE(saved.lines.size() == 2);
  CHECK(saved.lines[0].quantity == 5);  // 3 already there plus 2
  CHECK(saved.lines[1].sku == "ELE-1");
  CHECK(saved.lines[1].quantity == 24);
  CHECK_FALSE(checked.state.import.checking);

  SUBCASE("the lookup failing keeps nothing half-added and says why") {
    const Transition failed = update(
        asked.state,
        HttpResponded{HttpPurpose::ImportLookup, lookup.tag, failure(503, {ErrorKind::Server, "", "busy"})}, kProtocol);
    CHECK(failed.effects.empty());
    CHECK(failed.state.import.error->kind == ErrorKind::Server);
    CHECK(failed.state.import.requested.size() == 4);
    CHECK(failed.state.carts.carts[0].lines.size() == 1);
  }
  SUBCASE("an answer to an earlier paste is ignored") {
    AppState later = asked.state;
    later.import.checking = false;
    const Transition again = update(later, CheckQuickOrder{"ELE-2 9"}, kProtocol);
    const Transition stale =
        update(again.state, HttpResponded{HttpPurpose::ImportLookup, lookup.tag, ok(found)}, kProtocol);
    CHECK(stale.effects.empty());
    CHECK(stale.state.import.report.empty());
  }
  SUBCASE("with no cart yet, the lines make one") {
    AppState empty = priced;
    empty.carts.carts.clear();
    empty.carts.active_cart_id.clear();
    const Transition made = update(empty, HttpResponded{HttpPurpose::ImportLookup, lookup.tag, ok(found)}, kProtocol);
    CHECK(wire::decode_json<Cart>(only_send(made, HttpPurpose::CreateCart).request.body).value().lines.size() == 2);
  }
}

TEST_CASE("quick order: empty or wholly unreadable text is answered without the server") {
  const Transition blank = update(signed_in(), CheckQuickOrder{"  \n\n"}, kProtocol);
  CHECK(blank.effects.empty());
  CHECK(blank.state.import.error->field == "text");
  const Transition unreadable = update(signed_in(), CheckQuickOrder{"ELE-1 zero\n;;"}, kProtocol);
  CHECK(unreadable.effects.empty());
  REQUIRE(unreadable.state.import.report.size() == 2);
  CHECK(unreadable.state.import.report[0].outcome == LineOutcome::Rejected);
}

TEST_CASE("reorder: an old order's lines go into a new cart at today's prices, with what changed or is gone") {
  AppState state = signed_in();
  Order old;
  old.number = "ZAM/2026/000004";
  old.lines.push_back({"ELE-2", 4, {200, Currency::PLN}, {}, VatRate::Standard23, {}, {}, ""});
  old.lines.push_back({"GONE-1", 1, {900, Currency::PLN}, {}, VatRate::Standard23, {}, {}, ""});
  state.orders.orders = {old};
  state.screen = Screen::Orders;
  CHECK(update(state, Reorder{"ZAM/2026/999999"}, kProtocol).effects.empty());  // not in the list

  const Transition asked = update(state, Reorder{old.number}, kProtocol);
  CHECK(asked.state.screen == Screen::QuickOrder);
  CHECK(asked.state.import.reorder_of == old.number);
  const SendHttp lookup = send_of(asked, HttpPurpose::ImportLookup);
  PriceList today = *asked.state.prices;
  today.entries[1].unit_net_minor = 260;  // ELE-2 went up since sign-in
  const AppState priced =
      update(asked.state, HttpResponded{HttpPurpose::ImportPrices, lookup.tag, ok(today)}, kProtocol).state;
  Product gone = product("GONE-1", 1, 1);
  gone.active = false;
  const std::vector<Product> found = {product("ELE-2", 1, 1), gone};
  const Transition checked = update(priced, HttpResponded{HttpPurpose::ImportLookup, lookup.tag, ok(found)}, kProtocol);
  const auto& report = checked.state.import.report;
  REQUIRE(report.size() == 2);
  CHECK(report[0].outcome == LineOutcome::Added);
  CHECK(report[0].price_changed);  // 2,00 then, 2,60 in today's price list
  CHECK(report[0].unit_net->minor == 260);
  CHECK(report[1].reason == LineReason::Unavailable);
  const auto created = wire::decode_json<Cart>(only_send(checked, HttpPurpose::CreateCart).request.body).value();
  CHECK(created.name == "Ponowienie ZAM/2026/000004");
  REQUIRE(created.lines.size() == 1);
  CHECK(created.lines[0].sku == "ELE-2");
  CHECK(checked.state.carts.carts[0].lines.empty());  // the active cart is left alone
}

TEST_CASE("requests for quote: asked from the active cart, listed when opened, accepted into an order") {
  AppState state = signed_in(true);  // the company requires a PO number
  state.carts.carts[0].lines = {{"ELE-2", 500, ""}};

  const Transition asked = update(state, RequestQuote{"500 szt., dostawa na budowę"}, kProtocol);
  const auto& request = only_send(asked, HttpPurpose::RequestQuote);
  CHECK(request.request.path == "/api/v1/quotes");
  const auto body = wire::decode_json<backend::QuoteRequest>(request.request.body).value();
  CHECK(body.cart_id == "k-1");
  CHECK(body.lines[0].quantity == 500);
  CHECK(body.note == "500 szt., dostawa na budowę");
  CHECK(update(asked.state, RequestQuote{""}, kProtocol).effects.empty());  // one request at a time

  Quote quote;
  quote.number = "ZAP/2026/000001";
  quote.lines = {{"ELE-2", 500, "", std::nullopt}};
  const Transition sent = update(asked.state, HttpResponded{HttpPurpose::RequestQuote, 0, ok(quote, 201)}, kProtocol);
  CHECK(sent.state.screen == Screen::Quotes);
  REQUIRE(sent.state.quotes.quotes.size() == 1);
  CHECK_FALSE(sent.state.quotes.requesting);

  SUBCASE("asked again: the same key for the same request, another for anything else; listed once") {
    const std::string key = header_value(request.request.headers, "Idempotency-Key");
    CHECK(key.rfind("rfq-", 0) == 0);
    const auto key_of = [&](const AppState& from, const std::string& note) {
      const Transition again = update(from, RequestQuote{note}, kProtocol);
      return header_value(only_send(again, HttpPurpose::RequestQuote).request.headers, "Idempotency-Key");
    };
    CHECK(key_of(sent.state, "500 szt., dostawa na budowę") == key);
    CHECK(key_of(sent.state, "500 szt.") != key);
    AppState more = sent.state;
    more.carts.carts[0].lines[0].quantity = 600;
    CHECK(key_of(more, "500 szt., dostawa na budowę") != key);
    const Transition asked_again = update(sent.state, RequestQuote{"500 szt., dostawa na budowę"}, kProtocol);
    const Transition replayed =
        update(asked_again.state, HttpResponded{HttpPurpose::RequestQuote, 0, ok(quote, 200)}, kProtocol);
    CHECK(replayed.state.quotes.quotes.size() == 1);
  }
  SUBCASE("an empty cart is not sent") {
    AppState empty = state;
    empty.carts.carts[0].lines.clear();
    const Transition refused = update(empty, RequestQuote{""}, kProtocol);
    CHECK(refused.effects.empty());
    CHECK(refused.state.quotes.problems[0].field == "lines");
  }
  SUBCASE("the list loads when the screen opens") {
    const Transition opened = update(state, Navigate{Screen::Quotes}, kProtocol);
    CHECK(only_send(opened, HttpPurpose::ListQuotes).request.path == "/api/v1/quotes");
    const std::vector<Quote> listed = {quote};
    CHECK(update(opened.state, HttpResponded{HttpPurpose::ListQuotes, 0, ok(listed)}, kProtocol)
              .state.quotes.quotes.size() == 1);
  }
  SUBCASE("accepting needs the checkout fields, keeps its key for retries, and ends on the confirmation") {
    AppState answered = sent.state;
    answered.quotes.quotes[0].status = QuoteStatus::Answered;
    answered.quotes.quotes[0].lines[0].quoted_unit_net = Money{210, Currency::PLN};
    const Transition no_po = update(answered, AcceptQuote{quote.number}, kProtocol);
    CHECK(no_po.effects.empty());
    CHECK(no_po.state.quotes.problems[0].field == "checkout.po_number");

    answered.checkout.fields.po_number = "PO/77";
    const Transition accepting = update(answered, AcceptQuote{quote.number}, kProtocol);
    const auto& accept = only_send(accepting, HttpPurpose::AcceptQuote);
    CHECK(accept.request.path == "/api/v1/quotes/ZAP%2F2026%2F000001/accept");
    const std::string key = accepting.state.quotes.idempotency_key;
    CHECK(header_value(accept.request.headers, "Idempotency-Key") == key);

    const Transition lost = update(accepting.state, HttpResponded{HttpPurpose::AcceptQuote, 0, {0, {}, ""}}, kProtocol);
    CHECK(lost.state.quotes.error->kind == ErrorKind::Network);
    const Transition retried = update(lost.state, AcceptQuote{quote.number}, kProtocol);
    CHECK(header_value(only_send(retried, HttpPurpose::AcceptQuote).request.headers, "Idempotency-Key") == key);

    Order order;
    order.number = "ZAM/2026/000031";
    const Transition placed =
        update(retried.state, HttpResponded{HttpPurpose::AcceptQuote, 0, ok(order, 201)}, kProtocol);
    CHECK(placed.state.screen == Screen::Confirmation);
    CHECK(placed.state.checkout.placed->number == order.number);
    CHECK(placed.state.quotes.quotes[0].status == QuoteStatus::Accepted);
    CHECK(placed.state.quotes.quotes[0].order_number == order.number);
    CHECK(placed.state.quotes.idempotency_key.empty());

    SUBCASE("an expired quote is refused with the reason, and the next try is a new request") {
      const Error expired{ErrorKind::Conflict,
                          "valid_until",
                          "the quote expired on 2026-11-20",
                          {{"valid_until", "quote_expired", "the quote expired on 2026-11-20"}}};
      const Transition refused =
          update(accepting.state, HttpResponded{HttpPurpose::AcceptQuote, 0, failure(409, expired)}, kProtocol);
      CHECK(refused.state.quotes.problems[0].code == "quote_expired");
      CHECK(refused.state.quotes.idempotency_key.empty());
      CHECK(refused.state.screen == Screen::Quotes);
    }
  }
}
