// Route handlers of server-mock's shop API. Each handler authenticates, checks the role, keeps to
// the caller's company, and answers in the protocol's envelopes; prices always come from the server.
#include "api.hpp"

#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "auth.hpp"
#include "b2b/embed.hpp"
#include "b2b/http.hpp"
#include "b2b/pricing.hpp"
#include "b2b/protocol/health.hpp"
#include "b2b/punchout.hpp"
#include "b2b/text.hpp"
#include "b2b/validation.hpp"
#include "b2b/wire/protocol.hpp"
#include "cxml_setup.hpp"
#include "static_files.hpp"

namespace b2b::mock {

struct ShopApi::Catalog {
  std::vector<Product> products;
  CatalogIndex index;
  std::map<std::string, std::size_t> by_code;  // folded SKU and EAN -> index into products, for lookups
  explicit Catalog(std::vector<Product> all) : products(std::move(all)), index(products) {
    for (std::size_t i = 0; i < products.size(); ++i) {
      by_code.emplace(fold_for_search(products[i].sku), i);
      if (!products[i].ean.empty()) by_code.emplace(products[i].ean, i);
    }
  }
};

namespace {

constexpr std::size_t kMaxRequestBytes = 1u << 20;
constexpr const char* kApiPrefix = "/api/";
constexpr const char* kServerName = "server-mock 0.1.0";
// Long enough to open a page with the token in its URL, short enough that a leaked URL is soon useless.
constexpr std::int64_t kStartTokenSeconds = 120;
// The shop as it names itself in the cXML it writes.
const punchout::Credential kShopCredential{"NetworkID", "hurtownia-techniczna"};

bool is_api(const httplib::Request& req) { return req.path.rfind(kApiPrefix, 0) == 0; }
bool is_test_endpoint(const httplib::Request& req) { return req.path.rfind("/api/v1/test/", 0) == 0; }

void send_error(httplib::Response& res, int status, Error error) {
  // A body that did not decode is the client's mistake: a validation error naming the field.
  if (error.kind == ErrorKind::Decode) {
    error.kind = ErrorKind::Validation;
    if (error.fields.empty()) error.fields.push_back({error.field, "invalid", error.message});
    if (!error.field.empty()) error.message = error.field + ": " + error.message;
  }
  res.status = status;
  res.set_content(wire::encode_error(error), "application/json");
}

void send_error(httplib::Response& res, const Error& error) {
  send_error(res, wire::http_status_for(error.kind), error);
}

template <typename T>
void send_data(httplib::Response& res, int status, const T& value) {
  res.status = status;
  res.set_content(wire::encode_json(value), "application/json");
}

// A punchout entry's refusal, for the procurement system's log or the buyer's browser: plain text.
void send_text(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(message + "\n", "text/plain; charset=utf-8");
}

// 401 for a start token that is unknown, used or expired (the same answer for all three).
Error start_token_invalid() {
  const std::string message = "the start token is unknown, already used or expired; start again";
  return Error{ErrorKind::Auth, "start_token", message, {{"start_token", "start_token_invalid", message}}};
}

Error not_punchout() {
  const std::string message = "this session was not started by a procurement system (punchout)";
  return Error{ErrorKind::Conflict, "session", message, {{"session", "not_punchout", message}}};
}

// Closes the connection without a (complete) response: the client sees no answer at all.
void drop_connection(httplib::Response& res) {
  res.status = 200;
  res.set_content_provider(
      1024, "application/json", [](std::size_t, std::size_t, httplib::DataSink&) { return false; }, nullptr);
}

Error validation_error(std::vector<FieldError> fields) {
  const std::string message =
      fields.size() == 1 ? fields.front().message : "the request has " + std::to_string(fields.size()) + " problems";
  Error error{ErrorKind::Validation, fields.empty() ? "" : fields.front().field, message, std::move(fields)};
  return error;
}

FieldError to_field_error(const FieldProblem& problem, const std::string& prefix = "") {
  return {prefix + problem.field, problem_code_name(problem.code), problem.message};
}

std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  return header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : "";
}

bool has_role(const User& user, std::initializer_list<Role> roles) {
  return std::find(roles.begin(), roles.end(), user.role) != roles.end();
}

int query_int(const httplib::Request& req, const char* name, int fallback, int low, int high) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') return fallback;
  return static_cast<int>(std::clamp<long>(value, low, high));
}

constexpr std::size_t kMaxQuoteText = 1000;  // characters of a quote's note or the seller's comment

// Characters of UTF-8 text for a length limit; malformed text counts its bytes, which is never fewer.
std::size_t characters(const std::string& text) { return utf8_code_points(text).value_or(text.size()); }

// Sellers work for the shop; a customer's admin cannot make one.
FieldError seller_not_allowed() {
  return {"role", "not_allowed", "the seller role belongs to the shop's staff; a company admin cannot give it"};
}

FieldError text_too_long(const std::string& field) {
  return {field, "too_long", "at most " + std::to_string(kMaxQuoteText) + " characters"};
}

// Plain JSON of the test endpoints: a few integer/string/bool fields, no envelope.
struct PlainJson {
  rapidjson::Document doc;
  bool parse(const std::string& body) {
    doc.Parse(body.c_str(), body.size());
    return !doc.HasParseError() && doc.IsObject();
  }
  std::optional<std::int64_t> integer(const char* name) const {
    const auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsInt64()) return std::nullopt;
    return it->value.GetInt64();
  }
  std::optional<std::string> string(const char* name) const {
    const auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsString()) return std::nullopt;
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }
  std::optional<bool> boolean(const char* name) const {
    const auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsBool()) return std::nullopt;
    return it->value.GetBool();
  }
};

}  // namespace

// The handlers, with access to ShopApi's state.
struct ApiHandlers {
  ShopApi& api;
  StaticFiles* static_files = nullptr;

  // The signed-in, active user, or a 401 already written to res.
  std::optional<User> authenticate(const httplib::Request& req, httplib::Response& res) {
    const std::string token = bearer_token(req);
    if (token.empty()) {
      send_error(res, Error{ErrorKind::Auth, "", "sign in first (no bearer token)"});
      return std::nullopt;
    }
    auto user = api.storage_.session_user(token, api.now());
    if (!user.ok()) {
      send_error(res, user.error());
      return std::nullopt;
    }
    if (!user.value() || !user.value()->active) {
      send_error(res, Error{ErrorKind::Auth, "", "the session has ended; sign in again"});
      return std::nullopt;
    }
    return *user.value();
  }

  // authenticate() and a role check; a 403 names what the role may not do.
  std::optional<User> authorise(const httplib::Request& req, httplib::Response& res, std::initializer_list<Role> roles,
                                const char* action) {
    auto user = authenticate(req, res);
    if (user && !has_role(*user, roles)) {
      send_error(res, Error{ErrorKind::Forbidden, "",
                            std::string("the role ") + role_code(user->role) + " may not " + action});
      return std::nullopt;
    }
    return user;
  }

  template <typename T>
  std::optional<T> decode_body(const httplib::Request& req, httplib::Response& res) {
    auto decoded = wire::decode_json<T>(req.body);
    if (!decoded.ok()) {
      send_error(res, 400, decoded.error());
      return std::nullopt;
    }
    return std::move(decoded.value());
  }

