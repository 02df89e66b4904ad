// The API tests' fixture: one server-mock per Shop in a fresh temp dir, products picked from the seed,
// and request/answer helpers built on the client's protocol code (OwnProtocol, wire JSON).
#include "api_support.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace api {

const OwnProtocol& own_protocol() {
  static const OwnProtocol kProtocol;
  return kProtocol;
}

const seed::SeedData& seed_data() {
  static const seed::SeedData kData = seed::generate_seed({1, kProducts});
  return kData;
}

const Company& company(const std::string& id) {
  for (const Company& c : seed_data().companies)
    if (c.id == id) return c;
  throw std::runtime_error("no company " + id + " in the seed");
}

const PriceList& seed_price_list(const std::string& company_id) {
  for (const PriceList& list : seed_data().price_lists)
    if (list.company_id == company_id) return list;
  throw std::runtime_error("no price list for " + company_id + " in the seed");
}

const Product& product(const std::string& sku) {
  for (const Product& p : seed_data().products)
    if (p.sku == sku) return p;
  throw std::runtime_error("no product " + sku + " in the seed");
}

const PriceListEntry* entry_of(const PriceList& list, const std::string& sku) {
  for (const PriceListEntry& entry : list.entries)
    if (entry.sku == sku) return &entry;
  return nullptr;
}

std::string password_of(const std::string& email) {
  for (const seed::SeedUser& u : seed_data().users)
    if (u.user.email == email) return u.password;
  throw std::runtime_error("no user " + email + " in the seed");
}

std::string user_id_of(const std::string& email) {
  for (const seed::SeedUser& u : seed_data().users)
    if (u.user.email == email) return u.user.id;
  throw std::runtime_error("no user " + email + " in the seed");
}

std::string new_key() {
  static std::mt19937_64 rng{std::random_device{}() ^ static_cast<std::uint64_t>(getpid())};
  static std::atomic<unsigned> counter{0};
  char text[64];
  const std::uint64_t a = rng(), b = rng();
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a & 0xffff), static_cast<unsigned>((a >> 16) & 0xfff),
                static_cast<unsigned>(counter++ & 0xfff), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return text;
}

Date days_from_today(int days) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Money pln(std::int64_t minor) { return Money{minor, Currency::PLN}; }

namespace {

bool orderable(const Product& p, const PriceList& list) {
  return p.active && entry_of(list, p.sku) != nullptr && p.pack_size >= 1 && p.stock > 0;
}

}  // namespace

Pick cheap_line(std::int64_t max_net_minor, const std::string& not_sku) {
  const PriceList& list = seed_price_list("c-budmax");
  for (const Product& p : seed_data().products) {
    if (!orderable(p, list) || p.sku == not_sku) continue;
    const std::int64_t quantity = p.min_order_quantity;
    if (quantity > p.stock || quantity <= 0) continue;
    // Cheap for every company: the one with the smallest discount pays the most.
    bool cheap = true;
    for (const PriceList& other : seed_data().price_lists) {
      const PriceListEntry* entry = entry_of(other, p.sku);
      if (!entry || unit_price_for(*entry, quantity) * quantity > max_net_minor) cheap = false;
    }
    if (cheap) return {&p, quantity};
  }
  throw std::runtime_error("the seed has no cheap product");
}

Pick line_with_net_between(const std::string& company_id, std::int64_t min_net_minor, std::int64_t max_net_minor) {
  const PriceList& list = seed_price_list(company_id);
  for (const Product& p : seed_data().products) {
    if (!orderable(p, list)) continue;
    const PriceListEntry& entry = *entry_of(list, p.sku);
    for (std::int64_t quantity = p.min_order_quantity; quantity <= p.stock; quantity += p.pack_size) {
      const std::int64_t net = unit_price_for(entry, quantity) * quantity;
      if (net > max_net_minor) break;
      if (net > min_net_minor) return {&p, quantity};
    }
  }
  throw std::runtime_error("the seed has no product for a net between the bounds");
}

const Product& product_with_pack_above_one() {
  const PriceList& list = seed_price_list("c-budmax");
  for (const Product& p : seed_data().products)
    if (orderable(p, list) && p.pack_size > 1) return p;
  throw std::runtime_error("the seed has no product sold in packs");
}

const Product& product_with_minimum_above_pack() {
  const PriceList& list = seed_price_list("c-budmax");
  for (const Product& p : seed_data().products)
    if (orderable(p, list) && p.min_order_quantity > p.pack_size) return p;
  throw std::runtime_error("the seed has no product with a minimum above its pack");
}

const Product& inactive_product() {
  for (const Product& p : seed_data().products)
    if (!p.active) return p;
  throw std::runtime_error("the seed has no inactive product");
}

PricedCart price_lines(const std::vector<CartLine>& lines, const PriceList& list) {
  Cart cart;
  cart.lines = lines;
  auto priced = price_cart(cart, list, seed_data().products);
  REQUIRE(priced.ok());
  REQUIRE(priced.value().problems.empty());
  return priced.value();
}

