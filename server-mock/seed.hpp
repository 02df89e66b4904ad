// Deterministic seed data for server-mock: an industrial catalog, three customer companies and the shop
// with their price lists, and their users with known passwords, identical for a given seed on every platform.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "b2b/domain.hpp"

namespace b2b::seed {

struct SeedOptions {
  std::uint64_t seed = 1;
  // Scales to millions for benchmarks; each of the 7 categories has room for 900,000 SKUs.
  std::size_t product_count = 5000;
};

struct SeedUser {
  User user;
  // Plain text, so tests and people can log in; the server hashes it when it loads the seed.
  // "haslo-<role code>-<n>", the n of the e-mail: kupiec2@budmax.pl has "haslo-buyer-2",
  // akceptant1@... "haslo-approver-1", admin1@... "haslo-admin-1"; the shop's seller
  // sprzedawca@hurtownia.pl (no n) has "haslo-seller-1".
  std::string password;
};

// A procurement system allowed to start punchout sessions as one user (docs/protocol.md, Punchout).
struct SeedPunchoutClient {
  std::string id;
  std::string protocol;  // "oci" or "cxml"
  std::string identity;  // OCI USERNAME, or the cXML Sender credential's Identity
  std::string domain;    // the cXML Sender credential's domain; empty for OCI
  std::string user_id;   // who the buyer is in the shop
  std::string secret;    // plain text like SeedUser::password: OCI PASSWORD or cXML SharedSecret
};

struct SeedData {
  std::vector<Product> products;       // ~2 % inactive (discontinued); those have no price
  std::vector<Company> companies;      // c-budmax, c-elektroiskra, c-portmech, then the shop's own c-shop
  std::vector<PriceList> price_lists;  // one per company, in company order, entries in product order
  std::vector<SeedUser> users;
  std::vector<SeedPunchoutClient> punchout_clients;  // punchout_clients(), the same for every seed
};

// Budmax's SAP (OCI: "budmax-sap" / "punchout-oci-1") and Ariba (cXML: NetworkID "budmax-ariba", shared
// secret "punchout-cxml-1"), both buying as kupiec1@budmax.pl. Fixed, so a database seeded before they
// existed can be given them (Storage::add_punchout_clients).
std::vector<SeedPunchoutClient> punchout_clients();

// Everything follows from the options alone, on any platform and standard library. Only the products
// (and hence price list entries) and the NIP numbers depend on the seed; company names, ids, addresses,
// e-mails and passwords are fixed so tests can log in. A larger product_count extends the same catalog:
// the first N products (and their prices) are those generated for product_count N. Product names are
// unique up to the catalog's ~6,000 name combinations and then repeat, with other SKUs, EANs and prices.
// Throws std::length_error if one category runs out of its 900,000 SKU numbers.
SeedData generate_seed(const SeedOptions& options);

}  // namespace b2b::seed
