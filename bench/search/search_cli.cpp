// Benchmarks our offline catalog search (LocalCatalog and its CatalogIndex, as the client uses them) on
// a generated catalog and its queries; prints build time, memory, latency and recall as one JSON object.
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

#include "search_catalog.hpp"

namespace {

using b2b_bench::Catalog;
using b2b_bench::Memory;
using b2b_bench::Query;
using b2b_bench::Clock;
using b2b_bench::ms_between;

Catalog load_catalog(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open catalog " + path);
  return b2b_bench::parse_catalog(in, path);
}

std::vector<Query> load_queries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open queries " + path);
  std::stringstream text;
  text << in.rdbuf();
  return b2b_bench::parse_queries(text.str(), path);
}

struct Options {
  std::string catalog;
  std::string queries;
  int runs = 3;
  std::size_t limit = 20;
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

// --- Measurements ------------------------------------------------------------------------------

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
    b2b_bench::Built built = b2b_bench::build_search(catalog.products);  // a copy: the sync's, not timed
    const auto& local = built.local;
    if (r == 0) {
      before_first = built.before;
      after_first = built.after;
    }
    build_ms.push_back(built.build_ms);
    sku_map_ms.push_back(built.sku_map_ms);
    index_ms.push_back(built.index_ms);

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