CheckoutFields budmax_checkout() {
  CheckoutFields checkout;
  checkout.po_number = "PO/2026/114";
  checkout.cost_centre = "BUD-7";
  checkout.requested_delivery = days_from_today(14);
  checkout.note = "brama od ul. Legnickiej";
  checkout.ship_to_address_id = "a-1";
  return checkout;
}

CheckoutFields elektroiskra_checkout() {
  CheckoutFields checkout;
  checkout.requested_delivery = days_from_today(7);
  checkout.ship_to_address_id = "a-4";
  return checkout;
}

OrderSubmission submission(std::vector<CartLine> lines, CheckoutFields checkout, std::string key) {
  OrderSubmission order;
  order.idempotency_key = std::move(key);
  order.lines = std::move(lines);
  order.checkout = std::move(checkout);
  return order;
}

OrderSubmission cheap_submission() {
  const Pick pick = cheap_line();
  return submission({{pick.product->sku, pick.quantity, ""}}, budmax_checkout());
}

OrderSubmission pending_submission() {
  const Pick pick = line_with_net_between("c-budmax", 500000, 1500000);
  return submission({{pick.product->sku, pick.quantity, ""}}, budmax_checkout());
}

HttpRequest get_quote_request(const std::string& token, const std::string& number) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/api/v1/quotes/" + url_encode(number);
  request.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer " + token}};
  return request;
}

QuoteAnswer answer_for(const Quote& quote, std::int64_t first_minor, Date valid_until) {
  QuoteAnswer answer;
  answer.number = quote.number;
  for (const QuoteLine& line : quote.lines)
    answer.prices.push_back({line.sku, pln(first_minor + static_cast<std::int64_t>(answer.prices.size()))});
  answer.valid_until = valid_until;
  answer.comment = "cena przy odbiorze całości";
  return answer;
}

std::vector<FieldError> field_errors(const HttpResponse& response) {
  const auto error = wire::decode_error(response.body);
  if (!error.ok()) return {};
  return error.value().fields;
}

bool has_field_error(const HttpResponse& response, const std::string& field, const std::string& code) {
  for (const FieldError& f : field_errors(response))
    if (f.field == field && f.code == code) return true;
  return false;
}

std::string error_kind(const HttpResponse& response) {
  const auto error = wire::decode_error(response.body);
  return error.ok() ? error.value().kind : "(no error envelope)";
}

std::string describe(const HttpResponse& response) {
  std::string body = response.body.size() > 600 ? response.body.substr(0, 600) + "..." : response.body;
  return "HTTP " + std::to_string(response.status) + ": " + body;
}

// --- Shop ------------------------------------------------------------------------------------------

namespace {

// The answer to a call that must succeed (with exactly `status`, when given), parsed by the client's code.
template <typename T>
T expect(const HttpResponse& response, Result<T> (OwnProtocol::*parse)(const HttpResponse&) const, int status = 0) {
  if (status != 0) REQUIRE_MESSAGE(response.status == status, describe(response));
  auto parsed = (own_protocol().*parse)(response);
  REQUIRE_MESSAGE(parsed.ok(), describe(response));
  return std::move(parsed.value());
}

}  // namespace

Shop::Shop() : Shop(Options{}) {}

