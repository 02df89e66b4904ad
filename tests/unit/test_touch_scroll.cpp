// TouchScroller driven headlessly: a phone-sized list of touch-sized buttons fed finger (or mouse)
// events frame by frame at a fixed io.DeltaTime, so nothing depends on the wall clock.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <functional>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"  // ButtonEx() and its flags
#include "ui/touch_scroll.hpp"

using b2b::client::TouchScrollConfig;
using b2b::client::TouchScroller;

namespace {

constexpr float kWidth = 390.0f;
constexpr float kHeight = 844.0f;
constexpr float kRowHeight = 48.0f;
constexpr ImGuiWindowFlags kFullScreen =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;

// A full-screen window with `rows` buttons 48 px high under one TouchScroller; records which rows were
// pressed and which one ImGui holds active.
class ListHarness {
 public:
  explicit ListHarness(int rows = 200, float fps = 60.0f) : rows_(rows), scroller_(config()) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kWidth, kHeight);
    io.DeltaTime = 1.0f / fps;
    io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    frames(2);  // the layout (scroll range, rows) is known from the second frame
  }
  ~ListHarness() { ImGui::DestroyContext(context_); }
  ListHarness(const ListHarness&) = delete;
  ListHarness& operator=(const ListHarness&) = delete;

  // Fixed so that the tests do not change meaning when the defaults are tuned.
  static TouchScrollConfig config() {
    TouchScrollConfig c;
    c.friction = 2.0f;
    c.min_glide_speed = 30.0f;
    c.max_glide_speed = 8000.0f;
    c.velocity_window = 0.1f;
    c.tap_stops_speed = 150.0f;
    return c;
  }

  // 0: ImGui::Button()'s press on click, click on release over it. ImGuiButtonFlags_PressedOnRelease:
  // no ActiveId while held, a click on any release over it (as menu items do).
  ImGuiButtonFlags button_flags = 0;

  // Replaces the list, e.g. by nested regions; the default draws the rows into the full-screen window.
  std::function<void(ListHarness&)> draw = [](ListHarness& ui) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
    ImGui::Begin("list", nullptr, kFullScreen);
    ui.scroller().update();
    ui.record_scroll();
    ui.rows(0, ui.row_count());
    ImGui::End();
  };

  void frame() {
    ImGui::NewFrame();
    active_ = -1;
    draw(*this);
    ImGui::Render();
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }

  // Buttons [first, last) of the current window.
  void rows(int first, int last) {
    if (static_cast<int>(rects_.size()) < last) rects_.resize(last);
    for (int i = first; i < last; ++i) {
      ImGui::PushID(i);
      if (ImGui::ButtonEx("row", ImVec2(-FLT_MIN, kRowHeight), button_flags)) pressed_.push_back(i);
      if (ImGui::IsItemActive()) active_ = i;
      rects_[i] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
      ImGui::PopID();
    }
  }
  // Call right after the list's TouchScroller::update().
  void record_scroll() {
    if (scroll_request_ >= 0) ImGui::SetScrollY(scroll_request_);  // applied by the next Begin()
    scroll_request_ = -1;
    scroll_ = ImGui::GetScrollY();
    scroll_max_ = ImGui::GetScrollMaxY();
  }

  // Pointer input as SDL delivers it: the position first, the button in the next frame.
  void press(ImVec2 pos, ImGuiMouseSource source = ImGuiMouseSource_TouchScreen) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(source);
    io.AddMousePosEvent(pos.x, pos.y);
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    finger_ = pos;
  }
  void move_by(float dy) {
    finger_.y += dy;
    ImGui::GetIO().AddMousePosEvent(finger_.x, finger_.y);
    frame();
  }
  // Moves by dy in steps of at most `step` px, one per frame.
  void drag_by(float dy, float step = 10.0f) {
    const int n = static_cast<int>(std::ceil(std::fabs(dy) / step));
    for (int i = 0; i < n; ++i) move_by(dy / n);
  }
  void release() {
    ImGui::GetIO().AddMouseButtonEvent(0, false);
    frame();
  }
  void tap(ImVec2 pos) {
    press(pos);
    release();
  }
  // A finger moving at `speed` px/s (negative: up, scrolling down the list) for `seconds`, then lifted.
  void flick(ImVec2 from, float speed, float seconds = 0.15f) {
    press(from);
    const float dt = ImGui::GetIO().DeltaTime;
    for (float t = 0; t < seconds - dt * 0.5f; t += dt) move_by(speed * dt);
    release();
  }
  // Runs frames until the scroll stops changing (or `limit` frames); returns how many ran.
  int frames_until_still(int limit = 1000) {
    int n = 0;
    float last = -1;
    while (n < limit && (scroll_ != last || scroller_.gliding())) {
      last = scroll_;
      frame();
      ++n;
    }
    return n;
  }
  void scroll_to(float y) {
    scroll_request_ = y;
    frames(2);
  }

  TouchScroller& scroller() { return scroller_; }
  int row_count() const { return rows_; }
  float scroll() const { return scroll_; }
  float scroll_max() const { return scroll_max_; }
  const std::vector<int>& pressed() const { return pressed_; }
  int active() const { return active_; }
  ImVec2 centre(int row) const {
    const auto& [min, max] = rects_[row];
    return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2);
  }
  // The first row whose centre is at least `y` px from the top of the screen.
  int row_below(float y) const {
    for (int i = 0; i < static_cast<int>(rects_.size()); ++i)
      if (centre(i).y >= y) return i;
    return -1;
  }

 private:
  ImGuiContext* context_ = nullptr;
  int rows_;
  TouchScroller scroller_;
  float scroll_ = 0, scroll_max_ = 0, scroll_request_ = -1;
  std::vector<std::pair<ImVec2, ImVec2>> rects_;
  std::vector<int> pressed_;
  int active_ = -1;
  ImVec2 finger_;
};

