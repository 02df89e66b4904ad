// Tests of server-mock's SQLite storage: migrations, seeding, persistence, versioned carts, order
// numbering and idempotency keys, quotes, tenant scoping, sessions, start tokens, punchout and catalog sync.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include "auth.hpp"
#include "seed.hpp"
#include "storage.hpp"

namespace {

using namespace b2b;
using namespace b2b::mock;

constexpr std::int64_t k2026_03_10 = 1773100800;  // 2026-03-10T00:00:00Z
constexpr std::int64_t k2027_01_01 = 1798761600;

std::unique_ptr<Storage> open_storage(const std::string& path) {
  auto storage = Storage::open(path);
  REQUIRE_MESSAGE(storage.ok(), (storage.ok() ? "" : storage.error().message));
  return std::move(storage.value());
}

const seed::SeedData& small_seed() {
  static const seed::SeedData data = seed::generate_seed(seed::SeedOptions{1, 200});
  return data;
}

void seed_into(Storage& storage) {
  auto seeded = storage.seed(small_seed(), HashCost::Fast);
  REQUIRE_MESSAGE(seeded.ok(), (seeded.ok() ? "" : seeded.error().message));
}

std::unique_ptr<Storage> seeded_memory_storage() {
  auto storage = open_storage(":memory:");
  seed_into(*storage);
  return storage;
}

// A file in the temp directory, removed with its WAL companions before and after the test.
class TempDatabase {
 public:
  TempDatabase() {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("b2b-storage-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".sqlite"))
                .string();
    remove_files();
  }
  ~TempDatabase() { remove_files(); }
  const std::string& path() const { return path_; }

 private:
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path_ + suffix).c_str());
  }
  std::string path_;
};

// The rows of a query on the file, bypassing Storage: one line per row, columns separated by '|'.
std::string raw_query(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK, sqlite3_errmsg(db));
  std::string rows;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      if (column > 0) rows += '|';
      const unsigned char* text = sqlite3_column_text(statement, column);
      rows += text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    rows += '\n';
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

const seed::SeedUser& seed_user(const std::string& company_id, Role role) {
  for (const seed::SeedUser& user : small_seed().users)
    if (user.user.company_id == company_id && user.user.role == role) return user;
  FAIL("no seed user");
  return small_seed().users.front();
}

const Company& seed_company(const std::string& id) {
  for (const Company& company : small_seed().companies)
    if (company.id == id) return company;
  FAIL("no seed company");
  return small_seed().companies.front();
}

const PriceList& seed_price_list(const std::string& company_id) {
  for (const PriceList& list : small_seed().price_lists)
    if (list.company_id == company_id) return list;
  FAIL("no seed price list");
  return small_seed().price_lists.front();
}

Money pln(std::int64_t minor) { return Money{minor, Currency::PLN}; }

// A priced order of the buyer: entry_index picks the price list entry, so orders can differ.
Order sample_order(const User& buyer, std::size_t entry_index = 0) {
  const PriceListEntry& entry = seed_price_list(buyer.company_id).entries.at(entry_index);
  PricedLine line;
  line.sku = entry.sku;
  line.quantity = 3;
  line.unit_net = pln(entry.unit_net_minor);
  line.net = pln(entry.unit_net_minor * 3);
  line.vat = VatRate::Standard23;
  line.vat_amount = pln((line.net.minor * 23 + 50) / 100);
  line.gross = pln(line.net.minor + line.vat_amount.minor);
  line.note = "na poniedziałek";

  Order order;
  order.company_id = buyer.company_id;
  order.buyer_user_id = buyer.id;
  order.status = OrderStatus::Placed;
  order.lines = {line};
  order.totals = Totals{line.net, line.vat_amount, line.gross};
  order.checkout.po_number = "PO/2026/114";
  order.checkout.cost_centre = "BUD-7";
  order.checkout.requested_delivery = Date{2026, 12, 3};
  order.checkout.note = "brama od ul. Legnickiej";
  order.checkout.ship_to_address_id = seed_company(buyer.company_id).addresses.front().id;
  return order;
}

Cart sample_cart(const User& owner) {
  Cart cart;
  cart.name = "Budowa Legnicka";
  cart.owner_user_id = owner.id;
  cart.lines = {{small_seed().products.at(0).sku, 24, "na poniedziałek"}, {small_seed().products.at(1).sku, 5, ""}};
  return cart;
}

void check_same_product(const Product& stored, const Product& expected) {
  CHECK(stored.sku == expected.sku);
  CHECK(stored.ean == expected.ean);
  CHECK(stored.name.pl == expected.name.pl);
  CHECK(stored.name.en == expected.name.en);
  CHECK(stored.category_path == expected.category_path);
  CHECK(stored.brand == expected.brand);
  CHECK(stored.unit == expected.unit);
  CHECK(stored.pack_size == expected.pack_size);
  CHECK(stored.min_order_quantity == expected.min_order_quantity);
  CHECK(stored.vat == expected.vat);
  CHECK(stored.stock == expected.stock);
  CHECK(stored.active == expected.active);
}

void check_same_order(const Order& stored, const Order& expected) {
  CHECK(stored.company_id == expected.company_id);
  CHECK(stored.buyer_user_id == expected.buyer_user_id);
  CHECK(stored.status == expected.status);
  REQUIRE(stored.lines.size() == expected.lines.size());
  for (std::size_t i = 0; i < stored.lines.size(); ++i) {
    CHECK(stored.lines[i].sku == expected.lines[i].sku);
    CHECK(stored.lines[i].quantity == expected.lines[i].quantity);
    CHECK(stored.lines[i].unit_net == expected.lines[i].unit_net);
    CHECK(stored.lines[i].net == expected.lines[i].net);
    CHECK(stored.lines[i].vat == expected.lines[i].vat);
    CHECK(stored.lines[i].vat_amount == expected.lines[i].vat_amount);
    CHECK(stored.lines[i].gross == expected.lines[i].gross);
    CHECK(stored.lines[i].note == expected.lines[i].note);
  }
  CHECK(stored.totals.net == expected.totals.net);
  CHECK(stored.totals.vat == expected.totals.vat);
  CHECK(stored.totals.gross == expected.totals.gross);
  CHECK(stored.checkout.po_number == expected.checkout.po_number);
  CHECK(stored.checkout.cost_centre == expected.checkout.cost_centre);
  CHECK(stored.checkout.requested_delivery == expected.checkout.requested_delivery);
  CHECK(stored.checkout.note == expected.checkout.note);
  CHECK(stored.checkout.ship_to_address_id == expected.checkout.ship_to_address_id);
}

// A request for quote of the buyer for two lines, not yet answered.
Quote sample_quote(const User& buyer, std::int64_t requested_at = k2026_03_10) {
  Quote quote;
  quote.company_id = buyer.company_id;
  quote.buyer_user_id = buyer.id;
  quote.status = QuoteStatus::Requested;
  quote.lines = {{small_seed().products.at(0).sku, 240, "paleta", std::nullopt},
                 {small_seed().products.at(1).sku, 50, "", std::nullopt}};
  quote.note = "budowa hali, dostawa w kwietniu";
  quote.requested_at_unix_seconds = requested_at;
  return quote;
}

// The quote as the seller's answer leaves it.
Quote answered(Quote quote, std::int64_t first_unit_net_minor = 1250) {
  quote.status = QuoteStatus::Answered;
  for (std::size_t i = 0; i < quote.lines.size(); ++i)
    quote.lines[i].quoted_unit_net = pln(first_unit_net_minor + static_cast<std::int64_t>(i));
  quote.valid_until = Date{2026, 3, 31};
  quote.seller_comment = "cena przy odbiorze całości";
  return quote;
}

Quote inserted_quote(Storage& storage, const Quote& quote) {
  auto inserted = storage.insert_quote(quote);
  REQUIRE_MESSAGE(inserted.ok(), (inserted.ok() ? "" : inserted.error().message));
  return inserted.value();
}

std::string number_of(const Result<OrderInsertion>& inserted) {
  REQUIRE_MESSAGE(inserted.ok(), (inserted.ok() ? "" : inserted.error().message));
  return inserted.value().record.order_number;
}

