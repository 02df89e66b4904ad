// Wire codecs of the shop protocol's own messages (b2b/backend/shop_protocol.hpp): log-in,
// catalog pages, order submission and its answers, approvals, user management; and the records a
// client keeps on the device (b2b/device_state.hpp), which hold those messages.
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "b2b/device_state.hpp"
#include "b2b/text_positions.hpp"
#include "b2b/wire/protocol.hpp"
#include "cereal_types.hpp"

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

// --- device_state_v2 ---------------------------------------------------------------------------
// The carts are one packed byte string: varints (zigzag for signed values), strings as a varint length
// and bytes. A cart: id, name, owner, version, line count, then per line the SKU, a flags varint
// (bit 0: the product's data is the catalog snapshot's, bit 1: a note follows), the quantity, the note.
// The last-synced carts: per cart the index + 1 of the current cart with its id (0: none, the whole cart
// follows), name, owner, version, then runs against that cart's lines: (n << 2 | op), op 0: n lines equal
// to the current ones, 1: skip n current lines, 2: n lines follow; op 3 ends the cart.
struct DeviceStateV2 {
  DeviceState state;  // carts, synced_carts, known_products and catalog_products travel packed
  std::string carts;
  std::string synced_carts;
  std::vector<std::string> catalog_products;  // in the catalog but in no current cart line
};
inline const char* wire_name(const DeviceStateV2*) { return "device_state_v2"; }

template <class Archive>
void serialize(Archive& ar, DeviceStateV2& record) {
  DeviceState& state = record.state;
  field(ar, "session", state.session);
  field(ar, "locale", state.locale);
  field(ar, "carts", record.carts);
  field(ar, "synced_carts", record.synced_carts);
  field(ar, "deleted_cart_ids", state.deleted_cart_ids);
  field(ar, "conflicts", state.conflicts);
  field(ar, "active_cart_id", state.active_cart_id);
  field(ar, "known_products", state.known_products);
  field(ar, "catalog_products", record.catalog_products);
  field(ar, "checkout", state.checkout);
  field(ar, "checkout_key", state.checkout_key);
  field(ar, "outbox", state.outbox);
  field(ar, "device_id", state.device_id);
  field(ar, "next_key", state.next_key);
  field(ar, "next_local_id", state.next_local_id);
  field(ar, "last_sync_unix", state.last_sync_unix);
}

namespace {

class Packer {
 public:
  std::string out;
  void unsigned_varint(std::uint64_t value) {
    while (value >= 0x80) {
      out += static_cast<char>(value | 0x80);
      value >>= 7;
    }
    out += static_cast<char>(value);
  }
  void signed_varint(std::int64_t value) {
    unsigned_varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
  }
  void text(const std::string& value) {
    unsigned_varint(value.size());
    out += value;
  }
};

// A packed field that does not read: where (the field path) and why.
struct PackError {
  std::string field;
  std::string message;
};

class Unpacker {
 public:
  Unpacker(std::string_view bytes, std::string root) : bytes_(bytes), root_(std::move(root)) {}
  std::string path;  // below root, e.g. "[0].lines[3].quantity"

