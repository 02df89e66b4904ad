// The catalog kept on the device: products by SKU and the shared search index, so offline search
// finds what the server's search finds. Immutable; a sync makes a new one from the changes.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/search.hpp"
#include "b2b/text_positions.hpp"

namespace b2b {

class LocalCatalog {
 public:
  LocalCatalog(std::vector<Product> products, std::int64_t version);

  // This catalog with the changed products replaced (by SKU) or added, at the new version.
  std::shared_ptr<const LocalCatalog> with_changes(const std::vector<Product>& changes, std::int64_t version) const;

  const Product* find(const std::string& sku) const;
  // Active products matching the query, best first (the same ranking as the server's search). The index
  // is built on the first search: only offline search needs it, and on a large catalog building it at
  // start-up would hold the first frame for seconds. A category keeps only its products, as the
  // server's search does (CatalogIndex::search).
  std::vector<Product> search(std::string_view query, std::size_t limit, std::string_view category = {}) const;

  const std::vector<Product>& products() const { return products_; }
  std::int64_t version() const { return version_; }

 private:
  std::vector<Product> products_;
  std::int64_t version_ = 0;
  // Positions in products_ by SKU: 4 bytes a slot, where a node-based map held a copy of each SKU (some
  // 5 MB more for 100,000 products on a phone), and a lookup reads one or two products, where a binary
  // search over the SKU order missed the cache at most of its 17 steps (saving the carts looks up every
  // product they know).
  TextPositions sku_positions_;
  const std::uint32_t* position_of(std::string_view sku) const;
  mutable std::once_flag index_built_;
  mutable std::unique_ptr<CatalogIndex> index_;
};

}  // namespace b2b
