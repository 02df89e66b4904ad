// b2b_search_web: our search (search_catalog.cpp, as b2b_search_cli runs it) as a module a page loads, so
// bench/search/chromium.mjs can measure it in Chromium next to FlexSearch and MiniSearch. The page hands
// over the catalog's text, builds, queries one at a time and reads the memory; all times come from the page.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "search_catalog.hpp"

namespace {

std::optional<b2b_bench::Catalog> catalog;
std::optional<b2b_bench::Built> built;
std::vector<double> result_ids;  // the last query's ids, best first (doubles: a page reads them as HEAPF64)
std::string error;
std::vector<b2b::Product> pending;  // the copy the next build takes (made by b2b_search_prepare)

}  // namespace

extern "C" {

// Parses the catalog (JSON lines, `length` bytes of UTF-8); the number of products, or -1 (see b2b_search_error).
EMSCRIPTEN_KEEPALIVE int b2b_search_load(const char* text, int length) {
  try {
    std::istringstream in(std::string(text, static_cast<std::size_t>(length)));
    catalog = b2b_bench::parse_catalog(in, "catalog");
    return static_cast<int>(catalog->products.size());
  } catch (const std::exception& e) {
    error = e.what();
    return -1;
  }
}

EMSCRIPTEN_KEEPALIVE const char* b2b_search_error() { return error.c_str(); }

// Copies the loaded products for the next build, as the app holds them after a sync: a separate call,
// so the page's clock around b2b_search_build sees only the build (the CLI does not time the copy either).
EMSCRIPTEN_KEEPALIVE int b2b_search_prepare() {
  if (!catalog) return -1;
  built.reset();
  pending = catalog->products;
  return static_cast<int>(pending.size());
}

// Builds LocalCatalog and its index from the prepared copy; returns the build's milliseconds as the CLI
// measures them (the page measures the call too).
EMSCRIPTEN_KEEPALIVE double b2b_search_build() {
  if (!catalog || pending.empty()) return -1;
  built = b2b_bench::build_search(std::move(pending));
  pending.clear();
  return built->build_ms;
}

// What the last build added to the allocator's in-use bytes (dlmalloc's mallinfo), and the growth of
// the wasm linear memory over it.
EMSCRIPTEN_KEEPALIVE double b2b_search_memory_in_use() {
  return built ? static_cast<double>(built->after.in_use - built->before.in_use) : -1;
}
EMSCRIPTEN_KEEPALIVE double b2b_search_heap_growth() {
  return built ? static_cast<double>(built->after.process - built->before.process) : -1;
}

// Searches as the app does (LocalCatalog::search); the number of results, their ids at b2b_search_ids().
EMSCRIPTEN_KEEPALIVE int b2b_search_query(const char* query, int limit) {
  if (!built) return -1;
  const std::vector<b2b::Product> results = built->local->search(query, static_cast<std::size_t>(limit));
  result_ids.clear();
  for (const b2b::Product& product : results) result_ids.push_back(static_cast<double>(catalog->by_sku.at(product.sku)));
  return static_cast<int>(result_ids.size());
}

EMSCRIPTEN_KEEPALIVE const double* b2b_search_ids() { return result_ids.data(); }

// Drops the index (the next build starts from the same allocator state as a fresh page's, nearly).
EMSCRIPTEN_KEEPALIVE void b2b_search_drop() { built.reset(); }

}  // extern "C"
