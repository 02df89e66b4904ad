// The pure update function and the store that drains actions and runs effects.
#include "store.hpp"

#include <algorithm>

#include "b2b/cart_sync.hpp"
#include "b2b/digest.hpp"
#include "b2b/pricing.hpp"
#include "b2b/protocol/health.hpp"
#include "b2b/validation.hpp"
#include "host_events.hpp"

namespace b2b::client {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

using backend::ShopProtocol;

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void erase_value(std::vector<std::string>& list, const std::string& value) {
  list.erase(std::remove(list.begin(), list.end(), value), list.end());
}

std::string token(const AppState& state) { return state.session ? state.session->token : ""; }

Cart* find_in(std::vector<Cart>& carts, const std::string& id) {
  for (Cart& cart : carts)
    if (cart.id == id) return &cart;
  return nullptr;
}

Cart* find_cart(AppState& state, const std::string& id) { return find_in(state.carts.carts, id); }

const Cart* find_synced(const AppState& state, const std::string& id) {
  for (const Cart& cart : state.carts.synced)
    if (cart.id == id) return &cart;
  return nullptr;
}

void erase_cart(std::vector<Cart>& carts, const std::string& id) {
  carts.erase(std::remove_if(carts.begin(), carts.end(), [&](const Cart& c) { return c.id == id; }), carts.end());
}

// The key of a request for quote, made from what is asked: the same request sent again after its answer was
// lost (also after a reload) gets the quote that waits for an answer; anything else asked is a new request.
std::string quote_request_key(const backend::QuoteRequest& request) {
  std::string asked;
  const auto field = [&](const std::string& text) { asked += std::to_string(text.size()) + ":" + text; };
  field(request.cart_id);
  field(request.note);
  for (const CartLine& line : request.lines) {
    field(line.sku);
    field(std::to_string(line.quantity));
    field(line.note);
  }
  return "rfq-" + stable_digest_hex(asked);
}

void put_cart(std::vector<Cart>& carts, const Cart& cart) {
  if (Cart* existing = find_in(carts, cart.id)) {
    *existing = cart;
  } else {
    carts.push_back(cart);
  }
}

OutboxEntry* find_entry(AppState& state, const std::string& key) {
  for (OutboxEntry& entry : state.outbox.entries)
    if (entry.submission.idempotency_key == key) return &entry;
  return nullptr;
}

bool is_server_error(const HttpResponse& response) { return response.status >= 500; }

void remember_product(AppState& state, const Product& product) {
  auto& known = state.carts.known_products;
  const auto it = std::find_if(known.begin(), known.end(), [&](const Product& p) { return p.sku == product.sku; });
  if (it == known.end()) {
    known.push_back(product);
  } else {
    *it = product;
  }
}

// A list answer: the value replaces what was shown and clears an earlier error, or the error is kept
// next to what was shown before.
template <typename T>
void take_answer(Result<T> answer, T& into, std::optional<Error>& error) {
  if (answer) {
    into = std::move(answer.value());
    error.reset();
  } else {
    error = answer.error();
  }
}

struct Builder {
  AppState state;
  std::vector<Effect> effects;
  const ShopProtocol& protocol;

  void send(HttpPurpose purpose, HttpRequest request, std::uint64_t tag = 0) {
    effects.push_back(SendHttp{purpose, tag, std::move(request)});
  }
  Transition done() { return {std::move(state), std::move(effects)}; }

  std::uint64_t new_tag() { return state.next_tag++; }
  // Offline until a request succeeds again (a check under way after failures is no answer yet).
  bool offline() const {
    return state.server.connection == Connection::Offline ||
           (state.server.connection == Connection::Checking && state.server.failed_checks > 0);
  }

  void check_server() {
    state.server.connection = Connection::Checking;
    state.server.problem = {};
    send(HttpPurpose::Health, protocol::build_health_request());
  }

  // A request got no answer: the network (or the server) is away. Checks are spaced out up to 30 s.
  void went_offline(const HttpResponse& response) {
    state.server.connection = Connection::Offline;
    state.server.problem = Error{ErrorKind::Network, "", response.body};
    state.server.failed_checks = std::min(state.server.failed_checks + 1, 10);
    state.server.next_check_unix = state.now_unix + std::min(30, 2 * state.server.failed_checks);
  }

  // Any answer means the server is reachable; coming back from offline sends what waited.
  void came_online() {
    const bool was_online = state.server.connection == Connection::Online;
    state.server.connection = Connection::Online;
    state.server.failed_checks = 0;
    if (!was_online && state.session) resync();
  }

  // Everything that waited for the network: carts both ways, prices, the catalog's changes, the outbox.
  void resync() {
    if (!state.session) return;
    send(HttpPurpose::PriceList, protocol.price_list_request(token(state)));
    if (state.capabilities.saved_carts) {
      state.carts.loading = true;
      send(HttpPurpose::ListCarts, protocol.list_carts_request(token(state)));
    } else {
      look_up_unknown_products();
    }
    start_catalog_sync();
    drain_outbox();
  }

  void start_catalog_sync() {
    if (!state.session || !state.capabilities.catalog_changes || state.catalog_sync.running) return;
    CatalogSyncState& sync = state.catalog_sync;
    sync.running = true;
    ++sync.seq;
    sync.since = state.catalog.local ? state.catalog.local->version() : 0;
    sync.changes.clear();
    send(HttpPurpose::CatalogPage, protocol.catalog_request(token(state), {sync.since, "", 500}), sync.seq);
  }

  void save_catalog() {
    effects.push_back(StoreRecord{"catalog", encode_catalog_snapshot(catalog_snapshot_of(state)), Durability::Relaxed});
  }

  // Sends what the server lacks of the carts: creates, updates (on the version last synced), deletes.
  // Waits while the server's carts are being fetched: they are reconciled first, then sent.
  void sync_carts() {
    if (!state.session || offline() || state.carts.loading || !state.capabilities.saved_carts) return;
    CartsState& carts = state.carts;
    for (const std::string& id : carts.deleted) {
      if (contains(carts.saving, id)) continue;
      carts.saving.push_back(id);
      const std::uint64_t tag = new_tag();
      carts.requests[tag] = id;
      send(HttpPurpose::DeleteCart, protocol.delete_cart_request(token(state), id), tag);
    }
    for (const Cart& cart : carts.carts) {
      if (contains(carts.saving, cart.id) || contains(carts.failed, cart.id)) continue;
      const bool conflicted = std::any_of(carts.conflicts.begin(), carts.conflicts.end(),
                                          [&](const CartConflict& c) { return c.mine.id == cart.id; });
      if (conflicted || !cart_unsynced(state, cart)) continue;
      const std::uint64_t tag = new_tag();
      carts.requests[tag] = cart.id;
      carts.saving.push_back(cart.id);
      if (is_local_cart_id(cart.id)) {
        Cart fresh = cart;
        fresh.id.clear();
        // The local id is the key: a create sent again after its answer was lost (also after edits, or
        // from a reload) gets the cart the first one made, never a second cart.
        send(HttpPurpose::CreateCart, protocol.create_cart_request(token(state), fresh, cart.id), tag);
      } else {
        send(HttpPurpose::SaveCart, protocol.update_cart_request(token(state), cart, update_key_of(cart)), tag);
      }
    }
  }

  // The key of this device's update of a cart from its version: the same again after a reload, so an update
  // whose answer was lost is recognised (see reconcile_carts) and a retry of it is answered, not refused.
  std::string update_key_of(const Cart& cart) const {
    return state.device_id + "/" + cart.id + "@" + std::to_string(cart.version);
  }

  // A cart edited here: sent now if the network is there, else when it returns.
  void cart_edited(const std::string& cart_id) {
    erase_value(state.carts.failed, cart_id);
    sync_carts();
  }

  // An id for a cart the server does not have yet (made here, or deleted there while edited here).
  std::string new_local_cart_id() { return "local-" + state.device_id + "-" + std::to_string(state.next_local_id++); }

