// SQLite storage of server-mock: a migrated relational schema for the catalog, companies, users, sessions,
// price lists, carts, orders, quotes and punchout, behind methods that return Result values and never throw.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth.hpp"
#include "b2b/backend/shop_protocol.hpp"
#include "b2b/domain.hpp"
#include "b2b/punchout.hpp"
#include "b2b/result.hpp"
#include "seed.hpp"

namespace b2b::mock {

using backend::Done;

namespace detail {
struct Connection;
}

// A user as the login needs it: with the stored argon2id hash.
struct UserCredentials {
  User user;
  std::string password_hash;
};

struct ProductPage {
  std::vector<Product> products;  // ascending SKU
  std::int64_t catalog_version = 0;
  std::string next_after_sku;  // the cursor for the next page; empty on the last page
};

// What an idempotency key of a company was first used for.
struct IdempotencyRecord {
  std::string order_number;
  std::string request_fingerprint;
};

struct CartCreation {
  Cart cart;
  bool created = true;  // false: the creation key had made this cart before
};

struct QuoteInsertion {
  Quote quote;
  bool created = true;  // false: the request key had made this quote, which still waits for its answer
};

struct OrderInsertion {
  bool created = false;      // false: the key was already used and nothing was inserted
  IdempotencyRecord record;  // the new order's, or the one stored for the key before
};

// Every present field narrows the list; dates are UTC calendar days of created_at, both inclusive.
struct OrderFilter {
  std::optional<std::string> buyer_user_id;
  std::optional<OrderStatus> status;
  std::optional<Date> created_from;
  std::optional<Date> created_to;
};

// A procurement system allowed to start punchout sessions as one user.
struct PunchoutClient {
  std::string id;
  std::string protocol;  // "oci" or "cxml"
  std::string identity;  // OCI USERNAME, cXML Sender identity
  std::string domain;    // cXML Sender credential domain; empty for OCI
  std::string user_id;
  std::string secret_hash;  // argon2id of the OCI PASSWORD or the cXML SharedSecret
};

// Who a start token signs in, and the punchout it carries, if any.
struct StartGrant {
  std::string user_id;
  std::optional<std::int64_t> punchout_context_id;
};

// The punchout a session belongs to.
struct PunchoutSession {
  std::int64_t context_id = 0;
  punchout::SetupContext context;
};

// Groups storage calls into one atomic unit: BEGIN IMMEDIATE, or a savepoint when another Transaction
// is already open. Rolls back when destroyed without commit(). It holds the storage's lock until it
// ends, so other threads wait instead of having their statements land inside it; it must end before
// the Storage does, on the thread that began it.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // On failure the transaction stays open and is rolled back on destruction.
  Result<Done> commit();

 private:
  friend struct detail::Connection;
  Transaction(detail::Connection& connection, std::unique_lock<std::recursive_mutex> lock, bool outermost);
  void rollback();

  detail::Connection* connection_;
  std::unique_lock<std::recursive_mutex> lock_;
  bool outermost_;
  bool open_ = true;
};

// One SQLite connection shared by all threads: cpp-httplib runs handlers on a thread pool, and one
// connection behind one (recursive) mutex is the simplest correct choice for a mock server. Lookups of
// a single object report a missing one as ErrorKind::NotFound; SQLite failures become ErrorKind::Server
// with SQLite's message (constraint violations: Conflict for duplicates, Validation for dangling
// references). Tenant isolation: every object carries its company (or owner), and the list methods
// take the company, so the API compares one id to the session's.
class Storage {
 public:
  static constexpr int kSchemaVersion = 6;

  // Opens or creates the file (":memory:" for tests) and migrates it to kSchemaVersion; a file written
  // by a newer schema is refused and left untouched.
  static Result<std::unique_ptr<Storage>> open(const std::string& path);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  Result<Transaction> begin();

  // --- Whole database ---------------------------------------------------------------------------
  Result<Done> reset();   // deletes all data, keeps the schema
  bool is_empty() const;  // no products and no companies; false also when it cannot tell
  // Everything in one transaction; refused (Conflict) unless the storage is empty.
  Result<Done> seed(const seed::SeedData& data, HashCost cost);

  // --- Users and companies ----------------------------------------------------------------------
  Result<UserCredentials> user_by_email(const std::string& email) const;  // e-mail case-insensitive
  Result<User> user(const std::string& id) const;
  Result<std::vector<User>> users_of_company(const std::string& company_id) const;
  // An empty id gets a new "u-<n>"; an e-mail already in use is a Conflict on field "email".
  Result<User> insert_user(const User& user, const std::string& password_hash);
  // Changes e-mail, name, role, spending limit and active of the user with this id in user.company_id;
  // deactivating also ends the user's sessions.
  Result<User> update_user(const User& user);
  Result<Company> company(const std::string& id) const;

  // --- Sessions ---------------------------------------------------------------------------------
  // A session of a punchout carries its context, so the cart can go back where the punchout came from.
  Result<Done> create_session(const std::string& token, const std::string& user_id, std::int64_t expires_at_unix,
                              std::optional<std::int64_t> punchout_context_id = std::nullopt);
  // nullopt for an unknown or expired token; the user may be inactive, which the API checks.
  Result<std::optional<User>> session_user(const std::string& token, std::int64_t now_unix) const;
  Result<Done> delete_session(const std::string& token);
  // nullopt for a session that did not come from a punchout (or an unknown or expired one).
  Result<std::optional<PunchoutSession>> session_punchout(const std::string& token, std::int64_t now_unix) const;

