// Embedding in a partner portal and punchout: the message protocol's checks and envelopes, and what the
// store does with a portal's messages and tells it back (docs/embedding.md).
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "b2b/backend/own_protocol.hpp"
#include "b2b/embed.hpp"
#include "b2b/wire/protocol.hpp"
#include "core/store.hpp"
#include "store_effects.hpp"

using namespace b2b;
using namespace b2b::client;
using namespace b2b::client::testing;

namespace {

const backend::OwnProtocol kProtocol;

std::string host(const std::string& type, const std::string& data, const std::string& extra = "") {
  return R"({"protocol":"b2b-embed","version":1,"type":")" + type + R"(","data":)" + data + extra + "}";
}

rapidjson::Document json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

// The messages posted to the portal in a transition, parsed.
std::vector<rapidjson::Document> posted(const Transition& t) {
  std::vector<rapidjson::Document> out;
  for (const Effect& e : t.effects)
    if (const auto* post = std::get_if<PostToHost>(&e)) out.push_back(json(post->json));
  return out;
}

std::vector<std::string> posted_types(const Transition& t) {
  std::vector<std::string> types;
  for (const auto& message : posted(t)) {
    std::string type = message["type"].GetString();
    if (type == "touchpoint") type += std::string(":") + message["data"]["kind"].GetString();
    types.push_back(type);
  }
  return types;
}

const rapidjson::Value& data_of(const std::vector<rapidjson::Document>& messages, const std::string& type) {
  for (const auto& message : messages)
    if (message["type"].GetString() == type) return message["data"];
  FAIL("no message of type " << type);
  static const rapidjson::Value none;
  return none;
}

backend::Session session() {
  backend::Session s;
  s.token = "tok";
  s.user = {"u-1", "c-1", "kupiec1@budmax.pl", "Łukasz", Role::Buyer, {500000, Currency::PLN}, true};
  s.company.id = "c-1";
  s.company.name = "Budmax";
  return s;
}

Product product(std::string sku, std::int64_t pack) {
  Product p;
  p.sku = std::move(sku);
  p.name = {"Łącznik " + p.sku, "Switch " + p.sku};
  p.pack_size = pack;
  p.stock = 100;
  return p;
}

// Signed in, embedded by a portal, one synced empty cart, prices known.
AppState embedded() {
  AppState state;
  state.session = session();
  state.screen = Screen::Catalog;
  state.device_id = "dev";
  state.now_unix = 1'800'000'000;
  state.catalog.results = {product("ELE-1", 12), product("ELE-2", 1)};
  Cart cart{"k-1", "Budowa", "u-1", {}, 3, ""};
  state.carts.carts = {cart};
  state.carts.synced = {cart};
  state.carts.active_cart_id = "k-1";
  state.server.connection = Connection::Online;
  state.prices = PriceList{"pl-1", "c-1", Currency::PLN, 1, {{"ELE-1", 1000, {}}, {"ELE-2", 250, {}}}};
  return update(state, HostConnected{embed::StorageKind::Partitioned}, kProtocol).state;
}

}  // namespace

TEST_CASE("host messages: what is not ours is ignored without an answer") {
  for (const char* text : {"", "not json", "[1,2]", "{}", R"({"protocol":"other","type":"init"})",
                           R"({"protocol":1,"version":1,"type":"init"})"}) {
    CAPTURE(text);
    CHECK(embed::parse_host_message(text).kind == embed::Parsed::Kind::Ignored);
  }
}

TEST_CASE("host messages: another protocol version is answered with the versions this client speaks") {
  const auto parsed = embed::parse_host_message(R"({"protocol":"b2b-embed","version":2,"id":"m7","type":"init"})");
  REQUIRE(parsed.kind == embed::Parsed::Kind::Rejected);
  const auto reply = json(parsed.reply);
  CHECK(std::string(reply["type"].GetString()) == "error");
  CHECK(std::string(reply["data"]["code"].GetString()) == "unsupported_version");
  CHECK(reply["data"]["supported"][0].GetInt() == 1);
  CHECK(std::string(reply["data"]["reply_to"].GetString()) == "m7");
}