  std::uint64_t unsigned_varint(const char* what) {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= bytes_.size()) fail(what, "truncated: the record ends inside this value");
      const auto byte = static_cast<std::uint8_t>(bytes_[at_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    fail(what, "varint longer than 64 bits");
  }
  std::int64_t signed_varint(const char* what) {
    const std::uint64_t raw = unsigned_varint(what);
    return static_cast<std::int64_t>(raw >> 1) ^ -static_cast<std::int64_t>(raw & 1);
  }
  // A count of items that take at least one byte each, so a damaged count cannot allocate gigabytes.
  std::size_t count(const char* what) {
    const std::uint64_t n = unsigned_varint(what);
    if (n > bytes_.size() - at_) fail(what, "count " + std::to_string(n) + " exceeds the bytes left");
    return static_cast<std::size_t>(n);
  }
  std::string text(const char* what) {
    const std::size_t size = count(what);
    std::string value(bytes_.substr(at_, size));
    at_ += size;
    return value;
  }
  bool done() const { return at_ == bytes_.size(); }
  [[noreturn]] void fail(const char* what, const std::string& message) const {
    throw PackError{root_ + path + (what && *what ? std::string(".") + what : std::string()), message};
  }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
  std::string root_;
};

constexpr std::uint64_t kFromCatalog = 1;
constexpr std::uint64_t kHasNote = 2;

void pack_line(Packer& p, const CartLine& line, bool from_catalog) {
  p.text(line.sku);
  p.unsigned_varint((from_catalog ? kFromCatalog : 0) | (line.note.empty() ? 0 : kHasNote));
  p.signed_varint(line.quantity);
  if (!line.note.empty()) p.text(line.note);
}

CartLine unpack_line(Unpacker& u, std::unordered_set<std::string>* from_catalog, std::vector<std::string>* order) {
  CartLine line;
  line.sku = u.text("sku");
  const std::uint64_t flags = u.unsigned_varint("flags");
  if (flags > (kFromCatalog | kHasNote)) u.fail("flags", "unknown flags " + std::to_string(flags));
  line.quantity = u.signed_varint("quantity");
  if (flags & kHasNote) line.note = u.text("note");
  if ((flags & kFromCatalog) && from_catalog && from_catalog->insert(line.sku).second) order->push_back(line.sku);
  return line;
}

bool same_line(const CartLine& a, const CartLine& b) {
  return a.sku == b.sku && a.quantity == b.quantity && a.note == b.note;
}

void pack_cart_header(Packer& p, const Cart& cart) {
  p.text(cart.name);
  p.text(cart.owner_user_id);
  p.signed_varint(cart.version);
}

void unpack_cart_header(Unpacker& u, Cart& cart) {
  cart.name = u.text("name");
  cart.owner_user_id = u.text("owner_user_id");
  cart.version = u.signed_varint("version");
}

// The SKUs of products the device has from the catalog snapshot, and which of them a cart line names.
// Positions in the caller's list, not a hash set of copies: the record is encoded after every change.
class CatalogSkus {
 public:
  explicit CatalogSkus(const std::vector<std::string>& skus)
      : skus_(skus), positions_(skus.size(), SkuAt{skus}), named_(skus.size(), false) {}
  // Whether `sku` is one of them; remembers that a line named it.
  bool name(std::string_view sku) {
    const std::uint32_t* at = positions_.find(sku, SkuAt{skus_});
    if (at) named_[*at] = true;
    return at != nullptr;
  }
  bool named(std::string_view sku) const {
    const std::uint32_t* at = positions_.find(sku, SkuAt{skus_});
    return at && named_[*at];
  }

