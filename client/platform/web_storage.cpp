// Bridges the store to web/storage.js: reads Module.b2bStored, writes with B2BStorage.put, and keeps
// unreadable records aside with B2BStorage.keepAside.
#include "web_storage.hpp"

#include <emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

// clang-format off
// Copies a loaded record into the wasm heap: [uint32 size][bytes]; null when there is none.
EM_JS(unsigned char*, b2b_js_stored_record, (const char* name), {
  const stored = Module.b2bStored;
  const bytes = stored && stored.records ? stored.records[UTF8ToString(name)] : null;
  if (!bytes || !bytes.length) return 0;
  const ptr = _malloc(bytes.length + 4);
  HEAPU32[ptr >> 2] = bytes.length;
  HEAPU8.set(bytes, ptr + 4);
  return ptr;
});

EM_JS(int, b2b_js_storage_available, (), {
  return Module.b2bStored && Module.b2bStored.available ? 1 : 0;
});

EM_JS(char*, b2b_js_storage_problem, (), {
  const text = (Module.b2bStored && Module.b2bStored.problem) || "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});

EM_JS(void, b2b_js_put_record, (const char* name, const unsigned char* bytes, int size, int strict), {
  // put() copies the bytes itself.
  if (window.B2BStorage) {
    B2BStorage.put(UTF8ToString(name), HEAPU8.subarray(bytes, bytes + size), strict ? "strict" : "relaxed");
  }
});

EM_JS(void, b2b_js_keep_aside, (const char* name, const char* reason), {
  if (window.B2BStorage) B2BStorage.keepAside(UTF8ToString(name), UTF8ToString(reason));
});

EM_JS(void, b2b_js_watch_network, (), {
  window.addEventListener("online", function() { _b2b_network_hint(1); });
  window.addEventListener("offline", function() { _b2b_network_hint(0); });
});
// clang-format on

namespace b2b::client {
namespace {

// A loaded record where JavaScript copied it into the heap ([uint32 size][bytes]), freed with it. Decoded
// from there: a copy into a std::string would hold a catalog of 100,000 products (24 MB) twice, and the
// wasm heap never gives back what it grew to.
class StoredRecord {
 public:
  explicit StoredRecord(const char* name) : block_(b2b_js_stored_record(name)) {}
  ~StoredRecord() { std::free(block_); }
  StoredRecord(const StoredRecord&) = delete;
  StoredRecord& operator=(const StoredRecord&) = delete;

  explicit operator bool() const { return block_ != nullptr; }
  std::string_view bytes() const {
    std::uint32_t size = 0;
    std::memcpy(&size, block_, sizeof size);
    return {reinterpret_cast<const char*>(block_) + sizeof size, size};
  }

 private:
  unsigned char* block_;
};

// The stored record decoded, or nothing: absent, or unreadable and then kept aside with the reason.
template <typename T>
std::optional<T> read_record(const char* name, Result<Restored<T>> (*decode)(std::string_view),
                             std::vector<std::string>* report) {
  const StoredRecord record(name);
  if (!record) return std::nullopt;
  auto decoded = decode(record.bytes());
  if (decoded) return std::move(decoded.value().value);
  const Error& error = decoded.error();
  // A record damaged from its first byte has no field to name.
  const std::string reason = error.field.empty() ? error.message : error.field + ": " + error.message;
  b2b_js_keep_aside(name, reason.c_str());
  if (report) report->push_back(reason);
  return std::nullopt;
}

}  // namespace

AppState restore_from_browser_storage(AppState fresh) {
  fresh.storage.available = b2b_js_storage_available() != 0;
  char* problem = b2b_js_storage_problem();
  fresh.storage.problem = problem;
  std::free(problem);
  if (!fresh.storage.available) return fresh;

  std::optional<DeviceState> device = read_record("state", decode_device_state, &fresh.storage.kept_aside);
  // The catalog is a copy of the server's, fetched again: kept aside for a look, but not reported.
  std::optional<CatalogSnapshot> catalog = read_record("catalog", decode_catalog_snapshot, nullptr);
  if (!device && !catalog) return fresh;
  return restore_state(std::move(fresh), device.value_or(DeviceState{}), std::move(catalog));
}

void put_browser_record(const StoreRecord& record) {
  b2b_js_put_record(record.name.c_str(), reinterpret_cast<const unsigned char*>(record.bytes.data()),
                    static_cast<int>(record.bytes.size()), record.durability == Durability::Strict ? 1 : 0);
}

void watch_network_events() { b2b_js_watch_network(); }

}  // namespace b2b::client
