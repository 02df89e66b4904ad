// SQLite storage of server-mock: schema migrations, cached prepared statements, and the mapping between
// rows and the domain types (enums as their wire codes, money as minor units plus currency code).
#include "storage.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <unordered_map>
#include <utility>

namespace b2b::mock {

// --- Connection, errors, statements ----------------------------------------------------------------

namespace detail {

struct Connection {
  struct CachedStatement {
    sqlite3_stmt* statement = nullptr;
    bool in_use = false;
  };

  sqlite3* db = nullptr;
  std::recursive_mutex mutex;
  int transaction_depth = 0;
  // Keyed by SQL text; unordered_map keeps element addresses stable, which Statement relies on.
  std::unordered_map<std::string, CachedStatement> statements;

  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    for (auto& entry : statements) sqlite3_finalize(entry.second.statement);
    sqlite3_close_v2(db);
  }

  std::unique_lock<std::recursive_mutex> lock() { return std::unique_lock<std::recursive_mutex>(mutex); }
  Result<Transaction> begin();
};

}  // namespace detail

namespace {

using detail::Connection;

#define B2B_RETURN_IF_FAILED(expression)          \
  do {                                            \
    auto&& b2b_result_ = (expression);            \
    if (!b2b_result_) return b2b_result_.error(); \
  } while (false)

Error sqlite_error(sqlite3* db, int code) {
  std::string message = std::string("SQLite: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error{ErrorKind::Conflict, "", message};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return Error{ErrorKind::Validation, "", message};
    default:
      return Error{ErrorKind::Server, "", message};
  }
}

Error not_found(const std::string& what) { return Error{ErrorKind::NotFound, "", what + " not found"}; }
Error corrupt(const std::string& what) { return Error{ErrorKind::Server, "", "storage holds an invalid " + what}; }

// For constant SQL only (DDL, transaction control); values always go through Statement.
Result<Done> execute(Connection& connection, const char* sql) {
  const int code = sqlite3_exec(connection.db, sql, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return sqlite_error(connection.db, code);
  return Done{};
}

// A prepared statement, taken from the connection's cache unless that one is busy further up the
// stack. A failure to prepare or bind is kept and reported by the first step().
class Statement {
 public:
  Statement(Connection& connection, const char* sql) : db_(connection.db) {
    auto found = connection.statements.find(sql);
    if (found != connection.statements.end() && !found->second.in_use) {
      cached_ = &found->second;
      cached_->in_use = true;
      statement_ = cached_->statement;
      return;
    }
    const int code = sqlite3_prepare_v2(db_, sql, -1, &statement_, nullptr);
    if (code != SQLITE_OK) {
      failure_ = sqlite_error(db_, code);
      sqlite3_finalize(statement_);
      statement_ = nullptr;
      return;
    }
    if (found == connection.statements.end()) {
      cached_ = &connection.statements[sql];
      cached_->statement = statement_;
      cached_->in_use = true;
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() {
    if (cached_) {
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
      cached_->in_use = false;
    } else {
      sqlite3_finalize(statement_);
    }
  }

  // Binds the parameters ?1, ?2, ... in order.
  template <typename... Values>
  Statement& bind(const Values&... values) {
    int index = 0;
    (bind_at(++index, values), ...);
    return *this;
  }

  // true: a row is ready to read; false: done.
  Result<bool> step() {
    if (failure_) return *failure_;
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    failure_ = sqlite_error(db_, code);
    return *failure_;
  }

  Result<Done> run() {
    for (;;) {
      auto row = step();
      if (!row) return row.error();
      if (!row.value()) return Done{};
    }
  }

  int changes() const { return sqlite3_changes(db_); }

  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  bool boolean(int column) const { return integer(column) != 0; }
  bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::string text(int column) const {
    const unsigned char* data = sqlite3_column_text(statement_, column);
    if (!data) return "";
    return std::string(reinterpret_cast<const char*>(data),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }

 private:
  void check(int code) {
    if (code != SQLITE_OK && !failure_) failure_ = sqlite_error(db_, code);
  }
  void bind_at(int index, const std::string& value) {
    if (statement_)
      check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
  }
  void bind_at(int index, const char* value) { bind_at(index, std::string(value)); }
  void bind_at(int index, std::int64_t value) {
    if (statement_) check(sqlite3_bind_int64(statement_, index, value));
  }
  void bind_at(int index, int value) { bind_at(index, static_cast<std::int64_t>(value)); }
  void bind_at(int index, bool value) { bind_at(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  void bind_at(int index, std::nullopt_t) {
    if (statement_) check(sqlite3_bind_null(statement_, index));
  }
  template <typename T>
  void bind_at(int index, const std::optional<T>& value) {
    if (value)
      bind_at(index, *value);
    else
      bind_at(index, std::nullopt);
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  Connection::CachedStatement* cached_ = nullptr;
  std::optional<Error> failure_;
};

// The row a key selects, mapped by from_row, or NotFound naming what.
template <typename T>
Result<T> one_row(Statement& statement, Result<T> (*from_row)(const Statement&), const std::string& what) {
  auto row = statement.step();
  if (!row) return row.error();
  if (!row.value()) return not_found(what);
  return from_row(statement);
}

// Every row of a query, mapped by from_row; the first row that does not map is the error.
template <typename T>
Result<std::vector<T>> collect_rows(Statement& statement, Result<T> (*from_row)(const Statement&)) {
  std::vector<T> rows;
  for (;;) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!row.value()) return rows;
    auto value = from_row(statement);
    if (!value) return value.error();
    rows.push_back(std::move(value.value()));
  }
}

// --- Codes, money, time ----------------------------------------------------------------------------

std::optional<Currency> currency_from_code(const std::string& code) {
  for (Currency currency : {Currency::PLN, Currency::EUR})
    if (code == currency_code(currency)) return currency;
  return std::nullopt;
}

const char* const kCategorySeparator = " > ";

std::string join_category_path(const std::vector<std::string>& parts) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += kCategorySeparator;
    joined += parts[i];
  }
  return joined;
}

std::vector<std::string> split_category_path(const std::string& joined) {
  std::vector<std::string> parts;
  if (joined.empty()) return parts;
  const std::string separator = kCategorySeparator;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = joined.find(separator, start);
    if (end == std::string::npos) {
      parts.push_back(joined.substr(start));
      return parts;
    }
    parts.push_back(joined.substr(start, end - start));
    start = end + separator.size();
  }
}

// Howard Hinnant's days_from_civil (date_from_unix_seconds in the shared library is its inverse).
std::int64_t days_from_civil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::int64_t unix_start_of(const Date& date) { return days_from_civil(date.year, date.month, date.day) * 86400; }

// "ZAM/2026/000123" (orders) or "ZAP/2026/000007" (quotes).
std::string format_yearly_number(const char* prefix, int year, std::int64_t sequence) {
  char text[48];
  std::snprintf(text, sizeof text, "%s/%04d/%06lld", prefix, year, static_cast<long long>(sequence));
  return text;
}

// --- Schema ----------------------------------------------------------------------------------------

// Enums are stored as their wire codes: readable with the sqlite3 shell, and stable when enums grow.
// Money is minor units plus a currency code; an order's lines are in the order's currency.
const char* const kMigration1 = R"sql(
CREATE TABLE catalog (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO catalog (id, version) VALUES (1, 0);

CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  last_value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE order_number_sequences (
  year INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL
);

CREATE TABLE products (
  sku TEXT PRIMARY KEY,
  ean TEXT NOT NULL,
  name_pl TEXT NOT NULL,
  name_en TEXT NOT NULL,
  category_path TEXT NOT NULL,
  brand TEXT NOT NULL,
  unit TEXT NOT NULL,
  pack_size INTEGER NOT NULL CHECK (pack_size > 0),
  min_order_quantity INTEGER NOT NULL CHECK (min_order_quantity > 0),
  vat TEXT NOT NULL,
  stock INTEGER NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  changed_in_version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX products_by_change ON products (changed_in_version);

-- No foreign key on price_list_id: price lists belong to companies, and the cycle would need
-- deferred constraints; the seed and the API keep the pair consistent.
CREATE TABLE companies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  nip TEXT NOT NULL,
  eu_vat_id TEXT NOT NULL,
  payment_terms TEXT NOT NULL,
  credit_limit_minor INTEGER NOT NULL,
  credit_limit_currency TEXT NOT NULL,
  po_number_required INTEGER NOT NULL CHECK (po_number_required IN (0, 1)),
  price_list_id TEXT NOT NULL
);

CREATE TABLE company_addresses (
  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  street TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  PRIMARY KEY (company_id, id)
) WITHOUT ROWID;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  spending_limit_minor INTEGER NOT NULL,
  spending_limit_currency TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  password_hash TEXT NOT NULL,
  UNIQUE (id, company_id)
);
CREATE INDEX users_by_company ON users (company_id);

CREATE TABLE sessions (
  token TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE price_lists (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  currency TEXT NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE price_list_entries (
  price_list_id TEXT NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
  sku TEXT NOT NULL REFERENCES products (sku),
  unit_net_minor INTEGER NOT NULL CHECK (unit_net_minor >= 0),
  PRIMARY KEY (price_list_id, sku)
) WITHOUT ROWID;

CREATE TABLE price_tiers (
  price_list_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  min_quantity INTEGER NOT NULL CHECK (min_quantity > 0),
  unit_net_minor INTEGER NOT NULL CHECK (unit_net_minor >= 0),
  PRIMARY KEY (price_list_id, sku, min_quantity),
  FOREIGN KEY (price_list_id, sku) REFERENCES price_list_entries (price_list_id, sku) ON DELETE CASCADE
) WITHOUT ROWID;

-- Cart lines name SKUs without a foreign key: a saved cart may keep a product the catalog has lost;
-- the order checks every line.
CREATE TABLE carts (
  id TEXT PRIMARY KEY,
  owner_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1)
);
CREATE INDEX carts_by_owner ON carts (owner_user_id);

CREATE TABLE cart_lines (
  cart_id TEXT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (cart_id, position)
) WITHOUT ROWID;

-- The composite keys tie the buyer and the ship-to address to the order's own company.
CREATE TABLE orders (
  number TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  buyer_user_id TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  po_number TEXT NOT NULL,
  cost_centre TEXT NOT NULL,
  requested_delivery TEXT,
  note TEXT NOT NULL,
  ship_to_address_id TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (number, company_id),
  FOREIGN KEY (buyer_user_id, company_id) REFERENCES users (id, company_id),
  FOREIGN KEY (company_id, ship_to_address_id) REFERENCES company_addresses (company_id, id)
);
CREATE INDEX orders_by_company ON orders (company_id, created_at);
CREATE INDEX orders_by_buyer ON orders (buyer_user_id, created_at);

CREATE TABLE order_lines (
  order_number TEXT NOT NULL REFERENCES orders (number) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sku TEXT NOT NULL REFERENCES products (sku),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_net_minor INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  vat TEXT NOT NULL,
  vat_amount_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (order_number, position)
) WITHOUT ROWID;

CREATE TABLE order_status_history (
  order_number TEXT NOT NULL REFERENCES orders (number) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  status TEXT NOT NULL,
  by_user_id TEXT REFERENCES users (id),
  at_unix INTEGER NOT NULL,
  comment TEXT NOT NULL,
  PRIMARY KEY (order_number, position)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
  company_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_fingerprint TEXT NOT NULL,
  order_number TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (company_id, idempotency_key),
  FOREIGN KEY (order_number, company_id) REFERENCES orders (number, company_id)
) WITHOUT ROWID;
)sql";

// Requests for quote. Prices are NULL until the seller answers; currency is the answer's one currency.
// Quote numbers come from the sequences table ("quote-<year>"), so no counter table is needed.
const char* const kMigration2 = R"sql(
CREATE TABLE quotes (
  number TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  buyer_user_id TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  seller_comment TEXT NOT NULL,
  valid_until TEXT,
  currency TEXT,
  requested_at INTEGER NOT NULL,
  order_number TEXT,
  FOREIGN KEY (buyer_user_id, company_id) REFERENCES users (id, company_id),
  FOREIGN KEY (order_number, company_id) REFERENCES orders (number, company_id)
);
CREATE INDEX quotes_by_company ON quotes (company_id, requested_at);
CREATE INDEX quotes_by_requested_at ON quotes (requested_at);

CREATE TABLE quote_lines (
  quote_number TEXT NOT NULL REFERENCES quotes (number) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sku TEXT NOT NULL REFERENCES products (sku),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  note TEXT NOT NULL,
  quoted_unit_net_minor INTEGER CHECK (quoted_unit_net_minor > 0),
  PRIMARY KEY (quote_number, position)
) WITHOUT ROWID;
)sql";

// Punchout: the procurement systems that may start sessions as a user, what each punchout was started
// with (kept for its sessions until the cart goes back), and one-time start tokens, stored as digests
// like passwords are stored as hashes. Sessions get their punchout through a table of their own, so
// the sessions table stays as migration 1 made it.
const char* const kMigration3 = R"sql(
CREATE TABLE punchout_clients (
  id TEXT PRIMARY KEY,
  protocol TEXT NOT NULL CHECK (protocol IN ('oci', 'cxml')),
  identity TEXT NOT NULL,
  domain TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  UNIQUE (protocol, identity)
);

CREATE TABLE punchout_contexts (
  id INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES punchout_clients (id) ON DELETE CASCADE,
  protocol TEXT NOT NULL CHECK (protocol IN ('oci', 'cxml')),
  return_url TEXT NOT NULL,
  target TEXT NOT NULL,
  ok_code TEXT NOT NULL,
  caller TEXT NOT NULL,
  operation TEXT NOT NULL,
  buyer_cookie TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE punchout_credentials (
  context_id INTEGER NOT NULL REFERENCES punchout_contexts (id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('from', 'to')),
  position INTEGER NOT NULL,
  domain TEXT NOT NULL,
  identity TEXT NOT NULL,
  PRIMARY KEY (context_id, side, position)
) WITHOUT ROWID;

CREATE TABLE punchout_sessions (
  token TEXT PRIMARY KEY REFERENCES sessions (token) ON DELETE CASCADE,
  context_id INTEGER NOT NULL REFERENCES punchout_contexts (id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE start_tokens (
  token_digest TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  punchout_context_id INTEGER REFERENCES punchout_contexts (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX start_tokens_by_expiry ON start_tokens (expires_at);
)sql";

// The key a client sends with a cart's creation (Idempotency-Key), per owner: a create retried after its
// answer was lost finds the cart it made. A deleted cart takes its key with it.
const char* const kMigration4 = R"sql(
CREATE TABLE cart_creation_keys (
  owner_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  creation_key TEXT NOT NULL,
  cart_id TEXT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  PRIMARY KEY (owner_user_id, creation_key)
) WITHOUT ROWID;
CREATE INDEX cart_creation_keys_by_cart ON cart_creation_keys (cart_id);
)sql";

// The key of the update that made a cart's version (Idempotency-Key of PUT): a device whose answer was lost
// recognises its own write in the list of carts, and an update retried with that key is answered, not refused.
const char* const kMigration5 = R"sql(
ALTER TABLE carts ADD COLUMN update_key TEXT NOT NULL DEFAULT '';
)sql";

// The key a buyer's client sends with a request for quote, made from what is asked: the same request sent
// again (its answer was lost) finds the quote while that still waits for an answer.
const char* const kMigration6 = R"sql(
CREATE TABLE quote_request_keys (
  buyer_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  request_key TEXT NOT NULL,
  quote_number TEXT NOT NULL REFERENCES quotes (number) ON DELETE CASCADE,
  PRIMARY KEY (buyer_user_id, request_key)
) WITHOUT ROWID;
CREATE INDEX quote_request_keys_by_quote ON quote_request_keys (quote_number);
)sql";

// Index i migrates from version i to i + 1; append, never edit, once a version has shipped.
const char* const kMigrations[] = {kMigration1, kMigration2, kMigration3, kMigration4, kMigration5, kMigration6};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == Storage::kSchemaVersion,
              "one migration per schema version");

Result<Done> migrate(Connection& connection) {
  auto transaction = connection.begin();
  if (!transaction) return transaction.error();
  B2B_RETURN_IF_FAILED(execute(connection,
                               "CREATE TABLE IF NOT EXISTS schema_version ("
                               " id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"));
  std::int64_t version = 0;
  {
    Statement select(connection, "SELECT version FROM schema_version WHERE id = 1");
    auto row = select.step();
    if (!row) return row.error();
    if (row.value()) version = select.integer(0);
  }
  if (version > Storage::kSchemaVersion) {
    return Error{ErrorKind::Server, "",
                 "the database has schema version " + std::to_string(version) + ", newer than version " +
                     std::to_string(Storage::kSchemaVersion) +
                     " which this server-mock understands; use a newer server-mock or another file"};
  }
  if (version < 0) return corrupt("schema version " + std::to_string(version));
  if (version == Storage::kSchemaVersion) return transaction.value().commit();
  for (std::int64_t next = version; next < Storage::kSchemaVersion; ++next)
    B2B_RETURN_IF_FAILED(execute(connection, kMigrations[next]));
  B2B_RETURN_IF_FAILED(Statement(connection,
                                 "INSERT INTO schema_version (id, version) VALUES (1, ?1)"
                                 " ON CONFLICT (id) DO UPDATE SET version = excluded.version")
                           .bind(Storage::kSchemaVersion)
                           .run());
  return transaction.value().commit();
}

// --- Rows <-> domain -------------------------------------------------------------------------------

Result<std::int64_t> next_in_sequence(Connection& connection, const char* name) {
  Statement statement(connection,
                      "INSERT INTO sequences (name, last_value) VALUES (?1, 1)"
                      " ON CONFLICT (name) DO UPDATE SET last_value = last_value + 1 RETURNING last_value");
  statement.bind(name);
  auto row = statement.step();
  if (!row) return row.error();
  if (!row.value()) return corrupt(std::string("sequence ") + name);
  return statement.integer(0);
}

Result<std::string> take_order_number(Connection& connection, int year) {
  if (year < 0 || year > 9999)
    return Error{ErrorKind::Validation, "year", "no order numbers for year " + std::to_string(year)};
  Statement statement(connection,
                      "INSERT INTO order_number_sequences (year, last_number) VALUES (?1, 1)"
                      " ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number");
  statement.bind(year);
  auto row = statement.step();
  if (!row) return row.error();
  if (!row.value()) return corrupt("order number sequence");
  return format_yearly_number("ZAM", year, statement.integer(0));
}

Result<std::string> take_quote_number(Connection& connection, int year) {
  if (year < 0 || year > 9999)
    return Error{ErrorKind::Validation, "year", "no quote numbers for year " + std::to_string(year)};
  auto number = next_in_sequence(connection, ("quote-" + std::to_string(year)).c_str());
  if (!number) return number.error();
  return format_yearly_number("ZAP", year, number.value());
}

#define B2B_PRODUCT_COLUMNS \
  "sku, ean, name_pl, name_en, category_path, brand, unit, pack_size, min_order_quantity, vat, stock, active"

Result<Product> product_from_row(const Statement& row) {
  Product product;
  product.sku = row.text(0);
  product.ean = row.text(1);
  product.name.pl = row.text(2);
  product.name.en = row.text(3);
  product.category_path = split_category_path(row.text(4));
  product.brand = row.text(5);
  const auto unit = unit_from_code(row.text(6));
  if (!unit) return corrupt("unit code in product " + product.sku);
  product.unit = *unit;
  product.pack_size = row.integer(7);
  product.min_order_quantity = row.integer(8);
  const auto vat = vat_from_code(row.text(9));
  if (!vat) return corrupt("VAT code in product " + product.sku);
  product.vat = *vat;
  product.stock = row.integer(10);
  product.active = row.boolean(11);
  return product;
}

Result<Done> write_product(Connection& connection, const Product& product, std::int64_t version) {
  return Statement(connection,
                   "INSERT INTO products (" B2B_PRODUCT_COLUMNS
                   ", changed_in_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                   " ON CONFLICT (sku) DO UPDATE SET ean = excluded.ean, name_pl = excluded.name_pl,"
                   " name_en = excluded.name_en, category_path = excluded.category_path, brand = excluded.brand,"
                   " unit = excluded.unit, pack_size = excluded.pack_size,"
                   " min_order_quantity = excluded.min_order_quantity, vat = excluded.vat, stock = excluded.stock,"
                   " active = excluded.active, changed_in_version = excluded.changed_in_version")
      .bind(product.sku, product.ean, product.name.pl, product.name.en, join_category_path(product.category_path),
            product.brand, unit_code(product.unit), product.pack_size, product.min_order_quantity,
            vat_code(product.vat), product.stock, product.active, version)
      .run();
}

#define B2B_USER_COLUMNS                                                                         \
  "users.id, users.company_id, users.email, users.name, users.role, users.spending_limit_minor," \
  " users.spending_limit_currency, users.active"

Result<User> user_from_row(const Statement& row) {
  User user;
  user.id = row.text(0);
  user.company_id = row.text(1);
  user.email = row.text(2);
  user.name = row.text(3);
  const auto role = role_from_code(row.text(4));
  if (!role) return corrupt("role of user " + user.id);
  user.role = *role;
  const auto currency = currency_from_code(row.text(6));
  if (!currency) return corrupt("currency of user " + user.id);
  user.spending_limit = Money{row.integer(5), *currency};
  user.active = row.boolean(7);
  return user;
}

Result<User> load_user(Connection& connection, const std::string& id) {
  Statement statement(connection, "SELECT " B2B_USER_COLUMNS " FROM users WHERE id = ?1");
  statement.bind(id);
  return one_row(statement, user_from_row, "user " + id);
}

// The e-mail belongs to another user than except_user_id.
Result<bool> email_taken(Connection& connection, const std::string& email, const std::string& except_user_id) {
  Statement statement(connection, "SELECT 1 FROM users WHERE email = ?1 AND id <> ?2");
  statement.bind(email, except_user_id);
  return statement.step();
}

Error email_in_use(const std::string& email) {
  return Error{ErrorKind::Conflict, "email", "the e-mail " + email + " is already in use"};
}

Result<Done> write_new_user(Connection& connection, const User& user, const std::string& password_hash) {
  return Statement(connection,
                   "INSERT INTO users (id, company_id, email, name, role, spending_limit_minor,"
                   " spending_limit_currency, active, password_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(user.id, user.company_id, user.email, user.name, role_code(user.role), user.spending_limit.minor,
            currency_code(user.spending_limit.currency), user.active, password_hash)
      .run();
}

Result<Done> write_company(Connection& connection, const Company& company) {
  B2B_RETURN_IF_FAILED(Statement(connection,
                                 "INSERT INTO companies (id, name, nip, eu_vat_id, payment_terms, credit_limit_minor,"
                                 " credit_limit_currency, po_number_required, price_list_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                           .bind(company.id, company.name, company.nip, company.eu_vat_id,
                                 payment_terms_code(company.payment_terms), company.credit_limit.minor,
                                 currency_code(company.credit_limit.currency), company.po_number_required,
                                 company.price_list_id)
                           .run());
  for (std::size_t i = 0; i < company.addresses.size(); ++i) {
    const Address& address = company.addresses[i];
    B2B_RETURN_IF_FAILED(Statement(connection,
                                   "INSERT INTO company_addresses (company_id, id, position, label, street,"
                                   " postal_code, city, country) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                             .bind(company.id, address.id, static_cast<std::int64_t>(i), address.label, address.street,
                                   address.postal_code, address.city, address.country)
                             .run());
  }
  return Done{};
}

Result<Done> write_price_list(Connection& connection, const PriceList& list) {
  B2B_RETURN_IF_FAILED(
      Statement(connection, "INSERT INTO price_lists (id, company_id, currency, version) VALUES (?1, ?2, ?3, ?4)")
          .bind(list.id, list.company_id, currency_code(list.currency), list.version)
          .run());
  for (const PriceListEntry& entry : list.entries) {
    B2B_RETURN_IF_FAILED(
        Statement(connection, "INSERT INTO price_list_entries (price_list_id, sku, unit_net_minor) VALUES (?1, ?2, ?3)")
            .bind(list.id, entry.sku, entry.unit_net_minor)
            .run());
    for (const PriceTier& tier : entry.tiers) {
      B2B_RETURN_IF_FAILED(Statement(connection,
                                     "INSERT INTO price_tiers (price_list_id, sku, min_quantity, unit_net_minor)"
                                     " VALUES (?1, ?2, ?3, ?4)")
                               .bind(list.id, entry.sku, tier.min_quantity, tier.unit_net_minor)
                               .run());
    }
  }
  return Done{};
}

Result<Cart> load_cart(Connection& connection, const std::string& id) {
  Cart cart;
  {
    Statement statement(connection, "SELECT id, name, owner_user_id, version, update_key FROM carts WHERE id = ?1");
    statement.bind(id);
    auto row = statement.step();
    if (!row) return row.error();
    if (!row.value()) return not_found("cart " + id);
    cart.id = statement.text(0);
    cart.name = statement.text(1);
    cart.owner_user_id = statement.text(2);
    cart.version = statement.integer(3);
    cart.update_key = statement.text(4);
  }
  Statement lines(connection, "SELECT sku, quantity, note FROM cart_lines WHERE cart_id = ?1 ORDER BY position");
  lines.bind(id);
  for (;;) {
    auto row = lines.step();
    if (!row) return row.error();
    if (!row.value()) return cart;
    cart.lines.push_back(CartLine{lines.text(0), lines.integer(1), lines.text(2)});
  }
}

Result<Done> write_cart_lines(Connection& connection, const std::string& cart_id, const std::vector<CartLine>& lines) {
  B2B_RETURN_IF_FAILED(Statement(connection, "DELETE FROM cart_lines WHERE cart_id = ?1").bind(cart_id).run());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    B2B_RETURN_IF_FAILED(
        Statement(connection,
                  "INSERT INTO cart_lines (cart_id, position, sku, quantity, note) VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(cart_id, static_cast<std::int64_t>(i), lines[i].sku, lines[i].quantity, lines[i].note)
            .run());
  }
  return Done{};
}

#define B2B_ORDER_COLUMNS                                                                              \
  "number, company_id, buyer_user_id, status, currency, net_minor, vat_minor, gross_minor, po_number," \
  " cost_centre, requested_delivery, note, ship_to_address_id"

Result<Order> order_header_from_row(const Statement& row) {
  Order order;
  order.number = row.text(0);
  order.company_id = row.text(1);
  order.buyer_user_id = row.text(2);
  const auto status = order_status_from_code(row.text(3));
  if (!status) return corrupt("status of order " + order.number);
  order.status = *status;
  const auto currency = currency_from_code(row.text(4));
  if (!currency) return corrupt("currency of order " + order.number);
  order.totals =
      Totals{Money{row.integer(5), *currency}, Money{row.integer(6), *currency}, Money{row.integer(7), *currency}};
  order.checkout.po_number = row.text(8);
  order.checkout.cost_centre = row.text(9);
  if (!row.is_null(10)) {
    order.checkout.requested_delivery = parse_date(row.text(10));
    if (!order.checkout.requested_delivery) return corrupt("delivery date of order " + order.number);
  }
  order.checkout.note = row.text(11);
  order.checkout.ship_to_address_id = row.text(12);
  return order;
}

Result<Done> load_order_details(Connection& connection, Order& order) {
  const Currency currency = order.totals.net.currency;
  {
    Statement lines(connection,
                    "SELECT sku, quantity, unit_net_minor, net_minor, vat, vat_amount_minor, gross_minor, note"
                    " FROM order_lines WHERE order_number = ?1 ORDER BY position");
    lines.bind(order.number);
    for (;;) {
      auto row = lines.step();
      if (!row) return row.error();
      if (!row.value()) break;
      PricedLine line;
      line.sku = lines.text(0);
      line.quantity = lines.integer(1);
      line.unit_net = Money{lines.integer(2), currency};
      line.net = Money{lines.integer(3), currency};
      const auto vat = vat_from_code(lines.text(4));
      if (!vat) return corrupt("VAT code in order " + order.number);
      line.vat = *vat;
      line.vat_amount = Money{lines.integer(5), currency};
      line.gross = Money{lines.integer(6), currency};
      line.note = lines.text(7);
      order.lines.push_back(std::move(line));
    }
  }
  Statement history(connection,
                    "SELECT status, by_user_id, at_unix, comment FROM order_status_history"
                    " WHERE order_number = ?1 ORDER BY position");
  history.bind(order.number);
  for (;;) {
    auto row = history.step();
    if (!row) return row.error();
    if (!row.value()) return Done{};
    const auto status = order_status_from_code(history.text(0));
    if (!status) return corrupt("status in the history of order " + order.number);
    order.history.push_back(StatusChange{*status, history.text(1), history.integer(2), history.text(3)});
  }
}

Result<Order> load_order(Connection& connection, const std::string& number) {
  Result<Order> order = not_found("order " + number);
  {
    Statement statement(connection, "SELECT " B2B_ORDER_COLUMNS " FROM orders WHERE number = ?1");
    statement.bind(number);
    order = one_row(statement, order_header_from_row, "order " + number);
    if (!order) return order;
  }
  B2B_RETURN_IF_FAILED(load_order_details(connection, order.value()));
  return order;
}

std::optional<std::string> null_if_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

Result<Done> append_status_change(Connection& connection, const std::string& number, const StatusChange& change) {
  return Statement(connection,
                   "INSERT INTO order_status_history (order_number, position, status, by_user_id, at_unix, comment)"
                   " VALUES (?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM order_status_history"
                   " WHERE order_number = ?1), ?2, ?3, ?4, ?5)")
      .bind(number, order_status_code(change.status), null_if_empty(change.by_user_id), change.at_unix_seconds,
            change.comment)
      .run();
}

Result<std::optional<IdempotencyRecord>> find_idempotency_record(Connection& connection, const std::string& company_id,
                                                                 const std::string& key) {
  Statement statement(connection,
                      "SELECT order_number, request_fingerprint FROM idempotency_keys"
                      " WHERE company_id = ?1 AND idempotency_key = ?2");
  statement.bind(company_id, key);
  auto row = statement.step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<IdempotencyRecord>();
  return std::optional<IdempotencyRecord>(IdempotencyRecord{statement.text(0), statement.text(1)});
}

#define B2B_QUOTE_COLUMNS                                                                                 \
  "number, company_id, buyer_user_id, status, note, seller_comment, valid_until, currency, requested_at," \
  " order_number"

// A quote's row; its lines come from load_quote_lines, in the currency the row names.
struct QuoteRow {
  Quote quote;
  std::optional<Currency> currency;  // none until the seller has priced it
};

Result<QuoteRow> quote_header_from_row(const Statement& row) {
  QuoteRow out;
  Quote& quote = out.quote;
  quote.number = row.text(0);
  quote.company_id = row.text(1);
  quote.buyer_user_id = row.text(2);
  const auto status = quote_status_from_code(row.text(3));
  if (!status) return corrupt("status of quote " + quote.number);
  quote.status = *status;
  quote.note = row.text(4);
  quote.seller_comment = row.text(5);
  if (!row.is_null(6)) {
    quote.valid_until = parse_date(row.text(6));
    if (!quote.valid_until) return corrupt("valid_until of quote " + quote.number);
  }
  if (!row.is_null(7)) {
    out.currency = currency_from_code(row.text(7));
    if (!out.currency) return corrupt("currency of quote " + quote.number);
  }
  quote.requested_at_unix_seconds = row.integer(8);
  quote.order_number = row.text(9);
  return out;
}

Result<Done> load_quote_lines(Connection& connection, QuoteRow& row) {
  Statement lines(connection,
                  "SELECT sku, quantity, note, quoted_unit_net_minor FROM quote_lines WHERE quote_number = ?1"
                  " ORDER BY position");
  lines.bind(row.quote.number);
  for (;;) {
    auto step = lines.step();
    if (!step) return step.error();
    if (!step.value()) return Done{};
    QuoteLine line{lines.text(0), lines.integer(1), lines.text(2), std::nullopt};
    if (!lines.is_null(3)) {
      if (!row.currency) return corrupt("price without a currency in quote " + row.quote.number);
      line.quoted_unit_net = Money{lines.integer(3), *row.currency};
    }
    row.quote.lines.push_back(std::move(line));
  }
}

Result<Quote> load_quote(Connection& connection, const std::string& number) {
  Result<QuoteRow> row = not_found("quote " + number);
  {
    Statement statement(connection, "SELECT " B2B_QUOTE_COLUMNS " FROM quotes WHERE number = ?1");
    statement.bind(number);
    row = one_row(statement, quote_header_from_row, "quote " + number);
    if (!row) return row.error();
  }
  B2B_RETURN_IF_FAILED(load_quote_lines(connection, row.value()));
  return std::move(row.value().quote);
}

// Newest first; a missing company or buyer does not narrow the list.
Result<std::vector<Quote>> load_quotes(Connection& connection, const std::optional<std::string>& company_id,
                                       const std::optional<std::string>& buyer_user_id) {
  Result<std::vector<QuoteRow>> rows = std::vector<QuoteRow>();
  {
    Statement statement(connection, "SELECT " B2B_QUOTE_COLUMNS
                                    " FROM quotes WHERE (?1 IS NULL OR company_id = ?1)"
                                    " AND (?2 IS NULL OR buyer_user_id = ?2)"
                                    " ORDER BY requested_at DESC, number DESC");
    statement.bind(company_id, buyer_user_id);
    rows = collect_rows(statement, quote_header_from_row);
    if (!rows) return rows.error();
  }
  std::vector<Quote> quotes;
  for (QuoteRow& row : rows.value()) {
    B2B_RETURN_IF_FAILED(load_quote_lines(connection, row));
    quotes.push_back(std::move(row.quote));
  }
  return quotes;
}

// The one currency of a quote's prices (none while unpriced); quotes, like orders, cannot mix them.
Result<std::optional<Currency>> quote_currency(const Quote& quote) {
  std::optional<Currency> currency;
  for (std::size_t i = 0; i < quote.lines.size(); ++i) {
    const auto& price = quote.lines[i].quoted_unit_net;
    if (!price) continue;
    if (currency && *currency != price->currency)
      return Error{ErrorKind::Validation, "lines[" + std::to_string(i) + "].quoted_unit_net",
                   "the quote's prices mix currencies"};
    currency = price->currency;
  }
  return currency;
}

std::optional<std::string> currency_code_of(const std::optional<Currency>& currency) {
  if (!currency) return std::nullopt;
  return std::string(currency_code(*currency));
}

std::optional<std::int64_t> minor_of(const std::optional<Money>& money) {
  if (!money) return std::nullopt;
  return money->minor;
}

std::optional<std::string> formatted(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return format_date(*date);
}

// Every amount of an order is stored in the order's one currency, so a mix cannot be stored.
std::optional<Error> mixed_currency(const Order& order) {
  const Currency currency = order.totals.net.currency;
  auto differs = [&](const Money& money) { return money.currency != currency; };
  if (differs(order.totals.vat) || differs(order.totals.gross))
    return Error{ErrorKind::Validation, "totals", "the order's totals mix currencies"};
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const PricedLine& line = order.lines[i];
    if (differs(line.unit_net) || differs(line.net) || differs(line.vat_amount) || differs(line.gross))
      return Error{ErrorKind::Validation, "lines[" + std::to_string(i) + "]",
                   "the line's currency differs from the order's"};
  }
  return std::nullopt;
}

// Hashing is slow on purpose, so callers do it before they take the write lock.
Result<std::vector<PunchoutClient>> hashed_clients(const std::vector<seed::SeedPunchoutClient>& clients,
                                                   HashCost cost) {
  std::vector<PunchoutClient> hashed;
  for (const seed::SeedPunchoutClient& client : clients) {
    const std::string hash = hash_password(client.secret, cost);
    if (hash.empty()) return Error{ErrorKind::Server, "", "could not hash the secret of punchout client " + client.id};
    hashed.push_back({client.id, client.protocol, client.identity, client.domain, client.user_id, hash});
  }
  return hashed;
}

Result<Done> write_punchout_client(Connection& connection, const PunchoutClient& client) {
  return Statement(connection,
                   "INSERT INTO punchout_clients (id, protocol, identity, domain, secret_hash, user_id)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(client.id, client.protocol, client.identity, client.domain, client.secret_hash, client.user_id)
      .run();
}

}  // namespace

// --- Transaction -----------------------------------------------------------------------------------

Result<Transaction> detail::Connection::begin() {
  auto held = lock();
  const bool outermost = transaction_depth == 0;
  // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a lock upgrade.
  B2B_RETURN_IF_FAILED(execute(*this, outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT storage_scope"));
  ++transaction_depth;
  return Transaction(*this, std::move(held), outermost);
}

Transaction::Transaction(detail::Connection& connection, std::unique_lock<std::recursive_mutex> lock, bool outermost)
    : connection_(&connection), lock_(std::move(lock)), outermost_(outermost) {}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(other.connection_), lock_(std::move(other.lock_)), outermost_(other.outermost_), open_(other.open_) {
  other.open_ = false;
}

Transaction::~Transaction() {
  if (open_) rollback();
}

Result<Done> Transaction::commit() {
  if (!open_) return Error{ErrorKind::Server, "", "the transaction has already ended"};
  B2B_RETURN_IF_FAILED(execute(*connection_, outermost_ ? "COMMIT" : "RELEASE storage_scope"));
  open_ = false;
  --connection_->transaction_depth;
  lock_.unlock();
  return Done{};
}

void Transaction::rollback() {
  // Errors are ignored: SQLite may already have rolled back (e.g. on a full disk), which is the goal.
  if (outermost_) {
    if (!sqlite3_get_autocommit(connection_->db)) execute(*connection_, "ROLLBACK");
  } else {
    execute(*connection_, "ROLLBACK TO storage_scope");
    execute(*connection_, "RELEASE storage_scope");
  }
  open_ = false;
  --connection_->transaction_depth;
  lock_.unlock();
}

// --- Storage ---------------------------------------------------------------------------------------

Storage::Storage(std::unique_ptr<detail::Connection> connection) : connection_(std::move(connection)) {}
Storage::~Storage() = default;

Result<std::unique_ptr<Storage>> Storage::open(const std::string& path) {
  auto connection = std::make_unique<detail::Connection>();
  const int code = sqlite3_open_v2(path.c_str(), &connection->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (code != SQLITE_OK) {
    Error error = sqlite_error(connection->db, code);
    error.message += " (opening " + path + ")";
    return error;
  }
  sqlite3_extended_result_codes(connection->db, 1);
  sqlite3_busy_timeout(connection->db, 5000);
  B2B_RETURN_IF_FAILED(execute(*connection, "PRAGMA foreign_keys = ON"));
  {
    // ":memory:" answers "memory": WAL needs a file, and an in-memory database has no readers to spare.
    Statement journal(*connection, "PRAGMA journal_mode = WAL");
    B2B_RETURN_IF_FAILED(journal.run());
  }
  B2B_RETURN_IF_FAILED(migrate(*connection));
  return std::unique_ptr<Storage>(new Storage(std::move(connection)));
}

Result<Transaction> Storage::begin() { return connection_->begin(); }

Result<Done> Storage::reset() {
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  price_lists_read_.clear();
  // Children before parents, so the foreign keys hold after every statement.
  static const char* const kDeletes[] = {"DELETE FROM quote_request_keys",
                                         "DELETE FROM quote_lines",
                                         "DELETE FROM quotes",
                                         "DELETE FROM idempotency_keys",
                                         "DELETE FROM order_status_history",
                                         "DELETE FROM order_lines",
                                         "DELETE FROM orders",
                                         "DELETE FROM cart_creation_keys",
                                         "DELETE FROM cart_lines",
                                         "DELETE FROM carts",
                                         "DELETE FROM start_tokens",
                                         "DELETE FROM punchout_sessions",
                                         "DELETE FROM sessions",
                                         "DELETE FROM punchout_credentials",
                                         "DELETE FROM punchout_contexts",
                                         "DELETE FROM punchout_clients",
                                         "DELETE FROM price_tiers",
                                         "DELETE FROM price_list_entries",
                                         "DELETE FROM price_lists",
                                         "DELETE FROM users",
                                         "DELETE FROM company_addresses",
                                         "DELETE FROM companies",
                                         "DELETE FROM products",
                                         "DELETE FROM sequences",
                                         "DELETE FROM order_number_sequences",
                                         "UPDATE catalog SET version = 0"};
  for (const char* sql : kDeletes) B2B_RETURN_IF_FAILED(execute(*connection_, sql));
  return transaction.value().commit();
}

bool Storage::is_empty() const {
  auto lock = connection_->lock();
  Statement statement(*connection_, "SELECT EXISTS (SELECT 1 FROM products) OR EXISTS (SELECT 1 FROM companies)");
  auto row = statement.step();
  return row.ok() && row.value() && !statement.boolean(0);
}

Result<Done> Storage::seed(const seed::SeedData& data, HashCost cost) {
  if (!init_crypto()) return Error{ErrorKind::Server, "", "libsodium could not start"};
  // Hashing is slow on purpose; it happens before the write lock is taken.
  std::vector<std::string> password_hashes;
  password_hashes.reserve(data.users.size());
  for (const seed::SeedUser& user : data.users) {
    password_hashes.push_back(hash_password(user.password, cost));
    if (password_hashes.back().empty())
      return Error{ErrorKind::Server, "", "could not hash the password of " + user.user.email};
  }
  auto punchout_clients = hashed_clients(data.punchout_clients, cost);
  if (!punchout_clients) return punchout_clients.error();

  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  price_lists_read_.clear();
  if (!is_empty()) return Error{ErrorKind::Conflict, "", "the storage already holds data; reset() it first"};

  const std::int64_t catalog_version = data.products.empty() ? 0 : 1;
  for (const Product& product : data.products)
    B2B_RETURN_IF_FAILED(write_product(*connection_, product, catalog_version));
  B2B_RETURN_IF_FAILED(Statement(*connection_, "UPDATE catalog SET version = ?1").bind(catalog_version).run());
  for (const Company& company : data.companies) B2B_RETURN_IF_FAILED(write_company(*connection_, company));
  for (std::size_t i = 0; i < data.users.size(); ++i)
    B2B_RETURN_IF_FAILED(write_new_user(*connection_, data.users[i].user, password_hashes[i]));
  for (const PriceList& list : data.price_lists) B2B_RETURN_IF_FAILED(write_price_list(*connection_, list));
  for (const PunchoutClient& client : punchout_clients.value())
    B2B_RETURN_IF_FAILED(write_punchout_client(*connection_, client));
  return transaction.value().commit();
}

// --- Users and companies ---------------------------------------------------------------------------

Result<UserCredentials> Storage::user_by_email(const std::string& email) const {
  auto lock = connection_->lock();
  Statement statement(*connection_, "SELECT " B2B_USER_COLUMNS ", users.password_hash FROM users WHERE email = ?1");
  statement.bind(email);
  auto row = statement.step();
  if (!row) return row.error();
  if (!row.value()) return not_found("user with e-mail " + email);
  auto user = user_from_row(statement);
  if (!user) return user.error();
  return UserCredentials{std::move(user.value()), statement.text(8)};
}

Result<User> Storage::user(const std::string& id) const {
  auto lock = connection_->lock();
  return load_user(*connection_, id);
}

Result<std::vector<User>> Storage::users_of_company(const std::string& company_id) const {
  auto lock = connection_->lock();
  Statement statement(*connection_, "SELECT " B2B_USER_COLUMNS " FROM users WHERE company_id = ?1 ORDER BY email");
  statement.bind(company_id);
  return collect_rows(statement, user_from_row);
}

Result<User> Storage::insert_user(const User& user, const std::string& password_hash) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  auto taken = email_taken(*connection_, user.email, user.id);
  if (!taken) return taken.error();
  if (taken.value()) return email_in_use(user.email);
  User stored = user;
  if (stored.id.empty()) {
    auto number = next_in_sequence(*connection_, "user");
    if (!number) return number.error();
    stored.id = "u-" + std::to_string(number.value());
  }
  B2B_RETURN_IF_FAILED(write_new_user(*connection_, stored, password_hash));
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return load_user(*connection_, stored.id);
}

Result<User> Storage::update_user(const User& user) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  auto taken = email_taken(*connection_, user.email, user.id);
  if (!taken) return taken.error();
  if (taken.value()) return email_in_use(user.email);
  Statement update(*connection_,
                   "UPDATE users SET email = ?1, name = ?2, role = ?3, spending_limit_minor = ?4,"
                   " spending_limit_currency = ?5, active = ?6 WHERE id = ?7 AND company_id = ?8");
  update.bind(user.email, user.name, role_code(user.role), user.spending_limit.minor,
              currency_code(user.spending_limit.currency), user.active, user.id, user.company_id);
  B2B_RETURN_IF_FAILED(update.run());
  if (update.changes() == 0) return not_found("user " + user.id + " of company " + user.company_id);
  if (!user.active)
    B2B_RETURN_IF_FAILED(Statement(*connection_, "DELETE FROM sessions WHERE user_id = ?1").bind(user.id).run());
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return load_user(*connection_, user.id);
}

Result<Company> Storage::company(const std::string& id) const {
  auto lock = connection_->lock();
  Company company;
  {
    Statement statement(*connection_,
                        "SELECT id, name, nip, eu_vat_id, payment_terms, credit_limit_minor, credit_limit_currency,"
                        " po_number_required, price_list_id FROM companies WHERE id = ?1");
    statement.bind(id);
    auto row = statement.step();
    if (!row) return row.error();
    if (!row.value()) return not_found("company " + id);
    company.id = statement.text(0);
    company.name = statement.text(1);
    company.nip = statement.text(2);
    company.eu_vat_id = statement.text(3);
    const auto terms = payment_terms_from_code(statement.text(4));
    if (!terms) return corrupt("payment terms of company " + id);
    company.payment_terms = *terms;
    const auto currency = currency_from_code(statement.text(6));
    if (!currency) return corrupt("credit limit currency of company " + id);
    company.credit_limit = Money{statement.integer(5), *currency};
    company.po_number_required = statement.boolean(7);
    company.price_list_id = statement.text(8);
  }
  Statement addresses(*connection_,
                      "SELECT id, label, street, postal_code, city, country FROM company_addresses"
                      " WHERE company_id = ?1 ORDER BY position");
  addresses.bind(id);
  for (;;) {
    auto row = addresses.step();
    if (!row) return row.error();
    if (!row.value()) return company;
    company.addresses.push_back(Address{addresses.text(0), addresses.text(1), addresses.text(2), addresses.text(3),
                                        addresses.text(4), addresses.text(5)});
  }
}

// --- Sessions --------------------------------------------------------------------------------------

Result<Done> Storage::create_session(const std::string& token, const std::string& user_id, std::int64_t expires_at_unix,
                                     std::optional<std::int64_t> punchout_context_id) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  B2B_RETURN_IF_FAILED(Statement(*connection_, "INSERT INTO sessions (token, user_id, expires_at) VALUES (?1, ?2, ?3)")
                           .bind(token, user_id, expires_at_unix)
                           .run());
  if (punchout_context_id) {
    B2B_RETURN_IF_FAILED(Statement(*connection_, "INSERT INTO punchout_sessions (token, context_id) VALUES (?1, ?2)")
                             .bind(token, *punchout_context_id)
                             .run());
  }
  return transaction.value().commit();
}

Result<std::optional<User>> Storage::session_user(const std::string& token, std::int64_t now_unix) const {
  auto lock = connection_->lock();
  Statement statement(*connection_, "SELECT " B2B_USER_COLUMNS
                                    " FROM sessions JOIN users ON users.id = sessions.user_id"
                                    " WHERE sessions.token = ?1 AND sessions.expires_at > ?2");
  statement.bind(token, now_unix);
  auto row = statement.step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<User>();
  auto user = user_from_row(statement);
  if (!user) return user.error();
  return std::optional<User>(std::move(user.value()));
}

Result<Done> Storage::delete_session(const std::string& token) {
  auto lock = connection_->lock();
  return Statement(*connection_, "DELETE FROM sessions WHERE token = ?1").bind(token).run();
}

Result<std::optional<PunchoutSession>> Storage::session_punchout(const std::string& token,
                                                                 std::int64_t now_unix) const {
  auto lock = connection_->lock();
  std::int64_t context_id = 0;
  {
    Statement statement(*connection_,
                        "SELECT punchout_sessions.context_id FROM punchout_sessions"
                        " JOIN sessions ON sessions.token = punchout_sessions.token"
                        " WHERE punchout_sessions.token = ?1 AND sessions.expires_at > ?2");
    auto row = statement.bind(token, now_unix).step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<PunchoutSession>();
    context_id = statement.integer(0);
  }
  auto context = punchout_context(context_id);
  if (!context) return context.error();
  return std::optional<PunchoutSession>(PunchoutSession{context_id, std::move(context.value())});
}

// --- Start tokens ----------------------------------------------------------------------------------

Result<Done> Storage::create_start_token(const std::string& token_digest, const std::string& user_id,
                                         std::int64_t expires_at_unix, std::optional<std::int64_t> punchout_context_id,
                                         std::int64_t now_unix) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  B2B_RETURN_IF_FAILED(Statement(*connection_, "DELETE FROM start_tokens WHERE expires_at <= ?1").bind(now_unix).run());
  B2B_RETURN_IF_FAILED(Statement(*connection_,
                                 "INSERT INTO start_tokens (token_digest, user_id, expires_at, punchout_context_id)"
                                 " VALUES (?1, ?2, ?3, ?4)")
                           .bind(token_digest, user_id, expires_at_unix, punchout_context_id)
                           .run());
  return transaction.value().commit();
}

