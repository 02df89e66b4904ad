// The sans-IO interface to a shop backend: each operation is a pure pair, one function that
// builds the HTTP request value from domain input and one that parses the HTTP response value
// into a domain result or a typed error. No sockets, no threads: the caller owns the transport.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/http.hpp"
#include "b2b/result.hpp"

namespace b2b::backend {

// What a backend can do; the client hides (or keeps on the device) what it cannot.
struct Capabilities {
  bool saved_carts = false;          // several named carts per user, kept on the server
  bool company_price_lists = false;  // net prices per company with quantity tiers
  bool approvals = false;            // orders over a spending limit wait for an approver
  bool user_management = false;      // company admins manage users and roles
  bool idempotent_orders = false;    // an Idempotency-Key makes order submission safe to retry
  bool catalog_changes = false;      // "changes since version" catalog sync
  bool po_number = false;            // a PO number travels with the order
  bool quotes = false;               // requests for quote, answered by the shop's sellers
  bool punchout = false;             // OCI / cXML punchout sessions send the cart back to a procurement system
  // The shop adds a delivery charge when the order is placed, so the totals the client shows before it
  // leave that out (the client says so at checkout).
  bool delivery_charged_on_placing = false;
  // The shop's search finds what buyers type: names without Polish letters, typos, SKU and EAN prefixes.
  // Without it the client searches its synced catalog on the device, online too.
  bool buyer_search = false;
};

// Everything: what our own protocol (server-mock) offers.
Capabilities all_capabilities();

// An empty success (logout, delete).
struct Done {};

struct Credentials {
  std::string email;
  std::string password;
};

struct Session {
  std::string token;  // sent as "Authorization: Bearer <token>"
  std::int64_t expires_at_unix_seconds = 0;
  User user;
  Company company;
};

struct CatalogRequest {
  std::int64_t since_version = 0;  // 0: everything; else only changes after that version
  std::string cursor;              // from the previous page; empty for the first
  int limit = 500;
};

struct CatalogPage {
  std::vector<Product> products;     // changed or new products (inactive ones included, to hide them)
  std::int64_t catalog_version = 0;  // the version this page belongs to
  std::string next_cursor;           // empty on the last page
};

// A category of the catalog with how many active products it holds, for browsing.
struct Category {
  std::vector<std::string> path;  // {"Elektrotechnika"} or {"Elektrotechnika", "Osprzęt instalacyjny"}
  std::int64_t product_count = 0;
};

// Products by exact SKU (any case) or EAN, for quick order and reorder; inactive ones are included so
// the client can say "no longer available"; codes that match nothing are simply absent.
struct ProductLookup {
  std::vector<std::string> codes;  // at most kMaxLookupCodes
};
constexpr std::size_t kMaxLookupCodes = 500;

struct SearchRequest {
  std::string text;  // name, SKU or EAN
  int limit = 20;
  // A top-level category name: only its products; empty: all. The initializer keeps {text, limit} free
  // of -Wmissing-field-initializers.
  std::string category = {};
};

// The unit price the buyer saw for a SKU, so a refused order can say which lines changed.
struct ExpectedPrice {
  std::string sku;
  Money unit_net;
};

struct OrderSubmission {
  std::string idempotency_key;    // one per order the buyer placed; the same on every retry
  std::string cart_id;            // the cart it came from (emptied when the order is accepted)
  std::int64_t cart_version = 0;  // the version ordered from: a cart edited since is not emptied (0: empty anyway)
  std::vector<CartLine> lines;
  CheckoutFields checkout;
  std::optional<Money> expected_gross_total;   // what the buyer saw; a different total is refused
  std::vector<ExpectedPrice> expected_prices;  // optional: per-SKU unit prices the buyer saw
};

// A line whose price or availability changed since the buyer saw it.
struct LineChange {
  std::string sku;
  std::string reason;  // "price_changed", "unavailable", "inactive", "quantity_adjusted"
  Money old_unit_net;
  Money new_unit_net;
};

// The priced lines whose unit net differs from the price the buyer saw ("price_changed"): what the
// server answers a stale order with, and what a client's outbox finds when it re-prices an order.
std::vector<LineChange> price_changes(const std::vector<PricedLine>& priced, const std::vector<ExpectedPrice>& seen);

struct OrderOutcome {
  Order order;
  bool replayed = false;  // true: this key was seen before and this is the same order
};

// The answer when the expected total does not match the server's prices (HTTP 409).
struct RepricedOrder {
  Totals totals;
  std::vector<LineChange> changes;
};

struct OrderFilter {
  std::optional<OrderStatus> status;
  std::optional<Date> from;
  std::optional<Date> to;
};

struct ApprovalDecision {
  std::string order_number;
  bool approve = false;
  std::string comment;  // required when rejecting
};

// An order waiting for approval, with what the approver needs to decide.
struct PendingApproval {
  Order order;
  std::string buyer_name;
  std::string buyer_email;
  Money spending_limit;  // the buyer's, per order, net
  Money over_limit;      // order net minus the limit
};

struct UserChange {
  std::string user_id;
  std::optional<Role> role;
  std::optional<Money> spending_limit;
  std::optional<bool> active;
};

struct UserInvite {
  std::string email;
  std::string name;
  Role role = Role::Buyer;
  Money spending_limit;
};

// A buyer's request for quote, usually made from a cart.
struct QuoteRequest {
  std::string cart_id;  // informational: the cart it was asked from
  std::vector<CartLine> lines;
  std::string note;
};

// A seller's answer: a unit net price for every line's SKU, valid until a day.
struct QuotedPrice {
  std::string sku;
  Money unit_net;
};
struct QuoteAnswer {
  std::string number;
  std::vector<QuotedPrice> prices;
  Date valid_until;
  std::string comment;
};

// The buyer accepts a quote: it becomes an order at the quoted prices (with approval if over the limit).
struct QuoteAcceptance {
  std::string number;
  std::string idempotency_key;  // sent as the Idempotency-Key header, like an order's
  CheckoutFields checkout;
};

// A one-time token that signs its user in once (a portal's session handoff, a punchout start URL). Also
// the body of the sign-in with it, where only the token is sent.
struct StartToken {
  std::string token;
  std::int64_t expires_at_unix = 0;
};

// What a punchout session was started with, as far as the client needs it (after a reload, too).
struct PunchoutContext {
  std::string protocol;    // "oci" or "cxml"
  std::string return_url;  // where the cart goes back to
  std::string target;      // the browser window the form is posted to, e.g. "_top"
  std::string operation;   // "create", "edit" or "inspect"
};

// Asks the server to turn one of the user's saved carts into the procurement system's form.
struct PunchoutTransfer {
  std::string cart_id;
};

// The form the browser posts to the procurement system: the cart in its format, priced by the server.
struct PunchoutForm {
  std::string method;  // "POST"
  std::string action;  // the return URL
  std::string target;
  std::vector<std::pair<std::string, std::string>> fields;  // in order; names may repeat
};

// Submitting an order can fail in one more way than other calls: prices changed.
struct SubmitResult {
  std::optional<OrderOutcome> outcome;    // set when the order was accepted (or replayed)
  std::optional<RepricedOrder> repriced;  // set when the server refused a stale total
};

class ShopProtocol {
 public:
  virtual ~ShopProtocol() = default;
  virtual Capabilities capabilities() const = 0;

