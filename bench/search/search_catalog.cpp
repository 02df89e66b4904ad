// Reading the search benchmark's generated files, building our search and measuring memory: the part
// b2b_search_cli and b2b_search_web share (see search_catalog.hpp).
#include "search_catalog.hpp"

#include <malloc.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <stdexcept>

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <unistd.h>
#endif

namespace b2b_bench {

namespace {

const rapidjson::Value& member(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd()) throw std::runtime_error(std::string("missing \"") + name + "\"");
  return found->value;
}

std::string string_member(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsString()) throw std::runtime_error(std::string("\"") + name + "\" is not a string");
  return {value.GetString(), value.GetStringLength()};
}

std::int64_t int_member(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsInt64()) throw std::runtime_error(std::string("\"") + name + "\" is not an integer");
  return value.GetInt64();
}

std::vector<std::string> split_category(const std::string& category) {
  std::vector<std::string> path;
  std::size_t start = 0;
  for (std::size_t at; (at = category.find(" > ", start)) != std::string::npos; start = at + 3)
    path.push_back(category.substr(start, at - start));
  path.push_back(category.substr(start));
  return path;
}

// One catalog line as the client holds a synced product. The generated catalog has one name, which
// the client would get as both languages (the server sends the Polish name where no English exists).
b2b::Product product_from_json(const rapidjson::Value& line) {
  if (!line.IsObject()) throw std::runtime_error("not a JSON object");
  b2b::Product product;
  product.sku = string_member(line, "sku");
  product.ean = string_member(line, "ean");
  product.name.pl = string_member(line, "name");
  product.name.en = product.name.pl;
  product.category_path = split_category(string_member(line, "category"));
  product.brand = string_member(line, "brand");
  const std::string unit = string_member(line, "unit");
  const auto parsed_unit = b2b::unit_from_code(unit);
  if (!parsed_unit) throw std::runtime_error("unknown unit \"" + unit + "\"");
  product.unit = *parsed_unit;
  product.pack_size = int_member(line, "pack_size");
  product.min_order_quantity = product.pack_size;
  const std::string vat = std::to_string(int_member(line, "vat_rate"));
  const auto parsed_vat = b2b::vat_from_code(vat);
  if (!parsed_vat) throw std::runtime_error("unknown vat_rate " + vat);
  product.vat = *parsed_vat;
  product.stock = int_member(line, "stock");
  return product;
}

}  // namespace

Catalog parse_catalog(std::istream& in, const std::string& path) {
  Catalog catalog;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      rapidjson::Document doc;
      doc.Parse(line.c_str(), line.size());
      if (doc.HasParseError()) throw std::runtime_error("not valid JSON");
      catalog.products.push_back(product_from_json(doc));
      catalog.ids.push_back(int_member(doc, "id"));
      if (!catalog.by_sku.emplace(catalog.products.back().sku, catalog.ids.back()).second)
        throw std::runtime_error("duplicate sku " + catalog.products.back().sku);
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ": bad line " + std::to_string(number) + ": " + e.what());
    }
  }
  if (catalog.products.empty()) throw std::runtime_error("catalog " + path + " has no products");
  return catalog;
}

std::vector<Query> parse_queries(const std::string& text, const std::string& path) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) {
    throw std::runtime_error(path + ": not valid JSON (at byte " + std::to_string(doc.GetErrorOffset()) + ")");
  }
  if (!doc.IsArray()) throw std::runtime_error(path + ": expected an array of queries");
  std::vector<Query> queries;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    try {
      if (!doc[i].IsObject()) throw std::runtime_error("not an object");
      queries.push_back({string_member(doc[i], "q"), string_member(doc[i], "type"), int_member(doc[i], "target")});
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ": query " + std::to_string(i) + ": " + e.what());
    }
  }
  if (queries.empty()) throw std::runtime_error(path + " has no queries");
  return queries;
}

// --- Measurements ------------------------------------------------------------------------------

Memory memory_now() {
  Memory memory;
#ifdef __EMSCRIPTEN__
  memory.in_use = static_cast<std::int64_t>(mallinfo().uordblks);
  memory.process = static_cast<std::int64_t>(emscripten_get_heap_size());
#else
  const struct mallinfo2 info = mallinfo2();  // blocks above the mmap threshold are not in uordblks
  memory.in_use = static_cast<std::int64_t>(info.uordblks + info.hblkhd);
  long pages_total = 0, pages_resident = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages_total, &pages_resident) != 2) pages_resident = 0;
    std::fclose(statm);
  }
  memory.process = static_cast<std::int64_t>(pages_resident) * sysconf(_SC_PAGESIZE);
#endif
  return memory;
}

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

Built build_search(std::vector<b2b::Product> products) {
  Built built;
  built.before = memory_now();
  const Clock::time_point start = Clock::now();
  built.local = std::make_unique<const b2b::LocalCatalog>(std::move(products), 1);
  const Clock::time_point constructed = Clock::now();
  built.local->search("", 1);  // the app builds the index on the first search
  const Clock::time_point indexed = Clock::now();
  built.after = memory_now();
  built.build_ms = ms_between(start, indexed);
  built.sku_map_ms = ms_between(start, constructed);
  built.index_ms = ms_between(constructed, indexed);
  return built;
}

}  // namespace b2b_bench
