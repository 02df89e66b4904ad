// Our own protocol (docs/protocol.md): request builders and response parsers, no I/O.
#include "b2b/backend/own_protocol.hpp"

#include <initializer_list>

#include "b2b/pricing.hpp"
#include "b2b/wire/protocol.hpp"

namespace b2b::backend {
namespace {

constexpr const char* kApi = "/api/v1";

HttpRequest make_request(const char* method, std::string path, const std::string& token, std::string body = {}) {
  HttpRequest request;
  request.method = method;
  request.path = kApi + std::move(path);
  request.headers.emplace_back("Accept", "application/json");
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  return request;
}

ErrorKind kind_for_status(int status) {
  switch (status) {
    case 0:
      return ErrorKind::Network;
    case 400:
    case 413:
    case 422:
      return ErrorKind::Validation;
    case 401:
      return ErrorKind::Auth;
    case 403:
      return ErrorKind::Forbidden;
    case 404:
      return ErrorKind::NotFound;
    case 409:
    case 412:
      return ErrorKind::Conflict;
    default:
      return ErrorKind::Server;
  }
}

// A failed response as a typed error, with the server's message and field problems when its
// body is our error envelope, and a plain description otherwise (a proxy's HTML page, say).
Error error_from_response(const HttpResponse& response) {
  Error error{kind_for_status(response.status), "", ""};
  if (response.status == 0) {
    error.message = "no response from the server";
    return error;
  }
  const auto body = wire::decode_error(response.body);
  if (body.ok()) {
    error.message = body.value().message;
    for (const auto& field : body.value().fields) error.fields.push_back({field.field, field.code, field.message});
    if (!error.fields.empty()) error.field = error.fields.front().field;
  } else {
    error.message = "HTTP " + std::to_string(response.status);
  }
  return error;
}

bool is_one_of(int status, std::initializer_list<int> statuses) {
  for (const int s : statuses)
    if (s == status) return true;
  return false;
}

template <typename T>
Result<T> parse_data(const HttpResponse& response, std::initializer_list<int> ok_statuses = {200}) {
  if (!is_one_of(response.status, ok_statuses)) return error_from_response(response);
  return wire::decode_json<T>(response.body);
}

Result<Done> parse_empty(const HttpResponse& response) {
  if (response.status == 204 || response.status == 200) return Done{};
  return error_from_response(response);
}

// An order created now (201) or, for an Idempotency-Key seen before, the order it made then (200).
Result<OrderOutcome> parse_order_outcome(const HttpResponse& response) {
  if (response.status != 201 && response.status != 200) return error_from_response(response);
  auto order = wire::decode_json<Order>(response.body);
  if (!order) return order.error();
  return OrderOutcome{std::move(order.value()), response.status == 200};
}

}  // namespace

Capabilities OwnProtocol::capabilities() const { return capabilities_; }

HttpRequest OwnProtocol::login_request(const Credentials& credentials) const {
  return make_request("POST", "/auth/login", "", wire::encode_json(credentials));
}
Result<Session> OwnProtocol::parse_login(const HttpResponse& response) const { return parse_data<Session>(response); }
HttpRequest OwnProtocol::logout_request(const std::string& token) const {
  return make_request("POST", "/auth/logout", token);
}
Result<Done> OwnProtocol::parse_logout(const HttpResponse& response) const { return parse_empty(response); }
HttpRequest OwnProtocol::start_session_request(const std::string& start_token) const {
  return make_request("POST", "/auth/start", "", wire::encode_json(StartToken{start_token, 0}));
}
HttpRequest OwnProtocol::start_token_request(const std::string& session_token) const {
  return make_request("POST", "/auth/start-tokens", session_token);
}
Result<StartToken> OwnProtocol::parse_start_token(const HttpResponse& response) const {
  return parse_data<StartToken>(response, {201, 200});
}

HttpRequest OwnProtocol::punchout_session_request(const std::string& token) const {
  return make_request("GET", "/punchout/session", token);
}
Result<std::optional<PunchoutContext>> OwnProtocol::parse_punchout_session(const HttpResponse& response) const {
  if (response.status == 204) return std::optional<PunchoutContext>();  // a normal session
  if (response.status == 404) {
    // Only the server's own "not a punchout session" means that; any other 404 (an older server
    // without the endpoint answers "no such endpoint") stays an error.
    const Error error = error_from_response(response);
    for (const FieldError& field : error.fields)
      if (field.code == "not_punchout") return std::optional<PunchoutContext>();
    return error;
  }
  auto context = parse_data<PunchoutContext>(response);
  if (!context) return context.error();
  return std::optional<PunchoutContext>(std::move(context.value()));
}
HttpRequest OwnProtocol::punchout_transfer_request(const std::string& token, const std::string& cart_id) const {
  return make_request("POST", "/punchout/transfer", token, wire::encode_json(PunchoutTransfer{cart_id}));
}
Result<PunchoutForm> OwnProtocol::parse_punchout_transfer(const HttpResponse& response) const {
  return parse_data<PunchoutForm>(response);
}

HttpRequest OwnProtocol::catalog_request(const std::string& token, const CatalogRequest& request) const {
  std::string path = "/catalog?limit=" + std::to_string(request.limit);
  if (request.since_version > 0) path += "&since_version=" + std::to_string(request.since_version);
  if (!request.cursor.empty()) path += "&cursor=" + url_encode(request.cursor);
  return make_request("GET", path, token);
}
Result<CatalogPage> OwnProtocol::parse_catalog(const HttpResponse& response) const {
  return parse_data<CatalogPage>(response);
}
HttpRequest OwnProtocol::lookup_products_request(const std::string& token, const ProductLookup& lookup) const {
  return make_request("POST", "/catalog/lookup", token, wire::encode_json(lookup));
}
Result<std::vector<Product>> OwnProtocol::parse_lookup_products(const HttpResponse& response) const {
  return parse_data<std::vector<Product>>(response);
}
HttpRequest OwnProtocol::search_request(const std::string& token, const SearchRequest& request) const {
  std::string path = "/catalog/search?q=" + url_encode(request.text) + "&limit=" + std::to_string(request.limit);
  if (!request.category.empty()) path += "&category=" + url_encode(request.category);
  return make_request("GET", path, token);
}
Result<std::vector<Product>> OwnProtocol::parse_search(const HttpResponse& response) const {
  return parse_data<std::vector<Product>>(response);
}
HttpRequest OwnProtocol::categories_request(const std::string& token) const {
  return make_request("GET", "/catalog/categories", token);
}
Result<std::vector<Category>> OwnProtocol::parse_categories(const HttpResponse& response) const {
  return parse_data<std::vector<Category>>(response);
}
HttpRequest OwnProtocol::price_list_request(const std::string& token) const {
  return make_request("GET", "/price-list", token);
}
Result<PriceList> OwnProtocol::parse_price_list(const HttpResponse& response) const {
  auto list = parse_data<PriceList>(response);
  if (list) sort_by_sku(list.value());  // the client looks prices up per visible row and cart line
  return list;
}

HttpRequest OwnProtocol::list_carts_request(const std::string& token) const {
  return make_request("GET", "/carts", token);
}
Result<std::vector<Cart>> OwnProtocol::parse_list_carts(const HttpResponse& response) const {
  return parse_data<std::vector<Cart>>(response);
}
HttpRequest OwnProtocol::create_cart_request(const std::string& token, const Cart& cart,
                                             const std::string& idempotency_key) const {
  HttpRequest request = make_request("POST", "/carts", token, wire::encode_json(cart));
  if (!idempotency_key.empty()) request.headers.emplace_back("Idempotency-Key", idempotency_key);
  return request;
}
HttpRequest OwnProtocol::update_cart_request(const std::string& token, const Cart& cart,
                                             const std::string& idempotency_key) const {
  HttpRequest request = make_request("PUT", "/carts/" + url_encode(cart.id), token, wire::encode_json(cart));
  // The version being edited; the server refuses with 409 if its cart is newer.
  request.headers.emplace_back("If-Match", "\"" + std::to_string(cart.version) + "\"");
  if (!idempotency_key.empty()) request.headers.emplace_back("Idempotency-Key", idempotency_key);
  return request;
}
Result<Cart> OwnProtocol::parse_cart(const HttpResponse& response) const {
  return parse_data<Cart>(response, {200, 201});
}
HttpRequest OwnProtocol::delete_cart_request(const std::string& token, const std::string& cart_id) const {
  return make_request("DELETE", "/carts/" + url_encode(cart_id), token);
}
Result<Done> OwnProtocol::parse_delete_cart(const HttpResponse& response) const { return parse_empty(response); }

HttpRequest OwnProtocol::submit_order_request(const std::string& token, const OrderSubmission& submission) const {
  HttpRequest request = make_request("POST", "/orders", token, wire::encode_json(submission));
  request.headers.emplace_back("Idempotency-Key", submission.idempotency_key);
  return request;
}
Result<SubmitResult> OwnProtocol::parse_submit_order(const HttpResponse& response) const {
  SubmitResult result;
  if (response.status == 201 || response.status == 200) {
    auto outcome = parse_order_outcome(response);
    if (!outcome) return outcome.error();
    result.outcome = std::move(outcome.value());
    return result;
  }
  if (response.status == 409) {
    auto repriced = wire::decode_json<RepricedOrder>(response.body);
    if (repriced) {
      result.repriced = std::move(repriced.value());
      return result;
    }
  }
  return error_from_response(response);
}
HttpRequest OwnProtocol::list_orders_request(const std::string& token, const OrderFilter& filter) const {
  std::string query;
  const auto add = [&](const char* name, const std::string& value) {
    query += query.empty() ? "?" : "&";
    query += name;
    query += "=" + url_encode(value);
  };
  if (filter.status) add("status", order_status_code(*filter.status));
  if (filter.from) add("from", format_date(*filter.from));
  if (filter.to) add("to", format_date(*filter.to));
  return make_request("GET", "/orders" + query, token);
}
Result<std::vector<Order>> OwnProtocol::parse_list_orders(const HttpResponse& response) const {
  return parse_data<std::vector<Order>>(response);
}
HttpRequest OwnProtocol::get_order_request(const std::string& token, const std::string& number) const {
  return make_request("GET", "/orders/" + url_encode(number), token);
}
Result<Order> OwnProtocol::parse_order(const HttpResponse& response) const { return parse_data<Order>(response); }

HttpRequest OwnProtocol::list_approvals_request(const std::string& token) const {
  return make_request("GET", "/approvals", token);
}
Result<std::vector<PendingApproval>> OwnProtocol::parse_list_approvals(const HttpResponse& response) const {
  return parse_data<std::vector<PendingApproval>>(response);
}
HttpRequest OwnProtocol::decide_approval_request(const std::string& token, const ApprovalDecision& decision) const {
  return make_request("POST", "/approvals/" + url_encode(decision.order_number), token, wire::encode_json(decision));
}

HttpRequest OwnProtocol::request_quote_request(const std::string& token, const QuoteRequest& request,
                                               const std::string& idempotency_key) const {
  HttpRequest http = make_request("POST", "/quotes", token, wire::encode_json(request));
  if (!idempotency_key.empty()) http.headers.emplace_back("Idempotency-Key", idempotency_key);
  return http;
}
HttpRequest OwnProtocol::list_quotes_request(const std::string& token) const {
  return make_request("GET", "/quotes", token);
}
Result<std::vector<Quote>> OwnProtocol::parse_list_quotes(const HttpResponse& response) const {
  return parse_data<std::vector<Quote>>(response);
}
HttpRequest OwnProtocol::answer_quote_request(const std::string& token, const QuoteAnswer& answer) const {
  return make_request("POST", "/quotes/" + url_encode(answer.number) + "/answer", token, wire::encode_json(answer));
}
Result<Quote> OwnProtocol::parse_quote(const HttpResponse& response) const {
  return parse_data<Quote>(response, {200, 201});
}
HttpRequest OwnProtocol::accept_quote_request(const std::string& token, const QuoteAcceptance& acceptance) const {
  HttpRequest request = make_request("POST", "/quotes/" + url_encode(acceptance.number) + "/accept", token,
                                     wire::encode_json(acceptance));
  request.headers.emplace_back("Idempotency-Key", acceptance.idempotency_key);
  return request;
}
Result<OrderOutcome> OwnProtocol::parse_accept_quote(const HttpResponse& response) const {
  return parse_order_outcome(response);
}

HttpRequest OwnProtocol::list_users_request(const std::string& token) const {
  return make_request("GET", "/users", token);
}
Result<std::vector<User>> OwnProtocol::parse_list_users(const HttpResponse& response) const {
  return parse_data<std::vector<User>>(response);
}
HttpRequest OwnProtocol::invite_user_request(const std::string& token, const UserInvite& invite) const {
  return make_request("POST", "/users", token, wire::encode_json(invite));
}
HttpRequest OwnProtocol::change_user_request(const std::string& token, const UserChange& change) const {
  return make_request("PATCH", "/users/" + url_encode(change.user_id), token, wire::encode_json(change));
}
Result<User> OwnProtocol::parse_user(const HttpResponse& response) const {
  return parse_data<User>(response, {200, 201});
}

}  // namespace b2b::backend
