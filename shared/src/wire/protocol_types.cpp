// Wire codecs of the shop protocol's own messages (b2b/backend/shop_protocol.hpp): log-in,
// catalog pages, order submission and its answers, approvals, user management; and the records a
// client keeps on the device (b2b/device_state.hpp), which hold those messages.
#include <cstring>

#include "b2b/device_state.hpp"
#include "b2b/wire/protocol.hpp"
#include "cereal_types.hpp"  // first: it configures rapidjson for cereal

namespace b2b {
inline const char* wire_name(const Quote*) { return "quote"; }
inline const char* wire_name(const QuoteLine*) { return "quote_line"; }
inline const char* wire_name(const std::vector<Quote>*) { return "quotes"; }
}  // namespace b2b

namespace b2b::backend {

using wire::detail::field;
using wire::detail::optional_field;

inline const char* wire_name(const Credentials*) { return "credentials"; }
inline const char* wire_name(const Session*) { return "session"; }
inline const char* wire_name(const CatalogPage*) { return "catalog_page"; }
inline const char* wire_name(const OrderSubmission*) { return "order_submission"; }
inline const char* wire_name(const LineChange*) { return "line_change"; }
inline const char* wire_name(const ExpectedPrice*) { return "expected_price"; }
inline const char* wire_name(const Category*) { return "category"; }
inline const char* wire_name(const std::vector<Category>*) { return "categories"; }
inline const char* wire_name(const RepricedOrder*) { return "repriced_order"; }
inline const char* wire_name(const ApprovalDecision*) { return "approval_decision"; }
inline const char* wire_name(const UserChange*) { return "user_change"; }
inline const char* wire_name(const UserInvite*) { return "user_invite"; }
inline const char* wire_name(const ProductLookup*) { return "product_lookup"; }
inline const char* wire_name(const PendingApproval*) { return "pending_approval"; }
inline const char* wire_name(const std::vector<PendingApproval>*) { return "pending_approvals"; }
inline const char* wire_name(const QuoteRequest*) { return "quote_request"; }
inline const char* wire_name(const QuotedPrice*) { return "quoted_price"; }
inline const char* wire_name(const QuoteAnswer*) { return "quote_answer"; }
inline const char* wire_name(const QuoteAcceptance*) { return "quote_acceptance"; }
inline const char* wire_name(const StartToken*) { return "start_token"; }
inline const char* wire_name(const PunchoutContext*) { return "punchout_context"; }
inline const char* wire_name(const PunchoutTransfer*) { return "punchout_transfer"; }
inline const char* wire_name(const PunchoutForm*) { return "punchout_form"; }

template <class Archive>
void serialize(Archive& ar, Credentials& credentials) {
  field(ar, "email", credentials.email);
  field(ar, "password", credentials.password);
}

template <class Archive>
void serialize(Archive& ar, Session& session) {
  field(ar, "token", session.token);
  field(ar, "expires_at_unix_seconds", session.expires_at_unix_seconds);
  field(ar, "user", session.user);
  field(ar, "company", session.company);
}

template <class Archive>
void serialize(Archive& ar, CatalogPage& page) {
  field(ar, "products", page.products);
  field(ar, "catalog_version", page.catalog_version);
  optional_field(ar, "next_cursor", page.next_cursor);
}

template <class Archive>
void serialize(Archive& ar, OrderSubmission& submission) {
  optional_field(ar, "idempotency_key", submission.idempotency_key);  // the header is authoritative
  optional_field(ar, "cart_id", submission.cart_id);
  optional_field(ar, "cart_version", submission.cart_version);
  field(ar, "lines", submission.lines);
  field(ar, "checkout", submission.checkout);
  optional_field(ar, "expected_gross_total", submission.expected_gross_total);
  optional_field(ar, "expected_prices", submission.expected_prices);
}

template <class Archive>
void serialize(Archive& ar, Category& category) {
  field(ar, "path", category.path);
  field(ar, "product_count", category.product_count);
}

template <class Archive>
void serialize(Archive& ar, ExpectedPrice& price) {
  field(ar, "sku", price.sku);
  field(ar, "unit_net", price.unit_net);
}

template <class Archive>
void serialize(Archive& ar, LineChange& change) {
  field(ar, "sku", change.sku);
  field(ar, "reason", change.reason);
  field(ar, "old_unit_net", change.old_unit_net);
  field(ar, "new_unit_net", change.new_unit_net);
}

template <class Archive>
void serialize(Archive& ar, RepricedOrder& repriced) {
  field(ar, "totals", repriced.totals);
  field(ar, "changes", repriced.changes);
}

template <class Archive>
void serialize(Archive& ar, ApprovalDecision& decision) {
  field(ar, "order_number", decision.order_number);
  field(ar, "approve", decision.approve);
  optional_field(ar, "comment", decision.comment);
}

// Absent (or null) fields of a change stay as they are on the server.
template <class Archive>
void serialize(Archive& ar, UserChange& change) {
  field(ar, "user_id", change.user_id);
  optional_field(ar, "role", change.role);
  optional_field(ar, "spending_limit", change.spending_limit);
  optional_field(ar, "active", change.active);
}

template <class Archive>
void serialize(Archive& ar, UserInvite& invite) {
  field(ar, "email", invite.email);
  field(ar, "name", invite.name);
  field(ar, "role", invite.role);
  field(ar, "spending_limit", invite.spending_limit);
}

template <class Archive>
void serialize(Archive& ar, ProductLookup& lookup) {
  field(ar, "codes", lookup.codes);
}

template <class Archive>
void serialize(Archive& ar, PendingApproval& pending) {
  field(ar, "order", pending.order);
  field(ar, "buyer_name", pending.buyer_name);
  field(ar, "buyer_email", pending.buyer_email);
  field(ar, "spending_limit", pending.spending_limit);
  field(ar, "over_limit", pending.over_limit);
}

template <class Archive>
void serialize(Archive& ar, QuoteRequest& request) {
  optional_field(ar, "cart_id", request.cart_id);
  field(ar, "lines", request.lines);
  optional_field(ar, "note", request.note);
}

template <class Archive>
void serialize(Archive& ar, QuotedPrice& price) {
  field(ar, "sku", price.sku);
  field(ar, "unit_net", price.unit_net);
}

template <class Archive>
void serialize(Archive& ar, QuoteAnswer& answer) {
  field(ar, "number", answer.number);
  field(ar, "prices", answer.prices);
  field(ar, "valid_until", answer.valid_until);
  optional_field(ar, "comment", answer.comment);
}

template <class Archive>
void serialize(Archive& ar, QuoteAcceptance& acceptance) {
  field(ar, "number", acceptance.number);
  optional_field(ar, "idempotency_key", acceptance.idempotency_key);  // the header is authoritative
  field(ar, "checkout", acceptance.checkout);
}

// The sign-in with a start token sends only the token.
template <class Archive>
void serialize(Archive& ar, StartToken& start) {
  field(ar, "start_token", start.token);
  optional_field(ar, "expires_at", start.expires_at_unix);
}

template <class Archive>
void serialize(Archive& ar, PunchoutContext& context) {
  field(ar, "protocol", context.protocol);
  field(ar, "return_url", context.return_url);
  field(ar, "target", context.target);
  field(ar, "operation", context.operation);
}

template <class Archive>
void serialize(Archive& ar, PunchoutTransfer& transfer) {
  field(ar, "cart_id", transfer.cart_id);
}

// Fields go as [name, value] pairs, in order: OCI repeats no name, but a form may, and order matters to
// people reading the procurement system's log.
template <class Archive>
void serialize(Archive& ar, PunchoutForm& form) {
  field(ar, "method", form.method);
  field(ar, "action", form.action);
  field(ar, "target", form.target);
  std::vector<std::vector<std::string>> pairs;
  if constexpr (!Archive::is_loading::value) {
    for (const auto& [name, value] : form.fields) pairs.push_back({name, value});
  }
  field(ar, "fields", pairs);
  if constexpr (Archive::is_loading::value) {
    form.fields.clear();
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (pairs[i].size() != 2) {
        throw wire::detail::DecodeFailure{"fields[" + std::to_string(i) + "]: expected [name, value], got " +
                                          std::to_string(pairs[i].size()) + " strings"};
      }
      form.fields.emplace_back(std::move(pairs[i][0]), std::move(pairs[i][1]));
    }
  }
}

}  // namespace b2b::backend