  Cart& new_local_cart(std::string name, std::vector<CartLine> lines) {
    Cart fresh;
    fresh.id = new_local_cart_id();
    fresh.name = std::move(name);
    fresh.lines = std::move(lines);
    if (state.session) fresh.owner_user_id = state.session->user.id;
    state.carts.carts.push_back(fresh);
    state.carts.active_cart_id = fresh.id;
    return state.carts.carts.back();
  }

  // The server's carts meet the device's: untouched carts take the server's version; carts edited here
  // keep the edits (merged with changes made elsewhere when that is clear, else the buyer chooses).
  void reconcile_carts(const std::vector<Cart>& server_carts) {
    CartsState& carts = state.carts;
    std::vector<Cart> result;
    std::vector<std::string> adopted;  // local carts found on the server (a create whose answer was lost)
    for (const Cart& theirs : server_carts) {
      if (contains(carts.deleted, theirs.id)) continue;
      const Cart* mine = find_cart(state, theirs.id);
      if (contains(carts.saving, theirs.id)) {  // a save is under way: its answer decides
        result.push_back(mine ? *mine : theirs);
        continue;
      }
      if (!mine && !find_synced(state, theirs.id)) {
        for (const Cart& local : carts.carts) {
          if (!is_local_cart_id(local.id) || contains(carts.saving, local.id) || !same_content(local, theirs)) continue;
          adopted.push_back(local.id);
          if (carts.active_cart_id == local.id) carts.active_cart_id = theirs.id;
          break;
        }
      }
      std::optional<Cart> base;
      if (const Cart* synced = find_synced(state, theirs.id)) base = *synced;
      // This device's update made the server's version, but its answer was lost: not a change made elsewhere.
      if (mine && !theirs.update_key.empty() && theirs.update_key == update_key_of(*mine)) base = theirs;
      // The server empties a cart with the order placed from it; so did this device when it queued the
      // order. Measured from the emptied cart, lines added here since are edits, not a clash.
      const bool emptied_by_our_order =
          base && theirs.lines.empty() &&
          std::any_of(state.outbox.entries.begin(), state.outbox.entries.end(),
                      [&](const OutboxEntry& e) { return e.submission.cart_id == theirs.id && e.attempts > 0; });
      if (emptied_by_our_order) base->lines.clear();
      if (!mine || (base && same_content(*mine, *base)) || same_content(*mine, theirs)) {
        result.push_back(theirs);
      } else if (base && base->version == theirs.version) {
        Cart kept = *mine;
        kept.version = theirs.version;
        result.push_back(kept);  // edited only here: saved by sync_carts
      } else if (const auto merged = base ? merge_carts(*base, *mine, theirs) : std::optional<Cart>{}) {
        result.push_back(*merged);
        if (!same_content(theirs, *base)) carts.merged.push_back(merged->name);
      } else {
        result.push_back(*mine);
        const bool known = std::any_of(carts.conflicts.begin(), carts.conflicts.end(),
                                       [&](const CartConflict& c) { return c.mine.id == mine->id; });
        if (!known) carts.conflicts.push_back({*mine, theirs});
      }
    }
    for (const Cart& mine : carts.carts) {
      if (find_in(result, mine.id) || contains(adopted, mine.id)) continue;
      if (is_local_cart_id(mine.id) || contains(carts.saving, mine.id)) {
        result.push_back(mine);
      } else if (cart_unsynced(state, mine)) {
        // Deleted elsewhere while edited here: the edits survive as a new cart.
        Cart again = mine;
        again.id = new_local_cart_id();
        if (carts.active_cart_id == mine.id) carts.active_cart_id = again.id;
        result.push_back(again);
        carts.merged.push_back(again.name);
      }
    }
    carts.synced = server_carts;
    carts.carts = std::move(result);
    if (!find_cart(state, carts.active_cart_id)) {
      carts.active_cart_id = carts.carts.empty() ? "" : carts.carts.front().id;
    }
    look_up_unknown_products();
    sync_carts();
  }

  void look_up_unknown_products() {
    for (const Cart& cart : state.carts.carts)
      for (const CartLine& line : cart.lines)
        if (!find_product(state, line.sku))
          send(HttpPurpose::LookupProduct, protocol.search_request(token(state), {line.sku, 1}));
  }

  void after_login(const backend::Session& session) {
    // Another user on this device: the previous user's drafts are not theirs to see or send.
    const std::string previous_user = !state.login.expired_user_id.empty() ? state.login.expired_user_id
                                      : state.session                      ? state.session->user.id
                                                                           : "";
    if (!previous_user.empty() && previous_user != session.user.id) {
      keep_aside_unsent(previous_user);
      reset_user_data();
    }
    state.session = session;
    state.login = {};
    state.screen = Screen::Catalog;
    send(HttpPurpose::Categories, protocol.categories_request(session.token));
    check_punchout();
    if (state.checkout.fields.ship_to_address_id.empty() && !session.company.addresses.empty()) {
      state.checkout.fields.ship_to_address_id = session.company.addresses.front().id;
    }
    resync();
  }

  // Another user signs in while the previous one's orders or cart edits have not reached the server:
  // they are not sent under the new account, but kept on the device (like an unreadable record) and reported.
  void keep_aside_unsent(const std::string& user_id) {
    const UnsentWork unsent = unsent_work(state);
    if (unsent.orders == 0 && unsent.carts == 0) return;
    const std::string name = "kept-aside:user:" + user_id + ":" + std::to_string(state.now_unix);
    effects.push_back(StoreRecord{name, encode_device_state(device_state_of(state))});
    state.storage.kept_aside.push_back(name + ": " + std::to_string(unsent.orders) + " orders and " +
                                       std::to_string(unsent.carts) + " carts of another user, not sent");
  }

  void reset_user_data() {
    AppState fresh;
    fresh.locale = state.locale;
    fresh.server = state.server;
    fresh.today = state.today;
    fresh.now_unix = state.now_unix;
    fresh.utc_offset_minutes = state.utc_offset_minutes;
    fresh.device_id = state.device_id;
    fresh.next_key = state.next_key;
    fresh.next_local_id = state.next_local_id;
    fresh.next_tag = state.next_tag;
    fresh.storage = state.storage;
    fresh.capabilities = state.capabilities;
    fresh.catalog.local = state.catalog.local;
    fresh.catalog.category = state.catalog.category;
    fresh.embed = state.embed;
    fresh.embed.announced_orders.clear();
    state = std::move(fresh);
  }

  // The server no longer takes the token: sign in again, keeping every draft and the outbox.
  void session_expired() {
    if (!state.session) return;
    state.login.expired_user_id = state.session->user.id;
    state.login.error = Error{ErrorKind::Auth, "", "session expired"};
    state.login.busy = false;
    state.session.reset();
    state.screen = Screen::Login;
  }

  void load_orders() {
    state.orders.loading = true;
    send(HttpPurpose::ListOrders, protocol.list_orders_request(token(state), state.orders.filter), ++state.orders.seq);
  }

  void load_approvals() {
    if (state.approvals.loading) return;
    state.approvals.loading = true;
    send(HttpPurpose::ListApprovals, protocol.list_approvals_request(token(state)));
  }

  void load_quotes() {
    if (state.quotes.loading) return;
    state.quotes.loading = true;
    send(HttpPurpose::ListQuotes, protocol.list_quotes_request(token(state)));
  }

  void load_users() {
    if (state.users.loading) return;
    state.users.loading = true;
    send(HttpPurpose::ListUsers, protocol.list_users_request(token(state)));
  }

  void add_to_cart(const AddToCart& add) {
    const Product* product = find_product(state, add.sku);
    if (!product) return;
    const auto quantity = round_quantity_up(add.quantity, *product);
    if (!quantity) {
      state.carts.error = quantity.error();
      return;
    }
    remember_product(state, *product);
    state.carts.notice = QuantityNotice{add.sku, add.quantity, quantity.value()};
    add_lines({{add.sku, quantity.value(), ""}}, "");
  }

