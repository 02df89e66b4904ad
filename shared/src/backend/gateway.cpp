// The gateway's exchange machinery and our protocol's answers for it.
#include "b2b/backend/gateway.hpp"

#include <algorithm>

#include "b2b/wire/json.hpp"

namespace b2b::backend {

void StepExchange::take(const HttpResponse& response) {
  if (!step_.call) return;
  ExchangeStep::Then then = std::move(step_.then);
  step_ = then(response);
}

HttpResponse own_answer(int status, std::string json_body) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(json_body);
  return response;
}

HttpResponse own_error(const Error& error) {
  if (error.kind == ErrorKind::Network) return HttpResponse{0, {}, error.message};
  // An answer of the shop's the gateway could not read is the shop's failure, not the client's mistake.
  if (error.kind == ErrorKind::Decode) return own_answer(502, wire::encode_error(error));
  return own_answer(wire::http_status_for(error.kind), wire::encode_error(error));
}

HttpResponse own_unsupported(const std::string& shop, const std::string& what) {
  return own_answer(501, wire::encode_error(Error{ErrorKind::Server, "", shop + " does not offer " + what}));
}

std::unique_ptr<HttpExchange> answer_now(HttpResponse response) {
  return std::make_unique<StepExchange>(ExchangeStep::finish(std::move(response)));
}

std::unique_ptr<HttpExchange> exchange_of(ExchangeStep first) {
  return std::make_unique<StepExchange>(std::move(first));
}

std::optional<std::string> own_route(const HttpRequest& own_request) {
  constexpr std::string_view kApi = "/api/v1";
  const std::string_view path = path_only(own_request.path);
  if (path.substr(0, kApi.size()) != kApi) return std::nullopt;
  return std::string(path.substr(kApi.size()));
}

std::string bearer_token_of(const HttpRequest& own_request) {
  const std::string value = header_value(own_request.headers, "Authorization");
  return value.rfind("Bearer ", 0) == 0 ? value.substr(7) : std::string();
}

std::string feature_of_route(std::string_view route) {
  const auto starts = [&](std::string_view prefix) { return route.substr(0, prefix.size()) == prefix; };
  if (starts("/carts")) return "saved carts (carts stay on this device)";
  if (starts("/approvals")) return "order approvals";
  if (starts("/quotes")) return "requests for quote";
  if (starts("/users")) return "company user management";
  if (starts("/punchout")) return "punchout";
  if (starts("/auth/start")) return "sign-in handoff tokens";
  if (starts("/catalog/categories")) return "catalog categories";
  return "the request " + std::string(route);
}

HttpResponse own_submit_answer(const Result<SubmitResult>& result) {
  if (!result) return own_error(result.error());
  if (result.value().repriced) return own_ok(409, *result.value().repriced);
  if (result.value().outcome)
    return own_ok(result.value().outcome->replayed ? 200 : 201, result.value().outcome->order);
  return own_error(Error{ErrorKind::Server, "", "the checkout ended without an order"});
}

HttpResponse run_exchange(HttpExchange& exchange, const std::function<HttpResponse(const HttpRequest&)>& send,
                          int max_calls) {
  for (int calls = 0; calls < max_calls; ++calls) {
    const std::optional<HttpRequest> call = exchange.next_call();
    if (!call) return exchange.answer();
    exchange.take(send(*call));
  }
  return own_error(Error{ErrorKind::Server, "",
                         "the gateway made more than " + std::to_string(max_calls) + " calls for one request"});
}

bool OwnOrderFilter::matches(const Order& order) const {
  if (status && order_status_code(order.status) != *status) return false;
  if (!from && !to) return true;
  if (order.history.empty()) return false;  // a day filter cannot place an order without a date
  const Date placed = date_from_unix_seconds(order.history.front().at_unix_seconds);
  return !(from && placed < *from) && !(to && *to < placed);
}

Result<OwnOrderFilter> own_order_filter(const HttpRequest& own_request) {
  OwnOrderFilter filter;
  filter.status = query_value(own_request.path, "status");
  for (auto [name, into] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
    const auto text = query_value(own_request.path, name);
    if (!text) continue;
    *into = parse_date(*text);
    if (!*into) return Error{ErrorKind::Validation, name, "\"" + *text + "\" is not a day"};
  }
  return filter;
}

Session customer_session(std::string token, const std::string& shop_kind, const ShopCustomer& customer) {
  Session session;
  session.token = std::move(token);
  session.company.id = shop_kind + "-customer-" + customer.id;
  session.company.name = customer.company.empty() ? customer.name : customer.company;
  session.company.addresses = customer.addresses;
  session.company.payment_terms = PaymentTerms::Prepaid;
  session.user.id = customer.id;
  session.user.company_id = session.company.id;
  session.user.email = customer.email;
  session.user.name = customer.name;
  session.user.role = Role::Buyer;
  return session;
}

Result<Address> chosen_address(const std::vector<Address>& addresses, const std::string& wanted_id) {
  auto address = std::find_if(addresses.begin(), addresses.end(), [&](const Address& a) { return a.id == wanted_id; });
  if (address != addresses.end()) return *address;
  return Error{ErrorKind::Validation, "checkout.ship_to_address_id",
               wanted_id.empty() ? "choose a delivery address (the customer has none in the shop)"
                                 : "the delivery address " + wanted_id + " is not one of this customer's addresses"};
}

Result<OrderSubmission> own_submission(const HttpRequest& own_request) {
  auto submission = decode_own_request<OrderSubmission>(own_request);
  if (submission && submission.value().idempotency_key.empty())
    submission.value().idempotency_key = header_value(own_request.headers, "Idempotency-Key");
  return submission;
}

HttpResponse own_filtered_orders(Result<std::vector<Order>> orders, const OwnOrderFilter& filter) {
  if (!orders) return own_error(orders.error());
  std::vector<Order> kept;
  for (Order& order : orders.value())
    if (filter.matches(order)) kept.push_back(std::move(order));
  return own_ok(200, kept);
}

}  // namespace b2b::backend