  virtual HttpRequest login_request(const Credentials& credentials) const = 0;
  virtual Result<Session> parse_login(const HttpResponse& response) const = 0;
  virtual HttpRequest logout_request(const std::string& token) const = 0;
  virtual Result<Done> parse_logout(const HttpResponse& response) const = 0;
  // Signs in with a one-time start token; the answer is a session like a login's (parse_login).
  virtual HttpRequest start_session_request(const std::string& start_token) const = 0;
  // A start token for the signed-in user, to hand the session to another window or frame.
  virtual HttpRequest start_token_request(const std::string& session_token) const = 0;
  virtual Result<StartToken> parse_start_token(const HttpResponse& response) const = 0;

  // nullopt: the session is not a punchout session (a normal sign-in).
  virtual HttpRequest punchout_session_request(const std::string& token) const = 0;
  virtual Result<std::optional<PunchoutContext>> parse_punchout_session(const HttpResponse& response) const = 0;
  virtual HttpRequest punchout_transfer_request(const std::string& token, const std::string& cart_id) const = 0;
  virtual Result<PunchoutForm> parse_punchout_transfer(const HttpResponse& response) const = 0;

  virtual HttpRequest catalog_request(const std::string& token, const CatalogRequest& request) const = 0;
  virtual Result<CatalogPage> parse_catalog(const HttpResponse& response) const = 0;
  virtual HttpRequest lookup_products_request(const std::string& token, const ProductLookup& lookup) const = 0;
  virtual Result<std::vector<Product>> parse_lookup_products(const HttpResponse& response) const = 0;
  virtual HttpRequest search_request(const std::string& token, const SearchRequest& request) const = 0;
  virtual Result<std::vector<Product>> parse_search(const HttpResponse& response) const = 0;
  virtual HttpRequest categories_request(const std::string& token) const = 0;
  virtual Result<std::vector<Category>> parse_categories(const HttpResponse& response) const = 0;
  virtual HttpRequest price_list_request(const std::string& token) const = 0;
  virtual Result<PriceList> parse_price_list(const HttpResponse& response) const = 0;

