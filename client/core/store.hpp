// The application store: plain state, actions as types, a pure update function that returns
// the next state and the effects (HTTP, storage) to run as data. Views draw from const state.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "b2b/backend/shop_protocol.hpp"
#include "b2b/http.hpp"
#include "b2b/locale.hpp"
#include "b2b/order_lines.hpp"
#include "b2b/result.hpp"

namespace b2b::client {

// --- State -----------------------------------------------------------------------------------
enum class Connection { Unknown, Checking, Online, Offline };

struct ServerStatus {
  Connection connection = Connection::Unknown;
  std::string server;  // who answered, when online
  int protocol_version = 0;
  Error problem{};  // why not online, when offline
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
};

struct CatalogState {
  std::string query;
  std::uint64_t query_seq = 0;  // the search whose answer is awaited; older answers are ignored
  bool searching = false;
  std::vector<Product> results;
  std::optional<Error> error;
  std::string selected_sku;                   // the product shown on the product screen
  std::vector<backend::Category> categories;  // for browsing before typing
};

// What happened to a quantity on its way into a cart, to tell the buyer why it changed.
struct QuantityNotice {
  std::string sku;
  std::int64_t requested = 0;
  std::int64_t added = 0;
};

struct CartsState {
  std::vector<Cart> carts;
  std::string active_cart_id;
  bool loading = false;
  std::optional<Error> error;
  std::optional<QuantityNotice> notice;
  std::vector<Product> known_products;  // every product put in a cart, for names, units and prices
  // Carts whose save is under way, and those edited again meanwhile (saved once the first returns,
  // with the version it gave, so two quick edits never conflict with each other).
  std::vector<std::string> saving;
  std::vector<std::string> dirty;
};

struct CheckoutState {
  CheckoutFields fields;
  std::vector<FieldError> problems;  // shown next to their fields
  bool submitting = false;
  std::string idempotency_key;  // kept for retries of the same order
  std::optional<Error> error;
  std::optional<backend::RepricedOrder> repriced;
  std::optional<Order> placed;
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

struct AppState {
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
  Date today;                  // set by the platform; validation of delivery dates needs it
  std::string device_id;       // random per installation; part of every idempotency key
  std::uint64_t next_key = 1;  // makes each order's idempotency key unique on this device
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
  AcceptQuote
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
                 RequestQuote, AcceptQuote, DecideApproval, ChangeUser, InviteUser, DismissNotice, HttpResponded>;

// --- Effects ---------------------------------------------------------------------------------
struct SendHttp {
  HttpPurpose purpose;
  std::uint64_t tag = 0;
  HttpRequest request;
};
using Effect = std::variant<SendHttp>;

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
      : runner_(runner), protocol_(protocol), state_(std::move(initial)) {}

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
};

}  // namespace b2b::client
