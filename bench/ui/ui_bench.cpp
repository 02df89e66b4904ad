// Frame time and device-record benchmarks (issue #10, parts 4 and 5): the real views drawn in a headless
// ImGui context with a 1,000-line cart and 100,000 catalog results, and the device records encoded and
// decoded. Built natively and as wasm (run under Node); prints one JSON object, writes the records' bytes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "b2b/device_state.hpp"
#include "b2b/pricing.hpp"
#include "core/store.hpp"
#include "imgui.h"
#include "seed.hpp"
#include "ui/app_view.hpp"
#include "ui/theme.hpp"

using namespace b2b;
using namespace b2b::client;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stats {
  double median = 0, min = 0, max = 0, p99 = 0;
};

Stats stats_of(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  Stats s;
  if (samples.empty()) return s;
  s.min = samples.front();
  s.max = samples.back();
  s.median = samples[samples.size() / 2];
  s.p99 = samples[std::min(samples.size() - 1, samples.size() * 99 / 100)];
  return s;
}

std::string json_stats(const Stats& s) {
  char out[160];
  std::snprintf(out, sizeof out, "{\"median\":%.4f,\"min\":%.4f,\"max\":%.4f,\"p99\":%.4f}", s.median, s.min, s.max,
                s.p99);
  return out;
}

class NoEffects : public EffectRunner {
 public:
  void run(const Effect&) override {}
};

// A phone-sized headless frame loop over the real views.
class Frames {
 public:
  Frames(float width, float height) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = load_ui_fonts(io, 3.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    apply_touch_style(ImGui::GetStyle());
  }
  ~Frames() { ImGui::DestroyContext(context_); }
  bool ok() const { return fonts_.body != nullptr; }
  int vertices = 0;  // in the last frame: shows the screen was really drawn

  // CPU time of each frame: the views build their draw lists and ImGui finishes them (what the GPU
  // backend then uploads is the same for any screen of this size and is left out).
  std::vector<double> run(const AppState& state, int frames) {
    std::vector<double> times;
    for (int i = 0; i < frames; ++i) {
      const auto start = Clock::now();
      ImGui::NewFrame();
      draw_app(state, ui_, fonts_, [](Action) {});
      ImGui::Render();
      times.push_back(ms_since(start));
      vertices = ImGui::GetDrawData()->TotalVtxCount;
    }
    return times;
  }