Result<std::optional<StartGrant>> Storage::redeem_start_token(const std::string& token_digest, std::int64_t now_unix) {
  auto lock = connection_->lock();
  // One statement takes the token and deletes it, so two redemptions racing cannot both succeed.
  Statement statement(*connection_,
                      "DELETE FROM start_tokens WHERE token_digest = ?1 AND expires_at > ?2"
                      " RETURNING user_id, punchout_context_id");
  auto row = statement.bind(token_digest, now_unix).step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<StartGrant>();
  StartGrant grant{statement.text(0), std::nullopt};
  if (!statement.is_null(1)) grant.punchout_context_id = statement.integer(1);
  B2B_RETURN_IF_FAILED(statement.run());
  return std::optional<StartGrant>(std::move(grant));
}

// --- Punchout --------------------------------------------------------------------------------------

Result<PunchoutClient> Storage::punchout_client(const std::string& protocol, const std::string& identity) const {
  auto lock = connection_->lock();
  Statement statement(*connection_,
                      "SELECT id, protocol, identity, domain, user_id, secret_hash FROM punchout_clients"
                      " WHERE protocol = ?1 AND identity = ?2");
  auto row = statement.bind(protocol, identity).step();
  if (!row) return row.error();
  if (!row.value()) return not_found("punchout client " + identity);
  return PunchoutClient{statement.text(0), statement.text(1), statement.text(2),
                        statement.text(3), statement.text(4), statement.text(5)};
}

