// Benchmarks our offline catalog search (LocalCatalog and its CatalogIndex, as the client uses them) on
// a generated catalog and its queries; prints build time, memory, latency and recall as one JSON object.
#include <malloc.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/local_catalog.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <unistd.h>
#endif

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string catalog;
  std::string queries;
  int runs = 3;
  std::size_t limit = 20;
};

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

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "b2b_search_cli: " << problem
            << "\nusage: b2b_search_cli --catalog FILE.jsonl --queries FILE.json [--runs N] [--limit 20]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage(arg + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--catalog") {
      options.catalog = value;
    } else if (arg == "--queries") {
      options.queries = value;
    } else if (arg == "--runs" || arg == "--limit") {
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (*end != '\0' || n < 1) usage(arg + " must be a positive integer, not '" + value + "'");
      if (arg == "--runs") options.runs = static_cast<int>(n);
      if (arg == "--limit") options.limit = static_cast<std::size_t>(n);
    } else {
      usage("unknown argument " + arg);
    }
  }
  if (options.catalog.empty() || options.queries.empty()) usage("--catalog and --queries are required");
  return options;
}

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

Catalog load_catalog(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open catalog " + path);
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

std::vector<Query> load_queries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open queries " + path);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
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

struct Memory {
  std::int64_t in_use = 0;   // bytes the allocator has handed out and not taken back
  std::int64_t process = 0;  // wasm: the linear memory's size; native: resident set size
};

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

// Nearest rank, as lib.mjs computes it for the JavaScript engines.
double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::min(values.size(), std::max<std::size_t>(1, rank)) - 1];
}

struct Spread {
  double median = 0, min = 0, max = 0;
};

