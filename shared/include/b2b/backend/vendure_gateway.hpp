// The client's way to Vendure: a Gateway that serves our own protocol's requests with the Shop API
// (VendureShopApi, VendureCheckout). What Vendure lacks is answered 501 and hidden by its capabilities.
#pragma once
#include <memory>

#include "b2b/backend/gateway.hpp"
#include "b2b/backend/vendure_shop_api.hpp"

namespace b2b::backend {

class VendureGateway : public Gateway {
 public:
  explicit VendureGateway(VendureConfig config = {});

  // VendureShopApi's: PO numbers and exactly-once orders (the key travels as the order's clientOrderKey);
  // carts stay on the device, no approvals, company price lists, quotes, punchout or user management. The
  // catalog syncs whole every time (Vendure keeps no change log), for search with no network.
  Capabilities capabilities() const override;

  // Serves: health (the channel), the catalog in pages, sign-in (the customer stands for the company; their addresses
  // are its delivery addresses), sign-out, search, product lookup by SKU, the price list (every variant's net price,
  // paged), categories (none), placing an order (VendureCheckout, after finding the variants and the address), order
  // history (status and day filters applied here) and one order.
  std::unique_ptr<HttpExchange> open(const HttpRequest& own_request) const override;

 private:
  VendureShopApi api_;
};

}  // namespace b2b::backend
