// Brotli made once per file version: cpp-httplib compresses text/* and application/javascript itself on
// every response, at brotli's slowest quality (300 ms for the app's JavaScript, which the page waits for),
// and not application/wasm at all.
#include "static_files.hpp"

#include <brotli/encode.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace b2b::mock {
namespace {

// Quality 9: the wasm in 0.1 s at 10 % more bytes than quality 11, which takes 2 s.
constexpr int kBrotliQuality = 9;

std::string brotli(const std::string& raw) {
  std::string out(BrotliEncoderMaxCompressedSize(raw.size()), '\0');
  std::size_t size = out.size();
  if (!BrotliEncoderCompress(kBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, raw.size(),
                             reinterpret_cast<const std::uint8_t*>(raw.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data())))
    return {};
  out.resize(size);
  return out;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") return false;
  if (req.get_header_value("Accept-Encoding").find("br") == std::string::npos) return false;
  const std::string& path = req.path;
  // A JavaScript MIME type cpp-httplib leaves alone (it would compress the brotli again).
  const char* type = ends_with(path, ".js")     ? "application/x-javascript"
                     : ends_with(path, ".wasm") ? "application/wasm"
                                                : nullptr;
  if (!type || path.find("..") != std::string::npos || path.find('\\') != std::string::npos) return false;
  const std::filesystem::path file = std::filesystem::path(root_) / path.substr(1);
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) return false;
  const auto modified = std::filesystem::last_write_time(file, error).time_since_epoch().count();
  if (error) return false;

  std::string body;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Compressed& entry = cache_[file.string()];
    if (entry.brotli.empty() || entry.modified != modified || entry.size != size) {
      std::ifstream in(file, std::ios::binary);
      std::ostringstream raw;
      raw << in.rdbuf();
      if (!in.good() && !in.eof()) return false;
      entry = {modified, size, brotli(raw.str())};
      if (entry.brotli.empty()) return false;
    }
    body = entry.brotli;
  }
  res.set_header("Content-Encoding", "br");
  res.set_header("Vary", "Accept-Encoding");
  // As for every file of the app: no version in the names, so the browser asks each time (see main.cpp).
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::move(body), type);
  return true;
}

}  // namespace b2b::mock
