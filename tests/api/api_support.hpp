// Shared pieces of the API tests: a server-mock per test case in its own temp dir, the seed it serves,
// and helpers that build every request and parse every answer with the client's own protocol code.
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "b2b/backend/own_protocol.hpp"
#include "b2b/domain.hpp"
#include "b2b/http.hpp"
#include "b2b/pricing.hpp"
#include "b2b/wire/json.hpp"
#include "native_http.hpp"
#include "seed.hpp"

namespace api {

using namespace b2b;
using namespace b2b::backend;

inline constexpr std::size_t kProducts = 300;  // --products given to every server
inline constexpr std::int64_t kTokenLifetime = 8 * 3600;

const OwnProtocol& own_protocol();
// The data every server of these tests is seeded with (seed 1, kProducts products).
const seed::SeedData& seed_data();
const Company& company(const std::string& id);
const PriceList& seed_price_list(const std::string& company_id);
const Product& product(const std::string& sku);
const PriceListEntry* entry_of(const PriceList& list, const std::string& sku);
// The seed user's password ("haslo-<role>-<n>").
std::string password_of(const std::string& email);
std::string user_id_of(const std::string& email);

// A fresh key per call, shaped like a UUID.
std::string new_key();
// Today (UTC, from the system clock) plus days.
Date days_from_today(int days);
Money pln(std::int64_t minor);

// --- Products picked from the seed, so no SKU or price is hard-coded ----------------------------
struct Pick {
  const Product* product = nullptr;
  std::int64_t quantity = 0;  // a valid quantity for the purpose the pick was made for
};
// An active, priced product and a valid quantity whose net for c-budmax is at most max_net_minor.
Pick cheap_line(std::int64_t max_net_minor = 50000, const std::string& not_sku = "");
// An active priced product and a valid quantity whose net for the company lies in (min, max).
Pick line_with_net_between(const std::string& company_id, std::int64_t min_net_minor, std::int64_t max_net_minor);
const Product& product_with_pack_above_one();
const Product& product_with_minimum_above_pack();
const Product& inactive_product();

// The company's seed prices applied to lines with the shared pricing code.
PricedCart price_lines(const std::vector<CartLine>& lines, const PriceList& list);

// A checkout that passes for c-budmax (PO number, future date, its own address a-1).
CheckoutFields budmax_checkout();
// c-elektroiskra needs no PO number; its addresses are a-4 and a-5.
CheckoutFields elektroiskra_checkout();
OrderSubmission submission(std::vector<CartLine> lines, CheckoutFields checkout, std::string key = new_key());
// One cheap line for c-budmax: placed at once by any of its buyers.
OrderSubmission cheap_submission();
// Over kupiec1@budmax's 5 000 zł limit (it waits for an approver), under kupiec2's 20 000 zł.
OrderSubmission pending_submission();
// GET /api/v1/quotes/{number}, which the client's protocol does not need and so does not build.
HttpRequest get_quote_request(const std::string& token, const std::string& number);
// A price for every line's SKU: first_minor for the first line, one grosz more for each next one.
QuoteAnswer answer_for(const Quote& quote, std::int64_t first_minor, Date valid_until = days_from_today(14));

// The error envelope's field problems of a response (empty when it has none or is no envelope).
std::vector<FieldError> field_errors(const HttpResponse& response);
bool has_field_error(const HttpResponse& response, const std::string& field, const std::string& code);
// The error envelope's kind ("validation", "auth", ...), or "(no error envelope)".
std::string error_kind(const HttpResponse& response);
std::string describe(const HttpResponse& response);  // "HTTP 400: <body>" for failure messages

// A fresh Vendure 3.7.3 on loopback from the template database (tests/shops/vendure). The first start on a
// machine installs the pinned packages and builds the template (a minute or two); later starts take seconds.
std::unique_ptr<b2b::test_support::ServerMockProcess> start_vendure();

// A fresh Medusa 2.21 on loopback from the template cluster (tests/shops/medusa, PostgreSQL 15). The first
// start on a machine installs the packages and makes the template (a few minutes); later ones take ~15 s.
// announced() holds {base URL, publishable key, region id}.
std::unique_ptr<b2b::test_support::ServerMockProcess> start_medusa();

// One server-mock with a fresh temp dir as its database dir and web root.
class Shop {
 public:
  struct Options {
    std::vector<std::string> extra_arguments;
    bool test_endpoints = true;
  };
  Shop();
  explicit Shop(Options options);
  ~Shop();
  Shop(const Shop&) = delete;
  Shop& operator=(const Shop&) = delete;

  const std::string& dir() const { return dir_; }
  std::string db_path() const { return dir_ + "/shop.db"; }
  const std::string& base_url() const { return process_->base_url(); }
  // Stops the server (SIGTERM) and starts it on the same database; returns the stop's wait status.
  int restart(const std::vector<std::string>& extra_arguments = {});
  int stop() { return process_->stop(); }

  HttpResponse send(const HttpRequest& request) const { return process_->send(request); }
  HttpResponse get(const std::string& path, const HttpHeaders& headers = {}) const;

  // --- Through the protocol code; these REQUIRE success -----------------------------------------
  Session login(const std::string& email) const;
  Cart create_cart(const std::string& token, const Cart& cart) const;
  std::vector<Cart> carts(const std::string& token) const;
  OrderOutcome place(const std::string& token, const OrderSubmission& order) const;
  std::vector<Order> orders(const std::string& token, const OrderFilter& filter = {}) const;
  Order order(const std::string& token, const std::string& number) const;
  PriceList price_list(const std::string& token) const;
  Order decide(const std::string& token, const std::string& number, bool approve, const std::string& comment) const;
  Quote request_quote(const std::string& token, const QuoteRequest& request) const;
  std::vector<Quote> quotes(const std::string& token) const;
  Quote answer_quote(const std::string& token, const QuoteAnswer& answer) const;
  OrderOutcome accept_quote(const std::string& token, const QuoteAcceptance& acceptance) const;

  // --- Test endpoints (plain JSON, 204 expected) --------------------------------------------------
  HttpResponse post_test(const std::string& what, const std::string& json) const;
  void faults(const std::string& json) const;  // e.g. R"({"fail_next":1})"
  void set_price(const std::string& price_list_id, const std::string& sku, std::int64_t unit_net_minor) const;
  void set_active(const std::string& sku, bool active) const;
  void advance_clock(std::int64_t seconds) const;

 private:
  std::string dir_;
  std::unique_ptr<b2b::test_support::ServerMockProcess> process_;
};

}  // namespace api