const ImVec2 kMiddle(kWidth / 2, 600);

}  // namespace

TEST_CASE("a touch drag scrolls the list with the finger") {
  ListHarness ui;
  REQUIRE(ui.scroll_max() > 5000);
  ui.press(kMiddle);

  SUBCASE("step by step, one frame behind it") {
    for (int step = 1; step <= 30; ++step) {
      ui.move_by(-10);
      // The scroll of a move is applied by the next Begin(), as for the mouse wheel.
      CHECK(ui.scroll() == doctest::Approx(10.0f * (step - 1)));
    }
    ui.frame();
    CHECK(ui.scroll() == doctest::Approx(300));
  }
  SUBCASE("in one jump") {
    ui.move_by(-300);
    ui.frame();
    CHECK(ui.scroll() == doctest::Approx(300));
  }
  SUBCASE("back and forth") {
    ui.drag_by(-300);
    ui.drag_by(120);
    ui.frame();
    CHECK(ui.scroll() == doctest::Approx(180));
  }
  SUBCASE("and stays there when the finger rests before lifting") {
    ui.drag_by(-300);
    ui.frames(10);
    ui.release();
    ui.frames(60);
    CHECK(ui.scroll() == doctest::Approx(300));
    CHECK_FALSE(ui.scroller().gliding());
  }
  CHECK(ui.pressed().empty());
}

TEST_CASE("a flick glides on after the finger lifts, slower and slower, and stops") {
  float fps = 60;
  SUBCASE("at 60 frames per second") { fps = 60; }
  SUBCASE("at 30 frames per second") { fps = 30; }
  SUBCASE("at 144 frames per second") { fps = 144; }
  CAPTURE(fps);
  ListHarness ui(200, fps);
  ui.flick(ImVec2(kWidth / 2, 700), -2400);
  const float at_release = ui.scroll();
  CHECK(ui.scroller().gliding());
  // The fitted finger speed, already decayed by the release frame's glide step.
  CHECK(ui.scroller().velocity().y == doctest::Approx(2400 * std::exp(-2.0f / fps)).epsilon(0.01));

  std::vector<float> steps;
  float last = ui.scroll();
  for (int i = 0; i < static_cast<int>(5 * fps); ++i) {
    ui.frame();
    steps.push_back(ui.scroll() - last);
    last = ui.scroll();
  }
  CHECK(steps[2] > 0);
  for (size_t i = 1; i < steps.size(); ++i) {
    INFO("frame " << i);
    CHECK(steps[i] <= steps[i - 1] + 1.0f);  // ImGui rounds the scroll to whole pixels
  }
  CHECK_FALSE(ui.scroller().gliding());
  CHECK(steps.back() == 0);
  // v0 / friction = 1200 px, less the tail below the stop speed: the same at any frame rate.
  CHECK(ui.scroll() - at_release == doctest::Approx(1200).epsilon(0.05));
  CHECK(ui.pressed().empty());
}

