// What a client keeps on the device between visits (carts, drafts, the outbox of orders, the
// catalog snapshot), and its versioned binary records: older versions migrate, others are refused.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "b2b/backend/shop_protocol.hpp"
#include "b2b/domain.hpp"
#include "b2b/result.hpp"

namespace b2b {

// Where an order placed on this device stands on its way to the server.
enum class OutboxStatus {
  Waiting,            // not sent yet, or sent without an answer (then only the same request is re-sent)
  Checking,           // being re-priced against the server before the first send
  NeedsConfirmation,  // prices, stock or availability changed: the buyer confirms or edits
  Sending,            // a request is under way
  Sent,               // the server has it (order_number)
  Failed              // the server refused it for good (problem): the buyer edits or discards
};
const char* outbox_status_code(OutboxStatus status);  // "waiting", "checking", ...
std::optional<OutboxStatus> outbox_status_from_code(const std::string& code);

struct OutboxEntry {
  backend::OrderSubmission submission;  // its idempotency key is the entry's identity
  std::string cart_name;                // where the lines came from, to show and to edit again
  std::int64_t queued_at = 0;           // unix seconds
  OutboxStatus status = OutboxStatus::Waiting;
  std::int64_t attempts = 0;                 // requests sent; after one the server may have stored it
  bool checked = false;                      // re-priced (or confirmed by the buyer) since it was queued: send as it is
  std::vector<backend::LineChange> changes;  // found by re-pricing, shown to the buyer
  std::optional<Totals> new_totals;          // the totals at the new prices
  std::string order_number;                  // when sent
  std::optional<OrderStatus> order_status;   // placed, or pending approval
  std::string problem;                       // why it failed, for people
  std::vector<FieldError> problems;          // the server's field problems, when it failed
};

// A cart changed here and on another device since they last agreed: the buyer chooses.
struct CartConflict {
  Cart mine;
  Cart theirs;
};

// The small record, written on every change: everything the buyer made.
struct DeviceState {
  std::optional<backend::Session> session;
  std::string locale;                         // "pl" or "en"
  std::vector<Cart> carts;                    // as the buyer sees them; ids starting "local-" are not on the server yet
  std::vector<Cart> synced_carts;             // as the server last confirmed them: the base of three-way merges
  std::vector<std::string> deleted_cart_ids;  // deleted here, not yet on the server
  std::vector<CartConflict> conflicts;
  std::string active_cart_id;
  std::vector<Product> known_products;  // products in carts, for names and units without the catalog
  // Products in carts whose data is the catalog snapshot's (identical there): the record keeps only their
  // SKUs, and restoring takes the data from the snapshot. device_state_of moves products here.
  std::vector<std::string> catalog_products;
  CheckoutFields checkout;
  std::string checkout_key;  // the idempotency key of the order being placed, kept for its retries
  std::vector<OutboxEntry> outbox;
  std::string device_id;
  std::int64_t next_key = 1;
  std::int64_t next_local_id = 1;
  std::int64_t last_sync_unix = 0;  // when the server last answered a sync
};

// The large record, written when a sync changed it: the catalog and the company's prices.
struct CatalogSnapshot {
  std::vector<Product> products;  // inactive ones included (carts may hold them)
  std::int64_t catalog_version = 0;
  std::optional<PriceList> prices;
};

// v2: cart lines packed (varints, one flag bit for "product from the catalog snapshot"), the last-synced
// carts as runs against the current ones. v1 (cereal fields, full copies) migrates on load.
inline constexpr std::uint32_t kDeviceStateSchema = 2;
inline constexpr std::uint32_t kCatalogSnapshotSchema = 1;

std::string encode_device_state(const DeviceState& state);
std::string encode_catalog_snapshot(const CatalogSnapshot& snapshot);
// The schema 1 layout, which this build only reads: for migration tests and fuzz seeds.
std::string encode_device_state_v1(const DeviceState& state);

// A stored record read back: the value, and from which older schema it was migrated (0: none).
template <typename T>
struct Restored {
  T value;
  std::uint32_t migrated_from = 0;
};
// Errors (ErrorKind::Decode) name the problem: a schema newer than this build reads, another record,
// or corrupt bytes (the field says where, e.g. "carts[0].lines[12].quantity"). The caller keeps such a record aside
// instead of dropping it.
Result<Restored<DeviceState>> decode_device_state(std::string_view bytes);
Result<Restored<CatalogSnapshot>> decode_catalog_snapshot(std::string_view bytes);

}  // namespace b2b