const char* const kSchemaDump = "SELECT type, name, sql FROM sqlite_master ORDER BY name";
const std::string kCurrentVersion = std::to_string(Storage::kSchemaVersion) + "\n";  // as raw_query prints it

// The schema of a new database, which a migrated one must have too.
std::string fresh_schema() {
  TempDatabase fresh;
  open_storage(fresh.path());  // creates the file and closes it again
  return raw_query(fresh.path(), kSchemaDump);
}

}  // namespace

TEST_CASE("open migrates a new database to the current schema, and opening it again changes nothing") {
  SUBCASE("in memory") {
    auto storage = open_storage(":memory:");
    CHECK(storage->is_empty());
    CHECK(storage->catalog_version().value() == 0);
  }
  SUBCASE("a file") {
    TempDatabase file;
    open_storage(file.path());  // creates the file and closes it again
    CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == kCurrentVersion);
    CHECK(raw_query(file.path(), "PRAGMA journal_mode") == "wal\n");
    const std::string tables =
        raw_query(file.path(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    for (const char* table : {"catalog",
                              "companies",
                              "company_addresses",
                              "users",
                              "sessions",
                              "products",
                              "price_lists",
                              "price_list_entries",
                              "price_tiers",
                              "carts",
                              "cart_lines",
                              "orders",
                              "order_lines",
                              "order_status_history",
                              "idempotency_keys",
                              "quotes",
                              "quote_lines",
                              "punchout_clients",
                              "punchout_contexts",
                              "punchout_credentials",
                              "punchout_sessions",
                              "start_tokens",
                              "cart_creation_keys",
                              "quote_request_keys",
                              "schema_version"}) {
      CHECK_MESSAGE(tables.find(std::string(table) + "\n") != std::string::npos, table);
    }
    const std::string schema_before = raw_query(file.path(), kSchemaDump);
    const std::string cookie_before = raw_query(file.path(), "PRAGMA schema_version");

    open_storage(file.path());  // creates the file and closes it again
    CHECK(raw_query(file.path(), kSchemaDump) == schema_before);
    CHECK(raw_query(file.path(), "PRAGMA schema_version") == cookie_before);
    CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == kCurrentVersion);
  }
}

TEST_CASE("open refuses a database written by a newer schema and leaves it as it is") {
  TempDatabase file;
  open_storage(file.path());  // creates the file and closes it again
  const std::string newer = std::to_string(Storage::kSchemaVersion + 1);
  raw_query(file.path(), ("UPDATE schema_version SET version = " + newer).c_str());

  auto refused = Storage::open(file.path());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::Server);
  CHECK(refused.error().message.find("schema version " + newer + ", newer than version " +
                                     std::to_string(Storage::kSchemaVersion)) != std::string::npos);
  CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == newer + "\n");
}

// Undoes migration 6 on a file, making it a version 5 database (migrations are never edited once shipped).
void drop_quote_request_keys(const std::string& path) {
  raw_query(path, "DROP TABLE quote_request_keys");
  raw_query(path, "UPDATE schema_version SET version = 5");
}

// Undoes migrations 6 and 5 on a file, making it a version 4 database.
void drop_cart_update_keys(const std::string& path) {
  drop_quote_request_keys(path);
  raw_query(path, "ALTER TABLE carts DROP COLUMN update_key");
  raw_query(path, "UPDATE schema_version SET version = 4");
}

// Undoes migrations 6 to 4 on a file, making it a version 3 database.
void drop_cart_creation_keys(const std::string& path) {
  drop_cart_update_keys(path);
  raw_query(path, "DROP TABLE cart_creation_keys");
  raw_query(path, "UPDATE schema_version SET version = 3");
}

// Undoes migrations 6 to 3 on a file, making it a version 2 database.
void drop_punchout_tables(const std::string& path) {
  drop_cart_creation_keys(path);
  for (const char* sql : {"DROP TABLE start_tokens", "DROP TABLE punchout_sessions", "DROP TABLE punchout_credentials",
                          "DROP TABLE punchout_contexts", "DROP TABLE punchout_clients"})
    raw_query(path, sql);
  raw_query(path, "UPDATE schema_version SET version = 2");
}

TEST_CASE("open migrates a version 1 database to the current version and keeps its data") {
  const std::string current_schema = fresh_schema();

  // Migration 1 is never edited, so a version 1 file is this one without what migration 2 added.
  TempDatabase file;
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const Order placed = sample_order(buyer);
  std::string order_number;
  {
    auto storage = open_storage(file.path());
    seed_into(*storage);
    order_number = number_of(storage->insert_order(placed, buyer.company_id, "key-1", "f", k2026_03_10));
    REQUIRE(storage->create_cart(sample_cart(buyer)).ok());
  }
  drop_punchout_tables(file.path());
  raw_query(file.path(), "DROP TABLE quote_lines");
  raw_query(file.path(), "DROP TABLE quotes");
  raw_query(file.path(), "UPDATE schema_version SET version = 1");
  REQUIRE(raw_query(file.path(), "SELECT name FROM sqlite_master WHERE name LIKE 'quote%'").empty());

  auto storage = open_storage(file.path());
  CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == kCurrentVersion);
  CHECK(raw_query(file.path(), kSchemaDump) == current_schema);
  CHECK(raw_query(file.path(), "PRAGMA foreign_key_check").empty());
  CHECK(storage->products().value().size() == 200);
  CHECK(storage->user_by_email(buyer.email).value().user.id == buyer.id);
  check_same_order(storage->order(order_number).value(), placed);
  CHECK(storage->carts_of_user(buyer.id).value().size() == 1);
  CHECK(storage->next_order_number(2026).value() == "ZAM/2026/000002");

  // The new tables work with the old rows: a quote of an old buyer, accepted as an old order.
  Quote accepted = answered(inserted_quote(*storage, sample_quote(buyer)));
  accepted.status = QuoteStatus::Accepted;
  accepted.order_number = order_number;
  REQUIRE(storage->update_quote(accepted).ok());
  CHECK(storage->quote(accepted.number).value().order_number == order_number);
}

TEST_CASE("open migrates a version 2 database to version 3; its seeded users then get the punchout clients") {
  const std::string current_schema = fresh_schema();

  TempDatabase file;
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  {
    auto storage = open_storage(file.path());
    seed_into(*storage);
    REQUIRE(storage->create_session("old-session", buyer.id, k2027_01_01).ok());
  }
  drop_punchout_tables(file.path());

  auto storage = open_storage(file.path());
  CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == kCurrentVersion);
  CHECK(raw_query(file.path(), kSchemaDump) == current_schema);
  CHECK(storage->session_user("old-session", k2026_03_10).value()->id == buyer.id);
  CHECK_FALSE(storage->session_punchout("old-session", k2026_03_10).value().has_value());
  CHECK(storage->punchout_client("oci", "budmax-sap").error().kind == ErrorKind::NotFound);

  REQUIRE(init_crypto());
  CHECK(storage->add_punchout_clients(seed::punchout_clients(), HashCost::Fast).value() == 2);
  CHECK(storage->add_punchout_clients(seed::punchout_clients(), HashCost::Fast).value() == 0);  // only once
  const PunchoutClient oci = storage->punchout_client("oci", "budmax-sap").value();
  CHECK(oci.user_id == "u-budmax-kupiec1");
  CHECK(verify_password(oci.secret_hash, "punchout-oci-1"));
  CHECK(raw_query(file.path(), "PRAGMA foreign_key_check").empty());

  SUBCASE("a client whose user does not exist is left out") {
    seed::SeedPunchoutClient orphan = seed::punchout_clients().front();
    orphan.id = "pc-orphan";
    orphan.identity = "orphan";
    orphan.user_id = "u-nobody";
    CHECK(storage->add_punchout_clients({orphan}, HashCost::Fast).value() == 0);
  }
}