Spread spread(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  const double median = values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  return {median, values.front(), values.back()};
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write(Writer& out, const Spread& s) {
  out.StartObject();
  out.Key("median");
  out.Double(s.median);
  out.Key("min");
  out.Double(s.min);
  out.Key("max");
  out.Double(s.max);
  out.EndObject();
}

void write(Writer& out, const std::string& text) {
  out.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
}

double ratio(std::size_t hits, std::size_t total) {
  return std::round(static_cast<double>(hits) / static_cast<double>(total) * 10000.0) / 10000.0;
}

int run(const Options& options) {
  const Catalog catalog = load_catalog(options.catalog);
  const std::vector<Query> queries = load_queries(options.queries);

  std::vector<double> build_ms, sku_map_ms, index_ms, p50s, p99s, means;
  std::vector<std::vector<double>> per_query_ms(queries.size());
  std::vector<bool> found(queries.size(), false);
  Memory before_first, after_first;
  for (int r = 0; r < options.runs; ++r) {
    std::vector<b2b::Product> products = catalog.products;  // the catalog comes from the sync: not timed
    const Memory before = memory_now();
    const Clock::time_point start = Clock::now();
    auto local = std::make_unique<const b2b::LocalCatalog>(std::move(products), 1);
    const Clock::time_point constructed = Clock::now();
    local->search("", 1);  // the app builds the index on the first search
    const Clock::time_point indexed = Clock::now();
    const Memory after = memory_now();
    if (r == 0) {
      before_first = before;
      after_first = after;
    }
    build_ms.push_back(ms_between(start, indexed));
    sku_map_ms.push_back(ms_between(start, constructed));
    index_ms.push_back(ms_between(constructed, indexed));

    std::vector<double> latencies;
    latencies.reserve(queries.size());
    for (std::size_t q = 0; q < queries.size(); ++q) {
      const Clock::time_point t0 = Clock::now();
      const std::vector<b2b::Product> results = local->search(queries[q].text, options.limit);
      const double ms = ms_between(t0, Clock::now());
      latencies.push_back(ms);
      per_query_ms[q].push_back(ms);
      if (r == 0) {
        found[q] = std::any_of(results.begin(), results.end(),
                               [&](const b2b::Product& p) { return catalog.by_sku.at(p.sku) == queries[q].target; });
      }
    }
    p50s.push_back(percentile(latencies, 50));
    p99s.push_back(percentile(latencies, 99));
    double sum = 0;
    for (const double ms : latencies) sum += ms;
    means.push_back(sum / static_cast<double>(latencies.size()));
  }

  std::size_t hits = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_type;  // hits, total
  std::map<std::string, std::vector<double>> type_latencies;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    auto& [type_hits, type_total] = by_type[queries[q].type];
    ++type_total;
    if (found[q]) {
      ++hits;
      ++type_hits;
    }
    for (const double ms : per_query_ms[q]) type_latencies[queries[q].type].push_back(ms);
  }
  std::vector<std::pair<double, std::size_t>> slowest;  // median over the runs, query
  for (std::size_t q = 0; q < queries.size(); ++q) slowest.emplace_back(spread(per_query_ms[q]).median, q);
  std::sort(slowest.begin(), slowest.end(), std::greater<>());
  slowest.resize(std::min<std::size_t>(slowest.size(), 5));

  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.SetMaxDecimalPlaces(4);
  out.StartObject();
  out.Key("engine");
#ifdef __EMSCRIPTEN__
  out.String("ours (wasm)");
#else
  out.String("ours (native)");
#endif
  out.Key("products");
  out.Uint64(catalog.products.size());
  out.Key("queries");
  out.Uint64(queries.size());
  out.Key("build_ms");
  write(out, spread(build_ms));
  out.Key("build_parts_ms");  // LocalCatalog's SKU map, then the CatalogIndex
  out.StartObject();
  out.Key("sku_map");
  write(out, spread(sku_map_ms));
  out.Key("index");
  write(out, spread(index_ms));
  out.EndObject();
  // The first build's growth: later builds reuse memory the allocator already has.
#ifdef __EMSCRIPTEN__
  out.Key("memory_bytes");
  out.Int64(after_first.in_use - before_first.in_use);
  out.Key("memory_kind");
  out.String("dlmalloc in-use bytes (mallinfo) added by building LocalCatalog and its index");
  out.Key("wasm_heap_growth_bytes");
  out.Int64(after_first.process - before_first.process);
#else
  out.Key("memory_bytes");
  out.Int64(after_first.process - before_first.process);
  out.Key("memory_kind");
  out.String("RSS growth (/proc/self/statm) from building LocalCatalog and its index");
  out.Key("heap_in_use_bytes");
  out.Int64(after_first.in_use - before_first.in_use);
#endif
  out.Key("p50_ms");
  write(out, spread(p50s));
  out.Key("p99_ms");
  write(out, spread(p99s));
  out.Key("mean_ms");
  write(out, spread(means));
  out.Key("recall_at_20");
  out.Double(ratio(hits, queries.size()));
  out.Key("recall_by_type");
  out.StartObject();
  for (const auto& [type, counts] : by_type) {
    write(out, type);
    out.Double(ratio(counts.first, counts.second));
  }
  out.EndObject();
  out.Key("latency_by_type_ms");  // all runs pooled
  out.StartObject();
  for (const auto& [type, latencies] : type_latencies) {
    write(out, type);
    out.StartObject();
    out.Key("p50");
    out.Double(percentile(latencies, 50));
    out.Key("p99");
    out.Double(percentile(latencies, 99));
    out.EndObject();
  }
  out.EndObject();
  out.Key("slowest_queries");
  out.StartArray();
  for (const auto& [ms, q] : slowest) {
    out.StartObject();
    out.Key("q");
    write(out, queries[q].text);
    out.Key("type");
    write(out, queries[q].type);
    out.Key("ms");
    out.Double(ms);
    out.EndObject();
  }
  out.EndArray();
  out.Key("limit");
  out.Uint64(options.limit);
  out.Key("runs");
  out.Int(options.runs);
  out.EndObject();
  std::cout << buffer.GetString() << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "b2b_search_cli: " << e.what() << '\n';
    return 1;
  }
}
