// Vendure 3 Shop API (GraphQL) as sans-IO pairs: each call builds the HTTP request value and parses the
// response value into domain values or an Error. The catalog, search, sign-in and order history; the
// checkout's steps come next (see tests/shops/README.md for what Vendure answers).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
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
  std::vector<std::pair<std::string, std::string>> variant_ids;  // SKU -> Vendure variant id, for ordering
  std::int64_t total_products = 0;
};

// Products as the Shop API's search sells them: net prices, VAT (from the price with tax) and the variant
// ids orders need.
struct VendureProducts {
  std::vector<Product> products;
  std::vector<PriceListEntry> prices;
  std::vector<std::pair<std::string, std::string>> variant_ids;  // SKU -> Vendure variant id
};

// The signed-in customer: Vendure has no companies, so the customer stands for one (see VendureGateway).
struct VendureCustomer {
  std::string id;
  std::string name;  // first and last name; the e-mail when both are empty
  std::string email;
  std::vector<Address> addresses;  // the id is Vendure's address id
  std::string company;             // the company named on the first address that names one
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
  Result<VendureProducts> parse_search(const HttpResponse& response) const;
  // Products by exact SKU (any case), one search per code in one call; codes that match nothing are absent.
  HttpRequest lookup_request(const std::string& token, const std::vector<std::string>& codes) const;
  Result<VendureProducts> parse_lookup(const std::vector<std::string>& codes, const HttpResponse& response) const;

  // The channel's code and currency: the gateway's health check.
  HttpRequest channel_request() const;
  Result<std::pair<std::string, Currency>> parse_channel(const HttpResponse& response) const;
  HttpRequest customer_request(const std::string& token) const;
  Result<VendureCustomer> parse_customer(const HttpResponse& response) const;

  HttpRequest list_orders_request(const std::string& token) const;
  Result<std::vector<Order>> parse_list_orders(const HttpResponse& response) const;
  HttpRequest get_order_request(const std::string& token, const std::string& code) const;
  Result<Order> parse_order(const HttpResponse& response) const;

 private:
  friend class VendureCheckout;
  HttpRequest graphql(const std::string& token, const std::string& query, const std::string& variables_json) const;
  VendureConfig config_;
};

// The largest page the Shop API serves (its default shopListQueryLimit).
constexpr int kVendureMaxPage = 100;

// What a Vendure checkout needs besides the order: where it goes and how, and the variant ids of the SKUs.
struct VendureCheckoutInput {
  OrderSubmission submission;
  Address ship_to;
  std::string recipient;  // the shipping address's full name
  std::string shipping_method_code = "standard-shipping";
  std::string payment_method_code = "standard-payment";
  std::vector<std::pair<std::string, std::string>> variant_ids;  // from the catalog pages
};

// Placing an order in Vendure takes a conversation of Shop API calls on the customer's one active order.
// This walks it without I/O: request() is the next call, answer() feeds its response and says whether the
// conversation is over. Exactly once: the idempotency key is stored on the order (custom field
// clientOrderKey), and the first call looks for an order already placed with it.
class VendureCheckout {
 public:
  enum class Step {
    FindPlaced,    // an order with this key, placed by an earlier try?
    ActiveOrder,   // the active order's state
    BackToAdding,  // an earlier try left it in ArrangingPayment
    ClearLines,    // the cart replaces whatever the active order held
    AddLine,       // one call per line
    SetFields,     // PO number, note, idempotency key
    SetAddress,
    ShippingMethods,  // the eligible methods, to find the configured code
    SetShipping,
    ToPayment,  // transition to ArrangingPayment; totals are compared before it
    AddPayment,
    Done,
  };

  VendureCheckout(const VendureShopApi& api, std::string token, VendureCheckoutInput input);

  Step step() const { return step_; }
  // The call to make now (not valid at Done).
  HttpRequest request() const;
  // Feeds the response to request(); a value means the conversation is over (placed, replayed, repriced or
  // failed); nullopt means call request() again for the next step.
  std::optional<Result<SubmitResult>> answer(const HttpResponse& response);

 private:
  std::optional<Result<SubmitResult>> fail(Error error);
  const VendureShopApi& api_;
  std::string token_;
  VendureCheckoutInput input_;
  Step step_ = Step::FindPlaced;
  std::size_t line_ = 0;
  std::string shipping_method_id_;
};

}  // namespace b2b::backend
