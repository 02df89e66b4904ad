// Our protocol's requests served by Vendure's Shop API: each route decodes our request, makes the Shop API
// calls as an exchange and encodes the result as our protocol's answer.
#include "b2b/backend/vendure_gateway.hpp"

#include <algorithm>
#include <string_view>

#include "b2b/protocol/health.hpp"
#include "b2b/wire/protocol.hpp"

namespace b2b::backend {
namespace {

constexpr const char* kShop = "Vendure";
// Every catalog sync answers the whole catalog under this one version (Vendure keeps no change log).
constexpr std::int64_t kWholeCatalogVersion = 1;

using Step = ExchangeStep;

Step price_list_pages(const VendureShopApi& api, std::string token, std::string cursor,
                      std::shared_ptr<PriceList> list) {
  CatalogRequest asked{0, cursor, kVendureMaxPage};
  return Step::call_then(api.catalog_request(token, asked), [&api, token, asked, list](const HttpResponse& response) {
    auto page = api.parse_catalog(asked, response);
    if (!page) return Step::finish(own_error(page.error()));
    for (auto& price : page.value().prices) list->entries.push_back(std::move(price));
    if (!page.value().page.next_cursor.empty())
      return price_list_pages(api, token, page.value().page.next_cursor, list);
    std::sort(list->entries.begin(), list->entries.end(),
              [](const PriceListEntry& a, const PriceListEntry& b) { return a.sku < b.sku; });
    return Step::finish(own_ok(200, *list));
  });
}

// Placing an order: the customer's delivery address and the lines' variant ids first, then the checkout.
Step place_order(const VendureShopApi& api, const std::string& token, OrderSubmission submission) {
  return Step::call_then(api.customer_request(token), [&api, token, submission](const HttpResponse& response) {
    auto customer = api.parse_customer(response);
    if (!customer) return Step::finish(own_error(customer.error()));
    auto address = chosen_address(customer.value().addresses, submission.checkout.ship_to_address_id);
    if (!address) return Step::finish(own_error(address.error()));
    std::vector<std::string> skus;
    for (const CartLine& line : submission.lines) skus.push_back(line.sku);
    VendureCheckoutInput input;
    input.submission = submission;
    input.ship_to = address.value();
    input.recipient = customer.value().name;
    return Step::call_then(api.lookup_request(token, skus), [&api, token, skus, input](const HttpResponse& found) {
      auto variants = api.parse_lookup(skus, found);
      if (!variants) return Step::finish(own_error(variants.error()));
      VendureCheckoutInput with_ids = input;
      with_ids.variant_ids = variants.value().variant_ids;
      return conversation_steps(std::make_shared<VendureCheckout>(api, token, std::move(with_ids)));
    });
  });
}

}  // namespace

VendureGateway::VendureGateway(VendureConfig config) : api_(std::move(config)) {}

Capabilities VendureGateway::capabilities() const {
  Capabilities capabilities = api_.capabilities();
  capabilities.idempotent_orders = true;  // VendureCheckout finds an order already placed with the key
  // The device's catalog for offline search: Vendure tells no changes, so each sync reads it whole.
  capabilities.catalog_changes = true;
  capabilities.delivery_charged_on_placing = true;  // the standard-shipping method's price
  return capabilities;
}

std::unique_ptr<HttpExchange> VendureGateway::open(const HttpRequest& request) const {
  const std::optional<std::string> own = own_route(request);
  if (!own) return answer_now(own_error(Error{ErrorKind::NotFound, "", "no such endpoint: " + request.path}));
  const std::string& route = *own;
  const std::string& method = request.method;
  const std::string token = bearer_token_of(request);
  const VendureShopApi& api = api_;

  if (method == "GET" && route == "/health") {
    return exchange_of(Step::call_then(api.channel_request(), [&api](const HttpResponse& response) {
      auto channel = api.parse_channel(response);
      if (!channel) return Step::finish(own_error(channel.error()));
      if (channel.value().second != Currency::PLN)
        return Step::finish(own_error(
            Error{ErrorKind::Server, "activeChannel.currencyCode", "the Vendure channel does not sell in PLN"}));
      return Step::finish(own_answer(200, protocol::encode_health({"Vendure (channel " + channel.value().first + ")",
                                                                   protocol::kProtocolVersion})));
    }));
  }
  if (method == "POST" && route == "/auth/login") {
    auto credentials = decode_own_request<Credentials>(request);
    if (!credentials) return answer_now(own_error(credentials.error()));
    return exchange_of(Step::call_then(api.login_request(credentials.value()), [&api](const HttpResponse& response) {
      auto session = api.parse_login(response);
      if (!session) return Step::finish(own_error(session.error()));
      const std::string session_token = session.value().token;
      return Step::call_then(api.customer_request(session_token), [&api, session](const HttpResponse& answer) {
        auto customer = api.parse_customer(answer);
        if (!customer) return Step::finish(own_error(customer.error()));
        const VendureCustomer& found = customer.value();
        Session signed_in = customer_session(session.value().token, "vendure",
                                             {found.id, found.name, found.email, found.company, found.addresses});
        return Step::finish(own_ok(200, signed_in));
      });
    }));
  }
  if (method == "POST" && route == "/auth/logout") {
    return exchange_of(Step::call_then(api.logout_request(token), [&api](const HttpResponse& response) {
      auto done = api.parse_logout(response);
      return Step::finish(done ? HttpResponse{204, {}, ""} : own_error(done.error()));
    }));
  }
  if (method == "GET" && route == "/catalog/search") {
    if (!query_value(request.path, "category").value_or("").empty())
      return answer_now(own_unsupported(kShop, "catalog categories"));
    SearchRequest search{query_value(request.path, "q").value_or(""), 20};
    if (const auto limit = query_value(request.path, "limit")) search.limit = std::atoi(limit->c_str());
    return exchange_of(Step::call_then(api.search_request(token, search), [&api](const HttpResponse& response) {
      auto found = api.parse_search(response);
      return Step::finish(found ? own_ok(200, found.value().products) : own_error(found.error()));
    }));
  }
  if (method == "POST" && route == "/catalog/lookup") {
    auto lookup = decode_own_request<ProductLookup>(request);
    if (!lookup) return answer_now(own_error(lookup.error()));
    const std::vector<std::string> codes = lookup.value().codes;
    return exchange_of(Step::call_then(api.lookup_request(token, codes), [&api, codes](const HttpResponse& response) {
      auto found = api.parse_lookup(codes, response);
      return Step::finish(found ? own_ok(200, found.value().products) : own_error(found.error()));
    }));
  }
  if (method == "GET" && route == "/catalog") {
    CatalogRequest asked{0, query_value(request.path, "cursor").value_or(""), kVendureMaxPage};
    return exchange_of(Step::call_then(api.catalog_request(token, asked), [&api, asked](const HttpResponse& response) {
      auto page = api.parse_catalog(asked, response);
      if (!page) return Step::finish(own_error(page.error()));
      page.value().page.catalog_version = kWholeCatalogVersion;
      return Step::finish(own_ok(200, page.value().page));
    }));
  }
  if (method == "GET" && route == "/catalog/categories") return answer_now(own_ok(200, std::vector<Category>{}));
  if (method == "GET" && route == "/price-list") {
    auto list = std::make_shared<PriceList>();
    list->id = "vendure";
    list->currency = Currency::PLN;
    return exchange_of(price_list_pages(api, token, "", list));
  }
  if (method == "POST" && route == "/orders") {
    auto submission = own_submission(request);
    if (!submission) return answer_now(own_error(submission.error()));
    return exchange_of(place_order(api, token, std::move(submission.value())));
  }
  if (method == "GET" && route == "/orders") {
    auto filter = own_order_filter(request);
    if (!filter) return answer_now(own_error(filter.error()));
    return exchange_of(Step::call_then(api.list_orders_request(token), [&api, filter](const HttpResponse& response) {
      return Step::finish(own_filtered_orders(api.parse_list_orders(response), filter.value()));
    }));
  }
  if (method == "GET" && route.rfind("/orders/", 0) == 0) {
    const std::string code = url_decode(route.substr(8));
    return exchange_of(Step::call_then(api.get_order_request(token, code), [&api](const HttpResponse& response) {
      auto order = api.parse_order(response);
      return Step::finish(order ? own_ok(200, order.value()) : own_error(order.error()));
    }));
  }
  return answer_now(own_unsupported(kShop, feature_of_route(route)));
}

}  // namespace b2b::backend
