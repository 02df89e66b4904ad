// Seeds the fuzz corpora: the JSON and binary encodings of every golden fixture (as each type that
// decodes it) and of every wire type's default value. Usage: make_fuzz_seeds FIXTURES_DIR JSON_DIR BINARY_DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "b2b/device_state.hpp"
#include "b2b/wire/binary.hpp"
#include "b2b/wire/json.hpp"

namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

template <typename T>
void write_seeds(const std::string& json, const std::string& stem, const fs::path& json_dir,
                 const fs::path& binary_dir) {
  const auto decoded = b2b::wire::decode_json<T>(json);
  if (!decoded.ok()) return;
  const std::string name = stem + "." + b2b::wire::wire_type_name<T>();
  write_file(json_dir / (name + ".json"), b2b::wire::encode_json(decoded.value()));
  write_file(binary_dir / (name + ".bin"), b2b::wire::encode_binary(decoded.value()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: make_fuzz_seeds FIXTURES_DIR JSON_DIR BINARY_DIR\n";
    return 2;
  }
  const fs::path json_dir = argv[2], binary_dir = argv[3];
  fs::create_directories(json_dir);
  fs::create_directories(binary_dir);
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path(), std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    write_file(json_dir / entry.path().filename(), text.str());
#define B2B_SEED_FIXTURE(T) write_seeds<T>(text.str(), entry.path().stem().string(), json_dir, binary_dir);
    B2B_WIRE_TYPES(B2B_SEED_FIXTURE)
#undef B2B_SEED_FIXTURE
  }
#define B2B_SEED_DEFAULT(T) write_seeds<T>(b2b::wire::encode_json(T{}), "default", json_dir, binary_dir);
  B2B_WIRE_TYPES(B2B_SEED_DEFAULT)
#undef B2B_SEED_DEFAULT
  // The device state record: carts, a synced copy with a changed, an added and a removed line, products
  // from the catalog and of its own; as v2 and as the v1 it migrates from.
  b2b::DeviceState device;
  b2b::Cart cart{"k-1", "Budowa", "u-1", {}, 3};
  for (int i = 0; i < 6; ++i)
    cart.lines.push_back({"ELE-" + std::to_string(i), 10 * (i + 1), i == 2 ? "na jutro" : ""});
  b2b::Cart synced = cart;
  synced.lines[1].quantity = 5;
  synced.lines.erase(synced.lines.begin() + 3);
  synced.lines.push_back({"ELE-9", 1, ""});
  device.carts = {cart, {"local-dev-2", "Hala B", "u-1", {{"ELE-1", 2, ""}}, 0}};
  device.synced_carts = {synced, {"k-7", "Stary", "u-1", {{"ELE-4", 4, "x"}}, 1}};
  device.catalog_products = {"ELE-0", "ELE-1", "ELE-2", "ELE-99"};
  device.known_products.push_back({});
  device.known_products[0].sku = "ELE-3";
  write_file(binary_dir / "device_state.v2.bin", b2b::encode_device_state(device));
  write_file(binary_dir / "device_state.v1.bin", b2b::encode_device_state_v1(device));
  write_file(binary_dir / "device_state.default.bin", b2b::encode_device_state({}));
  return 0;
}