Result<std::size_t> Storage::add_punchout_clients(const std::vector<seed::SeedPunchoutClient>& clients, HashCost cost) {
  std::vector<seed::SeedPunchoutClient> missing;
  {
    auto lock = connection_->lock();
    for (const seed::SeedPunchoutClient& client : clients) {
      Statement statement(*connection_,
                          "SELECT NOT EXISTS (SELECT 1 FROM punchout_clients WHERE id = ?1)"
                          " AND EXISTS (SELECT 1 FROM users WHERE id = ?2)");
      auto row = statement.bind(client.id, client.user_id).step();
      if (!row) return row.error();
      if (row.value() && statement.boolean(0)) missing.push_back(client);
    }
  }
  if (missing.empty()) return std::size_t{0};
  auto hashed = hashed_clients(missing, cost);
  if (!hashed) return hashed.error();
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  for (const PunchoutClient& client : hashed.value()) B2B_RETURN_IF_FAILED(write_punchout_client(*connection_, client));
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return hashed.value().size();
}

Result<std::int64_t> Storage::insert_punchout_context(const std::string& client_id,
                                                      const punchout::SetupContext& context,
                                                      std::int64_t created_at_unix) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  Statement insert(*connection_,
                   "INSERT INTO punchout_contexts (client_id, protocol, return_url, target, ok_code, caller, operation,"
                   " buyer_cookie, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
  auto row = insert
                 .bind(client_id, context.protocol, context.return_url, context.target, context.ok_code, context.caller,
                       context.operation, context.buyer_cookie, created_at_unix)
                 .step();
  if (!row) return row.error();
  if (!row.value()) return corrupt("punchout context: no id came back");
  const std::int64_t id = insert.integer(0);
  B2B_RETURN_IF_FAILED(insert.run());
  for (const auto& [side, credentials] : {std::pair{"from", &context.from}, std::pair{"to", &context.to}}) {
    for (std::size_t i = 0; i < credentials->size(); ++i) {
      B2B_RETURN_IF_FAILED(
          Statement(*connection_,
                    "INSERT INTO punchout_credentials (context_id, side, position, domain, identity)"
                    " VALUES (?1, ?2, ?3, ?4, ?5)")
              .bind(id, side, static_cast<std::int64_t>(i), (*credentials)[i].domain, (*credentials)[i].identity)
              .run());
    }
  }
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return id;
}