Shop::Shop(Options options) {
  std::string pattern = (std::filesystem::temp_directory_path() / "b2b-api-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  std::ofstream(dir_ + "/index.html") << "<!doctype html><title>b2b api test</title><p>index</p>\n";
  std::vector<std::string> arguments = {
      "--db", db_path(), "--port", "0", "--web-root", dir_, "--fast-hash", "--products", std::to_string(kProducts)};
  if (options.test_endpoints) arguments.push_back("--enable-test-endpoints");
  arguments.insert(arguments.end(), options.extra_arguments.begin(), options.extra_arguments.end());
  // B2B_API_SERVER_MOCK runs the tests against another build of the server (say, a patched copy).
  const char* other = std::getenv("B2B_API_SERVER_MOCK");
  const std::string binary = other && *other ? other : B2B_SERVER_MOCK;
  process_ = std::make_unique<b2b::test_support::ServerMockProcess>(binary, arguments);
  try {
    process_->start();
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    throw;
  }
}

Shop::~Shop() {
  process_->stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

int Shop::restart(const std::vector<std::string>& extra_arguments) {
  const int status = process_->stop();
  process_->start(extra_arguments);
  return status;
}

HttpResponse Shop::get(const std::string& path, const HttpHeaders& headers) const {
  HttpRequest request;
  request.method = "GET";
  request.path = path;
  request.headers = headers;
  return send(request);
}

Session Shop::login(const std::string& email) const {
  const HttpResponse response = send(own_protocol().login_request({email, password_of(email)}));
  auto session = own_protocol().parse_login(response);
  REQUIRE_MESSAGE(session.ok(), "log in as " << email << ": " << describe(response));
  return session.value();
}

Cart Shop::create_cart(const std::string& token, const Cart& cart) const {
  return expect(send(own_protocol().create_cart_request(token, cart, "")), &OwnProtocol::parse_cart, 201);
}

std::vector<Cart> Shop::carts(const std::string& token) const {
  return expect(send(own_protocol().list_carts_request(token)), &OwnProtocol::parse_list_carts);
}

OrderOutcome Shop::place(const std::string& token, const OrderSubmission& order) const {
  const HttpResponse response = send(own_protocol().submit_order_request(token, order));
  const SubmitResult result = expect(response, &OwnProtocol::parse_submit_order);
  REQUIRE_MESSAGE(result.outcome.has_value(), describe(response));
  return *result.outcome;
}

std::vector<Order> Shop::orders(const std::string& token, const OrderFilter& filter) const {
  return expect(send(own_protocol().list_orders_request(token, filter)), &OwnProtocol::parse_list_orders);
}

Order Shop::order(const std::string& token, const std::string& number) const {
  return expect(send(own_protocol().get_order_request(token, number)), &OwnProtocol::parse_order);
}

PriceList Shop::price_list(const std::string& token) const {
  return expect(send(own_protocol().price_list_request(token)), &OwnProtocol::parse_price_list);
}

Order Shop::decide(const std::string& token, const std::string& number, bool approve,
                   const std::string& comment) const {
  return expect(send(own_protocol().decide_approval_request(token, {number, approve, comment})),
                &OwnProtocol::parse_order);
}

Quote Shop::request_quote(const std::string& token, const QuoteRequest& request) const {
  return expect(send(own_protocol().request_quote_request(token, request, "")), &OwnProtocol::parse_quote, 201);
}

std::vector<Quote> Shop::quotes(const std::string& token) const {
  return expect(send(own_protocol().list_quotes_request(token)), &OwnProtocol::parse_list_quotes);
}

Quote Shop::answer_quote(const std::string& token, const QuoteAnswer& answer) const {
  return expect(send(own_protocol().answer_quote_request(token, answer)), &OwnProtocol::parse_quote, 200);
}

OrderOutcome Shop::accept_quote(const std::string& token, const QuoteAcceptance& acceptance) const {
  return expect(send(own_protocol().accept_quote_request(token, acceptance)), &OwnProtocol::parse_accept_quote);
}

HttpResponse Shop::post_test(const std::string& what, const std::string& json) const {
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/v1/test/" + what;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = json;
  return send(request);
}

void Shop::faults(const std::string& json) const {
  const HttpResponse response = post_test("faults", json);
  REQUIRE_MESSAGE(response.status == 204, "faults " << json << ": " << describe(response));
}

void Shop::set_price(const std::string& price_list_id, const std::string& sku, std::int64_t unit_net_minor) const {
  const std::string json = R"({"price_list_id":")" + price_list_id + R"(","sku":")" + sku + R"(","unit_net_minor":)" +
                           std::to_string(unit_net_minor) + "}";
  const HttpResponse response = post_test("price", json);
  REQUIRE_MESSAGE(response.status == 204, "price " << json << ": " << describe(response));
}

void Shop::set_active(const std::string& sku, bool active) const {
  const std::string json = R"({"sku":")" + sku + R"(","active":)" + (active ? "true" : "false") + "}";
  const HttpResponse response = post_test("product", json);
  REQUIRE_MESSAGE(response.status == 204, "product " << json << ": " << describe(response));
}

void Shop::advance_clock(std::int64_t seconds) const {
  const std::string json = R"({"advance_seconds":)" + std::to_string(seconds) + "}";
  const HttpResponse response = post_test("clock", json);
  REQUIRE_MESSAGE(response.status == 204, "clock " << json << ": " << describe(response));
}

namespace {

// A loopback port nobody listens on now, for a server that needs its port up front.
int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

std::unique_ptr<b2b::test_support::ServerMockProcess> start_vendure() {
  auto shop = std::make_unique<b2b::test_support::ServerMockProcess>(
      "/usr/bin/env",
      std::vector<std::string>{"node", std::string(B2B_SHOPS_DIR) + "/vendure/run.mjs", "--port",
                               std::to_string(free_loopback_port())},
      b2b::test_support::ServerAnnouncement{R"(vendure ready (http://127\.0\.0\.1:[0-9]+))", 400});
  shop->start();
  return shop;
}

std::unique_ptr<b2b::test_support::ServerMockProcess> start_medusa() {
  auto shop = std::make_unique<b2b::test_support::ServerMockProcess>(
      "/usr/bin/env",
      std::vector<std::string>{"node", std::string(B2B_SHOPS_DIR) + "/medusa/run.mjs", "--port",
                               std::to_string(free_loopback_port())},
      b2b::test_support::ServerAnnouncement{
          R"(medusa ready (http://127\.0\.0\.1:[0-9]+) (pk_[0-9a-f]+) (reg_[0-9A-Z]+))", 600});
  shop->start();
  return shop;
}

}  // namespace api