  // --- Auth --------------------------------------------------------------------------------------
  void login(const httplib::Request& req, httplib::Response& res) {
    const auto credentials = decode_body<backend::Credentials>(req, res);
    if (!credentials) return;
    const Error refused{ErrorKind::Auth, "", "wrong e-mail or password"};  // the same for both: no probing
    const auto found = api.storage_.user_by_email(credentials->email);
    if (!found.ok()) return send_error(res, found.error().kind == ErrorKind::NotFound ? refused : found.error());
    if (!verify_password(found.value().password_hash, credentials->password) || !found.value().user.active) {
      return send_error(res, refused);
    }
    open_session(found.value().user, std::nullopt, res);
  }

  // A new session for the user, answered as the login answers it.
  void open_session(const User& user, std::optional<std::int64_t> punchout_context_id, httplib::Response& res) {
    const auto company = api.storage_.company(user.company_id);
    if (!company.ok()) return send_error(res, company.error());
    backend::Session session{new_token(), api.now() + api.options_.token_ttl_seconds, user, company.value()};
    const auto stored =
        api.storage_.create_session(session.token, user.id, session.expires_at_unix_seconds, punchout_context_id);
    if (!stored.ok()) return send_error(res, stored.error());
    send_data(res, 200, session);
  }

  // --- Start tokens: a session handed to another window once, or a punchout's way in ------------
  // A new token for the user, carrying the punchout if there is one.
  Result<backend::StartToken> issue_start_token(const std::string& user_id,
                                                std::optional<std::int64_t> punchout_context_id) {
    backend::StartToken start{new_token(), api.now() + kStartTokenSeconds};
    const auto stored = api.storage_.create_start_token(digest_hex(start.token), user_id, start.expires_at_unix,
                                                        punchout_context_id, api.now());
    if (!stored.ok()) return stored.error();
    return start;
  }

  void create_start_token(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const auto punchout = api.storage_.session_punchout(bearer_token(req), api.now());
    if (!punchout.ok()) return send_error(res, punchout.error());
    const auto start =
        issue_start_token(user->id, punchout.value() ? std::optional(punchout.value()->context_id) : std::nullopt);
    if (!start.ok()) return send_error(res, start.error());
    send_data(res, 201, start.value());
  }

  void start_session(const httplib::Request& req, httplib::Response& res) {
    const auto start = decode_body<backend::StartToken>(req, res);
    if (!start) return;
    if (start->token.empty()) return send_error(res, start_token_invalid());
    const auto grant = api.storage_.redeem_start_token(digest_hex(start->token), api.now());
    if (!grant.ok()) return send_error(res, grant.error());
    if (!grant.value()) return send_error(res, start_token_invalid());
    const auto user = api.storage_.user(grant.value()->user_id);
    if (!user.ok() || !user.value().active) return send_error(res, start_token_invalid());
    open_session(user.value(), grant.value()->punchout_context_id, res);
  }

  void logout(const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    const auto deleted = api.storage_.delete_session(bearer_token(req));
    if (!deleted.ok()) return send_error(res, deleted.error());
    res.status = 204;
  }

  // --- Catalog and prices -----------------------------------------------------------------------
  // Exact SKU (any letter case) or EAN matches, active or not, in the order of the codes asked for.
  void lookup(const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    const auto lookup = decode_body<backend::ProductLookup>(req, res);
    if (!lookup) return;
    if (lookup->codes.size() > backend::kMaxLookupCodes) {
      return send_error(res, 400,
                        validation_error({{"codes", "too_long",
                                           "at most " + std::to_string(backend::kMaxLookupCodes) + " codes at once"}}));
    }
    const auto catalog = api.catalog();
    std::vector<Product> found;
    std::set<std::size_t> listed;
    for (const std::string& code : lookup->codes) {
      const auto it = catalog->by_code.find(fold_for_search(code));
      if (it != catalog->by_code.end() && listed.insert(it->second).second)
        found.push_back(catalog->products[it->second]);
    }
    send_data(res, 200, found);
  }

  void catalog(const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    const int limit = query_int(req, "limit", 500, 1, 1000);
    const int since = query_int(req, "since_version", 0, 0, INT32_MAX);
    const auto page = api.storage_.products_page(req.get_param_value("cursor"), limit,
                                                 since > 0 ? std::optional<std::int64_t>(since) : std::nullopt);
    if (!page.ok()) return send_error(res, page.error());
    send_data(res, 200,
              backend::CatalogPage{page.value().products, page.value().catalog_version, page.value().next_after_sku});
  }

  void search(const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    const auto catalog = api.catalog();
    std::vector<Product> found;
    for (const std::size_t i : catalog->index.search(req.get_param_value("q"), query_int(req, "limit", 20, 1, 100),
                                                     req.get_param_value("category"))) {
      found.push_back(catalog->products[i]);
    }
    send_data(res, 200, found);
  }

  // Every category and sub-category path with its number of active products, sorted by path.
  void categories(const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    std::map<std::vector<std::string>, std::int64_t> counts;
    for (const Product& product : api.catalog()->products) {
      if (!product.active) continue;
      std::vector<std::string> path;
      for (const std::string& part : product.category_path) {
        path.push_back(part);
        ++counts[path];
      }
    }
    std::vector<backend::Category> categories;
    for (const auto& [path, count] : counts) categories.push_back({path, count});
    send_data(res, 200, categories);
  }

  void price_list(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const auto company = api.storage_.company(user->company_id);
    if (!company.ok()) return send_error(res, company.error());
    const auto list = api.storage_.price_list(company.value().price_list_id);
    if (!list.ok()) return send_error(res, list.error());
    send_data(res, 200, list.value());
  }

  // The object found if the user may see it; else a 404 (or the storage's failure) is written. Objects of
  // other users or companies are "not found", not "forbidden", so nobody can probe for them.
  template <typename T>
  static std::optional<T> visible_or_404(const Result<T>& found, bool visible, const std::string& what,
                                         httplib::Response& res) {
    if (visible) return found.value();
    send_error(res, found.ok() || found.error().kind == ErrorKind::NotFound
                        ? Error{ErrorKind::NotFound, "", "no " + what}
                        : found.error());
    return std::nullopt;
  }

  // --- Carts: each user sees only their own; others' are "not found", not "forbidden" -----------
  std::optional<Cart> own_cart(const User& user, const std::string& id, httplib::Response& res) {
    const auto cart = api.storage_.cart(id);
    return visible_or_404(cart, cart.ok() && cart.value().owner_user_id == user.id, "cart " + id, res);
  }

  void list_carts(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const auto carts = api.storage_.carts_of_user(user->id);
    if (!carts.ok()) return send_error(res, carts.error());
    send_data(res, 200, carts.value());
  }

  void create_cart(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    auto cart = decode_body<Cart>(req, res);
    if (!cart) return;
    cart->owner_user_id = user->id;
    // A create retried after its answer was lost gets the cart it made.
    const auto key = idempotency_key(req, res, KeyNeed::Optional);
    if (!key) return;
    const auto created = api.storage_.create_cart(*cart, *key);
    if (!created.ok()) return send_error(res, created.error());
    if (take(api.faults_.drop_after_commit_next)) return drop_connection(res);
    send_data(res, created.value().created ? 201 : 200, created.value().cart);
  }

  void update_cart(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const std::string id = req.matches[1];
    if (!own_cart(*user, id, res)) return;
    auto cart = decode_body<Cart>(req, res);
    if (!cart) return;
    // If-Match names the version edited; without it the body's version does.
    std::string match = req.get_header_value("If-Match");
    match.erase(std::remove(match.begin(), match.end(), '"'), match.end());
    std::int64_t expected = cart->version;
    if (!match.empty()) {
      char* end = nullptr;
      expected = std::strtoll(match.c_str(), &end, 10);
      if (*end != '\0') {
        return send_error(res, 400, validation_error({{"If-Match", "bad_format", "If-Match must be \"<version>\""}}));
      }
    }
    // An update retried after its answer was lost gets the version it made.
    const auto key = idempotency_key(req, res, KeyNeed::Optional);
    if (!key) return;
    cart->id = id;
    cart->owner_user_id = user->id;
    const auto updated = api.storage_.update_cart(*cart, expected, *key);
    if (!updated.ok()) return send_error(res, updated.error());
    if (take(api.faults_.drop_after_commit_next)) return drop_connection(res);
    send_data(res, 200, updated.value());
  }