Result<punchout::SetupContext> Storage::punchout_context(std::int64_t id) const {
  auto lock = connection_->lock();
  punchout::SetupContext context;
  {
    Statement statement(*connection_,
                        "SELECT protocol, return_url, target, ok_code, caller, operation, buyer_cookie"
                        " FROM punchout_contexts WHERE id = ?1");
    auto row = statement.bind(id).step();
    if (!row) return row.error();
    if (!row.value()) return not_found("punchout context " + std::to_string(id));
    context.protocol = statement.text(0);
    context.return_url = statement.text(1);
    context.target = statement.text(2);
    context.ok_code = statement.text(3);
    context.caller = statement.text(4);
    context.operation = statement.text(5);
    context.buyer_cookie = statement.text(6);
  }
  Statement credentials(*connection_,
                        "SELECT side, domain, identity FROM punchout_credentials WHERE context_id = ?1"
                        " ORDER BY side, position");
  credentials.bind(id);
  for (;;) {
    auto row = credentials.step();
    if (!row) return row.error();
    if (!row.value()) return context;
    (credentials.text(0) == "from" ? context.from : context.to)
        .push_back(punchout::Credential{credentials.text(1), credentials.text(2)});
  }
}

// --- Catalog ---------------------------------------------------------------------------------------

Result<ProductPage> Storage::products_page(const std::string& after_sku, int limit,
                                           std::optional<std::int64_t> since_version) const {
  if (limit <= 0) return Error{ErrorKind::Validation, "limit", "the page limit must be positive"};
  auto lock = connection_->lock();
  ProductPage page;
  auto version = catalog_version();
  if (!version) return version.error();
  page.catalog_version = version.value();
  // One row more than asked tells whether another page follows.
  const std::int64_t fetch = static_cast<std::int64_t>(limit) + 1;
  Result<std::vector<Product>> products = std::vector<Product>();
  if (since_version) {
    Statement statement(*connection_, "SELECT " B2B_PRODUCT_COLUMNS
                                      " FROM products WHERE changed_in_version > ?1 AND sku > ?2"
                                      " ORDER BY sku LIMIT ?3");
    statement.bind(*since_version, after_sku, fetch);
    products = collect_rows(statement, product_from_row);
  } else {
    Statement statement(*connection_,
                        "SELECT " B2B_PRODUCT_COLUMNS " FROM products WHERE sku > ?1 ORDER BY sku LIMIT ?2");
    statement.bind(after_sku, fetch);
    products = collect_rows(statement, product_from_row);
  }
  if (!products) return products.error();
  page.products = std::move(products.value());
  if (page.products.size() > static_cast<std::size_t>(limit)) {
    page.products.resize(static_cast<std::size_t>(limit));
    page.next_after_sku = page.products.back().sku;
  }
  return page;
}