TEST_CASE("the release velocity comes from the last ~100 ms, not from one frame") {
  ListHarness ui;
  ui.press(ImVec2(kWidth / 2, 700));
  for (int i = 0; i < 8; ++i) ui.move_by(-40);

  SUBCASE("a finger that rested before lifting does not glide") {
    ui.frames(8);  // 133 ms still
    ui.release();
    const float at_release = ui.scroll();
    ui.frames(60);
    CHECK_FALSE(ui.scroller().gliding());
    CHECK(ui.scroll() == doctest::Approx(at_release).epsilon(0.01));
  }
  SUBCASE("a jitter back in the last frame does not reverse the flick") {
    ui.move_by(3);
    ui.release();
    CHECK(ui.scroller().velocity().y > 1500);
    const float at_release = ui.scroll();
    ui.frames_until_still();
    CHECK(ui.scroll() - at_release > 800);
  }
  SUBCASE("a last frame without movement does not stop the flick") {
    ui.frame();
    ui.release();
    CHECK(ui.scroller().velocity().y > 1500);
  }
}

TEST_CASE("a new touch during a glide stops it") {
  ListHarness ui;
  ui.flick(ImVec2(kWidth / 2, 700), -3000);
  ui.frames(10);
  REQUIRE(ui.scroller().gliding());
  // Runs a frame for the last glide step to land, then checks the list stays where it stopped.
  auto stays_put = [&ui] {
    ui.frame();
    const float stopped_at = ui.scroll();
    ui.frames(30);
    CHECK(ui.scroll() == stopped_at);
    return stopped_at;
  };

  SUBCASE("a touch") {
    ui.press(kMiddle);
    CHECK_FALSE(ui.scroller().gliding());
    const float stopped_at = stays_put();

    SUBCASE("which does not press the button it lands on") {
      CHECK(ui.active() == -1);
      ui.release();
      ui.frames(2);
      CHECK(ui.pressed().empty());
    }
    SUBCASE("after which lifting the finger does not restart the glide") {
      ui.release();
      ui.frames(30);
      CHECK(ui.scroll() == stopped_at);
    }
    SUBCASE("from which the finger can drag on") {
      ui.drag_by(-100);
      ui.frame();
      CHECK(ui.scroll() == doctest::Approx(stopped_at + 100));
    }
  }
  SUBCASE("a mouse click, too") {
    ui.press(kMiddle, ImGuiMouseSource_Mouse);
    CHECK_FALSE(ui.scroller().gliding());
    stays_put();
  }
  SUBCASE("the mouse wheel, too") {
    ImGui::GetIO().AddMouseWheelEvent(0, -1);
    ui.frame();
    CHECK_FALSE(ui.scroller().gliding());
    ui.frames(3);  // ImGui's own wheel scroll ends within a frame
    stays_put();
  }
}

