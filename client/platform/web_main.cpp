// Browser entry point: an SDL2 window with a WebGL2 context, Dear ImGui's SDL2 and OpenGL3
// backends, the store, and the functions the page and browser tests call.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "b2b/backend/backends.hpp"
#include "b2b/backend/own_protocol.hpp"
#include "core/store.hpp"
#include "core/widget_registry.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"
#include "imgui_internal.h"
#include "platform/web_device.hpp"
#include "platform/web_embed.hpp"
#include "platform/web_http.hpp"
#include "platform/web_storage.hpp"
#include "ui/app_view.hpp"
#include "ui/registry_hooks.hpp"
#include "ui/theme.hpp"

namespace {

using namespace b2b::client;

constexpr const char* kCanvas = "#canvas";

AppState with_backend_problem(AppState state,
                              const b2b::Result<std::shared_ptr<const b2b::backend::Gateway>>& gateway) {
  if (!gateway) state.login.error = gateway.error();
  return state;
}

struct WebApp {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  // The backend the page names; a kind the client does not know is said on the sign-in screen. The
  // adapters are only in b2b_client_adapters (cmake/WebApp.cmake): most shops speak our protocol, and
  // their buyers' phones need not download the Vendure and Medusa code (some 45 KiB gzipped).
  b2b::Result<std::shared_ptr<const b2b::backend::Gateway>> gateway =
#ifdef B2B_WEB_ADAPTERS
      b2b::backend::gateway_for(page_backend_kind(), page_backend_key());
#else
      b2b::backend::own_gateway_for(page_backend_kind());
#endif
  WebEffectRunner effects{gateway ? gateway.value() : nullptr};
  b2b::backend::OwnProtocol protocol = gateway && gateway.value()
                                           ? b2b::backend::OwnProtocol(gateway.value()->capabilities())
                                           : b2b::backend::OwnProtocol();
  Store store{effects, protocol, with_backend_problem(restore_from_browser_storage(initial_state()), gateway)};
  WidgetRegistry registry;
  UiState ui;
  UiFonts fonts;
  std::uint64_t frame = 0;
  std::string widgets_json;  // keeps the string b2b_widgets_json returns alive
  std::int64_t last_tick = 0;
  b2b::embed::Theme applied_theme;  // the colours in ImGui's style now
  // The last frames' CPU time, for benchmarks: [0] the whole frame (events, views, ImGui, GL calls),
  // [1] only building it (views and ImGui, from NewFrame to Render).
  double frame_cpu_ms[2][120] = {};
  std::size_t frames_timed = 0;
};

WebApp* g_app = nullptr;

// Keeps the canvas backing store at CSS size x devicePixelRatio (also when only the ratio
// changes, which fires no resize event) and the fonts rasterised for that ratio.
void sync_canvas_and_fonts(double& css_w, double& css_h, int& fb_w, int& fb_h, float& dpr) {
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  const int want_w = static_cast<int>(std::lround(css_w * dpr));
  const int want_h = static_cast<int>(std::lround(css_h * dpr));
  emscripten_get_canvas_element_size(kCanvas, &fb_w, &fb_h);
  if (fb_w != want_w || fb_h != want_h) {
    emscripten_set_canvas_element_size(kCanvas, want_w, want_h);
    fb_w = want_w;
    fb_h = want_h;
  }
  // A start without a session draws its sign-in screen with only the interface's glyphs (less than half the
  // atlas to rasterise and upload before anything shows) and completes them on the next frame, before anyone
  // types. A returning buyer's first screen shows the shop's texts: complete glyphs from the start.
  const bool first_atlas = g_app->fonts.device_pixel_ratio == 0;
  const bool incomplete = g_app->fonts.body && g_app->fonts.glyphs == FontGlyphs::Interface;
  if (g_app->fonts.device_pixel_ratio != dpr || incomplete) {
    // Set by the OpenGL backend when it uploads the atlas (and reset by the rebuild below).
    const bool texture_uploaded = ImGui::GetIO().Fonts->TexID != ImTextureID{};
    const FontGlyphs glyphs =
        first_atlas && !g_app->store.state().session ? FontGlyphs::Interface : FontGlyphs::Complete;
    UiFonts fonts = load_ui_fonts(ImGui::GetIO(), dpr, glyphs);
    if (!fonts.body) {
      // The atlas was cleared: the old fonts are gone too. No frames (run_frame needs a body font) until
      // the density changes again, rather than drawing with dangling fonts or retrying every frame.
      std::fprintf(stderr, "cannot build the UI font atlas at pixel density %.2f: the app stops drawing\n", dpr);
      g_app->fonts = UiFonts{};
      g_app->fonts.device_pixel_ratio = dpr;
      return;
    }
    g_app->fonts = fonts;
    // The first time, ImGui_ImplOpenGL3_NewFrame uploads the atlas with the other GL objects; uploading
    // it here too would send the megabytes (at 3x density) to the GPU twice on the way to the first frame.
    if (texture_uploaded) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
  }
}

// Once a second: the store's clock, for retries and "last synced" times.
void tick_clock(WebApp& app) {
  const auto now = static_cast<std::int64_t>(emscripten_date_now() / 1000);
  if (now == app.last_tick) return;
  app.last_tick = now;
  const int offset_minutes = EM_ASM_INT({ return -new Date().getTimezoneOffset(); });
  app.store.dispatch(Tick{now, offset_minutes});
}

void run_frame() {
  WebApp& app = *g_app;
  tick_clock(app);
  SDL_Event event;
  while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);