  // Adds lines to the active cart (a SKU already there gets the quantity on top), or puts them in a new
  // cart: one named new_cart_name if given, else the first cart, made for the first product.
  void add_lines(const std::vector<CartLine>& lines, const std::string& new_cart_name) {
    Cart* cart = new_cart_name.empty() ? find_cart(state, state.carts.active_cart_id) : nullptr;
    if (!cart) {
      new_local_cart(!new_cart_name.empty() ? new_cart_name : state.locale == Locale::pl ? "Koszyk" : "Cart", lines);
      sync_carts();
      return;
    }
    for (const CartLine& added : lines) {
      auto line =
          std::find_if(cart->lines.begin(), cart->lines.end(), [&](const CartLine& l) { return l.sku == added.sku; });
      if (line == cart->lines.end()) {
        cart->lines.push_back(added);
      } else {
        line->quantity += added.quantity;
      }
    }
    cart_edited(cart->id);
  }

  // Quick order and reorder: look the codes up, then check and add (finish_import).
  void start_import(std::vector<RequestedLine> lines, const std::string& reorder_of) {
    LineImportState& import = state.import;
    import =
        LineImportState{reorder_of, std::move(lines), false, import.seq + 1, {}, std::nullopt, std::nullopt, false, ""};
    if (import.requested.empty()) {
      import.error = Error{ErrorKind::Validation, "text", "type a code and a quantity on each line"};
      return;
    }
    const auto codes = codes_to_look_up(import.requested);
    if (codes.empty()) {  // every line is unreadable: report them without asking the server
      finish_import({});
      return;
    }
    import.checking = true;
    send(HttpPurpose::ImportLookup, protocol.lookup_products_request(token(state), {codes}), import.seq);
    send(HttpPurpose::ImportPrices, protocol.price_list_request(token(state)), import.seq);
  }

  void finish_import_when_ready() {
    if (state.import.found && state.import.prices_fresh) finish_import(*state.import.found);
  }

  void finish_import(const std::vector<Product>& found) {
    LineImportState& import = state.import;
    import.checking = false;
    import.report = check_lines(import.requested, found, state.prices ? &*state.prices : nullptr);
    for (const Product& product : found) remember_product(state, product);
    const std::vector<CartLine> lines = cart_lines_of(import.report);
    if (lines.empty()) return;
    if (import.reorder_of.empty()) {
      add_lines(lines, import.new_cart_name);
    } else {
      add_lines(lines, (state.locale == Locale::pl ? "Ponowienie " : "Reorder ") + import.reorder_of);
    }
  }

  // The checkout fields' problems as "checkout.<field>", for an order or an accepted quote.
  std::vector<FieldError> checkout_problems() const {
    std::vector<FieldError> problems;
    for (const FieldProblem& p : validate_checkout(state.checkout.fields, state.session->company, state.today)) {
      problems.push_back({"checkout." + p.field, problem_code_name(p.code), p.message});
    }
    return problems;
  }

  // A key for one order the buyer placed, unique on this device; kept for that order's retries.
  std::string new_idempotency_key() { return state.device_id + "-" + std::to_string(state.next_key++); }

  void place_order() {
    const Cart* cart = active_cart(state);
    if (!cart || !state.session || state.checkout.submitting) return;
    std::vector<FieldError> problems;
    if (cart->lines.empty()) problems.push_back({"lines", "required", "the cart is empty"});
    for (FieldError& problem : checkout_problems()) problems.push_back(std::move(problem));
    for (const FieldProblem& p : validate_cart(*cart, state.carts.known_products)) {
      problems.push_back({p.field, problem_code_name(p.code), p.message});
    }
    state.checkout.problems = problems;
    state.checkout.error.reset();
    state.checkout.repriced.reset();
    if (!problems.empty()) return;

    if (state.checkout.idempotency_key.empty()) {
      state.checkout.idempotency_key = new_idempotency_key();
    }
    backend::OrderSubmission submission;
    submission.idempotency_key = state.checkout.idempotency_key;
    // A cart the server has not seen yet is not named: the order must never empty it later.
    if (!is_local_cart_id(cart->id)) {
      submission.cart_id = cart->id;
      submission.cart_version = cart->version;
    }
    submission.lines = cart->lines;
    submission.checkout = state.checkout.fields;
    if (state.prices) {
      const auto priced = price_cart(*cart, *state.prices, state.carts.known_products);
      if (priced.ok()) {
        submission.expected_gross_total = priced.value().totals.gross;
        for (const PricedLine& line : priced.value().lines)
          submission.expected_prices.push_back({line.sku, line.unit_net});
      }
    }
    if (offline()) {
      queue_order(submission, cart->id, 0);
      return;
    }
    state.checkout.submitting = true;
    state.checkout.in_flight = submission;
    state.checkout.in_flight_cart_id = cart->id;
    send(HttpPurpose::SubmitOrder, protocol.submit_order_request(token(state), submission));
  }

  // The checkout is done with: fields cleared for the next order (the delivery address stays).
  void reset_checkout() {
    const std::string ship_to = state.checkout.fields.ship_to_address_id;
    state.checkout = {};
    state.checkout.fields.ship_to_address_id = ship_to;
  }

  // The order goes to the outbox: the cart is emptied as if it was placed, and the outbox sends it when
  // it can. attempts is 1 when a request was sent without an answer (the server may have stored it).
  void queue_order(const backend::OrderSubmission& submission, const std::string& cart_id, std::int64_t attempts) {
    OutboxEntry entry;
    entry.submission = submission;
    entry.queued_at = state.now_unix;
    entry.attempts = attempts;
    if (attempts == 0) {  // never sent: the cart is emptied here and synced like any edit, not by the order
      entry.submission.cart_id.clear();
      entry.submission.cart_version = 0;
    }
    if (Cart* cart = find_cart(state, cart_id)) {
      entry.cart_name = cart->name;
      cart->lines.clear();
      cart_edited(cart->id);
    }
    state.outbox.entries.push_back(entry);
    state.outbox.just_queued = submission.idempotency_key;
    reset_checkout();
    state.screen = Screen::Orders;
    drain_outbox();
  }

  // Sends what the outbox can send now: orders never sent are re-priced first (one check for all of
  // them); orders sent before without an answer, or checked since, go as they are.
  void drain_outbox() {
    if (!state.session || offline() || state.now_unix < state.outbox.next_try_unix) return;
    std::vector<std::string> codes;
    for (OutboxEntry& entry : state.outbox.entries) {
      if (entry.status != OutboxStatus::Waiting) continue;
      if (entry.attempts > 0 || entry.checked) {
        send_outbox_entry(entry);
        continue;
      }
      entry.status = OutboxStatus::Checking;
      for (const CartLine& line : entry.submission.lines)
        if (std::find(codes.begin(), codes.end(), line.sku) == codes.end()) codes.push_back(line.sku);
    }
    if (codes.empty()) return;
    OutboxState& outbox = state.outbox;
    ++outbox.check_seq;
    outbox.found.reset();
    outbox.prices.reset();
    send(HttpPurpose::OutboxLookup, protocol.lookup_products_request(token(state), {codes}), outbox.check_seq);
    send(HttpPurpose::OutboxPrices, protocol.price_list_request(token(state)), outbox.check_seq);
  }

  void send_outbox_entry(OutboxEntry& entry) {
    const backend::OrderSubmission& submission = entry.submission;
    entry.status = OutboxStatus::Sending;
    ++entry.attempts;
    const std::uint64_t tag = new_tag();
    state.outbox.sending[tag] = entry.submission.idempotency_key;
    send(HttpPurpose::OutboxSubmit, protocol.submit_order_request(token(state), submission), tag);
  }

