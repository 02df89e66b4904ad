// The start screen drawn headlessly: what the registry reports, and taps that change state.
#include <doctest/doctest.h>

#include "b2b/protocol/health.hpp"
#include "ui_harness.hpp"

using namespace b2b;
using namespace b2b::client;
using b2b::client::testing::UiHarness;

namespace {
struct RecordingRunner : EffectRunner {
  std::vector<Effect> effects;
  void run(const Effect& effect) override { effects.push_back(effect); }
};
}  // namespace

TEST_CASE("the start screen on a phone") {
  RecordingRunner runner;
  UiHarness ui(runner, 390, 844, 3.0f);
  ui.store().dispatch(AppStarted{});
  ui.frame();
  ui.frame();

  SUBCASE("lists its buttons with labels, keys, roles and touch-sized rectangles") {
    const WidgetInfo* polish = ui.registry().find_by_key("lang_pl");
    const WidgetInfo* english = ui.registry().find_by_key("lang_en");
    const WidgetInfo* check = ui.registry().find_by_key("check_connection");
    REQUIRE(polish);
    REQUIRE(english);
    REQUIRE(check);
    CHECK(polish->role == WidgetRole::Radio);
    CHECK(polish->checked);
    CHECK_FALSE(english->checked);
    CHECK(check->label == "Sprawdź połączenie");
    CHECK_FALSE(check->enabled);  // a check is under way
    CHECK(ui.registry().find_by_key("server_status")->label == "Sprawdzanie połączenia…");
    for (const WidgetInfo& item : ui.registry().items()) {
      if (item.role == WidgetRole::Status) continue;
      INFO(item.label);
      CHECK(item.rect.h >= 44.0f);
      CHECK(item.rect.x >= 0.0f);
      CHECK(item.rect.x + item.rect.w <= 390.0f);
    }
  }

  SUBCASE("tapping English switches every label") {
    ui.tap_key("lang_en");
    CHECK(ui.store().state().locale == Locale::en);
    CHECK(ui.registry().find_by_key("check_connection")->label == "Check connection");
    CHECK(ui.registry().find_by_key("lang_en")->checked);
  }

  SUBCASE("a drag that starts on a button does not press it") {
    const WidgetInfo english = *ui.registry().find_by_key("lang_en");
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(english.rect.x + 10, english.rect.y + 10);
    ui.frame();
    io.AddMouseButtonEvent(0, true);
    ui.frame();
    io.AddMousePosEvent(english.rect.x + 10, english.rect.y + 200);  // finger slides away
    ui.frame();
    io.AddMouseButtonEvent(0, false);
    ui.frame();
    CHECK(ui.store().state().locale == Locale::pl);
  }

  SUBCASE("the connection check button is enabled again after the answer and sends a new check") {
    REQUIRE(runner.effects.size() == 1);
    ui.store().dispatch(HttpResponded{HttpPurpose::Health, 0, {0, {}, "offline"}});
    ui.frame();
    ui.frame();
    CHECK(ui.store().state().server.connection == Connection::Offline);
    CHECK(ui.registry().find_by_key("server_status")->label == "Brak połączenia: serwer nie odpowiada");
    CHECK(ui.registry().find_by_key("check_connection")->enabled);
    ui.tap_key("check_connection");
    CHECK(runner.effects.size() == 2);
    CHECK(ui.store().state().server.connection == Connection::Checking);
  }
}

TEST_CASE("storage lost after the start: the sign-in screen says nothing is kept, and why is in the state") {
  RecordingRunner runner;
  UiHarness ui(runner, 390, 844, 3.0f);
  ui.store().dispatch(AppStarted{});
  ui.frame();
  CHECK_FALSE(ui.registry().find_by_key("storage_unavailable"));
  ui.store().dispatch(StorageLost{"IndexedDB cannot be used here (QuotaExceededError)"});
  ui.frame();
  ui.frame();
  CHECK_FALSE(ui.store().state().storage.available);
  CHECK(ui.store().state().storage.problem == "IndexedDB cannot be used here (QuotaExceededError)");
  CHECK(ui.registry().find_by_key("storage_unavailable"));
  CHECK(ui.registry().find_by_key("sign_in")->enabled);  // signing in still works, only nothing is kept
}

TEST_CASE("on a tablet the content is a centred column") {
  RecordingRunner runner;
  UiHarness ui(runner, 1024, 768);
  ui.frame();
  ui.frame();
  const WidgetInfo* check = ui.registry().find_by_key("check_connection");
  REQUIRE(check);
  CHECK(check->rect.w == doctest::Approx(480));  // the sign-in column
  CHECK(check->rect.x == doctest::Approx((1024 - 480) / 2.0f).epsilon(0.05));
}