  double css_w = 0, css_h = 0;
  int fb_w = 0, fb_h = 0;
  float dpr = 1;
  sync_canvas_and_fonts(css_w, css_h, fb_w, fb_h, dpr);
  if (css_w < 1 || css_h < 1 || !app.fonts.body) return;

  const double frame_start = emscripten_get_now();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  // Layout in CSS pixels, drawn at the real pixel density.
  io.DisplaySize = ImVec2(static_cast<float>(css_w), static_cast<float>(css_h));
  io.DisplayFramebufferScale = ImVec2(static_cast<float>(fb_w / css_w), static_cast<float>(fb_h / css_h));

  app.registry.begin_frame(++app.frame, io.DisplaySize.x, io.DisplaySize.y, dpr);
  const double build_start = emscripten_get_now();
  ImGui::NewFrame();
  draw_app(app.store.state(), app.ui, app.fonts, [&](Action action) { app.store.dispatch(std::move(action)); });
  ImGui::Render();
  const double built = emscripten_get_now();
  if (app.store.state().embed.connected) report_preferred_height(app.ui.preferred_height);
  app.registry.end_frame();

  glViewport(0, 0, fb_w, fb_h);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const std::size_t slot = app.frames_timed++ % std::size(app.frame_cpu_ms[0]);
  app.frame_cpu_ms[0][slot] = emscripten_get_now() - frame_start;
  app.frame_cpu_ms[1][slot] = built - build_start;

  app.store.process();
  // A portal's colours take effect from the next frame.
  const b2b::embed::Theme& theme = app.store.state().embed.theme;
  if (theme != app.applied_theme) {
    apply_colours(ImGui::GetStyle(), theme.dark.value_or(false), theme.accent);
    app.applied_theme = theme;
  }
}

}  // namespace

extern "C" {

// The widget registry of the last drawn frame as JSON (see client/core/widget_registry.hpp).
EMSCRIPTEN_KEEPALIVE const char* b2b_widgets_json() {
  g_app->widgets_json = g_app->registry.to_json();
  return g_app->widgets_json.c_str();
}

// Frames drawn so far: tests wait on this instead of sleeping.
EMSCRIPTEN_KEEPALIVE double b2b_frame_count() { return g_app ? static_cast<double>(g_app->frame) : 0; }

// 1 when the UI font has a glyph for every character of the UTF-8 text, else 0.
EMSCRIPTEN_KEEPALIVE int b2b_font_has_glyphs(const char* utf8) {
  if (!g_app || !g_app->fonts.body) return 0;
  const char* end = utf8 + std::strlen(utf8);
  while (utf8 < end) {
    unsigned int codepoint = 0;
    utf8 += ImTextCharFromUtf8(&codepoint, utf8, end);
    if (!g_app->fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(codepoint))) return 0;
  }
  return 1;
}