  // Both answers of the re-pricing are in: each checked order is sent, or shown with what changed.
  void finish_outbox_check() {
    OutboxState& outbox = state.outbox;
    if (!outbox.found || !outbox.prices) return;
    for (const Product& product : *outbox.found) remember_product(state, product);
    for (OutboxEntry& entry : outbox.entries) {
      if (entry.status != OutboxStatus::Checking) continue;
      entry.changes.clear();
      std::vector<CartLine> orderable;
      for (const CartLine& line : entry.submission.lines) {
        const auto product = std::find_if(outbox.found->begin(), outbox.found->end(),
                                          [&](const Product& p) { return p.sku == line.sku; });
        const auto seen = std::find_if(entry.submission.expected_prices.begin(), entry.submission.expected_prices.end(),
                                       [&](const backend::ExpectedPrice& e) { return e.sku == line.sku; });
        const Money seen_price = seen != entry.submission.expected_prices.end() ? seen->unit_net : Money{};
        if (product == outbox.found->end() || !product->active) {
          entry.changes.push_back({line.sku, "unavailable", seen_price, {}});
          continue;
        }
        if (product->stock < line.quantity) entry.changes.push_back({line.sku, "stock_short", seen_price, seen_price});
        orderable.push_back(line);
      }
      const auto priced = price_cart(Cart{"", "", "", orderable, 0, ""}, *outbox.prices, *outbox.found);
      if (priced.ok()) {
        for (backend::LineChange& change :
             backend::price_changes(priced.value().lines, entry.submission.expected_prices))
          entry.changes.push_back(std::move(change));
        entry.new_totals = priced.value().totals;
      }
      if (entry.changes.empty()) {
        entry.checked = true;
        send_outbox_entry(entry);
      } else {
        entry.status = OutboxStatus::NeedsConfirmation;
      }
    }
    state.prices = *outbox.prices;
    outbox.found.reset();
    outbox.prices.reset();
  }

  // The buyer accepts what changed: unavailable lines are left out, the rest goes at today's prices.
  void confirm_outbox_entry(OutboxEntry& entry) {
    backend::OrderSubmission& submission = entry.submission;
    for (const backend::LineChange& change : entry.changes) {
      if (change.reason == "unavailable" || change.reason == "inactive") {
        submission.lines.erase(std::remove_if(submission.lines.begin(), submission.lines.end(),
                                              [&](const CartLine& l) { return l.sku == change.sku; }),
                               submission.lines.end());
        submission.expected_prices.erase(
            std::remove_if(submission.expected_prices.begin(), submission.expected_prices.end(),
                           [&](const backend::ExpectedPrice& e) { return e.sku == change.sku; }),
            submission.expected_prices.end());
      }
      for (backend::ExpectedPrice& seen : submission.expected_prices)
        if (seen.sku == change.sku && change.reason == "price_changed") seen.unit_net = change.new_unit_net;
    }
    if (entry.new_totals) submission.expected_gross_total = entry.new_totals->gross;
    entry.changes.clear();
    entry.new_totals.reset();
    if (submission.lines.empty()) {
      entry.status = OutboxStatus::Failed;
      entry.problem = "nothing left to order";
      return;
    }
    entry.checked = true;
    entry.status = OutboxStatus::Waiting;
    state.outbox.next_try_unix = 0;
    drain_outbox();
  }