TEST_CASE("seed stores the whole seed, with hashed passwords that verify") {
  auto storage = seeded_memory_storage();
  const seed::SeedData& data = small_seed();
  CHECK_FALSE(storage->is_empty());
  CHECK(storage->catalog_version().value() == 1);

  SUBCASE("products") {
    auto products = storage->products();
    REQUIRE(products.ok());
    REQUIRE(products.value().size() == 200);
    for (const Product& expected : data.products) {
      auto stored = storage->product(expected.sku);
      REQUIRE(stored.ok());
      check_same_product(stored.value(), expected);
    }
    CHECK(storage->product("NO-SUCH-SKU").error().kind == ErrorKind::NotFound);
  }
  SUBCASE("companies with their addresses and price lists") {
    for (const Company& expected : data.companies) {
      auto stored = storage->company(expected.id);
      REQUIRE(stored.ok());
      CHECK(stored.value().name == expected.name);
      CHECK(stored.value().nip == expected.nip);
      CHECK(stored.value().eu_vat_id == expected.eu_vat_id);
      CHECK(stored.value().payment_terms == expected.payment_terms);
      CHECK(stored.value().credit_limit == expected.credit_limit);
      CHECK(stored.value().po_number_required == expected.po_number_required);
      CHECK(stored.value().price_list_id == expected.price_list_id);
      REQUIRE(stored.value().addresses.size() == expected.addresses.size());
      for (std::size_t i = 0; i < expected.addresses.size(); ++i) {
        CHECK(stored.value().addresses[i].id == expected.addresses[i].id);
        CHECK(stored.value().addresses[i].label == expected.addresses[i].label);
        CHECK(stored.value().addresses[i].street == expected.addresses[i].street);
        CHECK(stored.value().addresses[i].postal_code == expected.addresses[i].postal_code);
        CHECK(stored.value().addresses[i].city == expected.addresses[i].city);
        CHECK(stored.value().addresses[i].country == expected.addresses[i].country);
      }
    }
    for (const PriceList& expected : data.price_lists) {
      auto stored = storage->price_list(expected.id);
      REQUIRE(stored.ok());
      CHECK(stored.value().company_id == expected.company_id);
      CHECK(stored.value().currency == expected.currency);
      CHECK(stored.value().version == expected.version);
      REQUIRE(stored.value().entries.size() == expected.entries.size());
      std::size_t tiers = 0;
      for (const PriceListEntry& entry : expected.entries) {
        auto found = std::find_if(stored.value().entries.begin(), stored.value().entries.end(),
                                  [&](const PriceListEntry& e) { return e.sku == entry.sku; });
        REQUIRE(found != stored.value().entries.end());
        CHECK(found->unit_net_minor == entry.unit_net_minor);
        REQUIRE(found->tiers.size() == entry.tiers.size());
        for (std::size_t t = 0; t < entry.tiers.size(); ++t) {
          CHECK(found->tiers[t].min_quantity == entry.tiers[t].min_quantity);
          CHECK(found->tiers[t].unit_net_minor == entry.tiers[t].unit_net_minor);
        }
        tiers += entry.tiers.size();
      }
      CHECK(tiers > 0);
    }
  }
  SUBCASE("users, whose passwords verify against the stored hash") {
    REQUIRE(init_crypto());
    std::size_t users = 0;
    for (const Company& company : data.companies) users += storage->users_of_company(company.id).value().size();
    CHECK(users == data.users.size());
    for (const seed::SeedUser& expected : data.users) {
      auto stored = storage->user_by_email(expected.user.email);
      REQUIRE(stored.ok());
      CHECK(stored.value().user.id == expected.user.id);
      CHECK(stored.value().user.company_id == expected.user.company_id);
      CHECK(stored.value().user.name == expected.user.name);
      CHECK(stored.value().user.role == expected.user.role);
      CHECK(stored.value().user.spending_limit == expected.user.spending_limit);
      CHECK(stored.value().user.active);
      CHECK(stored.value().password_hash.rfind("$argon2id$", 0) == 0);
      CHECK(verify_password(stored.value().password_hash, expected.password));
      CHECK_FALSE(verify_password(stored.value().password_hash, expected.password + "x"));
    }
    CHECK(storage->user_by_email("KUPIEC1@BUDMAX.PL").value().user.id == "u-budmax-kupiec1");
    CHECK(storage->user_by_email("nikt@budmax.pl").error().kind == ErrorKind::NotFound);
  }
  SUBCASE("punchout clients, whose secrets verify against the stored hash") {
    REQUIRE(init_crypto());
    REQUIRE(data.punchout_clients.size() == 2);
    for (const seed::SeedPunchoutClient& expected : data.punchout_clients) {
      const auto stored = storage->punchout_client(expected.protocol, expected.identity);
      REQUIRE(stored.ok());
      CHECK(stored.value().id == expected.id);
      CHECK(stored.value().domain == expected.domain);
      CHECK(stored.value().user_id == expected.user_id);
      CHECK(stored.value().secret_hash.rfind("$argon2id$", 0) == 0);
      CHECK(verify_password(stored.value().secret_hash, expected.secret));
      CHECK_FALSE(verify_password(stored.value().secret_hash, expected.secret + "x"));
    }
    CHECK(storage->punchout_client("cxml", "budmax-sap").error().kind == ErrorKind::NotFound);  // per protocol
  }
  SUBCASE("a second seed is refused; reset empties the storage for one") {
    auto again = storage->seed(data, HashCost::Fast);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().kind == ErrorKind::Conflict);
    const Quote quote = inserted_quote(*storage, sample_quote(seed_user("c-budmax", Role::Buyer).user));
    REQUIRE(storage->reset().ok());
    CHECK(storage->quote(quote.number).error().kind == ErrorKind::NotFound);
    CHECK(storage->is_empty());
    CHECK(storage->catalog_version().value() == 0);
    CHECK(storage->user_by_email(data.users.front().user.email).error().kind == ErrorKind::NotFound);
    CHECK(storage->punchout_client("oci", "budmax-sap").error().kind == ErrorKind::NotFound);
    seed_into(*storage);
    CHECK(storage->products().value().size() == 200);
  }
}

TEST_CASE("carts, orders, idempotency keys and sessions survive closing and reopening the file") {
  TempDatabase file;
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const Order placed = sample_order(buyer);
  std::string cart_id;
  std::string order_number;
  {
    auto storage = open_storage(file.path());
    seed_into(*storage);
    auto cart = storage->create_cart(sample_cart(buyer));
    REQUIRE(cart.ok());
    cart_id = cart.value().id;
    REQUIRE(storage->update_cart(cart.value(), 1).ok());
    order_number = number_of(storage->insert_order(placed, buyer.company_id, "key-1", "fingerprint-1", k2026_03_10));
    REQUIRE(storage->create_session("token-1", buyer.id, k2027_01_01).ok());
    REQUIRE(storage->update_quote(answered(inserted_quote(*storage, sample_quote(buyer)))).ok());
  }
  auto storage = open_storage(file.path());
  CHECK(storage->products().value().size() == 200);
  auto cart = storage->cart(cart_id);
  REQUIRE(cart.ok());
  CHECK(cart.value().version == 2);
  CHECK(cart.value().lines.size() == 2);
  auto order = storage->order(order_number);
  REQUIRE(order.ok());
  check_same_order(order.value(), placed);
  auto record = storage->idempotency_record(buyer.company_id, "key-1");
  REQUIRE(record.ok());
  REQUIRE(record.value().has_value());
  CHECK(record.value()->order_number == order_number);
  CHECK(record.value()->request_fingerprint == "fingerprint-1");
  CHECK(storage->session_user("token-1", k2026_03_10).value()->id == buyer.id);
  // The counters survive too: no number or cart id is handed out twice.
  CHECK(storage->next_order_number(2026).value() == "ZAM/2026/000002");
  CHECK(storage->create_cart(sample_cart(buyer)).value().id != cart_id);
  auto quote = storage->quote("ZAP/2026/000001");
  REQUIRE(quote.ok());
  CHECK(quote.value().status == QuoteStatus::Answered);
  CHECK(quote.value().lines.at(1).quoted_unit_net == pln(1251));
  CHECK(storage->next_quote_number(2026).value() == "ZAP/2026/000002");
}