// Where syncing stands (see sync_status_json), for browser tests.
EMSCRIPTEN_KEEPALIVE const char* b2b_sync_status_json() {
  g_app->widgets_json = sync_status_json(g_app->store.state());
  return g_app->widgets_json.c_str();
}

// The median CPU time of the last 120 frames in ms, for the frame-time benchmark: part 0 the whole frame
// (building and submitting it; the GPU's own work and the store's processing are not in it), part 1 only
// building it (the views and ImGui).
EMSCRIPTEN_KEEPALIVE double b2b_frame_cpu_ms(int part) {
  if (!g_app || g_app->frames_timed == 0 || part < 0 || part > 1) return 0;
  const double* ring = g_app->frame_cpu_ms[part];
  const std::size_t count = std::min(g_app->frames_timed, std::size(g_app->frame_cpu_ms[part]));
  std::vector<double> times(ring, ring + count);
  std::nth_element(times.begin(), times.begin() + count / 2, times.end());
  return times[count / 2];
}

// The browser's online/offline events.
EMSCRIPTEN_KEEPALIVE void b2b_network_hint(int online) {
  if (g_app) g_app->store.dispatch(NetworkHint{online != 0});
}

// web/storage.js: the storage failed after main() read Module.b2bStored (a first visit does not wait for
// the database to open).
EMSCRIPTEN_KEEPALIVE void b2b_storage_lost(const char* problem) {
  if (g_app) g_app->store.dispatch(StorageLost{problem});
}

// web/embed_client.js: a portal on the shop's allowlist embeds the app (storage: 0 available,
// 1 partitioned, 2 unavailable).
EMSCRIPTEN_KEEPALIVE void b2b_host_connected(int storage) {
  if (!g_app) return;
  const auto kind = storage == 0   ? b2b::embed::StorageKind::Available
                    : storage == 1 ? b2b::embed::StorageKind::Partitioned
                                   : b2b::embed::StorageKind::Unavailable;
  g_app->store.dispatch(HostConnected{kind});
}

// web/embed_client.js: a message from that portal's checked origin, as JSON.
EMSCRIPTEN_KEEPALIVE void b2b_host_message(const char* json) {
  if (g_app) g_app->store.dispatch(HostPosted{json});
}

EMSCRIPTEN_KEEPALIVE void b2b_on_http_response(int request_id, int status, const char* body, const char* headers) {
  if (g_app) g_app->effects.on_http_response(request_id, status, body, headers);
}

}  // extern "C"

int main() {
  // Keys typed into the page go to the canvas, not to SDL's window-wide handler.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, kCanvas);
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  // ImGui draws 2D triangles in order: no depth buffer to allocate and clear at the phone's full density.
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);

  g_app = new WebApp();
  g_app->effects.bind(g_app->store);
  // The canvas is sized by CSS to the viewport; SDL follows it (RESIZABLE + an external size).
  g_app->window = SDL_CreateWindow("B2B", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 390, 844,
                                   SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!g_app->window) {
    std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
    return 1;
  }
  g_app->gl = SDL_GL_CreateContext(g_app->window);
  if (!g_app->gl) {
    std::fprintf(stderr, "WebGL2 context failed: %s\n", SDL_GetError());
    EM_ASM({
      if (Module.b2bReportNoWebGL2) Module.b2bReportNoWebGL2();
    });  // not a blank page
    return 1;
  }
  SDL_GL_MakeCurrent(g_app->window, g_app->gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.MouseDragThreshold = 10.0f;  // a finger wobbles; a small drag is still a tap
  apply_touch_style(ImGui::GetStyle());
  bind_widget_registry(ImGui::GetCurrentContext(), &g_app->registry);
  ImGui_ImplSDL2_InitForOpenGL(g_app->window, g_app->gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  watch_network_events();
  g_app->store.dispatch(AppStarted{});
  const std::string start_token = take_start_token();
  if (!start_token.empty()) g_app->store.dispatch(RedeemStartToken{start_token});
  embed_app_started();
  emscripten_set_main_loop(run_frame, 0, true);
  return 0;
}
