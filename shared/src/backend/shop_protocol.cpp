// Helpers of the shop protocol that every backend and client shares.
#include "b2b/backend/shop_protocol.hpp"

namespace b2b::backend {

Capabilities all_capabilities() {
  Capabilities c;
  c.saved_carts = c.company_price_lists = c.approvals = c.user_management = true;
  c.idempotent_orders = c.catalog_changes = c.po_number = c.quotes = c.punchout = true;
  c.buyer_search = true;
  return c;
}

std::vector<LineChange> price_changes(const std::vector<PricedLine>& priced, const std::vector<ExpectedPrice>& seen) {
  std::vector<LineChange> changes;
  for (const PricedLine& line : priced) {
    for (const ExpectedPrice& expected : seen) {
      if (expected.sku == line.sku && !(expected.unit_net == line.unit_net)) {
        changes.push_back({line.sku, "price_changed", expected.unit_net, line.unit_net});
      }
    }
  }
  return changes;
}

}  // namespace b2b::backend
