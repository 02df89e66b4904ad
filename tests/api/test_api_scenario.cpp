// One buyer's ordering scenario, the same code against every backend the client talks to: the client's
// store signs in, searches, adds two products, checks out with a PO number and note, and finds the order
// in its history. server-mock speaks our protocol; Vendure and Medusa are reached through the client's gateways.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>

#include "api_support.hpp"
#include "b2b/backend/medusa_gateway.hpp"
#include "b2b/backend/vendure_gateway.hpp"
#include "core/store.hpp"

using namespace b2b;
using b2b::backend::Gateway;
using b2b::client::AppState;
using b2b::client::Effect;
using b2b::client::EffectRunner;
using b2b::client::HttpResponded;
using b2b::client::SendHttp;
using b2b::client::Store;

namespace {

// A backend as the client sees it: where requests go, and the gateway in between when it is not ours.
struct Backend {
  std::string name;
  std::function<HttpResponse(const HttpRequest&)> send;
  const Gateway* gateway = nullptr;
  std::string email;
  std::string password;
  std::string search_text;  // finds at least two orderable products
};

// The client's store with a transport that answers at once: our protocol to server-mock, or through the
// gateway's exchanges to the shop (as web_http.cpp does with fetch in the browser).
class Client : public EffectRunner {
 public:
  explicit Client(const Backend& backend)
      : backend_(backend),
        protocol_(backend.gateway ? backend::OwnProtocol(backend.gateway->capabilities()) : backend::OwnProtocol()) {
    AppState initial;
    initial.device_id = "scenario-" + api::new_key();  // random per installation, as in the browser
    initial.today = api::days_from_today(0);
    store_ = std::make_unique<Store>(*this, protocol_, std::move(initial));
    tick(0);
    dispatch(b2b::client::AppStarted{});
  }
  // No network: every request gets no answer, as a phone on a building site.
  bool offline = false;
  // The next order reaches the shop but its answer is lost on the way back.
  bool lose_next_order_answer = false;
  std::int64_t now = 1'800'000'000;

  // A second passes, or many: the clock, and what waits for the network.
  void tick(std::int64_t seconds) {
    now += seconds;
    dispatch(b2b::client::Tick{now, 60});
  }
  void dispatch(b2b::client::Action action) {
    store_->dispatch(std::move(action));
    store_->process();
  }
  const AppState& state() const { return store_->state(); }

 private:
  void run(const Effect& effect) override {
    const auto* send = std::get_if<SendHttp>(&effect);
    if (!send) return;  // storage records and host messages: no device here
    HttpResponse response;
    if (offline) {
      response = HttpResponse{0, {}, "the network is down"};
    } else if (backend_.gateway) {
      auto exchange = backend_.gateway->open(send->request);
      response = backend::run_exchange(*exchange, backend_.send);
    } else {
      response = backend_.send(send->request);
    }
    const bool order = send->purpose == b2b::client::HttpPurpose::SubmitOrder ||
                       send->purpose == b2b::client::HttpPurpose::OutboxSubmit;
    if (order && lose_next_order_answer && !offline) {
      lose_next_order_answer = false;
      response = HttpResponse{0, {}, "the answer was lost"};
    }
    store_->dispatch(HttpResponded{send->purpose, send->tag, std::move(response)});
  }