  void discard_entry(const std::string& key) {
    auto& entries = state.outbox.entries;
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const OutboxEntry& e) { return e.submission.idempotency_key == key; }),
                  entries.end());
  }

  void outbox_answered(const HttpResponded& r) {
    const auto key = state.outbox.sending.find(r.tag);
    if (key == state.outbox.sending.end()) return;
    OutboxEntry* entry = find_entry(state, key->second);
    state.outbox.sending.erase(key);
    if (!entry) return;
    if (r.response.status == 0 || is_server_error(r.response) || r.response.status == 401) {
      entry->status = OutboxStatus::Waiting;  // the same request goes again later (same key: never twice)
      if (is_server_error(r.response)) state.outbox.next_try_unix = state.now_unix + 5;
      return;
    }
    const auto answer = protocol.parse_submit_order(r.response);
    if (!answer) {
      entry->status = OutboxStatus::Failed;
      entry->problem = answer.error().message;
      entry->problems = answer.error().fields;
      return;
    }
    if (answer.value().repriced) {
      entry->status = OutboxStatus::NeedsConfirmation;
      entry->changes = answer.value().repriced->changes;
      entry->new_totals = answer.value().repriced->totals;
      return;
    }
    const Order& order = answer.value().outcome->order;
    entry->status = OutboxStatus::Sent;
    entry->order_number = order.number;
    entry->order_status = order.status;
    entry->changes.clear();
    entry->problem.clear();
    if (state.screen == Screen::Orders) load_orders();
  }

  // A create or update of a cart answered. A created cart takes the server's id (and stays the active one).
  void cart_saved(const HttpResponded& r) {
    CartsState& carts = state.carts;
    const auto request = carts.requests.find(r.tag);
    if (request == carts.requests.end()) return;  // sent before the carts were reloaded
    std::string id = request->second;
    carts.requests.erase(request);
    erase_value(carts.saving, id);
    if (r.response.status == 0) return;  // sent again when the network returns
    const auto saved = protocol.parse_cart(r.response);
    if (!saved) {
      if (saved.error().kind == ErrorKind::Conflict) {  // changed elsewhere: merge with the server's version
        carts.loading = true;
        send(HttpPurpose::ListCarts, protocol.list_carts_request(token(state)));
      } else if (saved.error().kind == ErrorKind::NotFound && !is_local_cart_id(id)) {
        if (Cart* cart = find_cart(state, id)) {  // deleted elsewhere: the edits become a new cart
          cart->id = new_local_cart_id();
          if (carts.active_cart_id == id) carts.active_cart_id = cart->id;
          erase_cart(carts.synced, id);
          sync_carts();
        }
      } else if (saved.error().kind != ErrorKind::Auth && !is_server_error(r.response)) {
        carts.failed.push_back(id);  // refused for good; a server error is retried on the next tick
        carts.error = saved.error();
      }
      return;
    }
    const Cart& answer = saved.value();
    if (is_local_cart_id(id)) {
      if (carts.active_cart_id == id) carts.active_cart_id = answer.id;
      Cart* cart = find_cart(state, id);
      if (!cart) {  // deleted here while it was being created
        carts.deleted.push_back(answer.id);
        sync_carts();
        return;
      }
      // The server's list may have brought the new cart already (its answer came first): one copy stays.
      if (find_cart(state, answer.id)) {
        erase_cart(carts.carts, answer.id);
        cart = find_cart(state, id);
      }
      cart->id = answer.id;
      id = answer.id;
    }
    put_cart(carts.synced, answer);
    if (Cart* cart = find_cart(state, id)) {
      cart->version = answer.version;
      if (same_content(*cart, answer)) *cart = answer;
    }
    sync_carts();  // edits made while this request was under way
  }

  // A session may come from a procurement system's punchout: then the cart goes back there.
  void check_punchout() {
    state.punchout = {};
    if (state.session && state.capabilities.punchout) {
      send(HttpPurpose::PunchoutSession, protocol.punchout_session_request(token(state)));
    }
  }

  void post_to_host(std::string json) {
    if (state.embed.connected) effects.push_back(PostToHost{std::move(json)});
  }

  // What a portal posted: checked (a bad message is answered with an error naming the problem), then done.
  void host_posted(const std::string& json) {
    if (!state.embed.connected) return;
    embed::Parsed parsed = embed::parse_host_message(json);
    if (parsed.kind == embed::Parsed::Kind::Ignored) return;
    if (parsed.kind == embed::Parsed::Kind::Rejected) {
      post_to_host(std::move(parsed.reply));
      return;
    }
    const std::string& id = parsed.message->id;
    std::visit(Overloaded{
                   [&](const embed::Init& init) {
                     if (init.locale) state.locale = *init.locale;
                     if (init.theme) state.embed.theme = *init.theme;
                     if (state.catalog.category != init.category) {
                       state.catalog.category = init.category;
                       state.catalog.results.clear();
                       state.catalog.query.clear();
                     }
                     if (init.cart) {
                       state.embed.prefill = *init.cart;
                       state.embed.prefill_reply_to = id;
                     }
                     // A start token signs in later: `session` tells the portal when it has.
                     post_to_host(embed::initialized_message(state.session.has_value(), state.locale, id));
                     if (!init.start_token.empty()) {
                       state.embed.start_reply_to = id;
                       redeem_start_token(init.start_token);
                     }
                   },
                   [&](const embed::OpenProduct& open) {
                     state.embed.open_sku = open.sku;
                     state.embed.open_reply_to = id;
                   },
                   [&](const embed::CartPrefill& prefill) {
                     state.embed.prefill = prefill;
                     state.embed.prefill_reply_to = id;
                   },
                   [&](const embed::SetLocale& set) { state.locale = set.locale; },
                   [&](const embed::SetTheme& set) { state.embed.theme = set.theme; },
               },
               parsed.message->command);
    run_host_requests();
  }

  // A portal's product or prefill waits until someone is signed in and the carts are known.
  void run_host_requests() {
    EmbedState& embed = state.embed;
    if (!state.session) return;
    if (!embed.open_sku.empty()) {
      send(HttpPurpose::HostOpenProduct, protocol.lookup_products_request(token(state), {{embed.open_sku}}));
      embed.open_sku.clear();
    }
    if (embed.prefill && !state.carts.loading && !state.import.checking) {
      std::vector<RequestedLine> lines;
      for (const embed::PrefillLine& line : embed.prefill->lines) {
        RequestedLine requested;
        requested.line_number = static_cast<int>(lines.size()) + 1;
        requested.text = line.sku + " " + std::to_string(line.quantity);
        requested.code = line.sku;
        requested.quantity = line.quantity;
        lines.push_back(std::move(requested));
      }
      start_import(std::move(lines), "");
      state.import.new_cart_name = embed.prefill->name;
      embed.prefill.reset();
      embed.prefill_reporting = true;  // reported when the check is done (update's end)
    }
  }

  void report_prefill() {
    state.embed.prefill_reporting = false;
    if (state.import.error) {
      post_to_host(embed::error_message("prefill_failed", state.import.error->message, state.embed.prefill_reply_to));
      state.embed.prefill_reply_to.clear();
      return;
    }
    std::vector<embed::PrefillReportLine> lines;
    for (const LineReport& report : state.import.report) {
      embed::PrefillReportLine line;
      line.sku = report.sku.empty() ? report.requested.code : report.sku;
      line.requested = report.requested.quantity;
      line.added = report.quantity;
      line.status = report.outcome == LineOutcome::Added      ? "added"
                    : report.outcome == LineOutcome::Adjusted ? "adjusted"
                                                              : "rejected";
      if (report.reason != LineReason::None) line.reason = line_reason_code(report.reason);
      lines.push_back(std::move(line));
    }
    post_to_host(embed::prefill_report_message(lines, state.embed.prefill_reply_to));
    state.embed.prefill_reply_to.clear();
  }

  void redeem_start_token(const std::string& start_token) {
    state.login.busy = true;
    state.login.error.reset();
    send(HttpPurpose::StartSession, protocol.start_session_request(start_token));
  }

  void transfer_cart() {
    const Cart* cart = active_cart(state);
    PunchoutState& punchout = state.punchout;
    if (!punchout.context || !cart || punchout.transferring) return;
    punchout.error.reset();
    if (cart->lines.empty()) {
      punchout.error = Error{ErrorKind::Validation, "lines", "the cart is empty"};
      return;
    }
    // The server builds the procurement system's form from the cart it has: it must have this one.
    if (is_local_cart_id(cart->id) || cart_unsynced(state, *cart)) {
      punchout.error = Error{ErrorKind::Conflict, "cart", "the cart is not saved on the server yet"};
      sync_carts();
      return;
    }
    punchout.transferring = true;
    send(HttpPurpose::PunchoutTransfer, protocol.punchout_transfer_request(token(state), cart->id));
  }

  void search_on_device() {
    CatalogState& catalog = state.catalog;
    catalog.results = catalog.local->search(catalog.query, 50, catalog.category);
    catalog.results_from_device = true;
    catalog.searching = false;
    catalog.error.reset();
  }

  void responded(const HttpResponded& r) {
    if (r.response.status == 0) {
      went_offline(r.response);
    } else if (r.purpose != HttpPurpose::Health) {
      came_online();
    }
    if (r.response.status == 401 && r.purpose != HttpPurpose::Login && r.purpose != HttpPurpose::Logout &&
        r.purpose != HttpPurpose::StartSession) {
      session_expired();
    }
    switch (r.purpose) {
      case HttpPurpose::Health: {
        const auto health = protocol::parse_health_response(r.response);
        if (health) {
          state.server.server = health.value().server;
          state.server.protocol_version = health.value().protocol_version;
          state.server.problem = {};
          came_online();
        } else if (r.response.status != 0) {
          went_offline(r.response);  // something answered, but not our server
          state.server.problem = health.error();
        }
        break;
      }
      case HttpPurpose::CatalogPage: {
        CatalogSyncState& sync = state.catalog_sync;
        if (r.tag != sync.seq || !sync.running) break;
        const auto page = protocol.parse_catalog(r.response);
        if (!page) {
          sync.running = false;
          break;
        }
        sync.changes.insert(sync.changes.end(), page.value().products.begin(), page.value().products.end());
        if (!page.value().next_cursor.empty()) {
          send(HttpPurpose::CatalogPage,
               protocol.catalog_request(token(state), {sync.since, page.value().next_cursor, 500}), sync.seq);
          break;
        }
        sync.running = false;
        state.server.last_sync_unix = state.now_unix;
        const std::int64_t version = page.value().catalog_version;
        if (!state.catalog.local || !sync.changes.empty() || version != state.catalog.local->version()) {
          state.catalog.local = state.catalog.local ? state.catalog.local->with_changes(sync.changes, version)
                                                    : std::make_shared<const LocalCatalog>(sync.changes, version);
          save_catalog();
        }
        sync.changes.clear();
        break;
      }
      case HttpPurpose::OutboxLookup:
      case HttpPurpose::OutboxPrices: {
        OutboxState& outbox = state.outbox;
        if (r.tag != outbox.check_seq) break;
        bool failed = false;
        if (r.purpose == HttpPurpose::OutboxLookup) {
          auto found = protocol.parse_lookup_products(r.response);
          if (found) outbox.found = std::move(found.value());
          failed = !found;
        } else {
          auto prices = protocol.parse_price_list(r.response);
          if (prices) outbox.prices = std::move(prices.value());
          failed = !prices;
        }
        if (failed) {  // checked again when the server answers
          ++outbox.check_seq;
          for (OutboxEntry& entry : outbox.entries)
            if (entry.status == OutboxStatus::Checking) entry.status = OutboxStatus::Waiting;
          if (r.response.status != 0) outbox.next_try_unix = state.now_unix + 5;
          break;
        }
        finish_outbox_check();
        break;
      }
      case HttpPurpose::OutboxSubmit:
        outbox_answered(r);
        break;
      case HttpPurpose::Login: {
        const auto session = protocol.parse_login(r.response);
        if (session) {
          after_login(session.value());
        } else {
          state.login.busy = false;
          state.login.error = session.error();
        }
        break;
      }
      case HttpPurpose::StartSession: {
        const auto session = protocol.parse_login(r.response);
        if (session) {
          after_login(session.value());
          state.punchout.just_started = true;
        } else {
          state.login.busy = false;
          state.login.error = session.error();
          post_to_host(embed::error_message(r.response.status == 401 ? "start_token_invalid" : "sign_in_failed",
                                            session.error().message, state.embed.start_reply_to));
        }
        state.embed.start_reply_to.clear();
        break;
      }
      case HttpPurpose::PunchoutSession: {
        const auto context = protocol.parse_punchout_session(r.response);
        if (!context) break;
        state.punchout.context = context.value();
        // A new punchout ("create") brings back only what is chosen now, in a cart of its own.
        if (state.punchout.just_started && context.value() && context.value()->operation == "create") {
          new_local_cart(state.locale == Locale::pl ? "Zakupy z systemu zakupowego" : "From the procurement system",
                         {});
          sync_carts();
        }
        state.punchout.just_started = false;
        break;
      }
      case HttpPurpose::PunchoutTransfer: {
        state.punchout.transferring = false;
        auto form = protocol.parse_punchout_transfer(r.response);
        if (!form) {
          state.punchout.error = form.error();
          break;
        }
        state.punchout.sent = form.value();
        effects.push_back(SubmitForm{std::move(form.value())});
        break;
      }
      case HttpPurpose::HostOpenProduct: {
        const auto found = protocol.parse_lookup_products(r.response);
        const auto product =
            found ? std::find_if(found.value().begin(), found.value().end(), [](const Product& p) { return p.active; })
                  : std::vector<Product>::const_iterator{};
        if (!found || product == found.value().end()) {
          post_to_host(embed::error_message(found ? "not_found" : "lookup_failed",
                                            found ? "no product with this SKU is for sale" : found.error().message,
                                            state.embed.open_reply_to));
          break;
        }
        remember_product(state, *product);
        state.catalog.selected_sku = product->sku;
        state.screen = Screen::Product;
        break;
      }
      case HttpPurpose::Logout:
        break;  // the session was dropped already
      case HttpPurpose::Search: {
        if (r.tag != state.catalog.query_seq) break;  // an answer to an older query
        state.catalog.searching = false;
        if (r.response.status == 0 && state.catalog.local) {
          search_on_device();
          break;
        }
        state.catalog.results_from_device = false;
        take_answer(protocol.parse_search(r.response), state.catalog.results, state.catalog.error);
        break;
      }
      case HttpPurpose::Categories: {
        const auto categories = protocol.parse_categories(r.response);
        if (categories) state.catalog.categories = categories.value();
        break;
      }
      case HttpPurpose::LookupProduct: {
        const auto found = protocol.parse_search(r.response);
        if (found && !found.value().empty()) remember_product(state, found.value().front());
        break;
      }
      case HttpPurpose::ImportLookup: {
        if (r.tag != state.import.seq) break;  // an answer to an earlier paste
        const auto found = protocol.parse_lookup_products(r.response);
        if (!found) {
          state.import.checking = false;
          state.import.error = found.error();
          break;
        }
        state.import.found = found.value();
        finish_import_when_ready();
        break;
      }
      case HttpPurpose::ImportPrices: {
        if (r.tag != state.import.seq) break;
        // Without an answer the prices known since sign-in are used: the order is re-priced at checkout anyway.
        if (const auto prices = protocol.parse_price_list(r.response)) state.prices = prices.value();
        state.import.prices_fresh = true;
        finish_import_when_ready();
        break;
      }
      case HttpPurpose::RequestQuote: {
        state.quotes.requesting = false;
        const auto quote = protocol.parse_quote(r.response);
        if (!quote) {
          state.quotes.error = quote.error();
          state.quotes.problems = quote.error().fields;
          break;
        }
        // A request asked again after a lost answer gets the quote back: listed once, at the top.
        auto& quotes = state.quotes.quotes;
        quotes.erase(std::remove_if(quotes.begin(), quotes.end(),
                                    [&](const Quote& q) { return q.number == quote.value().number; }),
                     quotes.end());
        quotes.insert(quotes.begin(), quote.value());
        state.screen = Screen::Quotes;
        break;
      }
      case HttpPurpose::ListQuotes: {
        state.quotes.loading = false;
        take_answer(protocol.parse_list_quotes(r.response), state.quotes.quotes, state.quotes.error);
        break;
      }
      case HttpPurpose::AcceptQuote: {
        const std::string number = state.quotes.accepting;
        state.quotes.accepting.clear();
        const auto outcome = protocol.parse_accept_quote(r.response);
        if (!outcome) {
          state.quotes.error = outcome.error();
          state.quotes.problems = outcome.error().fields;
          // Refused for good (expired, already accepted): the next try is a new request.
          if (outcome.error().kind != ErrorKind::Network && outcome.error().kind != ErrorKind::Server) {
            state.quotes.idempotency_key.clear();
          }
          break;
        }
        state.quotes.idempotency_key.clear();
        state.quotes.problems.clear();
        for (Quote& quote : state.quotes.quotes) {
          if (quote.number != number) continue;
          quote.status = QuoteStatus::Accepted;
          quote.order_number = outcome.value().order.number;
        }
        state.checkout.placed = outcome.value().order;
        state.screen = Screen::Confirmation;
        break;
      }
      case HttpPurpose::PriceList: {
        const auto prices = protocol.parse_price_list(r.response);
        if (!prices) break;
        const bool changed =
            !state.prices || state.prices->version != prices.value().version || state.prices->id != prices.value().id;
        state.prices = prices.value();
        state.server.last_sync_unix = state.now_unix;
        if (changed && state.catalog.local) save_catalog();
        break;
      }
      case HttpPurpose::ListCarts: {
        state.carts.loading = false;
        const auto carts = protocol.parse_list_carts(r.response);
        if (!carts) {
          if (r.response.status != 0) state.carts.error = carts.error();
          break;
        }
        state.server.last_sync_unix = state.now_unix;
        reconcile_carts(carts.value());
        break;
      }
      case HttpPurpose::CreateCart:
      case HttpPurpose::SaveCart:
        cart_saved(r);
        break;
      case HttpPurpose::DeleteCart: {
        const auto id = state.carts.requests.find(r.tag);
        if (id == state.carts.requests.end()) break;
        const std::string cart_id = id->second;
        state.carts.requests.erase(id);
        erase_value(state.carts.saving, cart_id);
        // Deleted when the network returns, or on a later tick after a server error.
        if (r.response.status == 0 || is_server_error(r.response)) break;
        const auto deleted = protocol.parse_delete_cart(r.response);
        if (!deleted && deleted.error().kind != ErrorKind::NotFound) state.carts.error = deleted.error();
        erase_value(state.carts.deleted, cart_id);
        erase_cart(state.carts.synced, cart_id);
        break;
      }
      case HttpPurpose::ListOrders: {
        if (r.tag != state.orders.seq) break;  // an answer to an older filter
        state.orders.loading = false;
        take_answer(protocol.parse_list_orders(r.response), state.orders.orders, state.orders.error);
        break;
      }
      case HttpPurpose::ListApprovals: {
        state.approvals.loading = false;
        take_answer(protocol.parse_list_approvals(r.response), state.approvals.pending, state.approvals.error);
        break;
      }
      case HttpPurpose::DecideApproval: {
        const std::string number = state.approvals.deciding;
        state.approvals.deciding.clear();
        const auto decided = protocol.parse_order(r.response);
        if (!decided) state.approvals.error = decided.error();
        // Decided here, or by someone else meanwhile (the message says so): no longer waiting for this approver.
        const bool settled =
            decided || decided.error().kind == ErrorKind::Conflict || decided.error().kind == ErrorKind::NotFound;
        if (!settled) break;
        auto& pending = state.approvals.pending;
        pending.erase(std::remove_if(pending.begin(), pending.end(),
                                     [&](const backend::PendingApproval& p) { return p.order.number == number; }),
                      pending.end());
        break;
      }
      case HttpPurpose::ListUsers: {
        state.users.loading = false;
        take_answer(protocol.parse_list_users(r.response), state.users.users, state.users.error);
        break;
      }
      case HttpPurpose::SaveUser: {
        const auto saved = protocol.parse_user(r.response);
        if (!saved) {
          state.users.error = saved.error();
          break;
        }
        auto& users = state.users.users;
        const auto it =
            std::find_if(users.begin(), users.end(), [&](const User& u) { return u.id == saved.value().id; });
        if (it == users.end()) {
          users.push_back(saved.value());
        } else {
          *it = saved.value();
        }
        if (state.session && state.session->user.id == saved.value().id) state.session->user = saved.value();
        break;
      }
      case HttpPurpose::SubmitOrder: {
        state.checkout.submitting = false;
        if ((r.response.status == 0 || is_server_error(r.response)) && state.checkout.in_flight) {
          // No answer: the server may have it or not. The outbox sends the same request until it answers.
          queue_order(*state.checkout.in_flight, state.checkout.in_flight_cart_id, 1);
          break;
        }
        state.checkout.in_flight.reset();
        const auto answer = protocol.parse_submit_order(r.response);
        if (!answer) {
          state.checkout.error = answer.error();
          state.checkout.problems = answer.error().fields;
          break;
        }
        if (answer.value().repriced) {
          state.checkout.repriced = answer.value().repriced;
          // The buyer confirms the new prices by placing the order again: a new request, new key.
          state.checkout.idempotency_key.clear();
          send(HttpPurpose::PriceList, protocol.price_list_request(token(state)));
          break;
        }
        const Order placed = answer.value().outcome->order;
        reset_checkout();
        state.checkout.placed = placed;
        state.screen = Screen::Confirmation;
        if (Cart* cart = find_cart(state, state.carts.active_cart_id)) cart->lines.clear();
        if (state.capabilities.saved_carts) {
          state.carts.loading = true;
          send(HttpPurpose::ListCarts, protocol.list_carts_request(token(state)));  // the emptied cart's new version
        }
        break;
      }
    }
  }
};

}  // namespace

