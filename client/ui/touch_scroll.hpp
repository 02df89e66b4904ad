// Drag-to-scroll with inertia for touch screens (Dear ImGui has none), and the rule that a drag
// never clicks the item it started on while a tap still does.
#pragma once
#include <array>

#include "imgui.h"

namespace b2b::client {

struct TouchScrollConfig {
  // Velocity decays as exp(-friction * t): 2/s is about iOS's normal deceleration (0.998 per ms),
  // so a flick glides for v / friction pixels in total.
  float friction = 2.0f;
  float min_glide_speed = 30.0f;    // px/s: a glide ends below this, and a slower release does not start one
  float max_glide_speed = 8000.0f;  // px/s: caps a wild flick
  float velocity_window = 0.1f;     // s: the release velocity is fitted over the finger's last samples in this span
  float tap_stops_speed = 150.0f;   // px/s: a touch on content gliding faster only stops it, it does not tap
};

// UI-only state of one scrollable region (a window or child window). Call update() every frame right
// after the region's ImGui::Begin()/BeginChild() and before its items:
//   ImGui::Begin("##list", ...);
//   scroller.update();
// Only touch-screen input (io.MouseSource == ImGuiMouseSource_TouchScreen) scrolls; mouse and pen keep
// ImGui's behaviour. Time comes from io.DeltaTime only, so the same inputs give the same scrolling.
class TouchScroller {
 public:
  explicit TouchScroller(TouchScrollConfig config = {}) : config_(config) {}

  void update();

  // Stops a glide and forgets a gesture in progress, e.g. when the region's content is replaced.
  void stop();

  bool dragging() const { return phase_ == Phase::Dragging; }  // the scroller owns the finger
  bool gliding() const { return phase_ == Phase::Gliding; }
  ImVec2 velocity() const { return velocity_; }  // scroll px/s while gliding

 private:
  enum class Phase { Idle, Pressed, Dragging, Gliding };
  struct Sample {
    float time;
    ImVec2 pos;
  };

  void add_sample(ImVec2 pos);
  ImVec2 release_velocity() const;

  TouchScrollConfig config_;
  Phase phase_ = Phase::Idle;
  ImGuiID window_id_ = 0;  // the window updated last
  int last_frame_ = -1;    // ImGui frame count of the last update
  ImVec2 position_;        // scroll in float: ImGui rounds window scroll to whole pixels every frame
  ImVec2 velocity_;
  ImVec2 finger_;                     // where the press began, then the last position applied to the scroll
  ImGuiID active_at_press_ = 0;       // ActiveId when the press began: an item already active keeps its drag
  float clock_ = 0;                   // seconds since the press
  std::array<Sample, 32> samples_{};  // ring buffer: 100 ms is 12 samples at 120 Hz
  int sample_count_ = 0;
  int sample_next_ = 0;
};

}  // namespace b2b::client