TEST_CASE("a creation key its owner used before gives the cart it made, as it is now, and stores nothing") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const auto first = storage->create_cart(sample_cart(buyer), "local-dev-1");
  REQUIRE(first.ok());
  CHECK(first.value().created);
  Cart edited = first.value().cart;
  edited.name = "Po zmianie";
  REQUIRE(storage->update_cart(edited, 1).ok());

  const auto again = storage->create_cart(sample_cart(buyer), "local-dev-1");
  REQUIRE(again.ok());
  CHECK_FALSE(again.value().created);
  CHECK(again.value().cart.id == first.value().cart.id);
  CHECK(again.value().cart.version == 2);
  CHECK(again.value().cart.name == "Po zmianie");
  CHECK(storage->carts_of_user(buyer.id).value().size() == 1);

  SUBCASE("no key makes a new cart each time") {
    CHECK(storage->create_cart(sample_cart(buyer), "").value().created);
    CHECK(storage->create_cart(sample_cart(buyer), "").value().created);
    CHECK(storage->carts_of_user(buyer.id).value().size() == 3);
  }
  SUBCASE("the key of a deleted cart makes a new one") {
    REQUIRE(storage->delete_cart(first.value().cart.id).ok());
    const auto after_delete = storage->create_cart(sample_cart(buyer), "local-dev-1");
    REQUIRE(after_delete.ok());
    CHECK(after_delete.value().created);
    CHECK(after_delete.value().cart.id != first.value().cart.id);
  }
  SUBCASE("keys are the owner's: another user's same key makes their own cart") {
    const User& other = seed_user("c-elektroiskra", Role::Buyer).user;
    const auto theirs = storage->create_cart(sample_cart(other), "local-dev-1");
    REQUIRE(theirs.ok());
    CHECK(theirs.value().created);
    CHECK(theirs.value().cart.owner_user_id == other.id);
  }
}

TEST_CASE("open migrates a version 3 database to version 4: its carts stay, and new carts take creation keys") {
  const std::string current_schema = fresh_schema();

  TempDatabase file;
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  std::string old_cart_id;
  {
    auto storage = open_storage(file.path());
    seed_into(*storage);
    old_cart_id = storage->create_cart(sample_cart(buyer)).value().id;
  }
  drop_cart_creation_keys(file.path());

  auto storage = open_storage(file.path());
  CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == kCurrentVersion);
  CHECK(raw_query(file.path(), kSchemaDump) == current_schema);
  CHECK(storage->cart(old_cart_id).value().lines.size() == 2);
  const auto keyed = storage->create_cart(sample_cart(buyer), "local-dev-1");
  REQUIRE(keyed.ok());
  CHECK(keyed.value().cart.id != old_cart_id);
  CHECK(storage->create_cart(sample_cart(buyer), "local-dev-1").value().cart.id == keyed.value().cart.id);
}

TEST_CASE("open migrates a version 4 database to version 5: its carts stay, and updates then keep their keys") {
  const std::string current_schema = fresh_schema();

  TempDatabase file;
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  Cart old_cart;
  {
    auto storage = open_storage(file.path());
    seed_into(*storage);
    old_cart = storage->create_cart(sample_cart(buyer), "local-dev-1").value().cart;
  }
  drop_cart_update_keys(file.path());
  REQUIRE(raw_query(file.path(), "SELECT sql FROM sqlite_master WHERE name = 'carts'").find("update_key") ==
          std::string::npos);

  auto storage = open_storage(file.path());
  CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == kCurrentVersion);
  CHECK(raw_query(file.path(), kSchemaDump) == current_schema);
  const Cart migrated = storage->cart(old_cart.id).value();
  CHECK(migrated.lines.size() == 2);
  CHECK(migrated.update_key.empty());
  CHECK(storage->create_cart(sample_cart(buyer), "local-dev-1").value().cart.id == old_cart.id);
  CHECK(storage->update_cart(migrated, 1, "dev/k-1@1").value().update_key == "dev/k-1@1");
}

TEST_CASE("open migrates a version 5 database to version 6: its quotes stay, and new requests take keys") {
  const std::string current_schema = fresh_schema();

  TempDatabase file;
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  std::string old_number;
  {
    auto storage = open_storage(file.path());
    seed_into(*storage);
    old_number = inserted_quote(*storage, sample_quote(buyer)).number;
  }
  drop_quote_request_keys(file.path());

  auto storage = open_storage(file.path());
  CHECK(raw_query(file.path(), "SELECT version FROM schema_version") == kCurrentVersion);
  CHECK(raw_query(file.path(), kSchemaDump) == current_schema);
  CHECK(storage->quote(old_number).value().lines.size() == 2);
  const auto keyed = storage->insert_quote(sample_quote(buyer), "rfq-1");
  REQUIRE(keyed.ok());
  CHECK(keyed.value().quote.number != old_number);
  CHECK(storage->insert_quote(sample_quote(buyer), "rfq-1").value().quote.number == keyed.value().quote.number);
}

TEST_CASE("carts are created at version 1 and updated only from the version stored") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  auto created = storage->create_cart(sample_cart(buyer));
  REQUIRE(created.ok());
  const Cart cart = created.value();
  CHECK(cart.id == "k-1");
  CHECK(cart.version == 1);
  CHECK(cart.owner_user_id == buyer.id);
  REQUIRE(cart.lines.size() == 2);
  CHECK(cart.lines[0].quantity == 24);
  CHECK(cart.lines[0].note == "na poniedziałek");

  Cart edited = cart;
  edited.name = "Budowa Głogowska";
  edited.lines.pop_back();
  auto updated = storage->update_cart(edited, 1);
  REQUIRE(updated.ok());
  CHECK(updated.value().version == 2);
  CHECK(updated.value().name == "Budowa Głogowska");
  CHECK(updated.value().lines.size() == 1);

  SUBCASE("an update from an old version is a conflict and changes nothing") {
    Cart stale = cart;
    stale.name = "z drugiej karty";
    auto conflict = storage->update_cart(stale, 1);
    REQUIRE_FALSE(conflict.ok());
    CHECK(conflict.error().kind == ErrorKind::Conflict);
    auto stored = storage->cart(cart.id);
    CHECK(stored.value().version == 2);
    CHECK(stored.value().name == "Budowa Głogowska");
    CHECK(stored.value().lines.size() == 1);
  }
  SUBCASE("an update retried under the key that made the stored version gets that version, nothing stored") {
    Cart keyed = updated.value();
    keyed.lines.push_back(CartLine{"ELE-100002", 5, ""});
    const Cart v3 = storage->update_cart(keyed, 2, "dev/k-1@2").value();
    CHECK(v3.version == 3);
    CHECK(v3.update_key == "dev/k-1@2");
    Cart retried = keyed;
    retried.name = "inna treść";
    const Cart answer = storage->update_cart(retried, 2, "dev/k-1@2").value();
    CHECK(answer.version == 3);
    CHECK(answer.name == "Budowa Głogowska");
    CHECK(answer.lines.size() == 2);
    CHECK(storage->update_cart(retried, 2, "dev/k-1@1").error().kind == ErrorKind::Conflict);
    CHECK(storage->update_cart(retried, 2).error().kind == ErrorKind::Conflict);
    const Cart v4 = storage->update_cart(retried, 3).value();  // no key: a write without one
    CHECK(v4.update_key.empty());
    CHECK(storage->update_cart(keyed, 2, "dev/k-1@2").error().kind == ErrorKind::Conflict);
  }
  SUBCASE("the owner never changes") {
    Cart moved = updated.value();
    moved.owner_user_id = seed_user("c-portmech", Role::Buyer).user.id;
    CHECK(storage->update_cart(moved, 2).value().owner_user_id == buyer.id);
  }
  SUBCASE("a deleted cart is gone") {
    REQUIRE(storage->delete_cart(cart.id).ok());
    CHECK(storage->cart(cart.id).error().kind == ErrorKind::NotFound);
    CHECK(storage->update_cart(edited, 2).error().kind == ErrorKind::NotFound);
    CHECK(storage->delete_cart(cart.id).error().kind == ErrorKind::NotFound);
    CHECK(storage->carts_of_user(buyer.id).value().empty());
  }
  SUBCASE("a cart needs a known owner") {
    Cart orphan = sample_cart(buyer);
    orphan.owner_user_id = "u-nobody";
    CHECK(storage->create_cart(orphan).error().kind == ErrorKind::Validation);
  }
}