const Cart* active_cart(const AppState& state) {
  for (const Cart& cart : state.carts.carts)
    if (cart.id == state.carts.active_cart_id) return &cart;
  return nullptr;
}

const Product* find_product(const AppState& state, const std::string& sku) {
  for (const Product& product : state.catalog.results)
    if (product.sku == sku) return &product;
  for (const Product& product : state.carts.known_products)
    if (product.sku == sku) return &product;
  return state.catalog.local ? state.catalog.local->find(sku) : nullptr;
}

const PriceListEntry* find_price(const AppState& state, const std::string& sku) {
  return state.prices ? price_entry(*state.prices, sku) : nullptr;
}

bool is_local_cart_id(const std::string& id) { return id.rfind("local-", 0) == 0; }

bool cart_unsynced(const AppState& state, const Cart& cart) {
  if (!state.capabilities.saved_carts) return false;  // the device is the only place it is kept
  if (is_local_cart_id(cart.id)) return true;
  const Cart* synced = find_synced(state, cart.id);
  return !synced || !same_content(cart, *synced);
}

UnsentWork unsent_work(const AppState& state) {
  UnsentWork unsent;
  for (const OutboxEntry& entry : state.outbox.entries)
    if (entry.status != OutboxStatus::Sent) ++unsent.orders;
  for (const Cart& cart : state.carts.carts)
    if (cart_unsynced(state, cart)) ++unsent.carts;
  unsent.deletes = static_cast<long>(state.carts.deleted.size());
  return unsent;
}