TEST_CASE("host messages: a bad message is rejected with the field and the problem") {
  struct Case {
    std::string message;
    std::string says;
  };
  const Case cases[] = {
      {host("dance", "{}"), "type: unknown message type \"dance\""},
      {host("init", R"({"locale":"de"})"), "data.locale: must be \"pl\" or \"en\""},
      {host("init", R"({"theme":{"accent":"red"}})"), "data.theme.accent: must be a colour"},
      {host("init", R"({"auth":{}})"), "data.auth.start_token: is missing"},
      {host("init", R"({"cart":{"lines":[{"sku":"A","quantity":0}]}})"), "data.cart.lines[0].quantity: must be from 1"},
      {host("prefill_cart", R"({"lines":[{"sku":"A","quantity":1.5}]})"), "data.lines[0].quantity: expected a whole"},
      {host("prefill_cart", R"({"lines":[]})"), "data.lines: is empty"},
      {host("prefill_cart", R"({"lines":[{"quantity":1}]})"), "data.lines[0].sku: is missing"},
      {host("open_product", R"({"sku":")" + std::string(65, 'X') + R"("})"), "data.sku: longer than 64 characters"},
      {host("open_product", R"({"sku":""})"), "data.sku: is empty"},
      {host("set_locale", "{}"), "data.locale: is missing"},
      {host("init", "[]"), "data: expected an object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    const auto parsed = embed::parse_host_message(c.message);
    REQUIRE(parsed.kind == embed::Parsed::Kind::Rejected);
    const auto reply = json(parsed.reply);
    CHECK(std::string(reply["data"]["code"].GetString()) == "bad_message");
    CHECK(std::string(reply["data"]["message"].GetString()).rfind(c.says, 0) == 0);
  }
  SUBCASE("more lines than a prefill may have") {
    std::string lines;
    for (int i = 0; i <= 500; ++i) lines += std::string(i ? "," : "") + R"({"sku":"A","quantity":1})";
    const auto parsed = embed::parse_host_message(host("prefill_cart", R"({"lines":[)" + lines + "]}"));
    REQUIRE(parsed.kind == embed::Parsed::Kind::Rejected);
    CHECK(parsed.reply.find("more than 500 lines") != std::string::npos);
  }
}

TEST_CASE("host messages: init carries locale, theme, start token, category and a cart") {
  const auto parsed = embed::parse_host_message(host(
      "init",
      R"({"locale":"en","theme":{"mode":"dark","accent":"#1A6b3c"},"auth":{"start_token":"t-1"},)"
      R"("catalog":{"category":"Elektrotechnika"},"cart":{"name":"Budowa Ołtaszyn","lines":[{"sku":"ELE-1","quantity":24}]}})",
      R"(,"id":"init-1","unknown":true)"));
  REQUIRE(parsed.kind == embed::Parsed::Kind::Accepted);
  CHECK(parsed.message->id == "init-1");
  const auto& init = std::get<embed::Init>(parsed.message->command);
  CHECK(init.locale == Locale::en);
  CHECK(init.theme->dark == true);
  CHECK(init.theme->accent == 0x1A6B3Cu);
  CHECK(init.start_token == "t-1");
  CHECK(init.category == "Elektrotechnika");
  REQUIRE(init.cart);
  CHECK(init.cart->name == "Budowa Ołtaszyn");
  REQUIRE(init.cart->lines.size() == 1);
  CHECK(init.cart->lines[0].sku == "ELE-1");
  CHECK(init.cart->lines[0].quantity == 24);
}

TEST_CASE("origins are allowed only when they match exactly") {
  const std::vector<std::string> allowed = {"http://localhost:8081", "https://portal.example.pl"};
  CHECK(embed::origin_allowed("http://localhost:8081", allowed));
  CHECK(embed::origin_allowed("https://portal.example.pl", allowed));
  for (const char* origin : {"http://localhost:80811", "http://localhost:8081/", "https://localhost:8081",
                             "http://localhost", "https://portal.example.pl.evil.test", "null", ""}) {
    CAPTURE(origin);
    CHECK_FALSE(embed::origin_allowed(origin, allowed));
  }
}

TEST_CASE("client envelopes escape what they carry") {
  Cart cart{"k-1", "Budowa \"Ołtaszyn\" </script>", "u-1", {{"ELE-1", 24, ""}}, 3, ""};
  const auto message = json(embed::cart_changed_message(cart, Totals{{2000}, {460}, {2460}}));
  CHECK(std::string(message["protocol"].GetString()) == "b2b-embed");
  CHECK(message["version"].GetInt() == 1);
  CHECK(std::string(message["data"]["name"].GetString()) == cart.name);
  CHECK(message["data"]["totals"]["gross_minor"].GetInt64() == 2460);
  CHECK_FALSE(json(embed::cart_changed_message(cart, std::nullopt))["data"].HasMember("totals"));
}

TEST_CASE("the store talks to a portal only once the page says one embeds it") {
  AppState state;
  state.session = session();
  const Transition alone = update(state, HostPosted{host("set_locale", R"({"locale":"en"})")}, kProtocol);
  CHECK(alone.effects.empty());
  CHECK(alone.state.locale == Locale::pl);

  const Transition connected = update(state, HostConnected{embed::StorageKind::Unavailable}, kProtocol);
  REQUIRE(posted_types(connected) == std::vector<std::string>{"ready"});
  CHECK(std::string(posted(connected)[0]["data"]["embedded_storage"].GetString()) == "unavailable");
  const Transition english = update(connected.state, HostPosted{host("set_locale", R"({"locale":"en"})")}, kProtocol);
  CHECK(english.state.locale == Locale::en);
  CHECK(english.effects.empty());

  SUBCASE("a bad message gets an error naming the problem, and nothing changes") {
    const Transition bad =
        update(english.state, HostPosted{host("set_locale", R"({"locale":"fr"})", R"(,"id":"x")")}, kProtocol);
    CHECK(bad.state.locale == Locale::en);
    const auto messages = posted(bad);
    REQUIRE(messages.size() == 1);
    CHECK(std::string(data_of(messages, "error")["reply_to"].GetString()) == "x");
  }
}

TEST_CASE("init with a start token signs in; a used token is reported to the portal") {
  AppState state;
  state.device_id = "dev";
  state = update(state, HostConnected{embed::StorageKind::Available}, kProtocol).state;
  const Transition init =
      update(state,
             HostPosted{host("init",
                             R"({"locale":"en","auth":{"start_token":"t-1"},"catalog":{"category":"Elektrotechnika"}})",
                             R"(,"id":"i1")")},
             kProtocol);
  CHECK(init.state.locale == Locale::en);
  CHECK(init.state.catalog.category == "Elektrotechnika");
  CHECK(init.state.login.busy);
  const auto messages = posted(init);
  CHECK(std::string(data_of(messages, "initialized")["reply_to"].GetString()) == "i1");
  CHECK_FALSE(data_of(messages, "initialized")["signed_in"].GetBool());  // not until the token is redeemed
  const SendHttp start = send_of(init, HttpPurpose::StartSession);
  CHECK(start.request.path == "/api/v1/auth/start");
  CHECK(start.request.body.find("t-1") != std::string::npos);

  SUBCASE("the session is told to the portal, and whether it is a punchout session is asked") {
    const Transition in = update(init.state, HttpResponded{HttpPurpose::StartSession, 0, ok(session())}, kProtocol);
    CHECK(in.state.session);
    const auto told = posted(in);
    CHECK(data_of(told, "session")["signed_in"].GetBool());
    CHECK(std::string(data_of(told, "session")["company"].GetString()) == "Budmax");
    CHECK(send_of(in, HttpPurpose::PunchoutSession).request.path == "/api/v1/punchout/session");
    CHECK(send_of(in, HttpPurpose::Categories).request.method == "GET");
    SUBCASE("searches stay in the portal's category") {
      const Transition search = update(in.state, SearchChanged{"kabel"}, kProtocol);
      CHECK(send_of(search, HttpPurpose::Search).request.path.find("category=Elektrotechnika") != std::string::npos);
    }
  }
  SUBCASE("a used or expired token") {
    const HttpResponse refused{401, {}, wire::encode_error(Error{ErrorKind::Auth, "", "start token is not valid"})};
    const Transition out = update(init.state, HttpResponded{HttpPurpose::StartSession, 0, refused}, kProtocol);
    CHECK_FALSE(out.state.session);
    CHECK(out.state.login.error);
    CHECK_FALSE(out.state.login.busy);
    const auto messages = posted(out);
    const auto& error = data_of(messages, "error");
    CHECK(std::string(error["code"].GetString()) == "start_token_invalid");
    CHECK(std::string(error["reply_to"].GetString()) == "i1");
  }
}

TEST_CASE("the portal hears of cart changes, touchpoints and placed orders, each once") {
  const AppState state = embedded();
  const Transition added = update(state, AddToCart{"ELE-1", 5}, kProtocol);
  CHECK(posted_types(added) == std::vector<std::string>{"cart_changed", "touchpoint:add_to_cart"});
  const auto messages = posted(added);
  const auto& cart = data_of(messages, "cart_changed");
  CHECK(std::string(cart["cart_id"].GetString()) == "k-1");
  CHECK(cart["lines"][0]["quantity"].GetInt64() == 12);  // rounded up to the pack
  CHECK(cart["totals"]["net_minor"].GetInt64() == 12000);
  CHECK(cart["totals"]["gross_minor"].GetInt64() == 14760);
  CHECK(data_of(messages, "touchpoint")["quantity"].GetInt64() == 12);

  SUBCASE("viewing a product") {
    const Transition viewed = update(added.state, ShowProduct{"ELE-2"}, kProtocol);
    CHECK(posted_types(viewed) == std::vector<std::string>{"touchpoint:view_product"});
    CHECK(posted(update(viewed.state, ShowProduct{"ELE-2"}, kProtocol)).empty());  // the same one again
  }
  SUBCASE("a search, when its answer comes") {
    const Transition typed = update(added.state, SearchChanged{"łącznik"}, kProtocol);
    CHECK(posted(typed).empty());
    const SendHttp search = send_of(typed, HttpPurpose::Search);
    const Transition answered =
        update(typed.state, HttpResponded{search.purpose, search.tag, ok(std::vector<Product>{product("ELE-2", 1)})},
               kProtocol);
    const auto touch = posted(answered);
    REQUIRE(touch.size() == 1);
    CHECK(std::string(touch[0]["data"]["query"].GetString()) == "łącznik");
    CHECK(touch[0]["data"]["results"].GetInt() == 1);
  }
  SUBCASE("an order") {
    AppState placing = added.state;
    Order order;
    order.number = "ZAM/2026/000042";
    order.status = OrderStatus::Placed;
    order.checkout.po_number = "PO-77";
    order.totals = {{12000}, {2760}, {14760}};
    order.lines.resize(1);
    placing.checkout.placed = order;
    const Transition placed = update(placing, DismissNotice{}, kProtocol);
    CHECK(posted_types(placed) == std::vector<std::string>{"order_placed", "touchpoint:order"});
    const auto told = posted(placed);
    CHECK(std::string(data_of(told, "order_placed")["po_number"].GetString()) == "PO-77");
    CHECK(data_of(told, "order_placed")["totals"]["gross_minor"].GetInt64() == 14760);
    CHECK(posted(update(placed.state, DismissNotice{}, kProtocol)).empty());  // once
  }
}

TEST_CASE("a portal's cart prefill is checked like quick order and reported line by line") {
  const AppState state = embedded();
  const Transition asked = update(
      state,
      HostPosted{host("prefill_cart",
                      R"({"name":"Z portalu","lines":[{"sku":"ELE-1","quantity":5},{"sku":"NOPE-1","quantity":2}]})",
                      R"(,"id":"p1")")},
      kProtocol);
  CHECK(asked.state.import.checking);
  const SendHttp lookup = send_of(asked, HttpPurpose::ImportLookup);
  const SendHttp prices = send_of(asked, HttpPurpose::ImportPrices);
  const Transition found =
      update(asked.state, HttpResponded{lookup.purpose, lookup.tag, ok(std::vector<Product>{product("ELE-1", 12)})},
             kProtocol);
  CHECK(posted(found).empty());  // the prices are still awaited
  const Transition done = update(found.state, HttpResponded{prices.purpose, prices.tag, ok(*state.prices)}, kProtocol);
  const Cart* cart = active_cart(done.state);
  REQUIRE(cart);
  CHECK(cart->name == "Z portalu");
  REQUIRE(cart->lines.size() == 1);
  CHECK(cart->lines[0].quantity == 12);
  const auto told = posted(done);
  const auto& report = data_of(told, "prefill_report");
  CHECK(std::string(report["reply_to"].GetString()) == "p1");
  REQUIRE(report["lines"].Size() == 2);
  CHECK(std::string(report["lines"][0]["status"].GetString()) == "adjusted");
  CHECK(std::string(report["lines"][0]["reason"].GetString()) == "rounded_to_pack");
  CHECK(report["lines"][0]["added"].GetInt64() == 12);
  CHECK(std::string(report["lines"][1]["status"].GetString()) == "rejected");
  CHECK(std::string(report["lines"][1]["reason"].GetString()) == "unknown_code");
  CHECK(std::string(data_of(told, "cart_changed")["name"].GetString()) == "Z portalu");
}

TEST_CASE("a portal's prefill and product wait for the sign-in") {
  AppState state;
  state.device_id = "dev";
  state = update(state, HostConnected{embed::StorageKind::Available}, kProtocol).state;
  const Transition early =
      update(state, HostPosted{host("init", R"({"cart":{"lines":[{"sku":"ELE-1","quantity":1}]}})")}, kProtocol);
  const Transition open = update(early.state, HostPosted{host("open_product", R"({"sku":"ELE-2"})")}, kProtocol);
  CHECK(sends(open).empty());
  CHECK(open.state.embed.prefill);
  const Transition in = update(open.state, HttpResponded{HttpPurpose::Login, 0, ok(session())}, kProtocol);
  // The carts are loading: the product is looked up now, the prefill waits for the carts.
  const SendHttp lookup = send_of(in, HttpPurpose::HostOpenProduct);
  CHECK(lookup.request.body.find("ELE-2") != std::string::npos);
  CHECK(in.state.embed.prefill);

  SUBCASE("the product is shown") {
    const Transition shown =
        update(in.state, HttpResponded{lookup.purpose, 0, ok(std::vector<Product>{product("ELE-2", 1)})}, kProtocol);
    CHECK(shown.state.screen == Screen::Product);
    CHECK(shown.state.catalog.selected_sku == "ELE-2");
  }
  SUBCASE("an unknown product is an error for the portal") {
    const Transition none = update(in.state, HttpResponded{lookup.purpose, 0, ok(std::vector<Product>{})}, kProtocol);
    CHECK(std::string(data_of(posted(none), "error")["code"].GetString()) == "not_found");
  }
  SUBCASE("the prefill starts once the carts are there") {
    const Transition carts = update(
        in.state, HttpResponded{HttpPurpose::ListCarts, 0, ok(std::vector<Cart>{{"k-1", "Budowa", "u-1", {}, 1, ""}})},
        kProtocol);
    CHECK(send_of(carts, HttpPurpose::ImportLookup).request.body.find("ELE-1") != std::string::npos);
    CHECK_FALSE(carts.state.embed.prefill);
  }
}

TEST_CASE("punchout: the cart goes back to the procurement system as the server's form") {
  AppState state = embedded();
  state.carts.carts[0].lines = {{"ELE-1", 12, ""}};
  state.carts.synced = state.carts.carts;
  CHECK(update(state, TransferCart{}, kProtocol).effects.empty());  // not a punchout session

  backend::PunchoutContext context{"oci", "http://localhost:8081/procurement/oci-return", "_top", "create"};
  state.punchout.context = context;
  SUBCASE("a cart with edits not on the server yet is saved first") {
    AppState edited = state;
    edited.carts.carts[0].lines[0].quantity = 24;
    const Transition refused = update(edited, TransferCart{}, kProtocol);
    REQUIRE(refused.state.punchout.error);
    CHECK(refused.state.punchout.error->kind == ErrorKind::Conflict);
    CHECK(send_of(refused, HttpPurpose::SaveCart).request.method == "PUT");
  }
  SUBCASE("an empty cart is not sent") {
    AppState empty = state;
    empty.carts.carts[0].lines.clear();
    empty.carts.synced = empty.carts.carts;
    CHECK(update(empty, TransferCart{}, kProtocol).state.punchout.error->field == "lines");
  }
  const Transition asked = update(state, TransferCart{}, kProtocol);
  CHECK(asked.state.punchout.transferring);
  const SendHttp transfer = send_of(asked, HttpPurpose::PunchoutTransfer);
  CHECK(transfer.request.path == "/api/v1/punchout/transfer");
  CHECK(transfer.request.body.find("k-1") != std::string::npos);
  const backend::PunchoutForm form{
      "POST", context.return_url, "_top", {{"NEW_ITEM-VENDORMAT[1]", "ELE-1"}, {"NEW_ITEM-QUANTITY[1]", "12"}}};
  const Transition sent = update(asked.state, HttpResponded{HttpPurpose::PunchoutTransfer, 0, ok(form)}, kProtocol);
  CHECK_FALSE(sent.state.punchout.transferring);
  const SubmitForm* submit = nullptr;
  for (const Effect& e : sent.effects)
    if (const auto* s = std::get_if<SubmitForm>(&e)) submit = s;
  REQUIRE(submit);
  CHECK(submit->form.action == context.return_url);
  REQUIRE(submit->form.fields.size() == 2);
  CHECK(submit->form.fields[1] == std::pair<std::string, std::string>{"NEW_ITEM-QUANTITY[1]", "12"});
}

TEST_CASE("a punchout started by a procurement system gets a cart of its own; a reload does not add another") {
  AppState state;
  state.device_id = "dev";
  const Transition redeem = update(state, RedeemStartToken{"st-1"}, kProtocol);
  const SendHttp start = send_of(redeem, HttpPurpose::StartSession);
  const Transition in = update(redeem.state, answer(start, ok(session())), kProtocol);
  CHECK(in.state.session);
  const SendHttp asked = send_of(in, HttpPurpose::PunchoutSession);
  const backend::PunchoutContext context{"cxml", "http://localhost:8081/procurement/cxml-return", "_top", "create"};
  const Transition punchout = update(in.state, answer(asked, ok(context)), kProtocol);
  REQUIRE(punchout.state.punchout.context);
  CHECK(punchout.state.punchout.context->protocol == "cxml");
  const Cart* cart = active_cart(punchout.state);
  REQUIRE(cart);
  CHECK(is_local_cart_id(cart->id));
  CHECK(cart->lines.empty());
  // Made on the server once the user's carts are known.
  const Transition listed =
      update(punchout.state, answer(send_of(in, HttpPurpose::ListCarts), ok(std::vector<Cart>{})), kProtocol);
  CHECK(send_of(listed, HttpPurpose::CreateCart).request.method == "POST");
  CHECK(active_cart(listed.state)->id == cart->id);

  SUBCASE("after a reload the same session is asked again, and no second cart is made") {
    AppState reloaded = punchout.state;
    reloaded.punchout = {};
    const Transition started = update(reloaded, AppStarted{}, kProtocol);
    const Transition again =
        update(started.state, answer(send_of(started, HttpPurpose::PunchoutSession), ok(context)), kProtocol);
    CHECK(again.state.punchout.context);
    CHECK(again.state.carts.carts.size() == punchout.state.carts.carts.size());
  }
  SUBCASE("a normal session (204) is no punchout") {
    const Transition normal = update(in.state, answer(asked, HttpResponse{204, {}, ""}), kProtocol);
    CHECK_FALSE(normal.state.punchout.context);
    CHECK(normal.state.carts.carts.empty());
  }
}