TEST_CASE("order numbers are sequential per year") {
  auto storage = seeded_memory_storage();
  SUBCASE("next_order_number") {
    CHECK(storage->next_order_number(2026).value() == "ZAM/2026/000001");
    CHECK(storage->next_order_number(2026).value() == "ZAM/2026/000002");
    CHECK(storage->next_order_number(2027).value() == "ZAM/2027/000001");
    CHECK(storage->next_order_number(2026).value() == "ZAM/2026/000003");
  }
  SUBCASE("insert_order numbers from the UTC year of created_at") {
    const User& buyer = seed_user("c-budmax", Role::Buyer).user;
    const Order order = sample_order(buyer);
    CHECK(number_of(storage->insert_order(order, buyer.company_id, "a", "f", k2026_03_10)) == "ZAM/2026/000001");
    CHECK(number_of(storage->insert_order(order, buyer.company_id, "b", "f", k2026_03_10)) == "ZAM/2026/000002");
    CHECK(number_of(storage->insert_order(order, buyer.company_id, "c", "f", k2027_01_01 - 1)) == "ZAM/2026/000003");
    CHECK(number_of(storage->insert_order(order, buyer.company_id, "d", "f", k2027_01_01)) == "ZAM/2027/000001");
  }
  SUBCASE("a number taken inside the caller's transaction") {
    const User& buyer = seed_user("c-budmax", Role::Buyer).user;
    Order order = sample_order(buyer);
    {
      auto transaction = storage->begin();
      REQUIRE(transaction.ok());
      order.number = storage->next_order_number(2026).value();
      CHECK(number_of(storage->insert_order(order, buyer.company_id, "a", "f", k2026_03_10)) == order.number);
      REQUIRE(transaction.value().commit().ok());
    }
    CHECK(storage->order("ZAM/2026/000001").ok());
  }
}

TEST_CASE("insert_order with a key the company used inserts nothing and reports the first order") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  auto first = storage->insert_order(sample_order(buyer, 0), buyer.company_id, "key-1", "fingerprint-1", k2026_03_10);
  REQUIRE(first.ok());
  CHECK(first.value().created);
  const std::string number = first.value().record.order_number;

  auto replay = storage->insert_order(sample_order(buyer, 1), buyer.company_id, "key-1", "fingerprint-2", k2026_03_10);
  REQUIRE(replay.ok());
  CHECK_FALSE(replay.value().created);
  CHECK(replay.value().record.order_number == number);
  CHECK(replay.value().record.request_fingerprint == "fingerprint-1");
  CHECK(storage->orders(buyer.company_id).value().size() == 1);
  CHECK(storage->order(number).value().lines.front().sku == sample_order(buyer, 0).lines.front().sku);
  // The replay took no order number.
  CHECK(number_of(storage->insert_order(sample_order(buyer), buyer.company_id, "key-2", "f", k2026_03_10)) ==
        "ZAM/2026/000002");

  SUBCASE("keys are per company") {
    const User& other = seed_user("c-portmech", Role::Buyer).user;
    auto inserted = storage->insert_order(sample_order(other), other.company_id, "key-1", "fingerprint-1", k2026_03_10);
    REQUIRE(inserted.ok());
    CHECK(inserted.value().created);
    CHECK(inserted.value().record.order_number != number);
  }
  SUBCASE("a failed insert stores no key") {
    Order broken = sample_order(buyer);
    broken.lines.front().sku = "NO-SUCH-SKU";
    auto failed = storage->insert_order(broken, buyer.company_id, "key-3", "f", k2026_03_10);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Validation);
    CHECK_FALSE(storage->idempotency_record(buyer.company_id, "key-3").value().has_value());
    CHECK(storage->orders(buyer.company_id).value().size() == 2);
  }
}

TEST_CASE("company-scoped queries return only that company's data") {
  auto storage = seeded_memory_storage();
  const User& budmax_buyer = seed_user("c-budmax", Role::Buyer).user;
  const User& budmax_approver = seed_user("c-budmax", Role::Approver).user;
  const User& portmech_buyer = seed_user("c-portmech", Role::Buyer).user;
  const std::string budmax_order =
      number_of(storage->insert_order(sample_order(budmax_buyer), "c-budmax", "k", "f", k2026_03_10));
  const std::string portmech_order =
      number_of(storage->insert_order(sample_order(portmech_buyer), "c-portmech", "k", "f", k2026_03_10));
  REQUIRE(storage->create_cart(sample_cart(budmax_buyer)).ok());

  SUBCASE("orders") {
    auto budmax = storage->orders("c-budmax");
    REQUIRE(budmax.ok());
    REQUIRE(budmax.value().size() == 1);
    CHECK(budmax.value().front().number == budmax_order);
    CHECK(storage->orders("c-portmech").value().front().number == portmech_order);
    CHECK(storage->orders("c-elektroiskra").value().empty());
    CHECK(storage->order(portmech_order).value().company_id == "c-portmech");
    OrderFilter approver_own;
    approver_own.buyer_user_id = budmax_approver.id;
    CHECK(storage->orders("c-budmax", approver_own).value().empty());
  }
  SUBCASE("users, carts, price lists and idempotency keys") {
    const auto portmech_users = storage->users_of_company("c-portmech");
    REQUIRE(portmech_users.ok());
    CHECK(portmech_users.value().size() == 3);
    for (const User& user : portmech_users.value()) CHECK(user.company_id == "c-portmech");
    CHECK(storage->carts_of_user(budmax_buyer.id).value().size() == 1);
    CHECK(storage->carts_of_user(portmech_buyer.id).value().empty());
    CHECK(storage->price_list("pl-portmech").value().company_id == "c-portmech");
    CHECK(storage->idempotency_record("c-budmax", "k").value()->order_number == budmax_order);
    CHECK_FALSE(storage->idempotency_record("c-elektroiskra", "k").value().has_value());
  }
  SUBCASE("an order cannot name another company's buyer or address") {
    Order foreign_buyer = sample_order(portmech_buyer);
    foreign_buyer.company_id = "";
    foreign_buyer.checkout.ship_to_address_id = seed_company("c-budmax").addresses.front().id;
    CHECK(storage->insert_order(foreign_buyer, "c-budmax", "x", "f", k2026_03_10).error().kind ==
          ErrorKind::Validation);
    Order foreign_address = sample_order(budmax_buyer);
    foreign_address.checkout.ship_to_address_id = seed_company("c-portmech").addresses.front().id;
    CHECK(storage->insert_order(foreign_address, "c-budmax", "y", "f", k2026_03_10).error().kind ==
          ErrorKind::Validation);
    CHECK(storage->orders("c-budmax").value().size() == 1);
  }
}

TEST_CASE("orders are filtered by buyer, status and dates, and status changes append to the history") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const User& approver = seed_user("c-budmax", Role::Approver).user;
  Order pending = sample_order(buyer);
  pending.status = OrderStatus::PendingApproval;
  const std::string march = number_of(storage->insert_order(pending, "c-budmax", "a", "f", k2026_03_10 + 3600));
  const std::string january =
      number_of(storage->insert_order(sample_order(approver), "c-budmax", "b", "f", k2026_03_10 - 60 * 86400));

  auto all = storage->orders("c-budmax");
  REQUIRE(all.value().size() == 2);
  CHECK(all.value()[0].number == march);  // newest first
  CHECK(all.value()[1].number == january);
  OrderFilter by_status;
  by_status.status = OrderStatus::PendingApproval;
  CHECK(storage->orders("c-budmax", by_status).value().size() == 1);
  OrderFilter by_buyer;
  by_buyer.buyer_user_id = approver.id;
  CHECK(storage->orders("c-budmax", by_buyer).value().front().number == january);
  OrderFilter by_day;
  by_day.created_from = Date{2026, 3, 10};
  by_day.created_to = Date{2026, 3, 10};
  CHECK(storage->orders("c-budmax", by_day).value().front().number == march);
  CHECK(storage->orders("c-budmax", by_day).value().size() == 1);
  by_day.created_from = Date{2026, 3, 11};
  by_day.created_to = std::nullopt;
  CHECK(storage->orders("c-budmax", by_day).value().empty());

  auto approved = storage->update_order_status(march, {OrderStatus::Approved, approver.id, k2026_03_10 + 7200, "ok"});
  REQUIRE(approved.ok());
  CHECK(approved.value().status == OrderStatus::Approved);
  REQUIRE(approved.value().history.size() == 2);
  CHECK(approved.value().history[0].status == OrderStatus::PendingApproval);
  CHECK(approved.value().history[0].by_user_id == buyer.id);
  CHECK(approved.value().history[0].at_unix_seconds == k2026_03_10 + 3600);
  CHECK(approved.value().history[1].status == OrderStatus::Approved);
  CHECK(approved.value().history[1].by_user_id == approver.id);
  CHECK(approved.value().history[1].comment == "ok");
  CHECK(storage->orders("c-budmax", by_status).value().empty());
  CHECK(storage->update_order_status("ZAM/2026/999999", {}).error().kind == ErrorKind::NotFound);
}