namespace {

// Both variant levels need nesting: doctest enters one SUBCASE per level and run, so the gestures are
// SUBCASEs of a function that each variant's SUBCASE calls.
void drag_from_a_button(int rows, ImGuiButtonFlags flags) {
  ListHarness ui(rows);
  ui.button_flags = flags;
  const int row = 2;
  ui.press(ui.centre(row));
  if (flags == 0) CHECK(ui.active() == row);  // ImGui holds the button as the finger goes down

  SUBCASE("when the finger lifts elsewhere") {
    ui.drag_by(-100);
    CHECK(ui.active() == -1);  // and lets go of it once the finger drags
    ui.release();
  }
  SUBCASE("when the finger comes back onto the button before lifting") {
    ui.drag_by(-100);
    ui.drag_by(100);
    ui.frame();
    CHECK(ui.scroll() == 0);
    CHECK(ui.active() == -1);
    ui.release();
  }
  SUBCASE("when the drag is fast and the list glides") {
    ui.move_by(-60);
    ui.move_by(-60);
    ui.release();
  }
  ui.frames(3);
  CHECK(ui.pressed().empty());
}

}  // namespace

TEST_CASE("a drag that starts on a button does not press it") {
  SUBCASE("in a long list") { drag_from_a_button(200, 0); }
  SUBCASE("in a list too short to scroll") { drag_from_a_button(5, 0); }
  SUBCASE("of buttons that click on release") { drag_from_a_button(200, ImGuiButtonFlags_PressedOnRelease); }
}

namespace {

void tap_a_button(ImGuiButtonFlags flags) {
  ListHarness ui;
  ui.button_flags = flags;
  int row = 3;
  SUBCASE("without moving") { ui.press(ui.centre(row)); }
  SUBCASE("with a wiggle under the drag threshold") {
    ui.press(ui.centre(row));
    ui.move_by(4);
    ui.move_by(-2);
  }
  SUBCASE("after a glide has come to rest") {
    ui.flick(ImVec2(kWidth / 2, 700), -2400);
    ui.frames_until_still();
    REQUIRE(ui.scroll() > 500);
    row = ui.row_below(400);
    ui.press(ui.centre(row));
  }
  ui.release();
  ui.frame();
  REQUIRE(ui.pressed().size() == 1);
  CHECK(ui.pressed()[0] == row);
}

}  // namespace

TEST_CASE("a tap presses the button under the finger") {
  SUBCASE("of a plain button") { tap_a_button(0); }
  SUBCASE("of a button that clicks on release") { tap_a_button(ImGuiButtonFlags_PressedOnRelease); }
}

TEST_CASE("a mouse drag does not scroll (desktop keeps ImGui's behaviour)") {
  ListHarness ui;
  const int row = 3;
  ui.press(ui.centre(row), ImGuiMouseSource_Mouse);
  ui.drag_by(-300);
  ui.frame();
  CHECK(ui.scroll() == 0);
  CHECK(ui.active() == row);

  SUBCASE("releasing off the button does not click it") {
    ui.release();
    ui.frames(30);
    CHECK(ui.pressed().empty());
  }
  SUBCASE("releasing back on the button clicks it") {
    ui.drag_by(300);
    ui.release();
    REQUIRE(ui.pressed().size() == 1);
    CHECK(ui.pressed()[0] == row);
  }
  CHECK(ui.scroll() == 0);
  CHECK_FALSE(ui.scroller().gliding());
}

TEST_CASE("scrolling stops at the top and at the bottom") {
  ListHarness ui;
  const float max = ui.scroll_max();

  SUBCASE("dragging down at the top") {
    ui.press(ImVec2(kWidth / 2, 200));
    ui.drag_by(300);
    ui.frame();
    CHECK(ui.scroll() == 0);
    ui.release();
  }
  SUBCASE("dragging up past the bottom") {
    ui.scroll_to(max - 100);
    REQUIRE(ui.scroll() == doctest::Approx(max - 100));
    ui.press(kMiddle);
    ui.drag_by(-300);
    ui.frame();
    CHECK(ui.scroll() == doctest::Approx(max));
    ui.release();
  }
  SUBCASE("a flick past the top") {
    ui.scroll_to(300);
    ui.flick(ImVec2(kWidth / 2, 200), 3000, 0.07f);
  }
  SUBCASE("a flick past the bottom") {
    ui.scroll_to(max - 300);
    ui.flick(ImVec2(kWidth / 2, 700), -3000, 0.07f);
  }
  const int frames = ui.frames_until_still();
  CHECK(frames < 60);  // the edge ends the glide at once
  CHECK_FALSE(ui.scroller().gliding());
  const bool at_an_edge = ui.scroll() == 0 || ui.scroll() == doctest::Approx(max);
  CHECK(at_an_edge);
  CHECK(ui.scroll() >= 0);
  CHECK(ui.scroll() <= max);
  CHECK(ui.pressed().empty());
}

