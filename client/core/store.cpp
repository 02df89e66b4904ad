// The pure update function and the store that drains actions and runs effects.
#include "store.hpp"

#include <algorithm>

#include "b2b/pricing.hpp"
#include "b2b/protocol/health.hpp"
#include "b2b/validation.hpp"

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

Cart* find_cart(AppState& state, const std::string& id) {
  for (Cart& cart : state.carts.carts)
    if (cart.id == id) return &cart;
  return nullptr;
}

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

  void check_server() {
    state.server.connection = Connection::Checking;
    state.server.problem = {};
    send(HttpPurpose::Health, protocol::build_health_request());
  }

  // Saves the cart now, or after the save under way returns.
  void save_cart(const std::string& cart_id) {
    if (contains(state.carts.saving, cart_id)) {
      if (!contains(state.carts.dirty, cart_id)) state.carts.dirty.push_back(cart_id);
      return;
    }
    if (const Cart* cart = find_cart(state, cart_id)) {
      state.carts.saving.push_back(cart_id);
      send(HttpPurpose::SaveCart, protocol.update_cart_request(token(state), *cart));
    }
  }

  void look_up_unknown_products() {
    for (const Cart& cart : state.carts.carts)
      for (const CartLine& line : cart.lines)
        if (!find_product(state, line.sku))
          send(HttpPurpose::LookupProduct, protocol.search_request(token(state), {line.sku, 1}));
  }

  void after_login(const backend::Session& session) {
    state.session = session;
    state.login = {};
    state.screen = Screen::Catalog;
    send(HttpPurpose::PriceList, protocol.price_list_request(session.token));
    send(HttpPurpose::Categories, protocol.categories_request(session.token));
    state.carts.loading = true;
    send(HttpPurpose::ListCarts, protocol.list_carts_request(session.token));
    if (state.checkout.fields.ship_to_address_id.empty() && !session.company.addresses.empty()) {
      state.checkout.fields.ship_to_address_id = session.company.addresses.front().id;
    }
  }

  void load_orders() {
    state.orders.loading = true;
    send(HttpPurpose::ListOrders, protocol.list_orders_request(token(state), state.orders.filter), ++state.orders.seq);
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
      Cart fresh;
      fresh.name = !new_cart_name.empty() ? new_cart_name : state.locale == Locale::pl ? "Koszyk" : "Cart";
      fresh.lines = lines;
      send(HttpPurpose::CreateCart, protocol.create_cart_request(token(state), fresh));
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
    save_cart(cart->id);
  }

  // Quick order and reorder: look the codes up, then check and add (finish_import).
  void start_import(std::vector<RequestedLine> lines, const std::string& reorder_of) {
    LineImportState& import = state.import;
    import =
        LineImportState{reorder_of, std::move(lines), false, import.seq + 1, {}, std::nullopt, std::nullopt, false};
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
      add_lines(lines, "");
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
    submission.cart_id = cart->id;
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
    state.checkout.submitting = true;
    send(HttpPurpose::SubmitOrder, protocol.submit_order_request(token(state), submission));
  }

  void responded(const HttpResponded& r) {
    switch (r.purpose) {
      case HttpPurpose::Health: {
        const auto health = protocol::parse_health_response(r.response);
        state.server =
            health ? ServerStatus{Connection::Online, health.value().server, health.value().protocol_version, {}}
                   : ServerStatus{Connection::Offline, "", 0, health.error()};
        break;
      }
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
      case HttpPurpose::Logout:
        break;  // the session was dropped already
      case HttpPurpose::Search: {
        if (r.tag != state.catalog.query_seq) break;  // an answer to an older query
        state.catalog.searching = false;
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
        state.quotes.quotes.insert(state.quotes.quotes.begin(), quote.value());
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
        if (prices) state.prices = prices.value();
        break;
      }
      case HttpPurpose::ListCarts: {
        state.carts.loading = false;
        const auto carts = protocol.parse_list_carts(r.response);
        if (!carts) {
          state.carts.error = carts.error();
          break;
        }
        state.carts.carts = carts.value();
        state.carts.saving.clear();
        state.carts.dirty.clear();
        if (!find_cart(state, state.carts.active_cart_id)) {
          state.carts.active_cart_id = state.carts.carts.empty() ? "" : state.carts.carts.front().id;
        }
        look_up_unknown_products();
        break;
      }
      case HttpPurpose::CreateCart: {
        const auto cart = protocol.parse_cart(r.response);
        if (!cart) {
          state.carts.error = cart.error();
          break;
        }
        state.carts.carts.push_back(cart.value());
        state.carts.active_cart_id = cart.value().id;
        break;
      }
      case HttpPurpose::SaveCart: {
        const auto saved = protocol.parse_cart(r.response);
        if (!saved) {
          state.carts.saving.clear();
          state.carts.dirty.clear();
          state.carts.error = saved.error();
          // Someone else changed it (another tab or device): show what the server has now.
          if (saved.error().kind == ErrorKind::Conflict) {
            state.carts.loading = true;
            send(HttpPurpose::ListCarts, protocol.list_carts_request(token(state)));
          }
          break;
        }
        const std::string id = saved.value().id;
        erase_value(state.carts.saving, id);
        if (Cart* cart = find_cart(state, id)) {
          cart->version = saved.value().version;
          if (contains(state.carts.dirty, id)) {
            erase_value(state.carts.dirty, id);
            save_cart(id);  // the edits made while saving, on top of the version just saved
          } else {
            *cart = saved.value();
          }
        }
        break;
      }
      case HttpPurpose::DeleteCart: {
        const auto deleted = protocol.parse_delete_cart(r.response);
        if (!deleted) state.carts.error = deleted.error();
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
        state.approvals.deciding.clear();
        const auto decided = protocol.parse_order(r.response);
        if (!decided) {
          state.approvals.error = decided.error();
          break;
        }
        auto& pending = state.approvals.pending;
        pending.erase(
            std::remove_if(pending.begin(), pending.end(),
                           [&](const backend::PendingApproval& p) { return p.order.number == decided.value().number; }),
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
        state.checkout.placed = answer.value().outcome->order;
        state.checkout.idempotency_key.clear();
        state.checkout.problems.clear();
        const std::string ship_to = state.checkout.fields.ship_to_address_id;
        state.checkout.fields = {};
        state.checkout.fields.ship_to_address_id = ship_to;
        state.screen = Screen::Confirmation;
        if (Cart* cart = find_cart(state, state.carts.active_cart_id)) cart->lines.clear();
        state.carts.loading = true;
        send(HttpPurpose::ListCarts, protocol.list_carts_request(token(state)));  // the emptied cart's new version
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
  return nullptr;
}

const PriceListEntry* find_price(const AppState& state, const std::string& sku) {
  return state.prices ? price_entry(*state.prices, sku) : nullptr;
}

Transition update(AppState state, const Action& action, const ShopProtocol& protocol) {
  Builder b{std::move(state), {}, protocol};
  std::visit(
      Overloaded{
          [&](const AppStarted&) { b.check_server(); },
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
                  LineImportState{"", {}, false, b.state.import.seq, {}, std::nullopt, std::nullopt, false};
            }
            // Lists are fetched whenever their screen opens: statuses change on the server.
            if (go.screen == Screen::Orders) b.load_orders();
            if (go.screen == Screen::Approvals && !b.state.approvals.loading) {
              b.state.approvals.loading = true;
              b.send(HttpPurpose::ListApprovals, protocol.list_approvals_request(token(b.state)));
            }
            if (go.screen == Screen::Quotes && !b.state.quotes.loading) {
              b.state.quotes.loading = true;
              b.send(HttpPurpose::ListQuotes, protocol.list_quotes_request(token(b.state)));
            }
            if (go.screen == Screen::Users && !b.state.users.loading) {
              b.state.users.loading = true;
              b.send(HttpPurpose::ListUsers, protocol.list_users_request(token(b.state)));
            }
          },
          [&](const LogIn& login) {
            if (b.state.login.busy) return;
            b.state.login.busy = true;
            b.state.login.error.reset();
            b.send(HttpPurpose::Login, protocol.login_request({login.email, login.password}));
          },
          [&](const LogOut&) {
            if (b.state.session) b.send(HttpPurpose::Logout, protocol.logout_request(b.state.session->token));
            AppState fresh;
            fresh.locale = b.state.locale;
            fresh.server = b.state.server;
            fresh.today = b.state.today;
            fresh.device_id = b.state.device_id;
            fresh.next_key = b.state.next_key;
            b.state = std::move(fresh);
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
            b.send(HttpPurpose::Search, protocol.search_request(token(b.state), {search.query, 50}), catalog.query_seq);
          },
          [&](const ShowProduct& show) {
            b.state.catalog.selected_sku = show.sku;
            b.state.screen = Screen::Product;
          },
          [&](const AddToCart& add) { b.add_to_cart(add); },
          [&](const CreateCart& create) {
            Cart fresh;
            fresh.name = create.name;
            b.send(HttpPurpose::CreateCart, protocol.create_cart_request(token(b.state), fresh));
          },
          [&](const RenameCart& rename) {
            if (Cart* cart = find_cart(b.state, rename.cart_id)) {
              cart->name = rename.name;
              b.save_cart(cart->id);
            }
          },
          [&](const DuplicateCart& duplicate) {
            if (const Cart* cart = find_cart(b.state, duplicate.cart_id)) {
              Cart copy = *cart;
              copy.id.clear();
              copy.name = duplicate.name;
              b.send(HttpPurpose::CreateCart, protocol.create_cart_request(token(b.state), copy));
            }
          },
          [&](const DeleteCart& del) {
            auto& carts = b.state.carts.carts;
            carts.erase(std::remove_if(carts.begin(), carts.end(), [&](const Cart& c) { return c.id == del.cart_id; }),
                        carts.end());
            if (b.state.carts.active_cart_id == del.cart_id) {
              b.state.carts.active_cart_id = carts.empty() ? "" : carts.front().id;
            }
            b.send(HttpPurpose::DeleteCart, protocol.delete_cart_request(token(b.state), del.cart_id));
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
            b.save_cart(cart->id);
          },
          [&](const SetLineNote& set) {
            Cart* cart = find_cart(b.state, b.state.carts.active_cart_id);
            if (!cart) return;
            for (CartLine& line : cart->lines)
              if (line.sku == set.sku) line.note = set.note;
            b.save_cart(cart->id);
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
            b.send(HttpPurpose::RequestQuote,
                   protocol.request_quote_request(token(b.state), {cart->id, cart->lines, request.note}));
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
          },
          [&](const HttpResponded& r) { b.responded(r); },
      },
      action);
  return b.done();
}

void Store::process() {
  // Effects may dispatch synchronously (e.g. a failing transport); the loop drains those too.
  while (!queue_.empty()) {
    Action action = std::move(queue_.front());
    queue_.pop_front();
    Transition next = update(std::move(state_), action, protocol_);
    state_ = std::move(next.state);
    for (const Effect& effect : next.effects) runner_.run(effect);
  }
}

}  // namespace b2b::client
