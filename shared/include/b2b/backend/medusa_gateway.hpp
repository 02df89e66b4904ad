// The client's way to Medusa: a Gateway that serves our own protocol's requests with the Store API
// (MedusaStoreApi, MedusaCheckout). What Medusa lacks is answered 501 and hidden by its capabilities.
#pragma once
#include <memory>

#include "b2b/backend/gateway.hpp"
#include "b2b/backend/medusa_store_api.hpp"

namespace b2b::backend {

class MedusaGateway : public Gateway {
 public:
  explicit MedusaGateway(MedusaConfig config);

  // MedusaStoreApi's (PO numbers, the customer group's price list) and exactly-once orders (the key
  // travels in the cart's metadata); carts stay on the device; no approvals, quotes, punchout or user
  // management. The catalog syncs whole every time (the Store API keeps no change log).
  Capabilities capabilities() const override;

  // Serves: health (the PLN region), sign-in (the customer stands for the company), sign-out, search, lookup
  // by SKU, the catalog in pages, the price list, categories (none), placing an order (MedusaCheckout),
  // order history (filters applied here) and one order. Without a configured region each of these asks
  // the shop for its PLN region first.
  std::unique_ptr<HttpExchange> open(const HttpRequest& own_request) const override;

 private:
  MedusaStoreApi api_;
};

}  // namespace b2b::backend