  void delete_cart(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const std::string id = req.matches[1];
    if (!own_cart(*user, id, res)) return;
    const auto deleted = api.storage_.delete_cart(id);
    if (!deleted.ok()) return send_error(res, deleted.error());
    if (take(api.faults_.drop_after_commit_next)) return drop_connection(res);
    res.status = 204;
  }

  // --- Orders -----------------------------------------------------------------------------------
  void submit_order(const httplib::Request& req, httplib::Response& res) {
    const auto user = authorise(req, res, {Role::Buyer, Role::Admin}, "place orders");
    if (!user) return;
    const auto key = idempotency_key(req, res);
    if (!key) return;
    auto submission = decode_body<backend::OrderSubmission>(req, res);
    if (!submission) return;
    submission->idempotency_key = *key;
    // The fingerprint of what was asked, to tell a retry from another order reusing the key.
    const std::string fingerprint = digest_hex(wire::encode_json(*submission));

    if (auto replay = replayed_order(*user, *key, fingerprint, res); replay != Replay::None) return;

    const auto company = api.storage_.company(user->company_id);
    if (!company.ok()) return send_error(res, company.error());
    const auto prices = api.storage_.price_list(company.value().price_list_id);
    if (!prices.ok()) return send_error(res, prices.error());
    const auto priced =
        checked_order(*user, submission->lines, submission->checkout, company.value(), prices.value(), res);
    if (!priced) return;

    const Totals& totals = priced->totals;
    if (submission->expected_gross_total && !(*submission->expected_gross_total == totals.gross)) {
      return send_data(
          res, 409, backend::RepricedOrder{totals, backend::price_changes(priced->lines, submission->expected_prices)});
    }

    // The cart it came from is emptied with the order, so a second tab cannot order it twice; but not
    // when it was edited since the version ordered from (an order sent late from an outbox must not
    // empty what the buyer put in the cart afterwards).
    const auto empty_cart = [&](const std::string&) -> Result<Done> {
      if (submission->cart_id.empty()) return Done{};
      const auto source = api.storage_.cart(submission->cart_id);
      if (!source.ok() || source.value().owner_user_id != user->id) return Done{};
      if (submission->cart_version != 0 && source.value().version != submission->cart_version) return Done{};
      Cart emptied = source.value();
      emptied.lines.clear();
      const auto updated = api.storage_.update_cart(emptied, emptied.version);
      if (!updated.ok()) return updated.error();
      return Done{};
    };
    store_order(*user, *user, *priced, submission->checkout, *key, fingerprint, empty_cart, res);
  }

  enum class KeyNeed { Required, Optional };

  // The Idempotency-Key header, or a 400 written: required for an order or a quote's acceptance, optional for
  // a cart's creation or update and a request for quote (then "" when absent); at most 200 characters.
  std::optional<std::string> idempotency_key(const httplib::Request& req, httplib::Response& res,
                                             KeyNeed need = KeyNeed::Required) {
    std::string key = req.get_header_value("Idempotency-Key");
    if ((key.empty() && need == KeyNeed::Required) || key.size() > 200) {
      send_error(res, 400,
                 validation_error({{"Idempotency-Key", key.empty() ? "required" : "too_long",
                                    need == KeyNeed::Required
                                        ? "every order needs an Idempotency-Key header of at most 200 characters"
                                        : "an Idempotency-Key has at most 200 characters"}}));
      return std::nullopt;
    }
    return key;
  }

  // The lines priced with these prices, checked as an order's are: the lines against the catalog and the
  // checkout against the company's rules and today. Every problem goes into one 400 written to res.
  std::optional<PricedCart> checked_order(const User& user, const std::vector<CartLine>& lines,
                                          const CheckoutFields& checkout, const Company& company,
                                          const PriceList& prices, httplib::Response& res) {
    const auto catalog = api.catalog();
    const Cart cart{"", "", user.id, lines, 0, ""};
    std::vector<FieldError> problems;
    if (cart.lines.empty()) problems.push_back({"lines", "required", "an order needs at least one line"});
    for (const FieldProblem& p : validate_cart(cart, catalog->products)) problems.push_back(to_field_error(p));
    for (const FieldProblem& p : validate_checkout(checkout, company, date_from_unix_seconds(api.now()))) {
      problems.push_back(to_field_error(p, "checkout."));
    }
    auto priced = price_cart(cart, prices, catalog->products);
    if (!priced.ok()) {
      send_error(res, 400, priced.error());
      return std::nullopt;
    }
    for (const FieldProblem& p : priced.value().problems) {
      const bool known =
          std::any_of(problems.begin(), problems.end(), [&](const FieldError& e) { return e.field == p.field; });
      if (!known) problems.push_back(to_field_error(p));
    }
    if (!problems.empty()) {
      send_error(res, 400, validation_error(std::move(problems)));
      return std::nullopt;
    }
    return std::move(priced.value());
  }

  // Stores the buyer's new order, placed by `by` (the buyer, or an admin accepting the buyer's quote), under
  // the key and answers 201 with it; above the buyer's spending limit it waits for approval. also_store runs
  // in the same transaction with the new order's number, so the order and what goes with it (an emptied
  // cart, an accepted quote) are stored together or not at all. A concurrent retry that stored the key
  // first is answered as a replay.
  void store_order(const User& buyer, const User& by, const PricedCart& priced, const CheckoutFields& checkout,
                   const std::string& key, const std::string& fingerprint,
                   const std::function<Result<Done>(const std::string& number)>& also_store, httplib::Response& res) {
    Order order;
    order.company_id = buyer.company_id;
    order.buyer_user_id = buyer.id;
    order.status =
        priced.totals.net.minor > buyer.spending_limit.minor ? OrderStatus::PendingApproval : OrderStatus::Placed;
    order.lines = priced.lines;
    order.totals = priced.totals;
    order.checkout = checkout;
    order.history.push_back({order.status, by.id, api.now(), ""});

    std::string number;
    {
      auto transaction = api.storage_.begin();
      if (!transaction.ok()) return send_error(res, transaction.error());
      const auto inserted = api.storage_.insert_order(order, buyer.company_id, key, fingerprint, api.now());
      if (!inserted.ok()) return send_error(res, inserted.error());
      if (!inserted.value().created) {  // a concurrent retry won the race: answer as a replay
        transaction.value().commit();
        replayed_order(by, key, fingerprint, res);
        return;
      }
      number = inserted.value().record.order_number;
      const auto also = also_store(number);
      if (!also.ok()) return send_error(res, also.error());
      const auto committed = transaction.value().commit();
      if (!committed.ok()) return send_error(res, committed.error());
    }
    if (take(api.faults_.drop_after_commit_next)) return drop_connection(res);
    const auto stored = api.storage_.order(number);
    if (!stored.ok()) return send_error(res, stored.error());
    send_data(res, 201, stored.value());
  }

  enum class Replay { None, Answered };