  const Backend& backend_;
  backend::OwnProtocol protocol_;
  std::unique_ptr<Store> store_;
};

// Signs in, searches and puts two orderable products into the active cart.
void sign_in_and_fill_a_cart(Client& client, const Backend& backend) {
  REQUIRE(client.state().server.connection == b2b::client::Connection::Online);

  client.dispatch(b2b::client::LogIn{backend.email, backend.password});
  REQUIRE_MESSAGE(client.state().session,
                  "sign-in: " << (client.state().login.error ? client.state().login.error->message : ""));
  REQUIRE(client.state().prices);

  client.dispatch(b2b::client::SearchChanged{backend.search_text});
  const auto& results = client.state().catalog.results;
  REQUIRE_MESSAGE(results.size() >= 2, "search \"" << backend.search_text << "\"");
  std::vector<std::string> skus;
  for (const Product& product : results) {
    if (!product.active || !b2b::client::find_price(client.state(), product.sku)) continue;
    client.dispatch(b2b::client::AddToCart{product.sku, std::max(product.pack_size, product.min_order_quantity)});
    skus.push_back(product.sku);
    if (skus.size() == 2) break;
  }
  REQUIRE(skus.size() == 2);
  const Cart* cart = b2b::client::active_cart(client.state());
  REQUIRE(cart);
  CHECK(cart->lines.size() == 2);
}

// The order with this number, once, in the history the orders screen fetches.
const Order* in_history(Client& client, const std::string& number) {
  client.dispatch(b2b::client::Navigate{b2b::client::Screen::Orders});
  const auto& orders = client.state().orders.orders;
  CHECK(std::count_if(orders.begin(), orders.end(), [&](const Order& o) { return o.number == number; }) == 1);
  const auto found = std::find_if(orders.begin(), orders.end(), [&](const Order& o) { return o.number == number; });
  return found == orders.end() ? nullptr : &*found;
}

CheckoutFields checkout_fields(const Client& client, const std::string& po_number) {
  CheckoutFields fields = client.state().checkout.fields;  // the first delivery address is chosen already
  REQUIRE_FALSE(fields.ship_to_address_id.empty());
  fields.po_number = po_number;
  fields.note = "Brama od ul. Legnickiej, po 7:00";
  fields.requested_delivery = api::days_from_today(10);
  return fields;
}

void buyer_orders_with_a_po_number(const Backend& backend) {
  INFO("backend: " << backend.name);
  Client client(backend);
  sign_in_and_fill_a_cart(client, backend);

  const CheckoutFields fields = checkout_fields(client, "PO/SCEN/" + backend.name);
  client.dispatch(b2b::client::SetCheckoutFields{fields});
  client.dispatch(b2b::client::PlaceOrder{});
  const auto& checkout = client.state().checkout;
  REQUIRE_MESSAGE(checkout.placed, "checkout: " << (checkout.error ? checkout.error->message : "no answer")
                                                << (checkout.repriced ? " (repriced)" : ""));
  const std::string number = checkout.placed->number;
  CHECK(checkout.placed->checkout.po_number == fields.po_number);
  CHECK(checkout.placed->lines.size() == 2);
  CHECK(b2b::client::active_cart(client.state())->lines.empty());

  const Order* found = in_history(client, number);
  REQUIRE_MESSAGE(found, "order " << number << " in the history");
  CHECK(found->checkout.po_number == fields.po_number);
  CHECK(found->checkout.note == fields.note);
  CHECK(found->lines.size() == 2);  // the details and a reorder need them

  // Ordering the same again: the lines are looked up at today's prices and go into a new cart.
  client.dispatch(b2b::client::Reorder{number});
  const Cart* again = b2b::client::active_cart(client.state());
  REQUIRE(again);
  CHECK(again->lines.size() == 2);
}

// No signal at checkout: the order waits in the outbox; when the network is back it is re-priced and sent,
// its answer is lost on the way back, and the retry with the same key gives the same order: one order.
void offline_order_is_sent_once(const Backend& backend) {
  INFO("backend: " << backend.name);
  Client client(backend);
  sign_in_and_fill_a_cart(client, backend);

  client.offline = true;
  client.tick(1);
  // Drafting with no signal: the catalog synced at sign-in is searched on the device.
  REQUIRE(static_cast<bool>(client.state().catalog.local));
  client.dispatch(b2b::client::SearchChanged{backend.search_text + " "});
  CHECK(client.state().catalog.results_from_device);
  CHECK(client.state().catalog.results.size() >= 2);
  // Searching our protocol's server found no answer, so the client knows it is offline; a shop whose search
  // the device does instead was not asked, and the order's own try finds out.
  const bool known_offline = client.state().server.connection == b2b::client::Connection::Offline;
  client.dispatch(b2b::client::SetCheckoutFields{checkout_fields(client, "PO/OFF/" + backend.name)});
  client.dispatch(b2b::client::PlaceOrder{});
  REQUIRE(client.state().outbox.entries.size() == 1);
  CHECK(client.state().outbox.entries[0].status == b2b::OutboxStatus::Waiting);
  CHECK(b2b::client::active_cart(client.state())->lines.empty());  // as if placed; the outbox has the lines

  client.offline = false;
  client.lose_next_order_answer = true;
  for (int second = 0; second < 120 && client.state().outbox.entries[0].order_number.empty(); ++second) client.tick(1);
  const auto& entry = client.state().outbox.entries[0];
  REQUIRE_MESSAGE(!entry.order_number.empty(), "outbox entry " << std::string(b2b::outbox_status_code(entry.status))
                                                               << " after " << entry.attempts
                                                               << " tries: " << entry.problem);
  CHECK(entry.status == b2b::OutboxStatus::Sent);
  // The try with no network (unless the client knew), the try whose answer was lost, then the retry.
  CHECK(entry.attempts == (known_offline ? 2 : 3));
  const Order* found = in_history(client, entry.order_number);
  REQUIRE(found);
  CHECK(found->checkout.po_number == "PO/OFF/" + backend.name);
  const auto& orders = client.state().orders.orders;
  CHECK(std::count_if(orders.begin(), orders.end(),
                      [&](const Order& o) { return o.checkout.po_number == "PO/OFF/" + backend.name; }) == 1);
}

}  // namespace

TEST_CASE("Scenario: a buyer orders two products with a PO number, online and from the outbox, once each") {
  SUBCASE("server-mock, our own protocol") {
    const api::Shop shop;
    const std::string email = "kupiec1@budmax.pl";
    const Backend backend{
        "server-mock", [&](const HttpRequest& r) { return shop.send(r); }, nullptr, email, api::password_of(email),
        "wkręt"};
    buyer_orders_with_a_po_number(backend);
    offline_order_is_sent_once(backend);
  }
  SUBCASE("Vendure 3.7.3 through the gateway") {
    const auto shop = api::start_vendure();
    const backend::VendureGateway gateway;
    const Backend backend{"vendure",       [&](const HttpRequest& r) { return shop->send(r, 30); },
                          &gateway,        "kupiec1@budmax.pl",
                          "haslo-buyer-1", "laptop"};
    buyer_orders_with_a_po_number(backend);
    offline_order_is_sent_once(backend);
  }
  SUBCASE("Medusa 2.21 through the gateway") {
    const auto shop = api::start_medusa();
    REQUIRE(shop->announced().size() == 3);
    backend::MedusaConfig config;
    config.publishable_key = shop->announced()[1];  // the region is found by its currency, as in the browser
    const backend::MedusaGateway gateway(config);
    const Backend backend{"medusa",        [&](const HttpRequest& r) { return shop->send(r, 30); },
                          &gateway,        "kupiec1@budmax.pl",
                          "haslo-buyer-1", "25 kg"};
    buyer_orders_with_a_po_number(backend);
    offline_order_is_sent_once(backend);
  }
}
