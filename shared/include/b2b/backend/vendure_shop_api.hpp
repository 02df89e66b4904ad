// Vendure 3 Shop API (GraphQL) as sans-IO pairs: each call builds the HTTP request value and parses the
// response value into domain values or an Error. The catalog, search, sign-in and order history; the
// checkout's steps come next (see tests/shops/README.md for what Vendure answers).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "b2b/backend/shop_protocol.hpp"

namespace b2b::backend {

struct VendureConfig {
  std::string shop_api_path = "/shop-api";
  std::string channel_token;  // sent as "vendure-token" when the shop has several channels
};

// A catalog page from Vendure: products with their net prices (Vendure prices variants itself; there is
// no separate price list). The cursor is the offset of the next page.
struct VendureCatalogPage {
  CatalogPage page;
  std::vector<PriceListEntry> prices;
  std::int64_t total_products = 0;
};

class VendureShopApi {
 public:
  explicit VendureShopApi(VendureConfig config = {});

  // Vendure has one active order per customer, no approvals, company price lists, quotes, user roles for
  // buyers or idempotency keys; PO number and note travel as Order custom fields (poNumber, buyerNote).
  Capabilities capabilities() const;

  HttpRequest login_request(const Credentials& credentials) const;
  // The session token comes from the vendure-auth-token response header.
  Result<Session> parse_login(const HttpResponse& response) const;
  HttpRequest logout_request(const std::string& token) const;
  Result<Done> parse_logout(const HttpResponse& response) const;

  // Pages of at most 100 (the Shop API's list limit); the cursor is the offset.
  HttpRequest catalog_request(const std::string& token, const CatalogRequest& request) const;
  // The answer does not say which offset it answers, so the parser is given the request it answers.
  Result<VendureCatalogPage> parse_catalog(const CatalogRequest& asked, const HttpResponse& response) const;
  HttpRequest search_request(const std::string& token, const SearchRequest& request) const;
  Result<std::vector<Product>> parse_search(const HttpResponse& response) const;

  HttpRequest list_orders_request(const std::string& token) const;
  Result<std::vector<Order>> parse_list_orders(const HttpResponse& response) const;
  HttpRequest get_order_request(const std::string& token, const std::string& code) const;
  Result<Order> parse_order(const HttpResponse& response) const;

 private:
  HttpRequest graphql(const std::string& token, const std::string& query, const std::string& variables_json) const;
  VendureConfig config_;
};

// The largest page the Shop API serves (its default shopListQueryLimit).
constexpr int kVendureMaxPage = 100;

}  // namespace b2b::backend
