// Drag-to-scroll with inertia for touch screens: finger tracking, release velocity, the glide, and
// taking the press away from the item under the finger once the finger drags.
#define IMGUI_DEFINE_MATH_OPERATORS  // must precede the first imgui.h, which touch_scroll.hpp includes
#include "touch_scroll.hpp"

#include <climits>
#include <cmath>

#include "imgui_internal.h"

namespace b2b::client {
namespace {

float squared(float v) { return v * v; }

// Each update stamps its window's state storage with the frame number, so that the scrollers of
// nested regions can all tell which one a press belongs to (a parent runs before its children).
ImGuiID scroller_mark_key() {
  static const ImGuiID key = ImHashStr("b2b/touch_scroller");
  return key;
}

bool has_live_scroller(ImGuiWindow* window, int frame) {
  return window->StateStorage.GetInt(scroller_mark_key(), INT_MIN) >= frame - 1;
}

// The hovered window, then its parents up to the top-level window (popups are not part of it).
ImGuiWindow* parent_region(ImGuiWindow* window) {
  return (window->Flags & ImGuiWindowFlags_ChildWindow) ? window->ParentWindow : nullptr;
}

bool under_pointer(const ImGuiContext& g, const ImGuiWindow* window) {
  for (ImGuiWindow* w = g.HoveredWindow; w != nullptr; w = parent_region(w))
    if (w == window) return true;
  return false;
}

// The region a press belongs to: of the regions under the finger that have a scroller, the innermost
// one that can scroll, else the innermost one (its drags still must not click).
ImGuiWindow* press_owner(const ImGuiContext& g) {
  ImGuiWindow* innermost = nullptr;
  for (ImGuiWindow* w = g.HoveredWindow; w != nullptr; w = parent_region(w)) {
    if (!has_live_scroller(w, g.FrameCount)) continue;
    if (w->ScrollMax.x > 0 || w->ScrollMax.y > 0) return w;
    if (innermost == nullptr) innermost = w;
  }
  return innermost;
}

// Whether the drag may become a scroll. Not when ImGui drags something itself (a window being moved,
// a drag-and-drop payload, a scrollbar), nor when the active item was active before this press began:
// that is a text field being edited, where a drag selects text. A button, or the window's MoveId on
// empty space, only became active through this press and is taken over.
bool may_take_press(const ImGuiContext& g, ImGuiID active_at_press) {
  if (g.MovingWindow != nullptr || g.DragDropActive) return false;
  if (g.ActiveId == 0) return true;
  if (g.ActiveId == active_at_press) return false;
  if (g.ActiveIdWindow != nullptr && (g.ActiveId == ImGui::GetWindowScrollbarID(g.ActiveIdWindow, ImGuiAxis_X) ||
                                      g.ActiveId == ImGui::GetWindowScrollbarID(g.ActiveIdWindow, ImGuiAxis_Y)))
    return false;
  return true;
}

// Makes the scroller the owner of the held finger, so the item it started on never sees its release:
// - the item stops being ActiveId, so ButtonBehavior() no longer treats the press as its own and does
//   not report a click on release, wherever the finger lifts (also back on the same item);
// - while ActiveId is ours, ItemHoverable() is false for every other item: nothing highlights under
//   the moving finger and nothing can become active when the finger lifts;
// - the left button's key owner becomes ours: owner-aware checks (IsMouseReleased(button, id), which
//   ButtonBehavior uses, e.g. for ImGuiButtonFlags_PressedOnRelease) fail for other ids until the frame
//   after the release, since ImGui keeps a button's owner through its release frame.
// The ActiveId is kept alive while the finger is down and left to ImGui's rule that clears an ActiveId
// nobody keeps alive, at the NewFrame() after the release.
void take_press(ImGuiContext& g, ImGuiWindow* window, ImGuiID id) {
  ImGui::SetActiveID(id, window);
  g.ActiveIdMouseButton = ImGuiMouseButton_Left;
  ImGui::SetKeyOwner(ImGuiKey_MouseLeft, id);
}

}  // namespace

void TouchScroller::stop() {
  phase_ = Phase::Idle;
  velocity_ = ImVec2();
}

void TouchScroller::add_sample(ImVec2 pos) {
  samples_[sample_next_] = {clock_, pos};
  sample_next_ = (sample_next_ + 1) % static_cast<int>(samples_.size());
  if (sample_count_ < static_cast<int>(samples_.size())) ++sample_count_;
}

// Least-squares slope of the finger's position over the samples of the last velocity_window seconds
// (at least the last two): one uneven frame or a lift without a final move does not decide the glide.
ImVec2 TouchScroller::release_velocity() const {
  const int size = static_cast<int>(samples_.size());
  auto newest = [&](int i) -> const Sample& { return samples_[(sample_next_ - 1 - i + 2 * size) % size]; };
  if (sample_count_ < 2) return {};
  const float last_time = newest(0).time;
  if (clock_ - last_time > config_.velocity_window) return {};  // no recent samples: frames stalled
  int n = 0;
  float mean_t = 0;
  ImVec2 mean_p;
  for (; n < sample_count_; ++n) {
    const Sample& s = newest(n);
    if (n >= 2 && last_time - s.time > config_.velocity_window) break;
    mean_t += s.time;
    mean_p += s.pos;
  }
  mean_t /= n;
  mean_p /= static_cast<float>(n);
  float var_t = 0;
  ImVec2 cov;
  for (int i = 0; i < n; ++i) {
    const Sample& s = newest(i);
    const float dt = s.time - mean_t;
    var_t += dt * dt;
    cov += (s.pos - mean_p) * dt;
  }
  return var_t > 0 ? cov / var_t : ImVec2();
}

void TouchScroller::update() {
  ImGuiContext& g = *GImGui;
  const ImGuiIO& io = g.IO;
  ImGuiWindow* window = g.CurrentWindow;
  IM_ASSERT(window != nullptr && "call TouchScroller::update() between Begin() and End()");
  const ImGuiID id = ImHashStr("##touch_scroll", 0, window->ID);

  // A skipped frame (region hidden, new context) or another window leaves nothing to continue.
  if (window->ID != window_id_ || g.FrameCount != last_frame_ + 1) stop();
  window_id_ = window->ID;
  last_frame_ = g.FrameCount;
  window->StateStorage.SetInt(scroller_mark_key(), g.FrameCount);

  // Keep the scroll in float (ImGui rounds it every frame, which would stall a slow glide), but follow
  // anyone else who moved it: the wheel, a scrollbar, keyboard navigation, SetScrollY(), new content.
  const ImVec2 max = window->ScrollMax;
  if (phase_ == Phase::Idle || phase_ == Phase::Pressed || ImFabs(window->Scroll.x - position_.x) > 1.0f ||
      ImFabs(window->Scroll.y - position_.y) > 1.0f)
    position_ = window->Scroll;
  const ImVec2 start = position_;

  // A new press in the region stops a glide; a touch press there starts tracking the finger.
  if (io.MouseClicked[0] && under_pointer(g, window)) {
    const bool was_moving = phase_ == Phase::Gliding && ImLengthSqr(velocity_) >= squared(config_.tap_stops_speed);
    stop();
    if (io.MouseSource == ImGuiMouseSource_TouchScreen && press_owner(g) == window) {
      phase_ = Phase::Pressed;
      clock_ = 0;
      sample_count_ = 0;
      sample_next_ = 0;
      finger_ = io.MousePos;
      active_at_press_ = g.ActiveId;
      add_sample(io.MousePos);
      // As on iOS and Android, a touch that catches moving content only stops it: the content moved
      // under the finger, so whatever is there now was not aimed at.
      if (was_moving) {
        take_press(g, window, id);
        phase_ = Phase::Dragging;
      }
    }
  } else if (phase_ == Phase::Gliding && (io.MouseWheel != 0 || io.MouseWheelH != 0) && under_pointer(g, window)) {
    stop();
  }

  if (phase_ == Phase::Pressed || phase_ == Phase::Dragging) {
    const bool down = io.MouseDown[0];
    const bool pos_valid = ImGui::IsMousePosValid(&io.MousePos);
    if (!io.MouseClicked[0]) {
      clock_ += io.DeltaTime;
      // No sample for the release frame: lifting adds no motion (touchend repeats the last position),
      // and a stationary sample there would only dilute a flick. A finger that rested before lifting
      // left stationary samples from the frames it was held.
      if (down && pos_valid) add_sample(io.MousePos);
    }
    if (phase_ == Phase::Pressed && pos_valid && ImLengthSqr(io.MousePos - finger_) > squared(io.MouseDragThreshold)) {
      if (may_take_press(g, active_at_press_)) {
        take_press(g, window, id);
        phase_ = Phase::Dragging;
      } else {
        phase_ = Phase::Idle;  // the gesture belongs to what ImGui is dragging
      }
    }
    if (phase_ == Phase::Dragging) {
      // The content point under the finger at the press stays under it (the threshold is not eaten).
      if (pos_valid) {
        position_ -= io.MousePos - finger_;
        finger_ = io.MousePos;
      }
      if (down) {
        ImGui::KeepAliveID(id);
      } else {
        velocity_ = release_velocity() * -1.0f;  // the content moves with the finger: scroll the other way
        const float speed_sq = ImLengthSqr(velocity_);
        if (speed_sq > squared(config_.max_glide_speed)) velocity_ *= config_.max_glide_speed / std::sqrt(speed_sq);
        phase_ = speed_sq >= squared(config_.min_glide_speed) ? Phase::Gliding : Phase::Idle;
        if (phase_ == Phase::Idle) velocity_ = ImVec2();
      }
    } else if (!down) {
      phase_ = Phase::Idle;  // a tap: the item under the finger had it
    }
  }

  // The glide starts on the release frame, so the content does not pause when the finger lifts.
  // v(t) = v0 exp(-friction t) is integrated exactly over dt, so the distance does not depend on the
  // frame rate.
  if (phase_ == Phase::Gliding) {
    const float decay = std::exp(-config_.friction * io.DeltaTime);
    position_ += velocity_ * ((1.0f - decay) / config_.friction);
    velocity_ *= decay;
  }

  if (phase_ == Phase::Dragging || phase_ == Phase::Gliding) {
    for (int axis = 0; axis < 2; ++axis) {
      const float clamped = ImClamp(position_[axis], 0.0f, ImMax(max[axis], 0.0f));
      if (clamped != position_[axis]) velocity_[axis] = 0;  // an edge stops the glide along that axis
      position_[axis] = clamped;
    }
    if (phase_ == Phase::Gliding && ImLengthSqr(velocity_) < squared(config_.min_glide_speed)) stop();
    // Applied by the next Begin() (this frame's items are already placed), the way the wheel scrolls.
    if (position_.x != start.x) ImGui::SetScrollX(window, position_.x);
    if (position_.y != start.y) ImGui::SetScrollY(window, position_.y);
  }
}

}  // namespace b2b::client