  virtual HttpRequest list_carts_request(const std::string& token) const = 0;
  virtual Result<std::vector<Cart>> parse_list_carts(const HttpResponse& response) const = 0;
  // The key (the cart's id on the device) makes a retried create give back the cart it made.
  virtual HttpRequest create_cart_request(const std::string& token, const Cart& cart,
                                          const std::string& idempotency_key) const = 0;
  // Update sends the version it edits; a newer version on the server is ErrorKind::Conflict. The key (see
  // update_key) makes an update retried after its answer was lost give back the version it made.
  virtual HttpRequest update_cart_request(const std::string& token, const Cart& cart,
                                          const std::string& idempotency_key) const = 0;
  virtual Result<Cart> parse_cart(const HttpResponse& response) const = 0;  // create and update
  virtual HttpRequest delete_cart_request(const std::string& token, const std::string& cart_id) const = 0;
  virtual Result<Done> parse_delete_cart(const HttpResponse& response) const = 0;

  virtual HttpRequest submit_order_request(const std::string& token, const OrderSubmission& submission) const = 0;
  virtual Result<SubmitResult> parse_submit_order(const HttpResponse& response) const = 0;
  virtual HttpRequest list_orders_request(const std::string& token, const OrderFilter& filter) const = 0;
  virtual Result<std::vector<Order>> parse_list_orders(const HttpResponse& response) const = 0;
  virtual HttpRequest get_order_request(const std::string& token, const std::string& number) const = 0;
  virtual Result<Order> parse_order(const HttpResponse& response) const = 0;  // get and decide

  virtual HttpRequest list_approvals_request(const std::string& token) const = 0;
  virtual Result<std::vector<PendingApproval>> parse_list_approvals(const HttpResponse& response) const = 0;
  virtual HttpRequest decide_approval_request(const std::string& token, const ApprovalDecision& decision) const = 0;

  // The key makes asking the same again, while the first request waits for its answer, give that quote back.
  virtual HttpRequest request_quote_request(const std::string& token, const QuoteRequest& request,
                                            const std::string& idempotency_key) const = 0;
  virtual HttpRequest list_quotes_request(const std::string& token) const = 0;
  virtual Result<std::vector<Quote>> parse_list_quotes(const HttpResponse& response) const = 0;
  virtual HttpRequest answer_quote_request(const std::string& token, const QuoteAnswer& answer) const = 0;
  virtual Result<Quote> parse_quote(const HttpResponse& response) const = 0;  // request and answer
  // The answer is an order (201, or 200 for a repeated key), like submit_order's.
  virtual HttpRequest accept_quote_request(const std::string& token, const QuoteAcceptance& acceptance) const = 0;
  virtual Result<OrderOutcome> parse_accept_quote(const HttpResponse& response) const = 0;

  virtual HttpRequest list_users_request(const std::string& token) const = 0;
  virtual Result<std::vector<User>> parse_list_users(const HttpResponse& response) const = 0;
  virtual HttpRequest invite_user_request(const std::string& token, const UserInvite& invite) const = 0;
  virtual HttpRequest change_user_request(const std::string& token, const UserChange& change) const = 0;
  virtual Result<User> parse_user(const HttpResponse& response) const = 0;  // invite and change
};

}  // namespace b2b::backend