TEST_CASE("sessions find their user until they expire or are deleted") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-elektroiskra", Role::Buyer).user;
  REQUIRE(storage->create_session("token-1", buyer.id, k2026_03_10 + 3600).ok());

  SUBCASE("valid until the expiry") {
    auto session = storage->session_user("token-1", k2026_03_10);
    REQUIRE(session.ok());
    REQUIRE(session.value().has_value());
    CHECK(session.value()->id == buyer.id);
    CHECK(session.value()->company_id == "c-elektroiskra");
    CHECK_FALSE(storage->session_user("token-1", k2026_03_10 + 3600).value().has_value());
  }
  SUBCASE("unknown tokens") { CHECK_FALSE(storage->session_user("token-2", k2026_03_10).value().has_value()); }
  SUBCASE("deleted") {
    REQUIRE(storage->delete_session("token-1").ok());
    CHECK_FALSE(storage->session_user("token-1", k2026_03_10).value().has_value());
  }
  SUBCASE("deactivating the user ends them") {
    User inactive = buyer;
    inactive.active = false;
    REQUIRE(storage->update_user(inactive).ok());
    CHECK_FALSE(storage->session_user("token-1", k2026_03_10).value().has_value());
  }
  SUBCASE("a session needs a known user") {
    CHECK(storage->create_session("token-3", "u-nobody", k2026_03_10).error().kind == ErrorKind::Validation);
  }
}

// An OCI punchout of Budmax's SAP, as the API stores it.
punchout::SetupContext oci_context() {
  punchout::SetupContext context;
  context.protocol = "oci";
  context.return_url = "https://sap.budmax.pl/sap/bc/gui/sap/its/bbpsc02?HOOK=1";
  context.target = "_top";
  context.ok_code = "ADDI";
  context.caller = "DE_OCI";
  context.operation = "create";
  return context;
}

TEST_CASE("start tokens sign in once, before they expire, as their user with their punchout") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  REQUIRE(storage->create_start_token("digest-1", buyer.id, k2026_03_10 + 120, std::nullopt, k2026_03_10).ok());

  SUBCASE("the first redemption gets the user, the second nothing") {
    const auto grant = storage->redeem_start_token("digest-1", k2026_03_10 + 60);
    REQUIRE(grant.ok());
    REQUIRE(grant.value().has_value());
    CHECK(grant.value()->user_id == buyer.id);
    CHECK_FALSE(grant.value()->punchout_context_id.has_value());
    CHECK_FALSE(storage->redeem_start_token("digest-1", k2026_03_10 + 61).value().has_value());
  }
  SUBCASE("at the expiry it is gone") {
    CHECK_FALSE(storage->redeem_start_token("digest-1", k2026_03_10 + 120).value().has_value());
  }
  SUBCASE("unknown digests") { CHECK_FALSE(storage->redeem_start_token("digest-2", k2026_03_10).value().has_value()); }
  SUBCASE("creating another token forgets the expired ones") {
    REQUIRE(storage->create_start_token("digest-2", buyer.id, k2026_03_10 + 500, std::nullopt, k2026_03_10 + 200).ok());
    CHECK(storage->redeem_start_token("digest-1", k2026_03_10 - 1'000'000).value() == std::nullopt);
    CHECK(storage->redeem_start_token("digest-2", k2026_03_10 + 201).value().has_value());
  }
  SUBCASE("a token with a punchout hands the punchout to the session made from it") {
    const PunchoutClient client = storage->punchout_client("oci", "budmax-sap").value();
    punchout::SetupContext context = oci_context();
    const std::int64_t id = storage->insert_punchout_context(client.id, context, k2026_03_10).value();
    REQUIRE(storage->create_start_token("digest-3", client.user_id, k2026_03_10 + 120, id, k2026_03_10).ok());
    const auto grant = storage->redeem_start_token("digest-3", k2026_03_10 + 1).value();
    REQUIRE(grant.has_value());
    CHECK(grant->punchout_context_id == id);
    REQUIRE(storage->create_session("punchout-session", grant->user_id, k2026_03_10 + 3600, id).ok());
    const auto session = storage->session_punchout("punchout-session", k2026_03_10 + 2).value();
    REQUIRE(session.has_value());
    CHECK(session->context_id == id);
    CHECK(session->context.return_url == context.return_url);
    CHECK(session->context.ok_code == "ADDI");
    CHECK(session->context.caller == "DE_OCI");
    CHECK_FALSE(storage->session_punchout("punchout-session", k2026_03_10 + 3600).value().has_value());  // expired
    REQUIRE(storage->delete_session("punchout-session").ok());
    CHECK_FALSE(storage->session_punchout("punchout-session", k2026_03_10 + 2).value().has_value());
  }
}

TEST_CASE("a cXML punchout context keeps its From and To credentials in order") {
  auto storage = seeded_memory_storage();
  punchout::SetupContext context;
  context.protocol = "cxml";
  context.return_url = "https://s1.ariba.com/punchout/return";
  context.target = "_top";
  context.operation = "edit";
  context.buyer_cookie = "cookie-7";
  context.from = {{"NetworkID", "AN01000000001"}, {"DUNS", "123456789"}};
  context.to = {{"NetworkID", "hurtownia-techniczna"}};
  const std::int64_t id = storage->insert_punchout_context("pc-budmax-cxml", context, k2026_03_10).value();
  const punchout::SetupContext stored = storage->punchout_context(id).value();
  CHECK(stored.protocol == "cxml");
  CHECK(stored.operation == "edit");
  CHECK(stored.buyer_cookie == "cookie-7");
  REQUIRE(stored.from.size() == 2);
  CHECK(stored.from[1].domain == "DUNS");
  CHECK(stored.from[1].identity == "123456789");
  REQUIRE(stored.to.size() == 1);
  CHECK(stored.to[0].identity == "hurtownia-techniczna");
  CHECK(storage->punchout_context(id + 1).error().kind == ErrorKind::NotFound);
  CHECK(storage->insert_punchout_context("pc-nobody", context, k2026_03_10).error().kind == ErrorKind::Validation);
}

TEST_CASE("users: insert with a unique e-mail, update within the company") {
  auto storage = seeded_memory_storage();
  User invited;
  invited.company_id = "c-portmech";
  invited.email = "kupiec2@portmech.pl";
  invited.name = "Nowy Kupiec";
  invited.role = Role::Buyer;
  invited.spending_limit = pln(300000);
  auto inserted = storage->insert_user(invited, "hash");
  REQUIRE(inserted.ok());
  CHECK_FALSE(inserted.value().id.empty());
  CHECK(storage->user(inserted.value().id).value().email == "kupiec2@portmech.pl");
  CHECK(storage->users_of_company("c-portmech").value().size() == 4);

  SUBCASE("an e-mail in use, in any case, is a conflict") {
    invited.email = "KUPIEC1@budmax.pl";
    auto duplicate = storage->insert_user(invited, "hash");
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().kind == ErrorKind::Conflict);
    CHECK(duplicate.error().field == "email");
  }
  SUBCASE("update") {
    User changed = inserted.value();
    changed.role = Role::Approver;
    changed.spending_limit = pln(5);
    auto updated = storage->update_user(changed);
    REQUIRE(updated.ok());
    CHECK(updated.value().role == Role::Approver);
    CHECK(updated.value().spending_limit == pln(5));
    changed.email = "admin1@portmech.pl";
    CHECK(storage->update_user(changed).error().kind == ErrorKind::Conflict);
  }
  SUBCASE("a user of another company is not found") {
    User foreign = inserted.value();
    foreign.company_id = "c-budmax";
    CHECK(storage->update_user(foreign).error().kind == ErrorKind::NotFound);
  }
}

