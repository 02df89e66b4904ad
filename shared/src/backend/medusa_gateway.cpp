// Our protocol's requests served by Medusa's Store API: each route decodes our request, makes the Store API
// calls as an exchange and encodes the result as our protocol's answer.
#include "b2b/backend/medusa_gateway.hpp"

#include <algorithm>

#include "b2b/protocol/health.hpp"
#include "json_fields.hpp"

namespace b2b::backend {
namespace {

constexpr const char* kShop = "Medusa";
// Every catalog sync answers the whole catalog under this one version (the Store API keeps no change log).
constexpr std::int64_t kWholeCatalogVersion = 1;

using Step = ExchangeStep;
using WithRegion = std::function<Step(const std::string& region_id)>;

// The configured region, or the shop's PLN region asked for first.
Step with_region(const MedusaStoreApi& api, WithRegion then) {
  if (!api.config().region_id.empty()) return then(api.config().region_id);
  return Step::call_then(api.regions_request(), [&api, then](const HttpResponse& response) {
    auto region = api.parse_regions(response);
    if (!region) return Step::finish(own_error(region.error()));
    return then(region.value());
  });
}

Step price_list_pages(const MedusaStoreApi& api, std::string token, std::string region, std::int64_t offset,
                      std::shared_ptr<PriceList> list) {
  MedusaProductQuery query;
  query.offset = offset;
  query.limit = kMedusaPage;
  return Step::call_then(api.products_request(token, region, query),
                         [&api, token, region, offset, list](const HttpResponse& response) {
                           auto page = api.parse_products(response);
                           if (!page) return Step::finish(own_error(page.error()));
                           for (auto& price : page.value().prices) list->entries.push_back(std::move(price));
                           const std::int64_t next = offset + kMedusaPage;
                           if (next < page.value().count) return price_list_pages(api, token, region, next, list);
                           std::sort(list->entries.begin(), list->entries.end(),
                                     [](const PriceListEntry& a, const PriceListEntry& b) { return a.sku < b.sku; });
                           return Step::finish(own_ok(200, *list));
                         });
}

// Placing an order: the customer (name, delivery address), the region and the lines' variant ids first.
Step place_order(const MedusaStoreApi& api, const std::string& token, OrderSubmission submission) {
  return Step::call_then(api.customer_request(token), [&api, token, submission](const HttpResponse& response) {
    auto customer = api.parse_customer(response);
    if (!customer) return Step::finish(own_error(customer.error()));
    auto address = chosen_address(customer.value().addresses, submission.checkout.ship_to_address_id);
    if (!address) return Step::finish(own_error(address.error()));
    MedusaCheckoutInput input;
    input.submission = submission;
    input.email = customer.value().email;
    input.ship_to = address.value();
    input.first_name = customer.value().first_name;
    input.last_name = customer.value().last_name;
    input.company = customer.value().company;
    return with_region(api, [&api, token, input](const std::string& region) {
      MedusaProductQuery query;
      for (const CartLine& line : input.submission.lines) query.skus.push_back(line.sku);
      query.limit = static_cast<int>(std::max<std::size_t>(query.skus.size(), 1));
      return Step::call_then(
          api.products_request(token, region, query), [&api, token, input, region](const HttpResponse& found) {
            auto variants = api.parse_products(found);
            if (!variants) return Step::finish(own_error(variants.error()));
            MedusaCheckoutInput ready = input;
            ready.region_id = region;
            ready.variant_ids = variants.value().variant_ids;
            return conversation_steps(std::make_shared<MedusaCheckout>(api, token, std::move(ready)));
          });
    });
  });
}

}  // namespace

MedusaGateway::MedusaGateway(MedusaConfig config) : api_(std::move(config)) {}

Capabilities MedusaGateway::capabilities() const {
  Capabilities capabilities = api_.capabilities();
  capabilities.idempotent_orders = true;            // MedusaCheckout finds an order already placed with the key
  capabilities.catalog_changes = true;              // the device's catalog for offline search, read whole each sync
  capabilities.delivery_charged_on_placing = true;  // the standard shipping option's price
  return capabilities;
}

std::unique_ptr<HttpExchange> MedusaGateway::open(const HttpRequest& request) const {
  const std::optional<std::string> own = own_route(request);
  if (!own) return answer_now(own_error(Error{ErrorKind::NotFound, "", "no such endpoint: " + request.path}));
  const std::string& route = *own;
  const std::string& method = request.method;
  const std::string token = bearer_token_of(request);
  const MedusaStoreApi& api = api_;

  if (method == "GET" && route == "/health") {
    return exchange_of(with_region(api, [](const std::string& region) {
      return Step::finish(
          own_answer(200, protocol::encode_health({"Medusa (region " + region + ")", protocol::kProtocolVersion})));
    }));
  }
  if (method == "POST" && route == "/auth/login") {
    auto credentials = decode_own_request<Credentials>(request);
    if (!credentials) return answer_now(own_error(credentials.error()));
    return exchange_of(Step::call_then(api.login_request(credentials.value()), [&api](const HttpResponse& response) {
      auto session = api.parse_login(response);
      if (!session) return Step::finish(own_error(session.error()));
      const std::string session_token = session.value().token;
      return Step::call_then(api.customer_request(session_token), [&api, session_token](const HttpResponse& answer) {
        auto customer = api.parse_customer(answer);
        if (!customer) return Step::finish(own_error(customer.error()));
        const MedusaCustomer& found = customer.value();
        return Step::finish(
            own_ok(200, customer_session(session_token, "medusa",
                                         {found.id, found.name, found.email, found.company, found.addresses})));
      });
    }));
  }
  // The customer's token is a JWT the shop keeps no session for: signing out is forgetting it.
  if (method == "POST" && route == "/auth/logout") return answer_now(HttpResponse{204, {}, ""});
  if (method == "GET" && route == "/catalog/search") {
    if (!query_value(request.path, "category").value_or("").empty())
      return answer_now(own_unsupported(kShop, "catalog categories"));
    MedusaProductQuery query;
    query.text = query_value(request.path, "q").value_or("");
    query.limit = 20;
    if (const auto limit = query_value(request.path, "limit"))
      query.limit = std::clamp(std::atoi(limit->c_str()), 1, 100);
    return exchange_of(with_region(api, [&api, token, query](const std::string& region) {
      return Step::call_then(api.products_request(token, region, query), [&api](const HttpResponse& response) {
        auto found = api.parse_products(response);
        return Step::finish(found ? own_ok(200, found.value().products) : own_error(found.error()));
      });
    }));
  }
  if (method == "POST" && route == "/catalog/lookup") {
    auto lookup = decode_own_request<ProductLookup>(request);
    if (!lookup) return answer_now(own_error(lookup.error()));
    MedusaProductQuery query;
    query.skus = lookup.value().codes;
    query.limit = static_cast<int>(std::clamp<std::size_t>(query.skus.size(), 1, 100));
    return exchange_of(with_region(api, [&api, token, query](const std::string& region) {
      return Step::call_then(api.products_request(token, region, query), [&api](const HttpResponse& response) {
        auto found = api.parse_products(response);
        return Step::finish(found ? own_ok(200, found.value().products) : own_error(found.error()));
      });
    }));
  }
  if (method == "GET" && route == "/catalog") {
    const std::string cursor = query_value(request.path, "cursor").value_or("");
    const auto offset = json::offset_of(cursor);
    if (!offset)
      return answer_now(
          own_error(Error{ErrorKind::Validation, "cursor", "\"" + cursor + "\" is not a catalog offset"}));
    MedusaProductQuery query;
    query.offset = *offset;
    query.limit = kMedusaPage;
    return exchange_of(with_region(api, [&api, token, query](const std::string& region) {
      return Step::call_then(api.products_request(token, region, query), [&api, query](const HttpResponse& response) {
        auto found = api.parse_products(response);
        if (!found) return Step::finish(own_error(found.error()));
        CatalogPage page;
        page.products = std::move(found.value().products);
        page.catalog_version = kWholeCatalogVersion;
        const std::int64_t next = query.offset + query.limit;
        if (next < found.value().count) page.next_cursor = std::to_string(next);
        return Step::finish(own_ok(200, page));
      });
    }));
  }
  if (method == "GET" && route == "/catalog/categories") return answer_now(own_ok(200, std::vector<Category>{}));
  if (method == "GET" && route == "/price-list") {
    auto list = std::make_shared<PriceList>();
    list->id = "medusa";
    list->currency = Currency::PLN;
    return exchange_of(with_region(
        api, [&api, token, list](const std::string& region) { return price_list_pages(api, token, region, 0, list); }));
  }
  if (method == "POST" && route == "/orders") {
    auto submission = own_submission(request);
    if (!submission) return answer_now(own_error(submission.error()));
    return exchange_of(place_order(api, token, std::move(submission.value())));
  }
  if (method == "GET" && route == "/orders") {
    auto filter = own_order_filter(request);
    if (!filter) return answer_now(own_error(filter.error()));
    return exchange_of(Step::call_then(api.orders_request(token), [&api, filter](const HttpResponse& response) {
      return Step::finish(own_filtered_orders(api.parse_orders(response), filter.value()));
    }));
  }
  if (method == "GET" && route.rfind("/orders/", 0) == 0) {
    const std::string id = url_decode(route.substr(8));
    return exchange_of(Step::call_then(api.orders_request(token, id), [&api, id](const HttpResponse& response) {
      auto orders = api.parse_orders(response);
      if (!orders) return Step::finish(own_error(orders.error()));
      if (orders.value().empty()) return Step::finish(own_error(Error{ErrorKind::NotFound, "", "no order " + id}));
      return Step::finish(own_ok(200, orders.value().front()));
    }));
  }
  return answer_now(own_unsupported(kShop, feature_of_route(route)));
}

}  // namespace b2b::backend