  // --- Start tokens: one-time, short-lived sign-ins, stored as digests only ----------------------
  // Also forgets the tokens that expired by now_unix.
  Result<Done> create_start_token(const std::string& token_digest, const std::string& user_id,
                                  std::int64_t expires_at_unix, std::optional<std::int64_t> punchout_context_id,
                                  std::int64_t now_unix);
  // The grant of an unexpired token, which is deleted in the same step, so it works once; nullopt for an
  // unknown, used or expired token.
  Result<std::optional<StartGrant>> redeem_start_token(const std::string& token_digest, std::int64_t now_unix);

  // --- Punchout ---------------------------------------------------------------------------------
  Result<PunchoutClient> punchout_client(const std::string& protocol, const std::string& identity) const;
  // Stores those clients whose id is not stored yet and whose user exists (a database seeded before
  // punchout existed gets them on start); returns how many were added.
  Result<std::size_t> add_punchout_clients(const std::vector<seed::SeedPunchoutClient>& clients, HashCost cost);
  Result<std::int64_t> insert_punchout_context(const std::string& client_id, const punchout::SetupContext& context,
                                               std::int64_t created_at_unix);
  Result<punchout::SetupContext> punchout_context(std::int64_t id) const;

  // --- Catalog ----------------------------------------------------------------------------------
  // Products with SKU greater than after_sku (empty: from the start), at most limit of them; with
  // since_version only those changed in a later catalog version (inactive ones too).
  Result<ProductPage> products_page(const std::string& after_sku, int limit,
                                    std::optional<std::int64_t> since_version) const;
  Result<std::int64_t> catalog_version() const;
  Result<Product> product(const std::string& sku) const;
  Result<std::vector<Product>> products() const;  // ascending SKU
  // Inserts or replaces the product under a new catalog version, which it returns.
  Result<std::int64_t> upsert_product(const Product& product);

  // --- Price lists ------------------------------------------------------------------------------
  Result<PriceList> price_list(const std::string& id) const;  // entries ascending SKU
  // Sets (or adds) the price below the first tier, keeps the tiers; returns the list's new version.
  Result<std::int64_t> set_unit_price(const std::string& price_list_id, const std::string& sku,
                                      std::int64_t unit_net_minor);

  // --- Carts ------------------------------------------------------------------------------------
  Result<std::vector<Cart>> carts_of_user(const std::string& user_id) const;  // in creation order
  Result<Cart> cart(const std::string& id) const;
  Result<Cart> create_cart(const Cart& cart);  // ignores id and version: gives "k-<n>" and version 1
  // The same, under a creation key of the cart's owner: a key the owner used before gives the cart it made
  // (as it is now; created false) and stores nothing. An empty key is no key.
  Result<CartCreation> create_cart(const Cart& cart, const std::string& creation_key);
  // Stores name and lines (never the owner) if the stored version is expected_version, else Conflict; the
  // new version keeps update_key (empty: no key). If the stored version was made under that same key, the
  // update is a retry whose answer was lost: the cart as it is now, nothing stored, whatever the version.
  Result<Cart> update_cart(const Cart& cart, std::int64_t expected_version, const std::string& update_key = "");
  Result<Done> delete_cart(const std::string& id);

  // --- Orders -----------------------------------------------------------------------------------
  // "ZAM/2026/000001", sequential per year; call it inside the Transaction that inserts the order,
  // or leave the order's number empty and let insert_order take one.
  Result<std::string> next_order_number(int year);
  // Stores the order (numbered from created_at's UTC year if its number is empty; with the initial
  // status by the buyer as history if it has none) and the idempotency key in one transaction. If the
  // company already used the key, nothing is stored and the earlier record is returned.
  Result<OrderInsertion> insert_order(const Order& order, const std::string& company_id,
                                      const std::string& idempotency_key, const std::string& request_fingerprint,
                                      std::int64_t created_at_unix);
  Result<std::optional<IdempotencyRecord>> idempotency_record(const std::string& company_id,
                                                              const std::string& key) const;
  Result<Order> order(const std::string& number) const;
  Result<std::vector<Order>> orders(const std::string& company_id,
                                    const OrderFilter& filter = {}) const;  // newest first
  Result<Order> update_order_status(const std::string& number, const StatusChange& change);

  // --- Quotes -----------------------------------------------------------------------------------
  // "ZAP/2026/000001", sequential per year, like next_order_number.
  Result<std::string> next_quote_number(int year);
  // Stores the quote with its lines (numbered from requested_at's UTC year if its number is empty).
  Result<Quote> insert_quote(const Quote& quote);
  // The same under a request key of the buyer: if that key made a quote still `requested`, that quote
  // (created false) and nothing stored; else a new quote, which the key then names. An empty key is no key.
  Result<QuoteInsertion> insert_quote(const Quote& quote, const std::string& request_key);
  Result<Quote> quote(const std::string& number) const;
  // The company's quotes (only the buyer's with buyer_user_id), newest first.
  Result<std::vector<Quote>> quotes(const std::string& company_id,
                                    const std::optional<std::string>& buyer_user_id = std::nullopt) const;
  Result<std::vector<Quote>> quotes_for_seller() const;  // every company's, newest first
  // Stores what an answer or an acceptance changes: status, the lines' quoted prices, valid_until,
  // seller_comment and order_number (company, buyer and lines otherwise stay). An accepted or declined
  // quote is final: changing it is a Conflict, decided under the write lock.
  Result<Quote> update_quote(const Quote& quote);

 private:
  explicit Storage(std::unique_ptr<detail::Connection> connection);

  std::unique_ptr<detail::Connection> connection_;
  // Price lists as last read, by id; used while the stored version is the same (every change bumps it;
  // reset() and seed() start afresh). Guarded by the connection's lock, like every read.
  mutable std::map<std::string, PriceList> price_lists_read_;
};

}  // namespace b2b::mock