  // Answers a key seen before: 200 with the same order for the same request, 409 for another.
  Replay replayed_order(const User& user, const std::string& key, const std::string& fingerprint,
                        httplib::Response& res) {
    const auto record = api.storage_.idempotency_record(user.company_id, key);
    if (!record.ok()) {
      send_error(res, record.error());
      return Replay::Answered;
    }
    if (!record.value()) return Replay::None;
    if (record.value()->request_fingerprint != fingerprint) {
      send_error(res, Error{ErrorKind::Conflict,
                            "Idempotency-Key",
                            "this Idempotency-Key was used for another order",
                            {{"Idempotency-Key", "idempotency_key_reused", "use a new key for a new order"}}});
      return Replay::Answered;
    }
    const auto order = api.storage_.order(record.value()->order_number);
    if (!order.ok()) {
      send_error(res, order.error());
      return Replay::Answered;
    }
    send_data(res, 200, order.value());
    return Replay::Answered;
  }

  void list_orders(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    OrderFilter filter;
    if (user->role == Role::Buyer) filter.buyer_user_id = user->id;  // buyers see their own orders
    if (req.has_param("status")) {
      filter.status = order_status_from_code(req.get_param_value("status"));
      if (!filter.status) return send_error(res, 400, validation_error({{"status", "bad_format", "unknown status"}}));
    }
    for (const auto& [name, target] : {std::pair{"from", &filter.created_from}, std::pair{"to", &filter.created_to}}) {
      if (!req.has_param(name)) continue;
      *target = parse_date(req.get_param_value(name));
      if (!*target) return send_error(res, 400, validation_error({{name, "bad_format", "expected YYYY-MM-DD"}}));
    }
    const auto orders = api.storage_.orders(user->company_id, filter);
    if (!orders.ok()) return send_error(res, orders.error());
    send_data(res, 200, orders.value());
  }

  // The order if the user may see it (own company; a buyer only their own), else a 404 written.
  std::optional<Order> visible_order(const User& user, const std::string& number, httplib::Response& res) {
    const auto order = api.storage_.order(number);
    const bool visible = order.ok() && order.value().company_id == user.company_id &&
                         (user.role != Role::Buyer || order.value().buyer_user_id == user.id);
    return visible_or_404(order, visible, "order " + number, res);
  }

  void get_order(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    if (const auto order = visible_order(*user, req.matches[1], res)) send_data(res, 200, *order);
  }

  // --- Approvals ---------------------------------------------------------------------------------
  void list_approvals(const httplib::Request& req, httplib::Response& res) {
    const auto user = authorise(req, res, {Role::Approver, Role::Admin}, "see approvals");
    if (!user) return;
    OrderFilter filter;
    filter.status = OrderStatus::PendingApproval;
    const auto orders = api.storage_.orders(user->company_id, filter);
    if (!orders.ok()) return send_error(res, orders.error());
    std::vector<backend::PendingApproval> pending;
    for (const Order& order : orders.value()) {
      const auto buyer = api.storage_.user(order.buyer_user_id);
      if (!buyer.ok()) return send_error(res, buyer.error());
      const Money limit = buyer.value().spending_limit;
      pending.push_back({order, buyer.value().name, buyer.value().email, limit,
                         Money{order.totals.net.minor - limit.minor, order.totals.net.currency}});
    }
    send_data(res, 200, pending);
  }

  void decide_approval(const httplib::Request& req, httplib::Response& res) {
    const auto user = authorise(req, res, {Role::Approver, Role::Admin}, "approve or reject orders");
    if (!user) return;
    const auto decision = decode_body<backend::ApprovalDecision>(req, res);
    if (!decision) return;
    const auto order = visible_order(*user, req.matches[1], res);
    if (!order) return;
    if (order->status != OrderStatus::PendingApproval) {
      // The same decision again by whoever made it: a retry whose answer was lost gets the order as decided.
      const OrderStatus same = decision->approve ? OrderStatus::Approved : OrderStatus::Rejected;
      const bool repeated = order->status == same && !order->history.empty() && order->history.back().status == same &&
                            order->history.back().by_user_id == user->id;
      if (repeated) return send_data(res, 200, *order);
      return send_error(
          res, Error{ErrorKind::Conflict, "",
                     std::string("the order is ") + order_status_code(order->status) + ", not pending approval"});
    }
    if (!decision->approve && decision->comment.find_first_not_of(" \t\n") == std::string::npos) {
      return send_error(res, 400, validation_error({{"comment", "required", "say why the order is rejected"}}));
    }
    const StatusChange change{decision->approve ? OrderStatus::Approved : OrderStatus::Rejected, user->id, api.now(),
                              decision->comment};
    const auto updated = api.storage_.update_order_status(order->number, change);
    if (!updated.ok()) return send_error(res, updated.error());
    if (take(api.faults_.drop_after_commit_next)) return drop_connection(res);
    send_data(res, 200, updated.value());
  }

  // --- Quotes: buyers ask, the shop's sellers answer, the buyer (or an admin) accepts -------------
  void request_quote(const httplib::Request& req, httplib::Response& res) {
    const auto user = authorise(req, res, {Role::Buyer, Role::Admin}, "request quotes");
    if (!user) return;
    const auto request = decode_body<backend::QuoteRequest>(req, res);
    if (!request) return;
    std::vector<FieldError> problems;
    if (request->lines.empty())
      problems.push_back({"lines", "required", "a request for quote needs at least one line"});
    const Cart cart{"", "", user->id, request->lines, 0, ""};
    for (const FieldProblem& p : validate_cart(cart, api.catalog()->products)) problems.push_back(to_field_error(p));
    if (characters(request->note) > kMaxQuoteText) problems.push_back(text_too_long("note"));
    if (!problems.empty()) return send_error(res, 400, validation_error(std::move(problems)));

    Quote quote;
    quote.company_id = user->company_id;
    quote.buyer_user_id = user->id;
    quote.status = QuoteStatus::Requested;
    for (const CartLine& line : request->lines)
      quote.lines.push_back({line.sku, line.quantity, line.note, std::nullopt});
    quote.note = request->note;
    quote.requested_at_unix_seconds = api.now();
    // The same request sent again after its answer was lost gets the quote while it waits for an answer.
    const auto key = idempotency_key(req, res, KeyNeed::Optional);
    if (!key) return;
    const auto stored = api.storage_.insert_quote(quote, *key);
    if (!stored.ok()) return send_error(res, stored.error());
    if (take(api.faults_.drop_after_commit_next)) return drop_connection(res);
    send_data(res, stored.value().created ? 201 : 200, stored.value().quote);
  }

  // Buyers see their own quotes, approvers and admins their company's, sellers every company's.
  void list_quotes(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const auto quotes =
        user->role == Role::Seller
            ? api.storage_.quotes_for_seller()
            : api.storage_.quotes(user->company_id,
                                  user->role == Role::Buyer ? std::optional<std::string>(user->id) : std::nullopt);
    if (!quotes.ok()) return send_error(res, quotes.error());
    send_data(res, 200, quotes.value());
  }

  // The quote if it is the user's company's (sellers: any company's), else a 404 written.
  std::optional<Quote> company_quote(const User& user, const std::string& number, httplib::Response& res) {
    const auto quote = api.storage_.quote(number);
    const bool visible = quote.ok() && (user.role == Role::Seller || quote.value().company_id == user.company_id);
    return visible_or_404(quote, visible, "quote " + number, res);
  }

  void get_quote(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const std::string number = req.matches[1];
    const auto quote = company_quote(*user, number, res);
    if (!quote) return;
    // Like orders: a buyer does not see the quotes of the company's other buyers.
    if (user->role == Role::Buyer && quote->buyer_user_id != user->id) {
      return send_error(res, Error{ErrorKind::NotFound, "", "no quote " + number});
    }
    send_data(res, 200, *quote);
  }

