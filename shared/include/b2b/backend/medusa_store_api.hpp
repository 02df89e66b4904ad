// Medusa 2 Store API (REST) as sans-IO pairs: each call builds the HTTP request value and parses the
// response value into domain values or an Error; MedusaCheckout walks the calls that place an order.
// What Medusa answers is described in tests/shops/README.md and recorded in tests/fixtures/medusa.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "b2b/backend/shop_protocol.hpp"

namespace b2b::backend {

struct MedusaConfig {
  std::string publishable_key;      // sent as x-publishable-api-key on every /store call
  std::string region_id;            // empty: the shop's PLN region, asked for when needed
  std::string country_code = "pl";  // the tax context: prices come with the VAT of this country
  std::string shipping_option_code = "standard";
  std::string payment_provider_id = "pp_system_default";
};

// Products as the Store API sells them to this customer: net prices (a customer group's price list
// included), VAT, and the variant ids orders need. Medusa's variant is our product: it has the SKU.
struct MedusaProducts {
  std::vector<Product> products;
  std::vector<PriceListEntry> prices;
  std::vector<std::pair<std::string, std::string>> variant_ids;  // SKU -> Medusa variant id
  std::int64_t count = 0;                                        // products (not variants) matching, across pages
};

struct MedusaCustomer {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string name;  // first and last name; the e-mail when both are empty
  std::string email;
  std::string company;  // the customer's company_name, else the first address's company
  std::vector<Address> addresses;
};

// What a products call asks for: one page of the catalog, a search, or exact SKUs.
struct MedusaProductQuery {
  std::string text;               // Medusa's q
  std::vector<std::string> skus;  // exact variant SKUs
  std::int64_t offset = 0;
  int limit = 100;
};

class MedusaStoreApi {
 public:
  explicit MedusaStoreApi(MedusaConfig config = {});
  const MedusaConfig& config() const { return config_; }

  // PO number and note travel in the cart's metadata and stay on the order; a customer group's price list
  // prices the catalog. No approvals, saved carts, quotes or user roles for buyers.
  Capabilities capabilities() const;

  HttpRequest login_request(const Credentials& credentials) const;
  Result<Session> parse_login(const HttpResponse& response) const;  // the JWT from the answer's body

  HttpRequest regions_request() const;
  // The id of the region that sells in PLN.
  Result<std::string> parse_regions(const HttpResponse& response) const;

  HttpRequest products_request(const std::string& token, const std::string& region_id,
                               const MedusaProductQuery& query) const;
  Result<MedusaProducts> parse_products(const HttpResponse& response) const;

  HttpRequest customer_request(const std::string& token) const;
  Result<MedusaCustomer> parse_customer(const HttpResponse& response) const;

  // The customer's orders, newest first (at most 50), or the one with this id (our order number).
  HttpRequest orders_request(const std::string& token, const std::string& order_id = "") const;
  Result<std::vector<Order>> parse_orders(const HttpResponse& response) const;

 private:
  friend class MedusaCheckout;
  HttpRequest store(const std::string& method, const std::string& path, const std::string& token,
                    std::string body = {}) const;
  MedusaConfig config_;
};

// The Store API's largest page is not fixed; this many products per catalog page keeps answers small.
constexpr int kMedusaPage = 100;

// What a Medusa checkout needs besides the order: where it goes, and the variant ids of the SKUs.
struct MedusaCheckoutInput {
  OrderSubmission submission;
  std::string region_id;
  std::string email;
  Address ship_to;
  std::string first_name;
  std::string last_name;
  std::string company;
  std::vector<std::pair<std::string, std::string>> variant_ids;  // SKU -> variant id
};

// Placing an order in Medusa is a conversation on a new cart; this walks it without I/O: request() is the
// next call, answer() feeds its response and says whether the conversation is over. Exactly once: the
// idempotency key goes into the cart's metadata, which the order keeps, and the first call looks for an
// order placed with it. A cart left behind by an interrupted try is abandoned, never completed.
class MedusaCheckout {
 public:
  enum class Step {
    FindPlaced,       // an order with this key, placed by an earlier try?
    CreateCart,       // lines, address, PO number, note and key in one call; prices compared after it
    ShippingOptions,  // to find the configured option's id
    AddShipping,
    PaymentCollection,
    PaymentSession,
    Complete,
    Done,
  };

  MedusaCheckout(const MedusaStoreApi& api, std::string token, MedusaCheckoutInput input);

  Step step() const { return step_; }
  HttpRequest request() const;  // not valid at Done
  std::optional<Result<SubmitResult>> answer(const HttpResponse& response);

 private:
  std::optional<Result<SubmitResult>> fail(Error error);
  const MedusaStoreApi& api_;
  std::string token_;
  MedusaCheckoutInput input_;
  Step step_ = Step::FindPlaced;
  std::string cart_id_;
  std::string shipping_option_id_;
  std::string payment_collection_id_;
};

}  // namespace b2b::backend
