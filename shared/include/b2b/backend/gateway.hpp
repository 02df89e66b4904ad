// A shop whose API is not ours, reached through a gateway on the device: each request of our own protocol
// becomes an exchange of calls to the shop's API that ends with our protocol's answer, so the client reads
// every backend with one set of parsers (OwnProtocol). Sans-IO like the rest: the transport makes the calls.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "b2b/backend/shop_protocol.hpp"
#include "b2b/http.hpp"
#include "b2b/result.hpp"
#include "b2b/wire/protocol.hpp"

namespace b2b::backend {

// One request of ours served by several calls to the shop (placing an order in Vendure takes a dozen).
class HttpExchange {
 public:
  virtual ~HttpExchange() = default;
  // The next call to the shop; nullopt when the exchange is over and answer() holds our protocol's response.
  virtual std::optional<HttpRequest> next_call() const = 0;
  // The shop's response to next_call().
  virtual void take(const HttpResponse& response) = 0;
  virtual HttpResponse answer() const = 0;
};

// An exchange written as continuations: a step is either a call with what to do with its response (the
// next step), or the answer.
struct ExchangeStep {
  using Then = std::function<ExchangeStep(const HttpResponse&)>;
  std::optional<HttpRequest> call;
  Then then;
  HttpResponse answer;

  static ExchangeStep finish(HttpResponse answer) { return {std::nullopt, nullptr, std::move(answer)}; }
  static ExchangeStep call_then(HttpRequest request, Then then) { return {std::move(request), std::move(then), {}}; }
};

class StepExchange : public HttpExchange {
 public:
  explicit StepExchange(ExchangeStep first) : step_(std::move(first)) {}
  std::optional<HttpRequest> next_call() const override { return step_.call; }
  void take(const HttpResponse& response) override;
  HttpResponse answer() const override { return step_.answer; }

 private:
  ExchangeStep step_;
};

class Gateway {
 public:
  virtual ~Gateway() = default;
  // What the shop offers; the client hides the rest (or keeps it on the device).
  virtual Capabilities capabilities() const = 0;
  // Never null: a request the shop cannot serve gets an exchange that answers at once (501 names what).
  virtual std::unique_ptr<HttpExchange> open(const HttpRequest& own_request) const = 0;
};

// Our protocol's answers, for gateways to end their exchanges with.
HttpResponse own_answer(int status, std::string json_body);
// The status our protocol gives the error's kind; a Network error stays "no response" (status 0), so the
// client keeps the request for when the shop is reachable again.
HttpResponse own_error(const Error& error);
HttpResponse own_unsupported(const std::string& shop, const std::string& what);

// --- For gateways' routes ------------------------------------------------------------------------
std::unique_ptr<HttpExchange> answer_now(HttpResponse response);
std::unique_ptr<HttpExchange> exchange_of(ExchangeStep first);
// The route of our request below /api/v1 ("/orders/ZAM-1?x=1" gives "/orders/ZAM-1"); nullopt for other paths.
std::optional<std::string> own_route(const HttpRequest& own_request);
std::string bearer_token_of(const HttpRequest& own_request);
// What a route of ours is for, to name it in a shop's 501 ("saved carts (carts stay on this device)").
std::string feature_of_route(std::string_view route);
// An order placed (201), found placed with its key before (200), refused at new prices (409) or failed.
HttpResponse own_submit_answer(const Result<SubmitResult>& result);

// Shops that sell to customers, not companies (Vendure, Medusa): the customer stands for their company,
// their addresses are its delivery addresses, and they buy as a Buyer paying up front.
struct ShopCustomer {
  std::string id;
  std::string name;
  std::string email;
  std::string company;  // empty: the customer's name names the company
  std::vector<Address> addresses;
};
Session customer_session(std::string token, const std::string& shop_kind, const ShopCustomer& customer);

// The delivery address an order names, among the customer's; a Validation error on the checkout field if
// it is none of them.
Result<Address> chosen_address(const std::vector<Address>& addresses, const std::string& wanted_id);

// A checkout conversation (VendureCheckout, MedusaCheckout: request() is the next call, answer() says
// when it is over) as an exchange that ends with our protocol's answer to an order.
template <typename Conversation>
ExchangeStep conversation_steps(std::shared_ptr<Conversation> conversation) {
  return ExchangeStep::call_then(conversation->request(), [conversation](const HttpResponse& response) {
    if (auto over = conversation->answer(response)) return ExchangeStep::finish(own_submit_answer(*over));
    return conversation_steps(conversation);
  });
}

// Our POST /orders body, with the Idempotency-Key header as its key when the body has none.
Result<OrderSubmission> own_submission(const HttpRequest& own_request);

// Our GET /orders filters (status code, from and to days), applied on the device for shops that cannot.
struct OwnOrderFilter {
  std::optional<std::string> status;
  std::optional<Date> from;
  std::optional<Date> to;
  bool matches(const Order& order) const;
};
// A day that is not one is the client's mistake (400), named by its parameter.
Result<OwnOrderFilter> own_order_filter(const HttpRequest& own_request);
// The orders a shop answered, those the filter keeps, as our protocol's answer (or the shop's error).
HttpResponse own_filtered_orders(Result<std::vector<Order>> orders, const OwnOrderFilter& filter);

template <typename T>
HttpResponse own_ok(int status, const T& value) {
  return own_answer(status, wire::encode_json(value));
}

// Our request's body: one that does not decode is the client's mistake (400), not the shop's (502).
template <typename T>
Result<T> decode_own_request(const HttpRequest& own_request) {
  auto value = wire::decode_json<T>(own_request.body);
  if (!value) return Error{ErrorKind::Validation, value.error().field, "the request: " + value.error().message};
  return value;
}

// For blocking transports (native tests and tools): makes the exchange's calls until it answers. More than
// max_calls calls is a gateway bug, answered as a server error.
HttpResponse run_exchange(HttpExchange& exchange, const std::function<HttpResponse(const HttpRequest&)>& send,
                          int max_calls = 1000);

}  // namespace b2b::backend