 private:
  struct SkuAt {
    const std::vector<std::string>& skus;
    const std::string& operator()(std::uint32_t i) const { return skus[i]; }
  };
  const std::vector<std::string>& skus_;
  TextPositions positions_;
  std::vector<bool> named_;
};

std::string pack_carts(const std::vector<Cart>& carts, CatalogSkus& catalog_skus) {
  Packer p;
  p.unsigned_varint(carts.size());
  for (const Cart& cart : carts) {
    p.text(cart.id);
    pack_cart_header(p, cart);
    p.unsigned_varint(cart.lines.size());
    for (const CartLine& line : cart.lines) pack_line(p, line, catalog_skus.name(line.sku));
  }
  return p.out;
}

enum RunOp : std::uint64_t { kSame = 0, kSkip = 1, kLines = 2, kEnd = 3 };

// A synced cart as runs against the current cart with its id: most lines are equal, in the same order.
void pack_synced_lines(Packer& p, const std::vector<CartLine>& synced, const std::vector<CartLine>& current) {
  // Built when a line differs: a synced cart usually equals its current one.
  std::optional<TextPositions> current_at;
  auto sku_in_current = [&current](std::uint32_t k) -> const std::string& { return current[k].sku; };
  auto position_in_current = [&](const std::string& sku) -> std::size_t {
    if (!current_at) current_at.emplace(current.size(), sku_in_current);
    const std::uint32_t* found = current_at->find(sku, sku_in_current);
    return found ? *found : current.size();
  };
  std::size_t i = 0, j = 0;
  std::vector<const CartLine*> literal;
  auto flush_literal = [&] {
    if (literal.empty()) return;
    p.unsigned_varint(literal.size() << 2 | kLines);
    for (const CartLine* line : literal) pack_line(p, *line, false);
    literal.clear();
  };
  while (i < synced.size()) {
    if (j < current.size() && same_line(synced[i], current[j])) {
      flush_literal();
      std::size_t n = 0;
      while (i < synced.size() && j < current.size() && same_line(synced[i], current[j])) ++i, ++j, ++n;
      p.unsigned_varint(n << 2 | kSame);
      continue;
    }
    // Lines added here since the sync: skip to where the synced line is, when it is there unchanged.
    const std::size_t found = position_in_current(synced[i].sku);
    if (found < current.size() && found > j && same_line(synced[i], current[found])) {
      flush_literal();
      p.unsigned_varint((found - j) << 2 | kSkip);
      j = found;
      continue;
    }
    literal.push_back(&synced[i]);
    ++i;
  }
  flush_literal();
  p.unsigned_varint(kEnd);
}

std::string pack_synced(const std::vector<Cart>& synced, const std::vector<Cart>& carts) {
  std::unordered_map<std::string, std::size_t> cart_at;
  for (std::size_t i = 0; i < carts.size(); ++i) cart_at.emplace(carts[i].id, i);
  Packer p;
  p.unsigned_varint(synced.size());
  for (const Cart& cart : synced) {
    const auto found = cart_at.find(cart.id);
    if (found == cart_at.end()) {
      p.unsigned_varint(0);
      p.text(cart.id);
      pack_cart_header(p, cart);
      p.unsigned_varint(cart.lines.size());
      for (const CartLine& line : cart.lines) pack_line(p, line, false);
    } else {
      p.unsigned_varint(found->second + 1);
      pack_cart_header(p, cart);
      pack_synced_lines(p, cart.lines, carts[found->second].lines);
    }
  }
  return p.out;
}

std::vector<Cart> unpack_carts(std::string_view bytes, std::unordered_set<std::string>& from_catalog,
                               std::vector<std::string>& order) {
  Unpacker u(bytes, "carts");
  std::vector<Cart> carts(u.count(""));
  for (std::size_t c = 0; c < carts.size(); ++c) {
    Cart& cart = carts[c];
    u.path = "[" + std::to_string(c) + "]";
    cart.id = u.text("id");
    unpack_cart_header(u, cart);
    cart.lines.resize(u.count("lines"));
    for (std::size_t l = 0; l < cart.lines.size(); ++l) {
      u.path = "[" + std::to_string(c) + "].lines[" + std::to_string(l) + "]";
      cart.lines[l] = unpack_line(u, &from_catalog, &order);
    }
  }
  u.path.clear();
  if (!u.done()) u.fail("", "unexpected bytes after the last cart");
  return carts;
}

std::vector<Cart> unpack_synced(std::string_view bytes, const std::vector<Cart>& carts) {
  Unpacker u(bytes, "synced_carts");
  std::vector<Cart> synced(u.count(""));
  for (std::size_t c = 0; c < synced.size(); ++c) {
    Cart& cart = synced[c];
    const std::string at = "[" + std::to_string(c) + "]";
    u.path = at;
    const std::uint64_t base = u.unsigned_varint("base");
    if (base > carts.size()) u.fail("base", "no current cart " + std::to_string(base - 1));
    if (base == 0) {
      cart.id = u.text("id");
      unpack_cart_header(u, cart);
      cart.lines.resize(u.count("lines"));
      for (std::size_t l = 0; l < cart.lines.size(); ++l) {
        u.path = at + ".lines[" + std::to_string(l) + "]";
        cart.lines[l] = unpack_line(u, nullptr, nullptr);
      }
      continue;
    }
    const std::vector<CartLine>& current = carts[base - 1].lines;
    cart.id = carts[base - 1].id;
    unpack_cart_header(u, cart);
    std::size_t j = 0;
    for (;;) {
      u.path = at + ".lines[" + std::to_string(cart.lines.size()) + "]";
      const std::uint64_t run = u.unsigned_varint("run");
      const std::uint64_t n = run >> 2;
      const std::uint64_t op = run & 3;
      if (op == kEnd) {
        if (n) u.fail("run", "end of lines with a count");
        break;
      }
      if (op == kLines) {
        if (n == 0) u.fail("run", "empty run");
        for (std::uint64_t k = 0; k < n; ++k) {
          u.path = at + ".lines[" + std::to_string(cart.lines.size()) + "]";
          cart.lines.push_back(unpack_line(u, nullptr, nullptr));
        }
        continue;
      }
      if (n == 0 || n > current.size() - j) {
        u.fail("run", "run of " + std::to_string(n) + " lines, the current cart has " +
                          std::to_string(current.size() - j) + " left");
      }
      if (op == kSame) cart.lines.insert(cart.lines.end(), current.begin() + j, current.begin() + j + n);
      j += n;
    }
  }
  u.path.clear();
  if (!u.done()) u.fail("", "unexpected bytes after the last cart");
  return synced;
}

}  // namespace

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

std::string encode_device_state(const DeviceState& state) {
  DeviceStateV2 record;
  CatalogSkus catalog_skus(state.catalog_products);
  record.carts = pack_carts(state.carts, catalog_skus);
  record.synced_carts = pack_synced(state.synced_carts, state.carts);
  for (const std::string& sku : state.catalog_products)
    if (!catalog_skus.named(sku)) record.catalog_products.push_back(sku);
  // Only the small fields are copied; the carts travel packed above.
  DeviceState& rest = record.state;
  rest.session = state.session;
  rest.locale = state.locale;
  rest.deleted_cart_ids = state.deleted_cart_ids;
  rest.conflicts = state.conflicts;
  rest.active_cart_id = state.active_cart_id;
  rest.known_products = state.known_products;
  rest.checkout = state.checkout;
  rest.checkout_key = state.checkout_key;
  rest.outbox = state.outbox;
  rest.device_id = state.device_id;
  rest.next_key = state.next_key;
  rest.next_local_id = state.next_local_id;
  rest.last_sync_unix = state.last_sync_unix;
  return wire::encode_binary(record);
}
std::string encode_device_state_v1(const DeviceState& state) { return wire::encode_binary(state); }
std::string encode_catalog_snapshot(const CatalogSnapshot& snapshot) { return wire::encode_binary(snapshot); }

Result<Restored<DeviceState>> decode_device_state(std::string_view bytes) {
  if (record_type(bytes) == wire_name(static_cast<const DeviceState*>(nullptr))) {
    auto v1 = wire::decode_binary<DeviceState>(bytes);  // schema 1: full copies, nothing to add
    if (!v1) return v1.error();
    return Restored<DeviceState>{std::move(v1.value()), 1};
  }
  auto decoded = decode_record<DeviceStateV2>(bytes, "device_state", kDeviceStateSchema);
  if (!decoded) return decoded.error();
  DeviceStateV2& record = decoded.value().value;
  DeviceState state = std::move(record.state);
  try {
    std::unordered_set<std::string> from_catalog;
    state.carts = unpack_carts(record.carts, from_catalog, state.catalog_products);
    state.synced_carts = unpack_synced(record.synced_carts, state.carts);
    for (std::string& sku : record.catalog_products)
      if (from_catalog.insert(sku).second) state.catalog_products.push_back(std::move(sku));
  } catch (const PackError& e) {
    return Error{ErrorKind::Decode, e.field, e.message};
  }
  return Restored<DeviceState>{std::move(state), 0};
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
