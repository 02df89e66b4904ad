// The widget registry: every interactive item drawn in the last frame, with a stable id, label,
// role, rectangle in CSS pixels and state. Browser tests find and tap items through it; the
// on-screen-keyboard bridge and a future accessibility mirror read it too. No ImGui here.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace b2b::client {

// Appends text as a JSON string literal (quotes and escapes included).
void append_json_string(std::string& out, std::string_view text);

// Status is not interactive: text that tells the user how things stand (connection, errors).
enum class WidgetRole { Button, TextField, Checkbox, Radio, ListItem, Tab, TreeNode, Status };

const char* role_name(WidgetRole role);

// Which on-screen keyboard a text field wants (the page maps it to the <textarea>'s inputmode).
enum class InputMode { Text, Numeric, Decimal, Email, Password };

const char* input_mode_name(InputMode mode);

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct WidgetInfo {
  std::uint32_t id = 0;  // ImGui's id: a hash of the id stack, stable across frames
  std::string key;       // locale-independent name given after "##" in the label, may be empty
  std::string label;     // what the user reads (the label up to "##")
  WidgetRole role = WidgetRole::Button;
  WidgetRect rect;          // whole item
  WidgetRect visible_rect;  // part inside its clip rectangle; empty when scrolled away
  bool enabled = true;
  bool has_checked = false;
  bool checked = false;
  bool has_value = false;
  std::string value;
  bool has_input_mode = false;  // only text fields report it
  InputMode input_mode = InputMode::Text;
};

// How a drawn item looked when ImGui registered it.
struct ItemFlags {
  bool inputable = false;
  bool checkable = false;
  bool checked = false;
  bool openable = false;
};

class WidgetRegistry {
 public:
  void begin_frame(std::uint64_t frame, float viewport_width, float viewport_height, float device_pixel_ratio);
  // Closes the frame: its items become what items() and to_json() return.
  void end_frame();

  // From ImGui's item hooks, in the order ImGui calls them.
  void on_item_add(std::uint32_t id, WidgetRect rect, WidgetRect clip, bool enabled);
  void on_item_info(std::uint32_t id, std::string_view raw_label, ItemFlags flags);

  // Text that is not an ImGui item but that people (and tests) must be able to read.
  void add_status(std::string key, std::string text, WidgetRect rect);

  // Annotations from view code for what ImGui's hooks cannot know.
  void set_next_role(WidgetRole role) {
    next_role_ = role;
    has_next_role_ = true;
  }
  void set_last_checked(bool checked);
  void set_last_value(std::string value);
  void set_last_input_mode(InputMode mode);

  std::uint64_t frame() const { return published_frame_; }
  const std::vector<WidgetInfo>& items() const { return published_; }
  const WidgetInfo* find_by_key(std::string_view key) const;
  const WidgetInfo* find_by_label(std::string_view label) const;

  // {"frame":N,"viewport":{...},"items":[...]} of the last completed frame.
  std::string to_json() const;

 private:
  struct Pending {
    std::uint32_t id;
    WidgetRect rect;
    WidgetRect clip;
    bool enabled;
  };
  WidgetInfo* last_item();

  std::uint64_t frame_ = 0;
  float viewport_w_ = 0, viewport_h_ = 0, dpr_ = 1;
  std::vector<Pending> pending_;  // items added this frame, waiting for their info
  std::vector<WidgetInfo> building_;
  bool last_is_item_ = false;  // the last record is an ImGui item that annotations may describe
  WidgetRole next_role_ = WidgetRole::Button;
  bool has_next_role_ = false;

  std::uint64_t published_frame_ = 0;
  float published_w_ = 0, published_h_ = 0, published_dpr_ = 1;
  std::vector<WidgetInfo> published_;
};

}  // namespace b2b::client