  void answer_quote(const httplib::Request& req, httplib::Response& res) {
    const auto seller = authorise(req, res, {Role::Seller}, "answer quotes");
    if (!seller) return;
    const auto answer = decode_body<backend::QuoteAnswer>(req, res);
    if (!answer) return;
    const std::string number = req.matches[1];
    if (!same_number(answer->number, number, res)) return;
    const auto quote = company_quote(*seller, number, res);
    if (!quote) return;
    if (quote->status != QuoteStatus::Requested && quote->status != QuoteStatus::Answered) {
      return send_error(res, Error{ErrorKind::Conflict, "status", closed_quote_message(*quote)});
    }
    const auto company = api.storage_.company(quote->company_id);
    if (!company.ok()) return send_error(res, company.error());
    const auto list = api.storage_.price_list(company.value().price_list_id);
    if (!list.ok()) return send_error(res, list.error());
    const Currency currency = list.value().currency;

    std::vector<FieldError> problems;
    std::map<std::string, Money> price_of;
    for (std::size_t i = 0; i < answer->prices.size(); ++i) {
      const backend::QuotedPrice& price = answer->prices[i];
      const std::string path = "prices[" + std::to_string(i) + "]";
      const bool asked = std::any_of(quote->lines.begin(), quote->lines.end(),
                                     [&](const QuoteLine& line) { return line.sku == price.sku; });
      if (!asked) {
        problems.push_back({path + ".sku", "unknown_product", "the quote asks for no " + price.sku});
      } else if (!price_of.emplace(price.sku, price.unit_net).second) {
        problems.push_back({path + ".sku", "duplicate", price.sku + " is priced twice"});
      }
      if (price.unit_net.minor <= 0) {
        problems.push_back({path + ".unit_net", "not_positive", "a quoted price must be above zero"});
      } else if (price.unit_net.currency != currency) {
        problems.push_back(
            {path + ".unit_net", "bad_format", std::string("this company is priced in ") + currency_code(currency)});
      }
    }
    for (const QuoteLine& line : quote->lines) {
      const std::string field = "prices[" + line.sku + "]";
      const bool reported =
          std::any_of(problems.begin(), problems.end(), [&](const FieldError& e) { return e.field == field; });
      if (!price_of.count(line.sku) && !reported) {
        problems.push_back({field, "required", "every line needs a price; " + line.sku + " has none"});
      }
    }
    const Date today = date_from_unix_seconds(api.now());
    if (answer->valid_until < today) {
      problems.push_back({"valid_until", "in_the_past", "valid_until must be " + format_date(today) + " or later"});
    }
    if (characters(answer->comment) > kMaxQuoteText) problems.push_back(text_too_long("comment"));
    if (!problems.empty()) return send_error(res, 400, validation_error(std::move(problems)));

    Quote answered = *quote;
    answered.status = QuoteStatus::Answered;
    for (QuoteLine& line : answered.lines) line.quoted_unit_net = price_of.at(line.sku);
    answered.valid_until = answer->valid_until;
    answered.seller_comment = answer->comment;
    const auto stored = api.storage_.update_quote(answered);
    if (!stored.ok()) return send_error(res, stored.error());
    send_data(res, 200, stored.value());
  }

  // The quote becomes the buyer's order at the quoted prices, through the same checks, pricing and
  // idempotent insertion as a submitted order.
  void accept_quote(const httplib::Request& req, httplib::Response& res) {
    const auto user = authorise(req, res, {Role::Buyer, Role::Admin}, "accept quotes");
    if (!user) return;
    const auto key = idempotency_key(req, res);
    if (!key) return;
    auto acceptance = decode_body<backend::QuoteAcceptance>(req, res);
    if (!acceptance) return;
    const std::string number = req.matches[1];
    if (!same_number(acceptance->number, number, res)) return;
    const auto quote = company_quote(*user, number, res);
    if (!quote) return;
    if (user->role == Role::Buyer && quote->buyer_user_id != user->id) {
      return send_error(res, Error{ErrorKind::Forbidden, "",
                                   "only the buyer who asked for the quote, or a company admin, may accept it"});
    }
    acceptance->number = number;
    acceptance->idempotency_key = *key;
    const std::string fingerprint = digest_hex(wire::encode_json(*acceptance));
    // Before the status check: a retry of an acceptance that went through finds the quote accepted.
    if (auto replay = replayed_order(*user, *key, fingerprint, res); replay != Replay::None) return;

    if (quote->status != QuoteStatus::Answered) {
      return send_error(res, Error{ErrorKind::Conflict, "status", closed_quote_message(*quote)});
    }
    const Date today = date_from_unix_seconds(api.now());
    if (!quote->valid_until || *quote->valid_until < today) {
      const std::string message = "the quote expired on " +
                                  (quote->valid_until ? format_date(*quote->valid_until) : std::string("(no date)")) +
                                  "; ask for a new one";
      return send_error(
          res, Error{ErrorKind::Conflict, "valid_until", message, {{"valid_until", "quote_expired", message}}});
    }

    const auto company = api.storage_.company(quote->company_id);
    if (!company.ok()) return send_error(res, company.error());
    // The quote's own price list: the shared pricing then does the VAT and totals as for any order.
    PriceList quoted{"quote " + quote->number, quote->company_id, Currency::PLN, 0, {}};
    std::vector<CartLine> lines;
    for (const QuoteLine& line : quote->lines) {
      lines.push_back({line.sku, line.quantity, line.note});
      if (!line.quoted_unit_net) continue;
      quoted.currency = line.quoted_unit_net->currency;
      quoted.entries.push_back({line.sku, line.quoted_unit_net->minor, {}});
    }
    const auto priced = checked_order(*user, lines, acceptance->checkout, company.value(), quoted, res);
    if (!priced) return;

    // The order is the buyer's who asked, with their spending limit, also when an admin accepts it.
    std::optional<User> buyer = user;
    if (quote->buyer_user_id != user->id) {
      const auto found = api.storage_.user(quote->buyer_user_id);
      if (!found.ok()) return send_error(res, found.error());
      buyer = found.value();
    }
    const auto mark_accepted = [&](const std::string& order_number) -> Result<Done> {
      Quote accepted = *quote;
      accepted.status = QuoteStatus::Accepted;
      accepted.order_number = order_number;
      const auto updated = api.storage_.update_quote(accepted);  // refuses if another acceptance won meanwhile
      if (!updated.ok()) return updated.error();
      return Done{};
    };
    store_order(*buyer, *user, *priced, acceptance->checkout, *key, fingerprint, mark_accepted, res);
  }

  // The body may repeat the path's quote number; another number is a mistake worth a 400.
  bool same_number(const std::string& in_body, const std::string& in_path, httplib::Response& res) {
    if (in_body.empty() || in_body == in_path) return true;
    send_error(res, 400,
               validation_error({{"number", "bad_format", "the body names " + in_body + ", the path " + in_path}}));
    return false;
  }

  static std::string closed_quote_message(const Quote& quote) {
    switch (quote.status) {
      case QuoteStatus::Requested:
        return "quote " + quote.number + " has not been answered yet";
      case QuoteStatus::Answered:
        return "quote " + quote.number + " is answered";
      case QuoteStatus::Accepted:
        return "quote " + quote.number + " was already accepted (order " + quote.order_number + ")";
      case QuoteStatus::Declined:
        return "quote " + quote.number + " was declined";
    }
    return "quote " + quote.number + " cannot change";
  }

