// Seeds the fuzz corpora: the JSON and binary encodings of every golden fixture (as each type that
// decodes it) and of every wire type's default value. Usage: make_fuzz_seeds FIXTURES_DIR JSON_DIR BINARY_DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

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
  return 0;
}