// --- Device records ----------------------------------------------------------------------------
namespace b2b {

namespace {
constexpr std::pair<OutboxStatus, const char*> kOutboxCodes[] = {
    {OutboxStatus::Waiting, "waiting"},
    {OutboxStatus::Checking, "checking"},
    {OutboxStatus::NeedsConfirmation, "needs_confirmation"},
    {OutboxStatus::Sending, "sending"},
    {OutboxStatus::Sent, "sent"},
    {OutboxStatus::Failed, "failed"}};
}  // namespace

const char* outbox_status_code(OutboxStatus status) {
  for (const auto& [value, code] : kOutboxCodes)
    if (value == status) return code;
  return "";
}

std::optional<OutboxStatus> outbox_status_from_code(const std::string& code) {
  for (const auto& [value, name] : kOutboxCodes)
    if (code == name) return value;
  return std::nullopt;
}

inline wire::detail::EnumCodes<OutboxStatus> codes_of(OutboxStatus) {
  return {"outbox status", outbox_status_code, outbox_status_from_code};
}

// The schema is part of the record's type name, so each schema decodes with its own layout.
inline const char* wire_name(const DeviceState*) { return "device_state_v1"; }
inline const char* wire_name(const CatalogSnapshot*) { return "catalog_snapshot_v1"; }
inline const char* wire_name(const OutboxEntry*) { return "outbox_entry"; }
inline const char* wire_name(const CartConflict*) { return "cart_conflict"; }

using wire::detail::field;

template <class Archive>
void serialize(Archive& ar, OutboxEntry& entry) {
  field(ar, "submission", entry.submission);
  field(ar, "cart_name", entry.cart_name);
  field(ar, "queued_at", entry.queued_at);
  field(ar, "status", entry.status);
  field(ar, "attempts", entry.attempts);
  field(ar, "checked", entry.checked);
  field(ar, "changes", entry.changes);
  field(ar, "new_totals", entry.new_totals);
  field(ar, "order_number", entry.order_number);
  field(ar, "order_status", entry.order_status);
  field(ar, "problem", entry.problem);
  field(ar, "problems", entry.problems);
}

template <class Archive>
void serialize(Archive& ar, CartConflict& conflict) {
  field(ar, "mine", conflict.mine);
  field(ar, "theirs", conflict.theirs);
}

template <class Archive>
void serialize(Archive& ar, DeviceState& state) {
  field(ar, "session", state.session);
  field(ar, "locale", state.locale);
  field(ar, "carts", state.carts);
  field(ar, "synced_carts", state.synced_carts);
  field(ar, "deleted_cart_ids", state.deleted_cart_ids);
  field(ar, "conflicts", state.conflicts);
  field(ar, "active_cart_id", state.active_cart_id);
  field(ar, "known_products", state.known_products);
  field(ar, "checkout", state.checkout);
  field(ar, "checkout_key", state.checkout_key);
  field(ar, "outbox", state.outbox);
  field(ar, "device_id", state.device_id);
  field(ar, "next_key", state.next_key);
  field(ar, "next_local_id", state.next_local_id);
  field(ar, "last_sync_unix", state.last_sync_unix);
}

template <class Archive>
void serialize(Archive& ar, CatalogSnapshot& snapshot) {
  field(ar, "products", snapshot.products);
  field(ar, "catalog_version", snapshot.catalog_version);
  field(ar, "prices", snapshot.prices);
}

namespace {

// The type name of a binary record ("device_state_v1"), or empty when the header is unreadable.
std::string record_type(std::string_view bytes) {
  constexpr std::size_t kTypeSizeAt = sizeof wire::kBinaryMagic + 4;
  if (bytes.size() <= kTypeSizeAt || bytes.compare(0, sizeof wire::kBinaryMagic, wire::kBinaryMagic, 4) != 0) return "";
  const std::size_t size = static_cast<std::uint8_t>(bytes[kTypeSizeAt]);
  if (bytes.size() < kTypeSizeAt + 1 + size) return "";
  return std::string(bytes.substr(kTypeSizeAt + 1, size));
}

// Reads a record of `base` ("device_state") at `schema`; a record of a later schema is refused by name, so
// the caller can keep it for the newer app that wrote it. Older schemas get their migration here.
template <typename T>
Result<Restored<T>> decode_record(std::string_view bytes, const std::string& base, std::uint32_t schema) {
  const std::string type = record_type(bytes);
  const std::string prefix = base + "_v";
  if (type.rfind(prefix, 0) == 0) {
    const std::string number = type.substr(prefix.size());
    const unsigned long stored = number.find_first_not_of("0123456789") == std::string::npos && !number.empty()
                                     ? std::stoul(number.substr(0, 9))
                                     : 0;
    if (stored > schema) {
      return Error{ErrorKind::Decode, "schema",
                   base + " schema " + number + " was written by a newer version of the app; this one reads up to " +
                       std::to_string(schema)};
    }
  }
  auto decoded = wire::decode_binary<T>(bytes);
  if (!decoded) return decoded.error();
  return Restored<T>{std::move(decoded.value()), 0};
}

}  // namespace

std::string encode_device_state(const DeviceState& state) { return wire::encode_binary(state); }
std::string encode_catalog_snapshot(const CatalogSnapshot& snapshot) { return wire::encode_binary(snapshot); }

Result<Restored<DeviceState>> decode_device_state(std::string_view bytes) {
  return decode_record<DeviceState>(bytes, "device_state", kDeviceStateSchema);
}
Result<Restored<CatalogSnapshot>> decode_catalog_snapshot(std::string_view bytes) {
  return decode_record<CatalogSnapshot>(bytes, "catalog_snapshot", kCatalogSnapshotSchema);
}

}  // namespace b2b

namespace b2b::wire {

#define B2B_INSTANTIATE_PROTOCOL_JSON(T)               \
  template const char* wire_type_name<T>();            \
  template std::string encode_json<T>(const T& value); \
  template Result<T> decode_json<T>(std::string_view text);
B2B_PROTOCOL_TYPES(B2B_INSTANTIATE_PROTOCOL_JSON)

// The client keeps its session and its outbox of orders on the device in the binary format.
template std::string encode_binary<backend::Session>(const backend::Session&);
template Result<backend::Session> decode_binary<backend::Session>(std::string_view);
template std::string encode_binary<backend::OrderSubmission>(const backend::OrderSubmission&);
template Result<backend::OrderSubmission> decode_binary<backend::OrderSubmission>(std::string_view);

}  // namespace b2b::wire