  // --- Punchout: a procurement system starts a session, the cart goes back as its form ----------
  // The client whose credentials these are; nullopt when they are wrong or its user is deactivated (one
  // answer for both, so identities cannot be probed). An error only when the storage fails.
  Result<std::optional<PunchoutClient>> punchout_client(const char* protocol, const std::string& identity,
                                                        const std::string& secret) {
    const auto client = api.storage_.punchout_client(protocol, identity);
    if (!client.ok()) {
      if (client.error().kind != ErrorKind::NotFound) return client.error();
      return std::optional<PunchoutClient>();
    }
    if (!verify_password(client.value().secret_hash, secret)) return std::optional<PunchoutClient>();
    const auto user = api.storage_.user(client.value().user_id);
    if (!user.ok()) return user.error();
    if (!user.value().active) return std::optional<PunchoutClient>();
    return std::optional<PunchoutClient>(client.value());
  }

  // The context stored and a start token for the client's user that carries it.
  Result<backend::StartToken> start_punchout(const PunchoutClient& client, const punchout::SetupContext& context) {
    const auto context_id = api.storage_.insert_punchout_context(client.id, context, api.now());
    if (!context_id.ok()) return context_id.error();
    return issue_start_token(client.user_id, context_id.value());
  }

  // OCI 4.0 entry, GET or form POST: USERNAME, PASSWORD, HOOK_URL, ~TARGET, ~OkCode, ~CALLER.
  void punchout_oci(const httplib::Request& req, httplib::Response& res) {
    const auto client =
        punchout_client(punchout::kOci, req.get_param_value("USERNAME"), req.get_param_value("PASSWORD"));
    if (!client.ok()) return send_text(res, 500, "OCI punchout failed: " + client.error().message);
    if (!client.value()) return send_text(res, 401, "OCI punchout refused: wrong USERNAME or PASSWORD");
    const std::string hook_url = req.get_param_value("HOOK_URL");
    if (hook_url.empty()) {
      return send_text(res, 400, "OCI punchout refused: HOOK_URL is missing (where the cart goes back to)");
    }
    if (!is_absolute_http_url(hook_url)) {
      return send_text(res, 400, "OCI punchout refused: HOOK_URL is not an absolute http(s) URL");
    }
    const auto param_or = [&](const char* name, const char* fallback) {
      const std::string value = req.get_param_value(name);
      return value.empty() ? std::string(fallback) : value;
    };
    punchout::SetupContext context;
    context.protocol = punchout::kOci;
    context.return_url = hook_url;
    context.target = param_or("~TARGET", "_top");
    context.ok_code = param_or("~OkCode", "ADDI");
    context.caller = req.get_param_value("~CALLER");
    context.operation = "create";
    const auto start = start_punchout(*client.value(), context);
    if (!start.ok()) return send_text(res, 500, "OCI punchout failed: " + start.error().message);
    res.status = 303;
    res.set_header("Location", "/?start=" + start.value().token);
  }