bool outbox_entry_editable(const OutboxEntry& entry) {
  switch (entry.status) {
    case OutboxStatus::NeedsConfirmation:
    case OutboxStatus::Failed:
      return true;
    case OutboxStatus::Waiting:
      return entry.attempts == 0;  // once sent without an answer, the server may have it: wait for it
    default:
      return false;
  }
}

namespace {

Transition update_app(AppState state, const Action& action, const ShopProtocol& protocol) {
  Builder b{std::move(state), {}, protocol};
  std::visit(
      Overloaded{
          [&](const AppStarted&) {
            b.state.capabilities = protocol.capabilities();
            b.check_server();
            if (b.state.session) b.check_punchout();
          },
          [&](const CheckServer&) {
            if (b.state.server.connection != Connection::Checking) b.check_server();
          },
          [&](const SetLocale& set) { b.state.locale = set.locale; },
          [&](const Navigate& go) {
            if (!b.state.session && go.screen != Screen::Login) return;
            b.state.screen = go.screen;
            // Quick order opened afresh does not show the last reorder's report.
            if (go.screen == Screen::QuickOrder && !b.state.import.checking && !b.state.import.reorder_of.empty()) {
              b.state.import =
                  LineImportState{"", {}, false, b.state.import.seq, {}, std::nullopt, std::nullopt, false, ""};
            }
            // Lists are fetched whenever their screen opens: statuses change on the server.
            if (go.screen == Screen::Orders) b.load_orders();
            if (go.screen == Screen::Approvals) b.load_approvals();
            if (go.screen == Screen::Quotes) b.load_quotes();
            if (go.screen == Screen::Users) b.load_users();
          },
          [&](const LogIn& login) {
            if (b.state.login.busy) return;
            b.state.login.busy = true;
            b.state.login.error.reset();
            b.send(HttpPurpose::Login, protocol.login_request({login.email, login.password}));
          },
          [&](const LogOut&) {
            // Signing out would drop what the server does not have yet: refuse and say why.
            const UnsentWork unsent = unsent_work(b.state);
            if (!unsent.none()) {
              b.state.login.logout_problem =
                  Error{ErrorKind::Validation, unsent.orders > 0 ? "outbox" : "carts",
                        std::to_string(unsent.orders) + " orders and " + std::to_string(unsent.carts) +
                            " carts are not on the server yet"};
              return;
            }
            if (b.state.session) b.send(HttpPurpose::Logout, protocol.logout_request(b.state.session->token));
            b.state.session.reset();
            b.state.login.expired_user_id.clear();
            b.reset_user_data();
          },
          [&](const SearchChanged& search) {
            CatalogState& catalog = b.state.catalog;
            catalog.query = search.query;
            ++catalog.query_seq;
            const bool blank = search.query.find_first_not_of(" \t") == std::string::npos;
            catalog.searching = !blank;
            if (blank) {
              catalog.results.clear();
              return;
            }
            // The device's catalog answers with no network, and instead of a shop whose search does not
            // find what buyers type (Medusa's finds "płytek" but not "plytek").
            if ((b.offline() || !b.state.capabilities.buyer_search) && catalog.local) {
              b.search_on_device();
              return;
            }
            b.send(HttpPurpose::Search, protocol.search_request(token(b.state), {search.query, 50, catalog.category}),
                   catalog.query_seq);
          },
          [&](const ShowProduct& show) {
            b.state.catalog.selected_sku = show.sku;
            b.state.screen = Screen::Product;
          },
          [&](const AddToCart& add) { b.add_to_cart(add); },
          [&](const CreateCart& create) {
            if (!b.state.session) return;
            b.new_local_cart(create.name, {});
            b.sync_carts();
          },
          [&](const RenameCart& rename) {
            if (Cart* cart = find_cart(b.state, rename.cart_id)) {
              cart->name = rename.name;
              b.cart_edited(cart->id);
            }
          },
          [&](const DuplicateCart& duplicate) {
            if (const Cart* cart = find_cart(b.state, duplicate.cart_id)) {
              const std::vector<CartLine> lines = cart->lines;
              b.new_local_cart(duplicate.name, lines);
              b.sync_carts();
            }
          },
          [&](const DeleteCart& del) {
            CartsState& carts = b.state.carts;
            if (!find_cart(b.state, del.cart_id)) return;
            erase_cart(carts.carts, del.cart_id);
            carts.conflicts.erase(std::remove_if(carts.conflicts.begin(), carts.conflicts.end(),
                                                 [&](const CartConflict& c) { return c.mine.id == del.cart_id; }),
                                  carts.conflicts.end());
            if (carts.active_cart_id == del.cart_id)
              carts.active_cart_id = carts.carts.empty() ? "" : carts.carts.front().id;
            if (!is_local_cart_id(del.cart_id)) carts.deleted.push_back(del.cart_id);
            b.sync_carts();
          },
          [&](const SelectCart& select) {
            if (find_cart(b.state, select.cart_id)) b.state.carts.active_cart_id = select.cart_id;
          },
          [&](const SetLineQuantity& set) {
            Cart* cart = find_cart(b.state, b.state.carts.active_cart_id);
            if (!cart) return;
            auto line = std::find_if(cart->lines.begin(), cart->lines.end(),
                                     [&](const CartLine& l) { return l.sku == set.sku; });
            if (line == cart->lines.end()) return;
            if (set.quantity <= 0) {
              cart->lines.erase(line);
            } else {
              line->quantity = set.quantity;
            }
            b.cart_edited(cart->id);
          },
          [&](const SetLineNote& set) {
            Cart* cart = find_cart(b.state, b.state.carts.active_cart_id);
            if (!cart) return;
            for (CartLine& line : cart->lines)
              if (line.sku == set.sku) line.note = set.note;
            b.cart_edited(cart->id);
          },
          [&](const SetCheckoutFields& set) { b.state.checkout.fields = set.fields; },
          [&](const PlaceOrder&) { b.place_order(); },
          [&](const FilterOrders& filter) {
            b.state.orders.filter = filter.filter;
            b.load_orders();
          },
          [&](const CheckQuickOrder& quick) {
            if (!b.state.session || b.state.import.checking) return;
            b.start_import(parse_quick_order(quick.text), "");
          },
          [&](const RequestQuote& request) {
            const Cart* cart = active_cart(b.state);
            if (!b.state.session || b.state.quotes.requesting || !cart) return;
            b.state.quotes.error.reset();
            b.state.quotes.problems.clear();
            if (cart->lines.empty()) {
              b.state.quotes.problems.push_back({"lines", "required", "the cart is empty"});
              return;
            }
            b.state.quotes.requesting = true;
            const backend::QuoteRequest asked{cart->id, cart->lines, request.note};
            b.send(HttpPurpose::RequestQuote,
                   protocol.request_quote_request(token(b.state), asked, quote_request_key(asked)));
          },
          [&](const AcceptQuote& accept) {
            if (!b.state.session || !b.state.quotes.accepting.empty()) return;
            b.state.quotes.error.reset();
            b.state.quotes.problems = b.checkout_problems();
            if (!b.state.quotes.problems.empty()) return;
            if (b.state.quotes.idempotency_key.empty()) b.state.quotes.idempotency_key = b.new_idempotency_key();
            b.state.quotes.accepting = accept.number;
            b.send(HttpPurpose::AcceptQuote,
                   protocol.accept_quote_request(
                       token(b.state), {accept.number, b.state.quotes.idempotency_key, b.state.checkout.fields}));
          },
          [&](const Reorder& reorder) {
            if (!b.state.session || b.state.import.checking) return;
            const auto& orders = b.state.orders.orders;
            const auto order =
                std::find_if(orders.begin(), orders.end(), [&](const Order& o) { return o.number == reorder.number; });
            if (order == orders.end()) return;
            b.start_import(lines_of_order(*order), order->number);
            b.state.screen = Screen::QuickOrder;
          },
          [&](const ToggleOrderDetails& toggle) {
            b.state.orders.open_number = b.state.orders.open_number == toggle.number ? "" : toggle.number;
          },
          [&](const DecideApproval& decide) {
            if (!b.state.approvals.deciding.empty()) return;
            b.state.approvals.deciding = decide.order_number;
            b.state.approvals.error.reset();
            b.send(HttpPurpose::DecideApproval,
                   protocol.decide_approval_request(token(b.state),
                                                    {decide.order_number, decide.approve, decide.comment}));
          },
          [&](const ChangeUser& change) {
            b.state.users.error.reset();
            b.send(HttpPurpose::SaveUser, protocol.change_user_request(token(b.state), change.change));
          },
          [&](const InviteUser& invite) {
            b.state.users.error.reset();
            b.send(HttpPurpose::SaveUser, protocol.invite_user_request(token(b.state), invite.invite));
          },
          [&](const DismissNotice&) {
            b.state.carts.notice.reset();
            b.state.carts.error.reset();
            b.state.carts.merged.clear();
            b.state.outbox.just_queued.clear();
            b.state.login.logout_problem.reset();
          },
          [&](const Tick& tick) {
            b.state.now_unix = tick.now_unix;
            b.state.utc_offset_minutes = tick.utc_offset_minutes;
            if (b.state.server.connection == Connection::Offline && tick.now_unix >= b.state.server.next_check_unix) {
              b.check_server();
            }
            if (b.state.server.connection == Connection::Online) {
              b.drain_outbox();
              b.sync_carts();
            }
          },
          [&](const NetworkHint& hint) {
            (void)hint;  // either way, a request decides
            if (b.state.server.connection != Connection::Checking) b.check_server();
          },
          [&](const StorageLost& lost) {
            b.state.storage.available = false;
            b.state.storage.problem = lost.problem;
          },
          [&](const ConfirmOutboxOrder& confirm) {
            OutboxEntry* entry = find_entry(b.state, confirm.key);
            if (entry && entry->status == OutboxStatus::NeedsConfirmation) b.confirm_outbox_entry(*entry);
          },
          [&](const EditOutboxOrder& edit) {
            OutboxEntry* entry = find_entry(b.state, edit.key);
            if (!entry || !outbox_entry_editable(*entry)) return;
            const OutboxEntry taken = *entry;
            b.discard_entry(edit.key);
            b.new_local_cart(taken.cart_name.empty() ? "Koszyk" : taken.cart_name, taken.submission.lines);
            b.state.checkout.fields = taken.submission.checkout;
            b.state.screen = Screen::Carts;
            b.sync_carts();
          },
          [&](const DiscardOutboxOrder& discard) {
            const OutboxEntry* entry = find_entry(b.state, discard.key);
            if (entry && (entry->status == OutboxStatus::Sent || outbox_entry_editable(*entry))) {
              b.discard_entry(discard.key);
            }
          },
          [&](const ResolveCartConflict& resolve) {
            CartsState& carts = b.state.carts;
            const auto conflict = std::find_if(carts.conflicts.begin(), carts.conflicts.end(),
                                               [&](const CartConflict& c) { return c.mine.id == resolve.cart_id; });
            if (conflict == carts.conflicts.end()) return;
            const Cart* current = find_cart(b.state, resolve.cart_id);
            Cart chosen = !resolve.keep_mine ? conflict->theirs : current ? *current : conflict->mine;
            chosen.version = conflict->theirs.version;
            put_cart(carts.synced, conflict->theirs);
            put_cart(carts.carts, chosen);
            carts.conflicts.erase(conflict);
            b.sync_carts();
          },
          [&](const HostConnected& connected) {
            b.state.embed.connected = true;
            b.state.embed.storage = connected.storage;
            // Orders placed before the portal was there are not news to it.
            if (b.state.checkout.placed) b.state.embed.announced_orders.push_back(b.state.checkout.placed->number);
            for (const OutboxEntry& entry : b.state.outbox.entries)
              if (!entry.order_number.empty()) b.state.embed.announced_orders.push_back(entry.order_number);
            b.post_to_host(embed::ready_message(connected.storage));
          },
          [&](const HostPosted& posted) { b.host_posted(posted.json); },
          [&](const RedeemStartToken& redeem) { b.redeem_start_token(redeem.token); },
          [&](const TransferCart&) { b.transfer_cart(); },
          [&](const HttpResponded& r) { b.responded(r); },
      },
      action);
  // Work a portal asked for before the sign-in or the carts were there.
  if (b.state.embed.connected) b.run_host_requests();
  if (b.state.embed.prefill_reporting && !b.state.import.checking) b.report_prefill();
  return b.done();
}

}  // namespace

