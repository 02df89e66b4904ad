// The device's catalog: a product vector with a SKU map and the search index built once per sync.
#include "b2b/local_catalog.hpp"

namespace b2b {

LocalCatalog::LocalCatalog(std::vector<Product> products, std::int64_t version)
    : products_(std::move(products)), version_(version) {
  by_sku_.reserve(products_.size());
  for (std::size_t i = 0; i < products_.size(); ++i) by_sku_.emplace(products_[i].sku, i);
}

std::shared_ptr<const LocalCatalog> LocalCatalog::with_changes(const std::vector<Product>& changes,
                                                               std::int64_t version) const {
  std::vector<Product> products = products_;
  std::unordered_map<std::string, std::size_t> positions = by_sku_;
  for (const Product& changed : changes) {
    const auto found = positions.find(changed.sku);
    if (found != positions.end()) {
      products[found->second] = changed;
    } else {
      positions.emplace(changed.sku, products.size());
      products.push_back(changed);
    }
  }
  return std::make_shared<const LocalCatalog>(std::move(products), version);
}

const Product* LocalCatalog::find(const std::string& sku) const {
  const auto found = by_sku_.find(sku);
  return found == by_sku_.end() ? nullptr : &products_[found->second];
}

std::vector<Product> LocalCatalog::search(std::string_view query, std::size_t limit, std::string_view category) const {
  std::call_once(index_built_, [this] { index_ = std::make_unique<CatalogIndex>(products_); });
  std::vector<Product> found;
  for (const std::size_t i : index_->search(query, limit, category)) found.push_back(products_[i]);
  return found;
}

}  // namespace b2b