Result<std::int64_t> Storage::catalog_version() const {
  auto lock = connection_->lock();
  Statement statement(*connection_, "SELECT version FROM catalog WHERE id = 1");
  auto row = statement.step();
  if (!row) return row.error();
  if (!row.value()) return corrupt("catalog: its version row is missing");
  return statement.integer(0);
}

Result<Product> Storage::product(const std::string& sku) const {
  auto lock = connection_->lock();
  Statement statement(*connection_, "SELECT " B2B_PRODUCT_COLUMNS " FROM products WHERE sku = ?1");
  statement.bind(sku);
  return one_row(statement, product_from_row, "product " + sku);
}

Result<std::vector<Product>> Storage::products() const {
  auto lock = connection_->lock();
  Statement statement(*connection_, "SELECT " B2B_PRODUCT_COLUMNS " FROM products ORDER BY sku");
  return collect_rows(statement, product_from_row);
}

Result<std::int64_t> Storage::upsert_product(const Product& product) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  Statement bump(*connection_, "UPDATE catalog SET version = version + 1 WHERE id = 1 RETURNING version");
  auto row = bump.step();
  if (!row) return row.error();
  if (!row.value()) return corrupt("catalog: its version row is missing");
  const std::int64_t version = bump.integer(0);
  B2B_RETURN_IF_FAILED(bump.run());
  B2B_RETURN_IF_FAILED(write_product(*connection_, product, version));
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return version;
}