 private:
  ImGuiContext* context_ = nullptr;
  UiFonts fonts_;
  UiState ui_;
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir;
  int frames = 120;
  int runs = 5;
  std::size_t products = 100000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
    } else if (arg == "--frames" && i + 1 < argc) {
      frames = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--products" && i + 1 < argc) {
      products = static_cast<std::size_t>(std::max(1000, std::atoi(argv[++i])));
    } else {
      std::fprintf(stderr, "usage: ui_bench [--out DIR] [--frames N] [--runs N] [--products N]\n(unknown: %s)\n",
                   arg.c_str());
      return 2;
    }
  }

  const seed::SeedData data = seed::generate_seed({1, products});
  const Company& company = data.companies.front();
  PriceList prices = data.price_lists.front();
  sort_by_sku(prices);  // as the client's protocol adapter hands price lists to the store
  const auto buyer = std::find_if(data.users.begin(), data.users.end(),
                                  [&](const seed::SeedUser& u) { return u.user.company_id == company.id; });

  AppState state;
  state.locale = Locale::pl;
  state.device_id = "bench";
  state.today = {2026, 11, 28};
  state.server.connection = Connection::Online;
  backend::Session session;
  session.token = "bench";
  session.user = buyer->user;
  session.company = company;
  state.session = session;
  state.prices = prices;

  // The cart: 1,000 lines of products with a price, all of them known to the device.
  Cart cart{"k-bench", "Budowa", session.user.id, {}, 1};
  for (const Product& product : data.products) {
    if (cart.lines.size() == 1000) break;
    if (!product.active || !price_entry(prices, product.sku)) continue;
    cart.lines.push_back({product.sku, product.min_order_quantity, ""});
    state.carts.known_products.push_back(product);
  }
  state.carts.carts = {cart};
  state.carts.synced = {cart};
  state.carts.active_cart_id = cart.id;

  Frames phone(390, 844);
  if (!phone.ok()) {
    std::fprintf(stderr, "cannot build the UI font atlas\n");
    return 1;
  }
  std::vector<double> cart_frames, catalog_frames;
  int cart_vertices = 0, catalog_vertices = 0;
  AppState cart_screen = state;
  cart_screen.screen = Screen::Carts;
  AppState catalog_screen = state;
  catalog_screen.screen = Screen::Catalog;
  catalog_screen.catalog.query = "a";
  // 100,000 results in the list, the last products first: their prices are not at the list's start.
  catalog_screen.catalog.results.assign(data.products.rbegin(), data.products.rend());
  for (int r = 0; r < runs; ++r) {
    const auto c = phone.run(cart_screen, frames);
    cart_frames.insert(cart_frames.end(), c.begin() + 1, c.end());  // the first frame lays out fonts
    cart_vertices = phone.vertices;
    const auto k = phone.run(catalog_screen, frames);
    catalog_frames.insert(catalog_frames.end(), k.begin() + 1, k.end());
    catalog_vertices = phone.vertices;
  }

  // Device records: the state with the 1,000-line cart, and the catalog snapshot.
  AppState with_catalog = state;
  with_catalog.catalog.local = std::make_shared<const LocalCatalog>(data.products, 1);
  std::vector<double> state_encode, state_decode, catalog_encode, catalog_decode;
  std::string state_bytes, catalog_bytes;
  for (int r = 0; r < runs; ++r) {
    auto start = Clock::now();
    // As on a device that has synced: the catalog snapshot holds the cart's products. The store's save: the
    // record and its commitments (which decide how durably it is written).
    state_bytes = state_record_of(with_catalog).bytes;
    state_encode.push_back(ms_since(start));
    start = Clock::now();
    const auto restored = decode_device_state(state_bytes);
    state_decode.push_back(ms_since(start));
    if (!restored || restored.value().value.carts.front().lines.size() != 1000) {
      std::fprintf(stderr, "the device state did not read back\n");
      return 1;
    }
    start = Clock::now();
    catalog_bytes = encode_catalog_snapshot(catalog_snapshot_of(with_catalog));
    catalog_encode.push_back(ms_since(start));
    start = Clock::now();
    const auto snapshot = decode_catalog_snapshot(catalog_bytes);
    catalog_decode.push_back(ms_since(start));
    if (!snapshot || snapshot.value().value.products.size() != data.products.size()) {
      std::fprintf(stderr, "the catalog snapshot did not read back\n");
      return 1;
    }
  }
  if (!out_dir.empty()) {
    write_file(out_dir + "/state.bin", state_bytes);
    write_file(out_dir + "/catalog.bin", catalog_bytes);
  }

  std::printf(
      "{\"products\":%zu,\"cart_lines\":%zu,\"frames_per_run\":%d,\"runs\":%d,"
      "\"frame_ms\":{\"cart_1000_lines\":%s,\"catalog_%zu_results\":%s},"
      "\"frame_vertices\":{\"cart\":%d,\"catalog\":%d},"
      "\"records\":{\"state\":{\"bytes\":%zu,\"encode_ms\":%s,\"decode_ms\":%s},"
      "\"catalog\":{\"bytes\":%zu,\"encode_ms\":%s,\"decode_ms\":%s}}}\n",
      data.products.size(), cart.lines.size(), frames, runs, json_stats(stats_of(cart_frames)).c_str(),
      data.products.size(), json_stats(stats_of(catalog_frames)).c_str(), cart_vertices, catalog_vertices,
      state_bytes.size(), json_stats(stats_of(state_encode)).c_str(), json_stats(stats_of(state_decode)).c_str(),
      catalog_bytes.size(), json_stats(stats_of(catalog_encode)).c_str(), json_stats(stats_of(catalog_decode)).c_str());
  return 0;
}