TEST_CASE("upsert_product bumps the catalog version and products_page(since_version) returns only changes") {
  auto storage = seeded_memory_storage();
  const std::int64_t before = storage->catalog_version().value();
  Product changed = small_seed().products.at(10);
  changed.stock += 7;
  changed.active = false;
  Product added = small_seed().products.at(0);
  added.sku = "ZZZ-000001";
  added.category_path = {"Mechanika", "Uszczelnienia", "O-ringi"};

  auto first = storage->upsert_product(changed);
  REQUIRE(first.ok());
  CHECK(first.value() == before + 1);
  auto second = storage->upsert_product(added);
  REQUIRE(second.ok());
  CHECK(second.value() == before + 2);
  CHECK(storage->catalog_version().value() == before + 2);
  CHECK(storage->products().value().size() == 201);
  check_same_product(storage->product(added.sku).value(), added);

  SUBCASE("since the seed") {
    auto page = storage->products_page("", 100, before);
    REQUIRE(page.ok());
    REQUIRE(page.value().products.size() == 2);
    CHECK(page.value().catalog_version == before + 2);
    check_same_product(page.value().products[0], changed);  // inactive ones too
    CHECK(page.value().products[1].sku == added.sku);
    CHECK(page.value().next_after_sku.empty());
  }
  SUBCASE("since the first change") {
    auto page = storage->products_page("", 100, before + 1);
    REQUIRE(page.value().products.size() == 1);
    CHECK(page.value().products[0].sku == added.sku);
  }
  SUBCASE("since now") { CHECK(storage->products_page("", 100, before + 2).value().products.empty()); }
}

TEST_CASE("products_page by cursor visits every product once, in SKU order") {
  auto storage = seeded_memory_storage();
  for (int limit : {1, 7, 200, 500}) {
    CAPTURE(limit);
    std::vector<std::string> visited;
    std::string cursor;
    int pages = 0;
    do {
      auto page = storage->products_page(cursor, limit, std::nullopt);
      REQUIRE(page.ok());
      CHECK(page.value().products.size() <= static_cast<std::size_t>(limit));
      for (const Product& product : page.value().products) visited.push_back(product.sku);
      cursor = page.value().next_after_sku;
      REQUIRE(++pages <= 201);
    } while (!cursor.empty());
    CHECK(visited.size() == 200);
    CHECK(std::is_sorted(visited.begin(), visited.end()));
    CHECK(std::set<std::string>(visited.begin(), visited.end()).size() == 200);
  }
  CHECK(storage->products_page("", 0, std::nullopt).error().kind == ErrorKind::Validation);
}

TEST_CASE("set_unit_price changes one price and bumps the price list version") {
  auto storage = seeded_memory_storage();
  const PriceList& seeded = seed_price_list("c-budmax");
  const PriceListEntry& entry = seeded.entries.at(3);
  auto version = storage->set_unit_price(seeded.id, entry.sku, entry.unit_net_minor + 100);
  REQUIRE(version.ok());
  CHECK(version.value() == seeded.version + 1);
  auto stored = storage->price_list(seeded.id);
  REQUIRE(stored.ok());
  CHECK(stored.value().version == seeded.version + 1);
  for (const PriceListEntry& e : stored.value().entries)
    if (e.sku == entry.sku) CHECK(e.unit_net_minor == entry.unit_net_minor + 100);
  CHECK(storage->set_unit_price("pl-nobody", entry.sku, 1).error().kind == ErrorKind::NotFound);
  CHECK(storage->set_unit_price(seeded.id, "NO-SUCH-SKU", 1).error().kind == ErrorKind::NotFound);
}

TEST_CASE("a Transaction commits a group of calls or rolls all of them back") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  SUBCASE("destroyed without commit") {
    {
      auto transaction = storage->begin();
      REQUIRE(transaction.ok());
      REQUIRE(storage->create_cart(sample_cart(buyer)).ok());
      REQUIRE(storage->create_session("token", buyer.id, k2027_01_01).ok());
    }
    CHECK(storage->carts_of_user(buyer.id).value().empty());
    CHECK_FALSE(storage->session_user("token", k2026_03_10).value().has_value());
  }
  SUBCASE("committed") {
    {
      auto transaction = storage->begin();
      REQUIRE(storage->create_cart(sample_cart(buyer)).ok());
      REQUIRE(transaction.value().commit().ok());
      CHECK_FALSE(transaction.value().commit().ok());
    }
    CHECK(storage->carts_of_user(buyer.id).value().size() == 1);
  }
  SUBCASE("nested: the inner one rolls back alone") {
    {
      auto outer = storage->begin();
      REQUIRE(storage->create_cart(sample_cart(buyer)).ok());
      {
        auto inner = storage->begin();
        REQUIRE(inner.ok());
        REQUIRE(storage->create_cart(sample_cart(buyer)).ok());
      }
      REQUIRE(outer.value().commit().ok());
    }
    CHECK(storage->carts_of_user(buyer.id).value().size() == 1);
  }
}

TEST_CASE("threads share one Storage safely") {
  TempDatabase file;
  auto storage = open_storage(file.path());
  seed_into(*storage);
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::string key = std::to_string(t) + "-" + std::to_string(i);
        if (!storage->create_cart(sample_cart(buyer)).ok()) ++failures[t];
        if (!storage->insert_order(sample_order(buyer), buyer.company_id, key, "f", k2026_03_10).ok()) ++failures[t];
        if (!storage->products_page("", 50, std::nullopt).ok()) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(failures == std::vector<int>(4, 0));
  auto carts = storage->carts_of_user(buyer.id).value();
  std::set<std::string> ids;
  for (const Cart& cart : carts) ids.insert(cart.id);
  CHECK(ids.size() == 100);
  auto orders = storage->orders(buyer.company_id).value();
  std::set<std::string> numbers;
  for (const Order& order : orders) numbers.insert(order.number);
  CHECK(numbers.size() == 100);
  CHECK(numbers.count("ZAM/2026/000100") == 1);
}

TEST_CASE("quote numbers are sequential per year and apart from order numbers") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  SUBCASE("next_quote_number") {
    CHECK(storage->next_quote_number(2026).value() == "ZAP/2026/000001");
    CHECK(storage->next_quote_number(2026).value() == "ZAP/2026/000002");
    CHECK(storage->next_quote_number(2027).value() == "ZAP/2027/000001");
    CHECK(storage->next_quote_number(2026).value() == "ZAP/2026/000003");
    CHECK(storage->next_quote_number(10000).error().kind == ErrorKind::Validation);
  }
  SUBCASE("insert_quote numbers from the UTC year of requested_at") {
    CHECK(inserted_quote(*storage, sample_quote(buyer, k2026_03_10)).number == "ZAP/2026/000001");
    CHECK(inserted_quote(*storage, sample_quote(buyer, k2027_01_01 - 1)).number == "ZAP/2026/000002");
    CHECK(inserted_quote(*storage, sample_quote(buyer, k2027_01_01)).number == "ZAP/2027/000001");
  }
  SUBCASE("orders keep their own count") {
    inserted_quote(*storage, sample_quote(buyer));
    CHECK(storage->next_order_number(2026).value() == "ZAM/2026/000001");
  }
}

TEST_CASE("insert_quote stores the request as it was asked") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const Quote asked = sample_quote(buyer);
  const Quote stored = inserted_quote(*storage, asked);
  CHECK(storage->quote(stored.number).ok());
  for (const Quote& quote : {stored, storage->quote(stored.number).value()}) {
    CHECK(quote.company_id == "c-budmax");
    CHECK(quote.buyer_user_id == buyer.id);
    CHECK(quote.status == QuoteStatus::Requested);
    CHECK(quote.note == asked.note);
    CHECK(quote.seller_comment.empty());
    CHECK_FALSE(quote.valid_until.has_value());
    CHECK(quote.requested_at_unix_seconds == k2026_03_10);
    CHECK(quote.order_number.empty());
    REQUIRE(quote.lines.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(quote.lines[i].sku == asked.lines[i].sku);
      CHECK(quote.lines[i].quantity == asked.lines[i].quantity);
      CHECK(quote.lines[i].note == asked.lines[i].note);
      CHECK_FALSE(quote.lines[i].quoted_unit_net.has_value());
    }
  }
  CHECK(storage->quote("ZAP/2026/999999").error().kind == ErrorKind::NotFound);
}

