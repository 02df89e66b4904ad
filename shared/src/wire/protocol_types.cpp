// Wire codecs of the shop protocol's own messages (b2b/backend/shop_protocol.hpp): log-in,
// catalog pages, order submission and its answers, approvals, user management.
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

}  // namespace b2b::backend

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
