// The device's catalog: a product vector with its SKU table and the search index built once per sync.
#include "b2b/local_catalog.hpp"

#include <unordered_map>

namespace b2b {

namespace {
auto sku_of(const std::vector<Product>& products) {
  return [&products](std::uint32_t i) -> const std::string& { return products[i].sku; };
}
}  // namespace

LocalCatalog::LocalCatalog(std::vector<Product> products, std::int64_t version)
    : products_(std::move(products)), version_(version), sku_positions_(products_.size(), sku_of(products_)) {}

const std::uint32_t* LocalCatalog::position_of(std::string_view sku) const {
  return sku_positions_.find(sku, sku_of(products_));
}

std::shared_ptr<const LocalCatalog> LocalCatalog::with_changes(const std::vector<Product>& changes,
                                                               std::int64_t version) const {
  std::vector<Product> products = products_;
  std::unordered_map<std::string, std::size_t> added;  // SKUs new in these changes -> their position
  for (const Product& changed : changes) {
    if (const std::uint32_t* at = position_of(changed.sku)) {
      products[*at] = changed;
      continue;
    }
    const auto [slot, inserted] = added.emplace(changed.sku, products.size());
    if (inserted) {
      products.push_back(changed);
    } else {
      products[slot->second] = changed;
    }
  }
  return std::make_shared<const LocalCatalog>(std::move(products), version);
}

const Product* LocalCatalog::find(const std::string& sku) const {
  const std::uint32_t* at = position_of(sku);
  return at ? &products_[*at] : nullptr;
}

std::vector<Product> LocalCatalog::search(std::string_view query, std::size_t limit, std::string_view category) const {
  std::call_once(index_built_, [this] { index_ = std::make_unique<CatalogIndex>(products_); });
  std::vector<Product> found;
  for (const std::size_t i : index_->search(query, limit, category)) found.push_back(products_[i]);
  return found;
}

}  // namespace b2b