TEST_CASE("insert_quote under a request key gives back the quote that key made while it waits for an answer") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const auto first = storage->insert_quote(sample_quote(buyer), "rfq-1");
  REQUIRE(first.ok());
  CHECK(first.value().created);
  const auto again = storage->insert_quote(sample_quote(buyer), "rfq-1");
  REQUIRE(again.ok());
  CHECK_FALSE(again.value().created);
  CHECK(again.value().quote.number == first.value().quote.number);
  CHECK(storage->quotes("c-budmax").value().size() == 1);

  SUBCASE("no key, another key or another buyer's same key: new quotes") {
    CHECK(storage->insert_quote(sample_quote(buyer), "").value().created);
    CHECK(storage->insert_quote(sample_quote(buyer), "rfq-2").value().created);
    const User& colleague = seed_user("c-budmax", Role::Admin).user;
    REQUIRE(colleague.id != buyer.id);
    CHECK(storage->insert_quote(sample_quote(colleague), "rfq-1").value().created);
    CHECK(storage->quotes("c-budmax").value().size() == 4);
  }
  SUBCASE("once answered, the same key asks anew, and then names the new quote") {
    REQUIRE(storage->update_quote(answered(first.value().quote)).ok());
    const auto anew = storage->insert_quote(sample_quote(buyer), "rfq-1");
    REQUIRE(anew.ok());
    CHECK(anew.value().created);
    CHECK(anew.value().quote.number != first.value().quote.number);
    CHECK(storage->insert_quote(sample_quote(buyer), "rfq-1").value().quote.number == anew.value().quote.number);
  }
}

TEST_CASE("insert_quote refuses a quote without lines, of another company's buyer or for unknown products") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  Quote empty = sample_quote(buyer);
  empty.lines.clear();
  CHECK(storage->insert_quote(empty).error().kind == ErrorKind::Validation);
  Quote foreign_buyer = sample_quote(buyer);
  foreign_buyer.company_id = "c-portmech";
  CHECK(storage->insert_quote(foreign_buyer).error().kind == ErrorKind::Validation);
  Quote unknown_product = sample_quote(buyer);
  unknown_product.lines.front().sku = "NO-SUCH-SKU";
  CHECK(storage->insert_quote(unknown_product).error().kind == ErrorKind::Validation);
  Quote zero = sample_quote(buyer);
  zero.lines.front().quantity = 0;
  CHECK(storage->insert_quote(zero).error().kind == ErrorKind::Validation);
  CHECK(storage->quotes_for_seller().value().empty());
}

TEST_CASE("quotes lists a company's quotes, or one buyer's, newest first; quotes_for_seller every company's") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const User& admin = seed_user("c-budmax", Role::Admin).user;
  const User& portmech_buyer = seed_user("c-portmech", Role::Buyer).user;
  const std::string older = inserted_quote(*storage, sample_quote(buyer, k2026_03_10)).number;
  const std::string newer = inserted_quote(*storage, sample_quote(admin, k2026_03_10 + 60)).number;
  const std::string same_second = inserted_quote(*storage, sample_quote(buyer, k2026_03_10 + 60)).number;
  const std::string portmech = inserted_quote(*storage, sample_quote(portmech_buyer, k2026_03_10 + 30)).number;
  const auto numbers = [](const Result<std::vector<Quote>>& quotes) {
    REQUIRE(quotes.ok());
    std::vector<std::string> out;
    for (const Quote& quote : quotes.value()) out.push_back(quote.number);
    return out;
  };

  CHECK(numbers(storage->quotes("c-budmax")) == std::vector<std::string>{same_second, newer, older});
  CHECK(numbers(storage->quotes("c-budmax", buyer.id)) == std::vector<std::string>{same_second, older});
  CHECK(numbers(storage->quotes("c-portmech")) == std::vector<std::string>{portmech});
  CHECK(storage->quotes("c-elektroiskra").value().empty());
  CHECK(storage->quotes("c-budmax", portmech_buyer.id).value().empty());
  CHECK(numbers(storage->quotes_for_seller()) == std::vector<std::string>{same_second, newer, portmech, older});
  const auto all = storage->quotes_for_seller();
  for (const Quote& quote : all.value()) CHECK(quote.lines.size() == 2);
}

TEST_CASE("update_quote stores the answer and the acceptance; an accepted quote is final") {
  auto storage = seeded_memory_storage();
  const User& buyer = seed_user("c-budmax", Role::Buyer).user;
  const Quote requested = inserted_quote(*storage, sample_quote(buyer));
  const Quote answer = answered(requested);

  auto stored = storage->update_quote(answer);
  REQUIRE(stored.ok());
  for (const Quote& quote : {stored.value(), storage->quote(requested.number).value()}) {
    CHECK(quote.status == QuoteStatus::Answered);
    CHECK(quote.valid_until == answer.valid_until);
    CHECK(quote.seller_comment == answer.seller_comment);
    REQUIRE(quote.lines.size() == 2);
    CHECK(quote.lines[0].quoted_unit_net == pln(1250));
    CHECK(quote.lines[1].quoted_unit_net == pln(1251));
    CHECK(quote.lines[0].sku == requested.lines[0].sku);
    CHECK(quote.note == requested.note);
    CHECK(quote.requested_at_unix_seconds == requested.requested_at_unix_seconds);
  }

  SUBCASE("answered again") {
    auto again = storage->update_quote(answered(requested, 990));
    REQUIRE(again.ok());
    CHECK(again.value().lines[0].quoted_unit_net == pln(990));
  }
  SUBCASE("accepted with its order, then final") {
    const std::string order = number_of(storage->insert_order(sample_order(buyer), "c-budmax", "k", "f", k2026_03_10));
    Quote accepted = answer;
    accepted.status = QuoteStatus::Accepted;
    accepted.order_number = order;
    auto stored_acceptance = storage->update_quote(accepted);
    REQUIRE(stored_acceptance.ok());
    CHECK(stored_acceptance.value().status == QuoteStatus::Accepted);
    CHECK(stored_acceptance.value().order_number == order);
    auto changed = storage->update_quote(answered(requested, 990));
    REQUIRE_FALSE(changed.ok());
    CHECK(changed.error().kind == ErrorKind::Conflict);
    CHECK(storage->quote(requested.number).value().lines[0].quoted_unit_net == pln(1250));
  }
  SUBCASE("declined is final too") {
    Quote declined = answer;
    declined.status = QuoteStatus::Declined;
    REQUIRE(storage->update_quote(declined).ok());
    CHECK(storage->update_quote(answer).error().kind == ErrorKind::Conflict);
  }
  SUBCASE("an order of another company cannot be named") {
    const User& other = seed_user("c-portmech", Role::Buyer).user;
    Quote accepted = answer;
    accepted.status = QuoteStatus::Accepted;
    accepted.order_number = number_of(storage->insert_order(sample_order(other), "c-portmech", "k", "f", k2026_03_10));
    CHECK(storage->update_quote(accepted).error().kind == ErrorKind::Validation);
    CHECK(storage->quote(requested.number).value().status == QuoteStatus::Answered);
  }
  SUBCASE("mixed currencies, another number of lines and unknown quotes are refused") {
    Quote mixed = answer;
    mixed.lines[1].quoted_unit_net = Money{100, Currency::EUR};
    CHECK(storage->update_quote(mixed).error().kind == ErrorKind::Validation);
    Quote shorter = answer;
    shorter.lines.pop_back();
    CHECK(storage->update_quote(shorter).error().kind == ErrorKind::Validation);
    Quote unknown = answer;
    unknown.number = "ZAP/2026/999999";
    CHECK(storage->update_quote(unknown).error().kind == ErrorKind::NotFound);
    CHECK(storage->quote(requested.number).value().lines[1].quoted_unit_net == pln(1251));
  }
}
