// The gateway's exchange machinery and our protocol's answers for it.
#include "b2b/backend/gateway.hpp"

#include "b2b/wire/json.hpp"

namespace b2b::backend {
namespace {

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Network:
      return 0;
    case ErrorKind::Auth:
      return 401;
    case ErrorKind::Forbidden:
      return 403;
    case ErrorKind::NotFound:
      return 404;
    case ErrorKind::Conflict:
      return 409;
    case ErrorKind::Validation:
    case ErrorKind::Overflow:
      return 422;
    case ErrorKind::Server:
    case ErrorKind::Decode:
      return 502;  // the shop answered something the gateway could not use
  }
  return 502;
}

}  // namespace

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
  const int status = status_for(error.kind);
  if (status == 0) return HttpResponse{0, {}, error.message};
  return own_answer(status, wire::encode_error(error));
}

HttpResponse own_unsupported(const std::string& shop, const std::string& what) {
  return own_answer(501, wire::encode_error(Error{ErrorKind::Server, "", shop + " does not offer " + what}));
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

}  // namespace b2b::backend