  // cXML entry: a PunchOutSetupRequest in, a PunchOutSetupResponse out, with HTTP statuses to match.
  void punchout_cxml(const httplib::Request& req, httplib::Response& res) {
    const auto answer = [&](int status, const std::string& text, const std::string& start_page = "") {
      const punchout::CxmlHeader header{payload_id(), api.now(), kShopCredential, kServerName};
      res.status = status;
      res.set_content(punchout::cxml_setup_response(status, text, start_page, header), "text/xml; charset=UTF-8");
    };
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("text/xml", 0) != 0 && type.rfind("application/xml", 0) != 0) {
      return answer(415, "the PunchOutSetupRequest must be sent as text/xml or application/xml, not \"" + type + "\"");
    }
    const auto request = parse_cxml_setup_request(req.body);
    if (!request.ok()) return answer(400, request.error().message);
    const auto client =
        punchout_client(punchout::kCxml, request.value().sender.identity, request.value().shared_secret);
    if (!client.ok()) return answer(500, client.error().message);
    // cXML credential domains are compared without letter case ("NetworkId" is "NetworkID").
    if (!client.value() || fold_for_search(client.value()->domain) != fold_for_search(request.value().sender.domain)) {
      return answer(401, "unknown sender or wrong SharedSecret");
    }
    // The start page is on this server as the procurement system reached it; a Host header that is not
    // a host and port cannot be put into a URL.
    const std::string host = req.get_header_value("Host");
    if (host.find_first_of("/?#") != std::string::npos || !is_absolute_http_url("http://" + host)) {
      return answer(400, "the request's Host header is not a host name and port");
    }
    punchout::SetupContext context;
    context.protocol = punchout::kCxml;
    context.return_url = request.value().browser_form_post_url;
    context.target = "_top";
    context.operation = request.value().operation;
    context.buyer_cookie = request.value().buyer_cookie;
    context.from = request.value().from;
    context.to = request.value().to;
    const auto start = start_punchout(*client.value(), context);
    if (!start.ok()) return answer(500, start.error().message);
    answer(200, "OK", "http://" + host + "/?start=" + start.value().token);
  }

  // Unique per cXML document: the time and random digits, "@" this server.
  std::string payload_id() const {
    return std::to_string(api.now()) + "." + new_token().substr(0, 16) + "@server-mock";
  }

  // The session's punchout, or a 409 not_punchout error written.
  std::optional<PunchoutSession> session_punchout(const httplib::Request& req, httplib::Response& res) {
    const auto punchout = api.storage_.session_punchout(bearer_token(req), api.now());
    if (!punchout.ok()) {
      send_error(res, punchout.error());
      return std::nullopt;
    }
    if (!punchout.value()) {
      send_error(res, 409, not_punchout());
      return std::nullopt;
    }
    return *punchout.value();
  }

  // Every client asks this after signing in: a normal session is an empty success (204), not an error the
  // browser would log on every sign-in.
  void punchout_session(const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    const auto found = api.storage_.session_punchout(bearer_token(req), api.now());
    if (!found.ok()) {
      send_error(res, found.error());
      return;
    }
    if (!found.value()) {
      res.status = 204;
      return;
    }
    const punchout::SetupContext& context = found.value()->context;
    send_data(res, 200,
              backend::PunchoutContext{context.protocol, context.return_url, context.target, context.operation});
  }

  // The cart priced from the company's list, as the form the procurement system expects. Nothing is
  // ordered here: the procurement system orders later, and the session stays usable.
  void punchout_transfer(const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(req, res);
    if (!user) return;
    const auto transfer = decode_body<backend::PunchoutTransfer>(req, res);
    if (!transfer) return;
    const auto punchout = session_punchout(req, res);
    if (!punchout) return;
    const auto cart = own_cart(*user, transfer->cart_id, res);
    if (!cart) return;
    if (cart->lines.empty()) {
      const std::string message = "cart " + cart->id + " is empty: put something in it first";
      return send_error(res, 422,
                        Error{ErrorKind::Validation, "cart_id", message, {{"cart_id", "cart_empty", message}}});
    }
    const auto company = api.storage_.company(user->company_id);
    if (!company.ok()) return send_error(res, company.error());
    const auto prices = api.storage_.price_list(company.value().price_list_id);
    if (!prices.ok()) return send_error(res, prices.error());
    const auto catalog = api.catalog();
    // The same checks as an order's lines, so the procurement system never gets a line the shop refuses.
    std::vector<FieldError> problems;
    for (const FieldProblem& p : validate_cart(*cart, catalog->products)) problems.push_back(to_field_error(p));
    auto priced = price_cart(*cart, prices.value(), catalog->products);
    if (!priced.ok()) return send_error(res, 400, priced.error());
    for (const FieldProblem& p : priced.value().problems) {
      const bool known =
          std::any_of(problems.begin(), problems.end(), [&](const FieldError& e) { return e.field == p.field; });
      if (!known) problems.push_back(to_field_error(p));
    }
    if (!problems.empty()) return send_error(res, 400, validation_error(std::move(problems)));

    const punchout::SetupContext& context = punchout->context;
    const auto lines = punchout::punchout_lines(cart->id, priced.value(), catalog->products);
    backend::PunchoutForm form{"POST", context.return_url, context.target, {}};
    if (context.protocol == punchout::kCxml) {
      const punchout::CxmlHeader header{payload_id(), api.now(), kShopCredential, kServerName};
      form.fields.emplace_back("cXML-urlencoded",
                               punchout::cxml_order_message(lines, priced.value().totals.net, context, header));
    } else {
      form.fields = punchout::oci_fields(lines, context);
    }
    send_data(res, 200, form);
  }

  // --- Embedding ---------------------------------------------------------------------------------
  // Unauthenticated and not enveloped, like health: a portal's page reads it before anyone signs in.
  void embedding(const httplib::Request&, httplib::Response& res) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartObject();
    json.Key("protocol");
    json.String(embed::kProtocolName);
    json.Key("versions");
    json.StartArray();
    json.Int(embed::kVersion);
    json.EndArray();
    json.Key("portal_origins");
    json.StartArray();
    for (const std::string& origin : api.options_.portal_origins) json.String(origin.c_str());
    json.EndArray();
    json.EndObject();
    res.set_content(std::string(buffer.GetString(), buffer.GetSize()), "application/json");
  }

  // --- Users (company admins) -------------------------------------------------------------------
  void list_users(const httplib::Request& req, httplib::Response& res) {
    const auto admin = authorise(req, res, {Role::Admin}, "manage users");
    if (!admin) return;
    const auto users = api.storage_.users_of_company(admin->company_id);
    if (!users.ok()) return send_error(res, users.error());
    send_data(res, 200, users.value());
  }

  void invite_user(const httplib::Request& req, httplib::Response& res) {
    const auto admin = authorise(req, res, {Role::Admin}, "manage users");
    if (!admin) return;
    const auto invite = decode_body<backend::UserInvite>(req, res);
    if (!invite) return;
    std::vector<FieldError> problems;
    const auto at = invite->email.find('@');
    if (at == std::string::npos || at == 0 || invite->email.find('.', at) == std::string::npos) {
      problems.push_back({"email", "bad_format", "not an e-mail address"});
    }
    if (invite->name.find_first_not_of(' ') == std::string::npos) problems.push_back({"name", "required", "name it"});
    if (invite->role == Role::Seller) problems.push_back(seller_not_allowed());
    if (invite->spending_limit.minor < 0) problems.push_back({"spending_limit", "not_positive", "negative limit"});
    if (!problems.empty()) return send_error(res, 400, validation_error(std::move(problems)));
    const User user{"", admin->company_id, invite->email, invite->name, invite->role, invite->spending_limit, true};
    // The same invitation again (its answer was lost): the user it made, as long as nobody changed them since.
    const auto existing = api.storage_.user_by_email(invite->email);
    if (existing.ok()) {
      const User& made = existing.value().user;
      if (made.company_id == user.company_id && made.name == user.name && made.role == user.role &&
          made.spending_limit == user.spending_limit && made.active)
        return send_data(res, 200, made);
    }
    // The invitee sets a password through a link in a real shop; here nobody knows this one.
    const auto created = api.storage_.insert_user(user, hash_password(new_token(), HashCost::Fast));
    if (!created.ok()) return send_error(res, created.error());
    if (take(api.faults_.drop_after_commit_next)) return drop_connection(res);
    send_data(res, 201, created.value());
  }

  void change_user(const httplib::Request& req, httplib::Response& res) {
    const auto admin = authorise(req, res, {Role::Admin}, "manage users");
    if (!admin) return;
    const auto change = decode_body<backend::UserChange>(req, res);
    if (!change) return;
    const auto existing = api.storage_.user(req.matches[1]);
    if (!existing.ok() || existing.value().company_id != admin->company_id) {
      return send_error(res, Error{ErrorKind::NotFound, "", "no user " + std::string(req.matches[1])});
    }
    if (change->role == Role::Seller) return send_error(res, 400, validation_error({seller_not_allowed()}));
    User user = existing.value();
    if (change->role) user.role = *change->role;
    if (change->spending_limit) {
      if (change->spending_limit->minor < 0) {
        return send_error(res, 400, validation_error({{"spending_limit", "not_positive", "negative limit"}}));
      }
      user.spending_limit = *change->spending_limit;
    }
    if (change->active) user.active = *change->active;
    const auto updated = api.storage_.update_user(user);
    if (!updated.ok()) return send_error(res, updated.error());
    send_data(res, 200, updated.value());
  }

  // --- Test endpoints (only with --enable-test-endpoints) ----------------------------------------
  void set_faults(const httplib::Request& req, httplib::Response& res) {
    PlainJson json;
    if (!json.parse(req.body)) return send_error(res, 400, Error{ErrorKind::Validation, "", "expected a JSON object"});
    const auto set = [&](const char* name, std::atomic<int>& target) {
      if (const auto value = json.integer(name)) target = static_cast<int>(*value);
    };
    set("latency_ms", api.faults_.latency_ms);
    set("fail_status", api.faults_.fail_status);
    set("fail_next", api.faults_.fail_next);
    set("drop_before_next", api.faults_.drop_before_next);
    set("drop_after_commit_next", api.faults_.drop_after_commit_next);
    res.status = 204;
  }

  void set_price(const httplib::Request& req, httplib::Response& res) {
    PlainJson json;
    const auto list = json.parse(req.body) ? json.string("price_list_id") : std::nullopt;
    const auto sku = json.string("sku");
    const auto price = json.integer("unit_net_minor");
    if (!list || !sku || !price) {
      return send_error(res, 400, Error{ErrorKind::Validation, "", "need price_list_id, sku, unit_net_minor"});
    }
    const auto changed = api.storage_.set_unit_price(*list, *sku, *price);
    if (!changed.ok()) return send_error(res, changed.error());
    res.status = 204;
  }

  void set_product(const httplib::Request& req, httplib::Response& res) {
    PlainJson json;
    const auto sku = json.parse(req.body) ? json.string("sku") : std::nullopt;
    const auto active = json.boolean("active");
    if (!sku || !active) return send_error(res, 400, Error{ErrorKind::Validation, "", "need sku and active"});
    auto product = api.storage_.product(*sku);
    if (!product.ok()) return send_error(res, product.error());
    product.value().active = *active;
    const auto stored = api.storage_.upsert_product(product.value());
    if (!stored.ok()) return send_error(res, stored.error());
    api.reload_catalog();
    res.status = 204;
  }

  void advance_clock(const httplib::Request& req, httplib::Response& res) {
    PlainJson json;
    const auto seconds = json.parse(req.body) ? json.integer("advance_seconds") : std::nullopt;
    if (!seconds || *seconds < 0) return send_error(res, 400, Error{ErrorKind::Validation, "", "need advance_seconds"});
    api.clock_offset_seconds_ += *seconds;
    res.status = 204;
  }

  // Consumes one of an armed fault's remaining uses.
  static bool take(std::atomic<int>& counter) {
    int left = counter.load();
    while (left > 0) {
      if (counter.compare_exchange_weak(left, left - 1)) return true;
    }
    return false;
  }

  // The CORS allowlist; the embedding configuration may also be read by the portals that embed us.
  bool origin_allowed(const httplib::Request& req, const std::string& origin) const {
    if (origin.empty()) return false;
    const auto listed = [&](const std::vector<std::string>& origins) {
      return std::find(origins.begin(), origins.end(), origin) != origins.end();
    };
    return listed(api.options_.allowed_origins) ||
           (req.path == "/api/v1/embedding" && listed(api.options_.portal_origins));
  }

  // Before routing: preflights, the size limit and the armed faults.
  httplib::Server::HandlerResponse before_routing(const httplib::Request& req, httplib::Response& res) {
    if (!is_api(req)) {
      return static_files && static_files->serve(req, res) ? httplib::Server::HandlerResponse::Handled
                                                           : httplib::Server::HandlerResponse::Unhandled;
    }
    const std::string origin = req.get_header_value("Origin");
    if (req.method == "OPTIONS") {
      if (!origin_allowed(req, origin)) {
        res.status = 403;
        return httplib::Server::HandlerResponse::Handled;
      }
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, If-Match");
      res.set_header("Access-Control-Max-Age", "600");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (is_test_endpoint(req)) return httplib::Server::HandlerResponse::Unhandled;
    if (const int latency = api.faults_.latency_ms.load(); latency > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(latency));
    }
    if (take(api.faults_.drop_before_next)) {
      drop_connection(res);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (take(api.faults_.fail_next)) {
      send_error(res, api.faults_.fail_status.load(), Error{ErrorKind::Server, "", "injected fault"});
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  // After routing: CORS for allowed origins, the framing policy and no sniffing for everything.
  void after_routing(const httplib::Request& req, httplib::Response& res) {
    const std::string origin = req.get_header_value("Origin");
    if (origin_allowed(req, origin)) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!is_api(req)) {
      std::string ancestors = "frame-ancestors 'self'";
      for (const std::string& origin : api.options_.portal_origins) ancestors += " " + origin;
      res.set_header("Content-Security-Policy", ancestors);
    }
  }
};

ShopApi::ShopApi(Storage& storage, ApiOptions options) : storage_(storage), options_(std::move(options)) {
  reload_catalog();
}

ShopApi::~ShopApi() = default;

std::int64_t ShopApi::now() const {
  const auto wall =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return wall.count() + clock_offset_seconds_.load();
}

std::shared_ptr<const ShopApi::Catalog> ShopApi::catalog() const {
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  return catalog_;
}

void ShopApi::reload_catalog() {
  auto products = storage_.products();
  auto fresh = std::make_shared<const Catalog>(products.ok() ? std::move(products.value()) : std::vector<Product>{});
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  catalog_ = std::move(fresh);
}

void ShopApi::install(httplib::Server& server, StaticFiles* static_files) {
  auto handlers = std::make_shared<ApiHandlers>(ApiHandlers{*this, static_files});
  using Method = void (ApiHandlers::*)(const httplib::Request&, httplib::Response&);
  const auto route = [handlers](Method method) {
    return [handlers, method](const httplib::Request& req, httplib::Response& res) { ((*handlers).*method)(req, res); };
  };

  // cpp-httplib reads and discards a larger body before it answers 413, so the client, still
  // sending, gets the answer; answering before reading would reset the connection under it.
  server.set_payload_max_length(kMaxRequestBytes);
  server.set_pre_routing_handler(
      [handlers](const httplib::Request& req, httplib::Response& res) { return handlers->before_routing(req, res); });
  server.set_post_routing_handler(
      [handlers](const httplib::Request& req, httplib::Response& res) { handlers->after_routing(req, res); });
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!is_api(req) || !res.body.empty()) return;
    if (res.status == 404) {
      send_error(res, 404, Error{ErrorKind::NotFound, "", "no such endpoint: " + req.method + " " + req.path});
    } else if (res.status == 413) {
      send_error(res, 413,
                 Error{ErrorKind::Validation,
                       "",
                       "the request body is larger than 1 MiB",
                       {{"body", "too_long", "at most " + std::to_string(kMaxRequestBytes) + " bytes"}}});
    }
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, Error{ErrorKind::Server, "", "internal error"});
  });

  server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(protocol::encode_health({kServerName, protocol::kProtocolVersion}), "application/json");
  });
  server.Get("/api/v1/embedding", route(&ApiHandlers::embedding));
  server.Post("/api/v1/auth/login", route(&ApiHandlers::login));
  server.Post("/api/v1/auth/logout", route(&ApiHandlers::logout));
  server.Post("/api/v1/auth/start-tokens", route(&ApiHandlers::create_start_token));
  server.Post("/api/v1/auth/start", route(&ApiHandlers::start_session));
  server.Get("/api/v1/punchout/session", route(&ApiHandlers::punchout_session));
  server.Post("/api/v1/punchout/transfer", route(&ApiHandlers::punchout_transfer));
  server.Get("/punchout/oci", route(&ApiHandlers::punchout_oci));
  server.Post("/punchout/oci", route(&ApiHandlers::punchout_oci));
  server.Post("/punchout/cxml", route(&ApiHandlers::punchout_cxml));
  server.Get("/api/v1/catalog", route(&ApiHandlers::catalog));
  server.Get("/api/v1/catalog/search", route(&ApiHandlers::search));
  server.Get("/api/v1/catalog/categories", route(&ApiHandlers::categories));
  server.Post("/api/v1/catalog/lookup", route(&ApiHandlers::lookup));
  server.Get("/api/v1/price-list", route(&ApiHandlers::price_list));
  server.Get("/api/v1/carts", route(&ApiHandlers::list_carts));
  server.Post("/api/v1/carts", route(&ApiHandlers::create_cart));
  server.Put(R"(/api/v1/carts/([^/]+))", route(&ApiHandlers::update_cart));
  server.Delete(R"(/api/v1/carts/([^/]+))", route(&ApiHandlers::delete_cart));
  server.Post("/api/v1/orders", route(&ApiHandlers::submit_order));
  server.Get("/api/v1/orders", route(&ApiHandlers::list_orders));
  server.Get(R"(/api/v1/orders/(.+))", route(&ApiHandlers::get_order));
  server.Get("/api/v1/approvals", route(&ApiHandlers::list_approvals));
  server.Post(R"(/api/v1/approvals/(.+))", route(&ApiHandlers::decide_approval));
  server.Post("/api/v1/quotes", route(&ApiHandlers::request_quote));
  server.Get("/api/v1/quotes", route(&ApiHandlers::list_quotes));
  server.Post(R"(/api/v1/quotes/(.+)/answer)", route(&ApiHandlers::answer_quote));
  server.Post(R"(/api/v1/quotes/(.+)/accept)", route(&ApiHandlers::accept_quote));
  server.Get(R"(/api/v1/quotes/(.+))", route(&ApiHandlers::get_quote));
  server.Get("/api/v1/users", route(&ApiHandlers::list_users));
  server.Post("/api/v1/users", route(&ApiHandlers::invite_user));
  server.Patch(R"(/api/v1/users/([^/]+))", route(&ApiHandlers::change_user));
  if (options_.test_endpoints) {
    server.Post("/api/v1/test/faults", route(&ApiHandlers::set_faults));
    server.Post("/api/v1/test/price", route(&ApiHandlers::set_price));
    server.Post("/api/v1/test/product", route(&ApiHandlers::set_product));
    server.Post("/api/v1/test/clock", route(&ApiHandlers::advance_clock));
  }
}

}  // namespace b2b::mock
