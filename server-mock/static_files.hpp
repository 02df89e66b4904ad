// The app's biggest files (JavaScript and wasm) served brotli-compressed from a cache made once per file
// version, so a browser's start does not wait for compression on every request.
#pragma once
#include <httplib.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace b2b::mock {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  // True when it answered: a GET or HEAD of a .js or .wasm file under the root from a browser that takes
  // brotli. Everything else is left to the server's mount point.
  bool serve(const httplib::Request& req, httplib::Response& res);

 private:
  struct Compressed {
    std::int64_t modified = 0;
    std::uintmax_t size = 0;
    std::string brotli;
  };
  std::string root_;
  std::mutex mutex_;
  std::map<std::string, Compressed> cache_;  // by file path
};

}  // namespace b2b::mock