Transition update(AppState state, const Action& action, const ShopProtocol& protocol) {
  if (!state.embed.connected) return update_app(std::move(state), action, protocol);
  const HostView before = host_view(state);
  Transition next = update_app(std::move(state), action, protocol);
  append_host_events(before, next, action);
  return next;
}

void Store::process() {
  // Effects may dispatch synchronously (e.g. a failing transport); the loop drains those too.
  bool changed = false;
  while (!queue_.empty()) {
    Action action = std::move(queue_.front());
    queue_.pop_front();
    Transition next = update(std::move(state_), action, protocol_);
    state_ = std::move(next.state);
    changed = true;
    for (const Effect& effect : next.effects) runner_.run(effect);
  }
  // Written through: what the buyer made is on the device after every change that touched it.
  if (!changed) return;
  // Most actions (a search typed, a screen opened) leave the record as it was: its commitments are encoded
  // only when it changed.
  DeviceState device = device_state_of(state_);
  std::string bytes = encode_device_state(device);
  if (bytes == saved_.bytes) return;
  std::string commitments = commitments_of(std::move(device));
  const Durability durability = commitments == saved_.commitments ? Durability::Relaxed : Durability::Strict;
  saved_ = {std::move(bytes), std::move(commitments)};
  runner_.run(StoreRecord{"state", saved_.bytes, durability});
}

}  // namespace b2b::client