// --- Price lists -----------------------------------------------------------------------------------

Result<PriceList> Storage::price_list(const std::string& id) const {
  auto lock = connection_->lock();
  PriceList list;
  {
    Statement statement(*connection_, "SELECT id, company_id, currency, version FROM price_lists WHERE id = ?1");
    statement.bind(id);
    auto row = statement.step();
    if (!row) return row.error();
    if (!row.value()) return not_found("price list " + id);
    list.id = statement.text(0);
    list.company_id = statement.text(1);
    const auto currency = currency_from_code(statement.text(2));
    if (!currency) return corrupt("currency of price list " + id);
    list.currency = *currency;
    list.version = statement.integer(3);
  }
  // Every order prices against the whole list: read it again only when its version changed.
  const auto read = price_lists_read_.find(id);
  if (read != price_lists_read_.end() && read->second.version == list.version) return read->second;
  {
    Statement entries(*connection_,
                      "SELECT sku, unit_net_minor FROM price_list_entries WHERE price_list_id = ?1 ORDER BY sku");
    entries.bind(id);
    for (;;) {
      auto row = entries.step();
      if (!row) return row.error();
      if (!row.value()) break;
      list.entries.push_back(PriceListEntry{entries.text(0), entries.integer(1), {}});
    }
  }
  // Tiers come in the entries' SKU order, so one merge pass attaches them.
  Statement tiers(*connection_,
                  "SELECT sku, min_quantity, unit_net_minor FROM price_tiers WHERE price_list_id = ?1"
                  " ORDER BY sku, min_quantity");
  tiers.bind(id);
  std::size_t entry = 0;
  for (;;) {
    auto row = tiers.step();
    if (!row) return row.error();
    if (!row.value()) {
      price_lists_read_[id] = list;
      return list;
    }
    const std::string sku = tiers.text(0);
    while (entry < list.entries.size() && list.entries[entry].sku < sku) ++entry;
    if (entry == list.entries.size() || list.entries[entry].sku != sku)
      return corrupt("price tier without an entry in price list " + id);
    list.entries[entry].tiers.push_back(PriceTier{tiers.integer(1), tiers.integer(2)});
  }
}

