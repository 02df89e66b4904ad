// The search benchmark's C++ side shared by b2b_search_cli (Node, native) and b2b_search_web (Chromium):
// reading the generated catalog and queries, building our search as the app does, and measuring memory.
#pragma once

#include <chrono>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/local_catalog.hpp"

namespace b2b_bench {

struct Query {
  std::string text;
  std::string type;
  std::int64_t target = 0;
};

struct Catalog {
  std::vector<b2b::Product> products;
  std::vector<std::int64_t> ids;                         // the catalog's id of each product, by position
  std::unordered_map<std::string, std::int64_t> by_sku;  // search results are products: back to ids
};

// One JSON object per line; `name` (a path) appears in errors. Throws std::runtime_error.
Catalog parse_catalog(std::istream& in, const std::string& name);
// A JSON array of {q, type, target}. Throws std::runtime_error.
std::vector<Query> parse_queries(const std::string& text, const std::string& name);

struct Memory {
  std::int64_t in_use = 0;   // bytes the allocator has handed out and not taken back
  std::int64_t process = 0;  // wasm: the linear memory's size; native: resident set size
};
Memory memory_now();

using Clock = std::chrono::steady_clock;
double ms_between(Clock::time_point from, Clock::time_point to);

// LocalCatalog built from the products as the app builds it, with the CatalogIndex its first search
// builds; the times and the memory around it.
struct Built {
  std::unique_ptr<const b2b::LocalCatalog> local;
  double build_ms = 0, sku_map_ms = 0, index_ms = 0;
  Memory before, after;
};
// `products` is a copy the caller made (the catalog comes from the sync: not timed, not counted).
Built build_search(std::vector<b2b::Product> products);

}  // namespace b2b_bench
