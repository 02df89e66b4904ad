// The application store: plain state, actions as types, a pure update function that returns
// the next state and the effects (HTTP, storage) to run as data. Views draw from const state.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "b2b/backend/shop_protocol.hpp"
#include "b2b/device_state.hpp"
#include "b2b/embed.hpp"
#include "b2b/http.hpp"
#include "b2b/local_catalog.hpp"
#include "b2b/locale.hpp"
#include "b2b/order_lines.hpp"
#include "b2b/result.hpp"

namespace b2b::client {

// --- State -----------------------------------------------------------------------------------
// Judged by requests: any answer means online, a request that got none means offline.
enum class Connection { Unknown, Checking, Online, Offline };

struct ServerStatus {
  Connection connection = Connection::Unknown;
  std::string server;  // who answered, when online
  int protocol_version = 0;
  Error problem{};                   // why not online, when offline
  std::int64_t last_sync_unix = 0;   // when carts, prices or the catalog last came from the server
  std::int64_t next_check_unix = 0;  // when offline: the next health check
  int failed_checks = 0;             // spaces the checks out while the network stays away
};

enum class Screen {
  Login,
  Catalog,
  Product,
  Carts,
  Checkout,
  Confirmation,
  Orders,
  Account,
  Approvals,
  Users,
  QuickOrder,  // also shows what a reorder added
  Quotes
};

struct LoginState {
  bool busy = false;
  std::optional<Error> error;
  std::string expired_user_id;          // the session ran out: the same user signs in and keeps their drafts
  std::optional<Error> logout_problem;  // why signing out was refused (unsent orders or cart edits)
};

struct CatalogState {
  std::string query;
  std::uint64_t query_seq = 0;  // the search whose answer is awaited; older answers are ignored
  bool searching = false;
  std::vector<Product> results;
  std::optional<Error> error;
  std::string selected_sku;                   // the product shown on the product screen
  std::vector<backend::Category> categories;  // for browsing before typing
  bool results_from_device = false;           // searched in the device's catalog (offline)
  std::string category;                       // a portal limited the catalog to this top-level category
  std::shared_ptr<const LocalCatalog> local;  // the synced catalog, searched offline
};

// Catalog sync: everything first, then the changes since the version the device has.
struct CatalogSyncState {
  bool running = false;
  std::uint64_t seq = 0;  // the sync whose pages are awaited
  std::int64_t since = 0;
  std::vector<Product> changes;  // pages received so far
};

// What happened to a quantity on its way into a cart, to tell the buyer why it changed.
struct QuantityNotice {
  std::string sku;
  std::int64_t requested = 0;
  std::int64_t added = 0;
};

// Carts are edited on the device and saved to the server when it answers. A cart differing from its
// synced copy has edits to save; "local-" ids were made here and are created on the server first.
struct CartsState {
  std::vector<Cart> carts;
  std::string active_cart_id;
  bool loading = false;
  std::optional<Error> error;
  std::optional<QuantityNotice> notice;
  std::vector<Product> known_products;            // every product put in a cart, for names, units and prices
  std::vector<Cart> synced;                       // as the server last confirmed each cart: the base of merges
  std::vector<std::string> deleted;               // deleted here, not yet on the server
  std::vector<CartConflict> conflicts;            // changed here and elsewhere: the buyer chooses
  std::vector<std::string> saving;                // carts with a create, update or delete under way
  std::vector<std::string> failed;                // refused by the server: not sent again until edited
  std::vector<std::string> merged;                // names of carts merged with another device's changes, to tell
  std::map<std::uint64_t, std::string> requests;  // request tag -> cart id
};

// Orders placed on this device until the server has them (see OutboxEntry).
struct OutboxState {
  std::vector<OutboxEntry> entries;
  std::map<std::uint64_t, std::string> sending;  // request tag -> idempotency key
  std::uint64_t check_seq = 0;                   // the re-pricing whose answers are awaited
  std::optional<std::vector<Product>> found;     // re-pricing: the products of the waiting orders
  std::optional<PriceList> prices;               // re-pricing: today's price list
  std::int64_t next_try_unix = 0;                // after a server error, when to try again
  std::string just_queued;                       // the key of an order just put here, to say so
};

// The device's storage: whether it works, and records that could not be read (kept aside, never lost).
struct StorageStatus {
  bool available = true;
  std::string problem;
  std::vector<std::string> kept_aside;  // what was kept aside and why
};

struct CheckoutState {
  CheckoutFields fields;
  std::vector<FieldError> problems;  // shown next to their fields
  bool submitting = false;
  std::string idempotency_key;  // kept for retries of the same order
  std::optional<Error> error;
  std::optional<backend::RepricedOrder> repriced;
  std::optional<Order> placed;
  std::optional<backend::OrderSubmission> in_flight;  // the order sent, moved to the outbox if no answer comes
  std::string in_flight_cart_id;                      // the cart it was placed from
};

struct OrdersState {
  std::vector<Order> orders;  // newest first
  bool loading = false;
  std::optional<Error> error;
  backend::OrderFilter filter;  // status (none: every one) and the days placed, both inclusive
  std::string open_number;      // the order whose details are shown, if any
  std::uint64_t seq = 0;        // the list request whose answer is awaited
};

// Lines coming into a cart from quick order or reorder: looked up, checked, added, and reported.
struct LineImportState {
  std::string reorder_of;  // the order number of a reorder; empty for quick order
  std::vector<RequestedLine> requested;
  bool checking = false;
  std::uint64_t seq = 0;  // the lookup whose answer is awaited
  std::vector<LineReport> report;
  std::optional<Error> error;
  // The check waits for both: the products of the codes and today's price list (prices change).
  std::optional<std::vector<Product>> found;
  bool prices_fresh = false;
  std::string new_cart_name;  // a portal's prefill into a cart of its own; empty: the active cart
};

// Requests for quote: asked from a cart, answered by the shop's seller, accepted into an order.
struct QuotesState {
  std::vector<Quote> quotes;  // newest first
  bool loading = false;
  bool requesting = false;
  std::string accepting;        // the quote whose acceptance is under way
  std::string idempotency_key;  // kept for retries of the same acceptance
  std::vector<FieldError> problems;
  std::optional<Error> error;
};

// Orders waiting for an approver's decision (approvers and admins).
struct ApprovalsState {
  std::vector<backend::PendingApproval> pending;
  bool loading = false;
  std::string deciding;  // the order whose decision is under way
  std::optional<Error> error;
};

// The company's users (admins).
struct UsersState {
  std::vector<User> users;
  bool loading = false;
  std::optional<Error> error;
};

// Embedded in a partner portal (docs/embedding.md): what the host asked for and what it was told.
struct EmbedState {
  bool connected = false;  // a portal on the shop's allowlist embeds us: events go to it
  embed::StorageKind storage = embed::StorageKind::Available;
  embed::Theme theme;
  std::optional<embed::CartPrefill> prefill;  // waits for the sign-in and the carts
  std::string prefill_reply_to;
  bool prefill_reporting = false;  // the prefill's lines are being checked; report when done
  std::string open_sku;            // a product to show once signed in
  std::string open_reply_to;
  std::string start_reply_to;                 // the init that brought a start token, for its error
  std::vector<std::string> announced_orders;  // order numbers the host was told about
  std::uint64_t search_announced = 0;         // the catalog query_seq last reported as a search touchpoint
};

// Started from a procurement system (OCI / cXML punchout): the cart goes back there instead of checkout.
struct PunchoutState {
  std::optional<backend::PunchoutContext> context;
  bool transferring = false;
  std::optional<Error> error;
  std::optional<backend::PunchoutForm> sent;  // the form handed to the browser to post
  bool just_started = false;                  // signed in by a start token: a "create" session gets a new cart
};

struct AppState {
  // What the shop offers (set when the app starts): carts stay on the device when it keeps none, and
  // features it lacks are not offered.
  backend::Capabilities capabilities = backend::all_capabilities();
  Locale locale = Locale::pl;
  ServerStatus server;
  Screen screen = Screen::Login;
  std::optional<backend::Session> session;
  LoginState login;
  CatalogState catalog;
  std::optional<PriceList> prices;
  CartsState carts;
  CheckoutState checkout;
  OrdersState orders;
  LineImportState import;
  QuotesState quotes;
  ApprovalsState approvals;
  UsersState users;
  OutboxState outbox;
  CatalogSyncState catalog_sync;
  StorageStatus storage;
  EmbedState embed;
  PunchoutState punchout;
  Date today;                       // set by the platform; validation of delivery dates needs it
  std::int64_t now_unix = 0;        // set by Tick
  int utc_offset_minutes = 0;       // the device's time zone, for showing times
  std::string device_id;            // random per installation; part of every idempotency key
  std::uint64_t next_key = 1;       // makes each order's idempotency key unique on this device
  std::uint64_t next_local_id = 1;  // carts made on this device before the server knows them
  std::uint64_t next_tag = 1;       // tells apart answers of requests that carry no id of their own
};

// --- Actions ---------------------------------------------------------------------------------
struct AppStarted {};
struct SetLocale {
  Locale locale;
};
struct CheckServer {};
struct Navigate {
  Screen screen;
};
struct LogIn {
  std::string email;
  std::string password;
};
struct LogOut {};
struct SearchChanged {
  std::string query;
};
struct ShowProduct {
  std::string sku;
};
struct AddToCart {
  std::string sku;
  std::int64_t quantity = 0;
};
struct CreateCart {
  std::string name;
};
struct RenameCart {
  std::string cart_id;
  std::string name;
};
struct DuplicateCart {
  std::string cart_id;
  std::string name;
};
struct DeleteCart {
  std::string cart_id;
};
struct SelectCart {
  std::string cart_id;
};
struct SetLineQuantity {
  std::string sku;
  std::int64_t quantity = 0;  // 0 removes the line
};
struct SetLineNote {
  std::string sku;
  std::string note;
};
struct SetCheckoutFields {
  CheckoutFields fields;
};
struct PlaceOrder {};
struct FilterOrders {
  backend::OrderFilter filter;
};
// Quick order: the typed or pasted text, checked and added to the active cart.
struct CheckQuickOrder {
  std::string text;
};
// Ask the shop for prices for the active cart's lines.
struct RequestQuote {
  std::string note;
};
// Accept an answered quote with the checkout fields (PO number...): it becomes an order.
struct AcceptQuote {
  std::string number;
};
// An earlier order's lines into a new cart at today's prices.
struct Reorder {
  std::string number;
};
struct ToggleOrderDetails {
  std::string number;
};
struct DecideApproval {
  std::string order_number;
  bool approve = false;
  std::string comment;
};
struct ChangeUser {
  backend::UserChange change;
};
struct InviteUser {
  backend::UserInvite invite;
};
struct DismissNotice {};
// Once a second from the platform: the clock, and a chance to retry what waits for the network.
struct Tick {
  std::int64_t now_unix = 0;
  int utc_offset_minutes = 0;
};
// The browser's online/offline events: a hint to check now, never the verdict.
struct NetworkHint {
  bool online = false;
};
// The device's storage failed after the app started (a first visit starts before the database is open):
// nothing more is kept, and the buyer is told so, as when it failed before the start.
struct StorageLost {
  std::string problem;
};
// Outbox orders whose prices or availability changed: send at the new prices, take back, or drop.
struct ConfirmOutboxOrder {
  std::string key;
};
struct EditOutboxOrder {
  std::string key;
};
struct DiscardOutboxOrder {
  std::string key;
};
struct ResolveCartConflict {
  std::string cart_id;
  bool keep_mine = false;
};
// The page runs in an iframe of a portal on the shop's allowlist; its storage may be partitioned.
struct HostConnected {
  embed::StorageKind storage = embed::StorageKind::Available;
};
// A message the portal posted, as JSON; parsed and checked in update().
struct HostPosted {
  std::string json;
};
// A one-time start token (punchout start URL or a portal's session handoff) to trade for a session.
struct RedeemStartToken {
  std::string token;
};
// Punchout: send the active cart back to the procurement system.
struct TransferCart {};

// What an HTTP response is for, so update() knows how to read it.
enum class HttpPurpose {
  Health,
  Login,
  Logout,
  Search,
  Categories,
  PriceList,
  ListCarts,
  CreateCart,
  SaveCart,
  DeleteCart,
  LookupProduct,
  SubmitOrder,
  ListOrders,
  ListApprovals,
  DecideApproval,
  ListUsers,
  SaveUser,
  ImportLookup,
  ImportPrices,
  RequestQuote,
  ListQuotes,
  AcceptQuote,
  CatalogPage,
  OutboxLookup,
  OutboxPrices,
  OutboxSubmit,
  StartSession,
  PunchoutSession,
  PunchoutTransfer,
  HostOpenProduct
};

struct HttpResponded {
  HttpPurpose purpose;
  std::uint64_t tag = 0;  // the search sequence number, for example
  HttpResponse response;
};

using Action =
    std::variant<AppStarted, SetLocale, CheckServer, Navigate, LogIn, LogOut, SearchChanged, ShowProduct, AddToCart,
                 CreateCart, RenameCart, DuplicateCart, DeleteCart, SelectCart, SetLineQuantity, SetLineNote,
                 SetCheckoutFields, PlaceOrder, FilterOrders, ToggleOrderDetails, CheckQuickOrder, Reorder,
                 RequestQuote, AcceptQuote, DecideApproval, ChangeUser, InviteUser, DismissNotice, Tick, NetworkHint,
                 StorageLost, ConfirmOutboxOrder, EditOutboxOrder, DiscardOutboxOrder, ResolveCartConflict,
                 HostConnected, HostPosted, RedeemStartToken, TransferCart, HttpResponded>;

// --- Effects ---------------------------------------------------------------------------------
struct SendHttp {
  HttpPurpose purpose;
  std::uint64_t tag = 0;
  HttpRequest request;
};
// How a written record must survive. Strict: on disk before the write completes, so a power cut keeps it;
// what could send an order or a cart twice or bring back a signed-out session is written so. Relaxed:
// handed to the operating system, so a killed tab or browser keeps it and only a power cut or an OS crash
// may lose it (the record before it stays): drafts written on every keystroke, and the catalog, which is
// fetched again.
enum class Durability { Strict, Relaxed };

// Writes a record to the device's storage ("state": DeviceState, "catalog": CatalogSnapshot).
struct StoreRecord {
  std::string name;
  std::string bytes;
  Durability durability = Durability::Strict;
};
// A message for the embedding portal (a complete b2b-embed envelope), posted only to its checked origin.
struct PostToHost {
  std::string json;
};
// Punchout: the browser posts this form to the procurement system (leaving the app).
struct SubmitForm {
  backend::PunchoutForm form;
};
using Effect = std::variant<SendHttp, StoreRecord, PostToHost, SubmitForm>;

struct Transition {
  AppState state;
  std::vector<Effect> effects;
};

// Pure: no I/O, no clocks, no randomness (they come in through actions and the state).
Transition update(AppState state, const Action& action, const backend::ShopProtocol& protocol);

// Helpers the views share with update().
const Cart* active_cart(const AppState& state);
const Product* find_product(const AppState& state, const std::string& sku);
const PriceListEntry* find_price(const AppState& state, const std::string& sku);
// Whether the cart has edits the server does not have yet.
bool cart_unsynced(const AppState& state, const Cart& cart);
bool is_local_cart_id(const std::string& id);
// What the server does not have yet: orders in the outbox, carts with edits, cart deletes.
struct UnsentWork {
  long orders = 0;
  long carts = 0;
  long deletes = 0;
  bool none() const { return orders == 0 && carts == 0 && deletes == 0; }
};
UnsentWork unsent_work(const AppState& state);
// Whether the buyer may take the order back into a cart or drop it: never while the server may have it.
bool outbox_entry_editable(const OutboxEntry& entry);

// What the device keeps of the state, and the state rebuilt from it (persist.cpp).
DeviceState device_state_of(const AppState& state);
// The "state" record encoded, and apart from it its commitments (encoded alone): the session, the outbox, the
// idempotency keys, the carts' server ids and the deletions not yet sent. A write that changes them is strict.
struct StateRecord {
  std::string bytes;
  std::string commitments;
};
StateRecord state_record_of(const AppState& state);
// The commitments of a device state, encoded (state_record_of's second half).
std::string commitments_of(DeviceState device);
CatalogSnapshot catalog_snapshot_of(const AppState& state);
AppState restore_state(AppState base, DeviceState device, std::optional<CatalogSnapshot> catalog);
// Where syncing stands, as JSON for browser tests: the connection, the device catalog's size, each cart
// (id, name, lines, unsynced) and each outbox order (key, status, attempts, order number).
std::string sync_status_json(const AppState& state);

// --- Store -----------------------------------------------------------------------------------
// Runs effects; it may dispatch actions back (now or later) through the store.
class EffectRunner {
 public:
  virtual ~EffectRunner() = default;
  virtual void run(const Effect& effect) = 0;
};

class Store {
 public:
  Store(EffectRunner& runner, const backend::ShopProtocol& protocol, AppState initial = {})
      : runner_(runner), protocol_(protocol), state_(std::move(initial)), saved_(state_record_of(state_)) {}

  const AppState& state() const { return state_; }

  // Queues the action; it takes effect in process(), so a frame draws one consistent state.
  void dispatch(Action action) { queue_.push_back(std::move(action)); }

  // Applies queued actions (and any they cause) and hands their effects to the runner.
  void process();

 private:
  EffectRunner& runner_;
  const backend::ShopProtocol& protocol_;
  AppState state_;
  std::deque<Action> queue_;
  StateRecord saved_;  // the "state" record last written, so only changes are written
};

}  // namespace b2b::client