Result<std::int64_t> Storage::set_unit_price(const std::string& price_list_id, const std::string& sku,
                                             std::int64_t unit_net_minor) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  {
    Statement product_exists(*connection_, "SELECT 1 FROM products WHERE sku = ?1");
    auto row = product_exists.bind(sku).step();
    if (!row) return row.error();
    if (!row.value()) return not_found("product " + sku);
  }
  Statement bump(*connection_, "UPDATE price_lists SET version = version + 1 WHERE id = ?1 RETURNING version");
  auto row = bump.bind(price_list_id).step();
  if (!row) return row.error();
  if (!row.value()) return not_found("price list " + price_list_id);
  const std::int64_t version = bump.integer(0);
  B2B_RETURN_IF_FAILED(bump.run());
  B2B_RETURN_IF_FAILED(Statement(*connection_,
                                 "INSERT INTO price_list_entries (price_list_id, sku, unit_net_minor)"
                                 " VALUES (?1, ?2, ?3) ON CONFLICT (price_list_id, sku)"
                                 " DO UPDATE SET unit_net_minor = excluded.unit_net_minor")
                           .bind(price_list_id, sku, unit_net_minor)
                           .run());
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return version;
}

// --- Carts -----------------------------------------------------------------------------------------

Result<std::vector<Cart>> Storage::carts_of_user(const std::string& user_id) const {
  auto lock = connection_->lock();
  std::vector<std::string> ids;
  {
    Statement statement(*connection_, "SELECT id FROM carts WHERE owner_user_id = ?1 ORDER BY rowid");
    statement.bind(user_id);
    for (;;) {
      auto row = statement.step();
      if (!row) return row.error();
      if (!row.value()) break;
      ids.push_back(statement.text(0));
    }
  }
  std::vector<Cart> carts;
  for (const std::string& id : ids) {
    auto cart = load_cart(*connection_, id);
    if (!cart) return cart.error();
    carts.push_back(std::move(cart.value()));
  }
  return carts;
}

Result<Cart> Storage::cart(const std::string& id) const {
  auto lock = connection_->lock();
  return load_cart(*connection_, id);
}

Result<Cart> Storage::create_cart(const Cart& cart) {
  auto created = create_cart(cart, "");
  if (!created) return created.error();
  return std::move(created.value().cart);
}

Result<CartCreation> Storage::create_cart(const Cart& cart, const std::string& creation_key) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  if (!creation_key.empty()) {
    Statement known(*connection_,
                    "SELECT cart_id FROM cart_creation_keys WHERE owner_user_id = ?1 AND creation_key = ?2");
    auto row = known.bind(cart.owner_user_id, creation_key).step();
    if (!row) return row.error();
    if (row.value()) {
      auto made_before = load_cart(*connection_, known.text(0));
      if (!made_before) return made_before.error();
      return CartCreation{std::move(made_before.value()), false};
    }
  }
  auto number = next_in_sequence(*connection_, "cart");
  if (!number) return number.error();
  const std::string id = "k-" + std::to_string(number.value());
  B2B_RETURN_IF_FAILED(
      Statement(*connection_, "INSERT INTO carts (id, owner_user_id, name, version) VALUES (?1, ?2, ?3, 1)")
          .bind(id, cart.owner_user_id, cart.name)
          .run());
  B2B_RETURN_IF_FAILED(write_cart_lines(*connection_, id, cart.lines));
  if (!creation_key.empty()) {
    B2B_RETURN_IF_FAILED(Statement(*connection_,
                                   "INSERT INTO cart_creation_keys (owner_user_id, creation_key, cart_id)"
                                   " VALUES (?1, ?2, ?3)")
                             .bind(cart.owner_user_id, creation_key, id)
                             .run());
  }
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  auto created = load_cart(*connection_, id);
  if (!created) return created.error();
  return CartCreation{std::move(created.value()), true};
}

Result<Cart> Storage::update_cart(const Cart& cart, std::int64_t expected_version, const std::string& update_key) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  {
    Statement current(*connection_, "SELECT version, update_key FROM carts WHERE id = ?1");
    auto row = current.bind(cart.id).step();
    if (!row) return row.error();
    if (!row.value()) return not_found("cart " + cart.id);
    const std::int64_t stored_version = current.integer(0);
    if (!update_key.empty() && current.text(1) == update_key) return load_cart(*connection_, cart.id);
    if (stored_version != expected_version)
      return Error{ErrorKind::Conflict, "version",
                   "cart " + cart.id + " is at version " + std::to_string(stored_version) + ", not " +
                       std::to_string(expected_version)};
  }
  B2B_RETURN_IF_FAILED(
      Statement(*connection_, "UPDATE carts SET name = ?1, version = version + 1, update_key = ?2 WHERE id = ?3")
          .bind(cart.name, update_key, cart.id)
          .run());
  B2B_RETURN_IF_FAILED(write_cart_lines(*connection_, cart.id, cart.lines));
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return load_cart(*connection_, cart.id);
}

Result<Done> Storage::delete_cart(const std::string& id) {
  auto lock = connection_->lock();
  Statement statement(*connection_, "DELETE FROM carts WHERE id = ?1");
  B2B_RETURN_IF_FAILED(statement.bind(id).run());
  if (statement.changes() == 0) return not_found("cart " + id);
  return Done{};
}

// --- Orders ----------------------------------------------------------------------------------------

Result<std::string> Storage::next_order_number(int year) {
  auto lock = connection_->lock();
  return take_order_number(*connection_, year);
}