TEST_CASE("in nested regions the finger scrolls the innermost one that can scroll") {
  ListHarness ui;
  TouchScroller inner;
  bool inner_has_scroller = true;
  float inner_scroll = 0;
  ImVec2 inner_centre, inner_scrollbar;
  ui.draw = [&](ListHarness& h) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
    ImGui::Begin("outer", nullptr, kFullScreen);
    h.scroller().update();
    h.record_scroll();
    h.rows(0, 2);
    ImGui::BeginChild("inner", ImVec2(0, 400));
    if (inner_has_scroller) inner.update();
    inner_scroll = ImGui::GetScrollY();
    inner_centre = ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x * 0.5f,
                          ImGui::GetWindowPos().y + ImGui::GetWindowSize().y * 0.5f);
    // On the vertical scrollbar's grab, which is at the top of the track while unscrolled.
    inner_scrollbar = ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x - ImGui::GetStyle().ScrollbarSize / 2,
                             ImGui::GetWindowPos().y + 10);
    h.rows(2, 40);
    ImGui::EndChild();
    h.rows(40, 100);
    ImGui::End();
  };
  ui.frames(3);

  SUBCASE("a drag inside the inner list scrolls only the inner list") {
    ui.press(inner_centre);
    ui.drag_by(-100);
    ui.frame();
    CHECK(inner_scroll == doctest::Approx(100));
    CHECK(ui.scroll() == 0);
  }
  SUBCASE("a drag outside it scrolls the outer list") {
    ui.press(ImVec2(kWidth / 2, 700));
    ui.drag_by(-100);
    ui.frame();
    CHECK(inner_scroll == 0);
    CHECK(ui.scroll() == doctest::Approx(100));
  }
  SUBCASE("a drag on a child without a scroller scrolls the outer list") {
    inner_has_scroller = false;
    ui.frames(2);
    ui.press(inner_centre);
    ui.drag_by(-100);
    ui.frame();
    CHECK(inner_scroll == 0);
    CHECK(ui.scroll() == doctest::Approx(100));
  }
  SUBCASE("a drag on the scrollbar of a child without a scroller moves that scrollbar") {
    inner_has_scroller = false;
    ui.frames(2);
    ui.press(inner_scrollbar);
    ui.drag_by(100);
    ui.frame();
    CHECK(inner_scroll > 300);  // the grab moves a track much shorter than the content
    CHECK(ui.scroll() == 0);
  }
  ui.release();
  ui.frames(2);
  CHECK(ui.pressed().empty());
}

TEST_CASE("a drag in a text field being edited selects text instead of scrolling") {
  ListHarness ui;
  char text[64] = "a quantity or a search typed earlier";
  ImVec2 field;
  bool editing = false;
  ui.draw = [&](ListHarness& h) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
    ImGui::Begin("form", nullptr, kFullScreen);
    h.scroller().update();
    h.record_scroll();
    h.rows(0, 5);
    ImGui::InputText("##field", text, sizeof text);
    editing = ImGui::IsItemActive();
    field = ImVec2(ImGui::GetItemRectMin().x + 20, (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    h.rows(5, h.row_count());
    ImGui::End();
  };
  ui.frames(3);

  SUBCASE("while it is being edited") {
    ui.tap(field);
    REQUIRE(editing);
    ui.press(field);
    ui.drag_by(-100);
    ui.frame();
    CHECK(ui.scroll() == 0);
    CHECK(editing);
  }
  SUBCASE("but a drag that starts on a field not being edited scrolls") {
    ui.press(field);
    ui.drag_by(-100);
    ui.frame();
    CHECK(ui.scroll() == doctest::Approx(100));
    CHECK_FALSE(editing);
  }
  ui.release();
  ui.frames(2);
  CHECK(ui.pressed().empty());
}