Result<OrderInsertion> Storage::insert_order(const Order& order, const std::string& company_id,
                                             const std::string& idempotency_key, const std::string& request_fingerprint,
                                             std::int64_t created_at_unix) {
  if (idempotency_key.empty())
    return Error{ErrorKind::Validation, "idempotency_key", "an order needs an idempotency key"};
  if (!order.company_id.empty() && order.company_id != company_id)
    return Error{ErrorKind::Validation, "company_id", "the order belongs to another company"};
  if (auto error = mixed_currency(order)) return *error;

  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  auto existing = find_idempotency_record(*connection_, company_id, idempotency_key);
  if (!existing) return existing.error();
  if (existing.value()) return OrderInsertion{false, *existing.value()};

  std::string number = order.number;
  if (number.empty()) {
    auto taken = take_order_number(*connection_, date_from_unix_seconds(created_at_unix).year);
    if (!taken) return taken.error();
    number = taken.value();
  }
  const CheckoutFields& checkout = order.checkout;
  std::optional<std::string> requested_delivery;
  if (checkout.requested_delivery) requested_delivery = format_date(*checkout.requested_delivery);
  B2B_RETURN_IF_FAILED(Statement(*connection_, "INSERT INTO orders (" B2B_ORDER_COLUMNS
                                               ", created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                               " ?11, ?12, ?13, ?14)")
                           .bind(number, company_id, order.buyer_user_id, order_status_code(order.status),
                                 currency_code(order.totals.net.currency), order.totals.net.minor,
                                 order.totals.vat.minor, order.totals.gross.minor, checkout.po_number,
                                 checkout.cost_centre, requested_delivery, checkout.note,
                                 null_if_empty(checkout.ship_to_address_id), created_at_unix)
                           .run());
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const PricedLine& line = order.lines[i];
    B2B_RETURN_IF_FAILED(Statement(*connection_,
                                   "INSERT INTO order_lines (order_number, position, sku, quantity, unit_net_minor,"
                                   " net_minor, vat, vat_amount_minor, gross_minor, note)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                             .bind(number, static_cast<std::int64_t>(i), line.sku, line.quantity, line.unit_net.minor,
                                   line.net.minor, vat_code(line.vat), line.vat_amount.minor, line.gross.minor,
                                   line.note)
                             .run());
  }
  if (order.history.empty()) {
    B2B_RETURN_IF_FAILED(append_status_change(*connection_, number,
                                              StatusChange{order.status, order.buyer_user_id, created_at_unix, ""}));
  }
  for (const StatusChange& change : order.history)
    B2B_RETURN_IF_FAILED(append_status_change(*connection_, number, change));
  B2B_RETURN_IF_FAILED(Statement(*connection_,
                                 "INSERT INTO idempotency_keys (company_id, idempotency_key, request_fingerprint,"
                                 " order_number, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                           .bind(company_id, idempotency_key, request_fingerprint, number, created_at_unix)
                           .run());
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return OrderInsertion{true, IdempotencyRecord{number, request_fingerprint}};
}

Result<std::optional<IdempotencyRecord>> Storage::idempotency_record(const std::string& company_id,
                                                                     const std::string& key) const {
  auto lock = connection_->lock();
  return find_idempotency_record(*connection_, company_id, key);
}

Result<Order> Storage::order(const std::string& number) const {
  auto lock = connection_->lock();
  return load_order(*connection_, number);
}

Result<std::vector<Order>> Storage::orders(const std::string& company_id, const OrderFilter& filter) const {
  std::optional<std::string> status;
  if (filter.status) status = order_status_code(*filter.status);
  std::optional<std::int64_t> from_unix;
  if (filter.created_from) from_unix = unix_start_of(*filter.created_from);
  std::optional<std::int64_t> before_unix;
  if (filter.created_to) before_unix = unix_start_of(*filter.created_to) + 86400;

  auto lock = connection_->lock();
  Result<std::vector<Order>> orders = std::vector<Order>();
  {
    Statement statement(*connection_, "SELECT " B2B_ORDER_COLUMNS
                                      " FROM orders WHERE company_id = ?1"
                                      " AND (?2 IS NULL OR buyer_user_id = ?2) AND (?3 IS NULL OR status = ?3)"
                                      " AND (?4 IS NULL OR created_at >= ?4) AND (?5 IS NULL OR created_at < ?5)"
                                      " ORDER BY created_at DESC, number DESC");
    statement.bind(company_id, filter.buyer_user_id, status, from_unix, before_unix);
    orders = collect_rows(statement, order_header_from_row);
    if (!orders) return orders;
  }
  for (Order& order : orders.value()) B2B_RETURN_IF_FAILED(load_order_details(*connection_, order));
  return orders;
}

Result<Order> Storage::update_order_status(const std::string& number, const StatusChange& change) {
  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  Statement update(*connection_, "UPDATE orders SET status = ?1 WHERE number = ?2");
  B2B_RETURN_IF_FAILED(update.bind(order_status_code(change.status), number).run());
  if (update.changes() == 0) return not_found("order " + number);
  B2B_RETURN_IF_FAILED(append_status_change(*connection_, number, change));
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return load_order(*connection_, number);
}

// --- Quotes ----------------------------------------------------------------------------------------

Result<std::string> Storage::next_quote_number(int year) {
  auto lock = connection_->lock();
  return take_quote_number(*connection_, year);
}

Result<Quote> Storage::insert_quote(const Quote& quote) {
  auto inserted = insert_quote(quote, "");
  if (!inserted) return inserted.error();
  return std::move(inserted.value().quote);
}

Result<QuoteInsertion> Storage::insert_quote(const Quote& quote, const std::string& request_key) {
  if (quote.lines.empty()) return Error{ErrorKind::Validation, "lines", "a quote needs at least one line"};
  const auto currency = quote_currency(quote);
  if (!currency) return currency.error();

  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  if (!request_key.empty()) {
    Statement waiting(*connection_,
                      "SELECT k.quote_number FROM quote_request_keys k JOIN quotes q ON q.number = k.quote_number"
                      " WHERE k.buyer_user_id = ?1 AND k.request_key = ?2 AND q.status = ?3");
    auto row = waiting.bind(quote.buyer_user_id, request_key, quote_status_code(QuoteStatus::Requested)).step();
    if (!row) return row.error();
    if (row.value()) {
      auto asked_before = load_quote(*connection_, waiting.text(0));
      if (!asked_before) return asked_before.error();
      return QuoteInsertion{std::move(asked_before.value()), false};
    }
  }
  std::string number = quote.number;
  if (number.empty()) {
    auto taken = take_quote_number(*connection_, date_from_unix_seconds(quote.requested_at_unix_seconds).year);
    if (!taken) return taken.error();
    number = taken.value();
  }
  B2B_RETURN_IF_FAILED(Statement(*connection_, "INSERT INTO quotes (" B2B_QUOTE_COLUMNS
                                               ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                           .bind(number, quote.company_id, quote.buyer_user_id, quote_status_code(quote.status),
                                 quote.note, quote.seller_comment, formatted(quote.valid_until),
                                 currency_code_of(currency.value()), quote.requested_at_unix_seconds,
                                 null_if_empty(quote.order_number))
                           .run());
  for (std::size_t i = 0; i < quote.lines.size(); ++i) {
    const QuoteLine& line = quote.lines[i];
    B2B_RETURN_IF_FAILED(Statement(*connection_,
                                   "INSERT INTO quote_lines (quote_number, position, sku, quantity, note,"
                                   " quoted_unit_net_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                             .bind(number, static_cast<std::int64_t>(i), line.sku, line.quantity, line.note,
                                   minor_of(line.quoted_unit_net))
                             .run());
  }
  if (!request_key.empty()) {
    B2B_RETURN_IF_FAILED(Statement(*connection_,
                                   "INSERT INTO quote_request_keys (buyer_user_id, request_key, quote_number)"
                                   " VALUES (?1, ?2, ?3) ON CONFLICT (buyer_user_id, request_key)"
                                   " DO UPDATE SET quote_number = excluded.quote_number")
                             .bind(quote.buyer_user_id, request_key, number)
                             .run());
  }
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  auto inserted = load_quote(*connection_, number);
  if (!inserted) return inserted.error();
  return QuoteInsertion{std::move(inserted.value()), true};
}

Result<Quote> Storage::quote(const std::string& number) const {
  auto lock = connection_->lock();
  return load_quote(*connection_, number);
}

Result<std::vector<Quote>> Storage::quotes(const std::string& company_id,
                                           const std::optional<std::string>& buyer_user_id) const {
  auto lock = connection_->lock();
  return load_quotes(*connection_, company_id, buyer_user_id);
}

Result<std::vector<Quote>> Storage::quotes_for_seller() const {
  auto lock = connection_->lock();
  return load_quotes(*connection_, std::nullopt, std::nullopt);
}

Result<Quote> Storage::update_quote(const Quote& quote) {
  const auto currency = quote_currency(quote);
  if (!currency) return currency.error();

  auto lock = connection_->lock();
  auto transaction = connection_->begin();
  if (!transaction) return transaction.error();
  {
    Statement current(*connection_,
                      "SELECT status, (SELECT COUNT(*) FROM quote_lines WHERE quote_number = ?1)"
                      " FROM quotes WHERE number = ?1");
    auto row = current.bind(quote.number).step();
    if (!row) return row.error();
    if (!row.value()) return not_found("quote " + quote.number);
    const std::string status = current.text(0);
    // Checked here, under the write lock, so two answers or acceptances racing cannot both win.
    if (status != quote_status_code(QuoteStatus::Requested) && status != quote_status_code(QuoteStatus::Answered))
      return Error{ErrorKind::Conflict, "status",
                   "quote " + quote.number + " is " + status + " and can no longer change"};
    if (current.integer(1) != static_cast<std::int64_t>(quote.lines.size()))
      return Error{ErrorKind::Validation, "lines",
                   "quote " + quote.number + " has " + std::to_string(current.integer(1)) + " lines"};
  }
  B2B_RETURN_IF_FAILED(Statement(*connection_,
                                 "UPDATE quotes SET status = ?1, seller_comment = ?2, valid_until = ?3, currency = ?4,"
                                 " order_number = ?5 WHERE number = ?6")
                           .bind(quote_status_code(quote.status), quote.seller_comment, formatted(quote.valid_until),
                                 currency_code_of(currency.value()), null_if_empty(quote.order_number), quote.number)
                           .run());
  for (std::size_t i = 0; i < quote.lines.size(); ++i) {
    B2B_RETURN_IF_FAILED(Statement(*connection_,
                                   "UPDATE quote_lines SET quoted_unit_net_minor = ?1"
                                   " WHERE quote_number = ?2 AND position = ?3")
                             .bind(minor_of(quote.lines[i].quoted_unit_net), quote.number, static_cast<std::int64_t>(i))
                             .run());
  }
  B2B_RETURN_IF_FAILED(transaction.value().commit());
  return load_quote(*connection_, quote.number);
}

}  // namespace b2b::mock
