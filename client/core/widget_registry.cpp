// Collects ImGui's item hooks into WidgetInfo records and serialises them for JavaScript.
#include "widget_registry.hpp"

#include <algorithm>
#include <cstdio>

namespace b2b::client {

const char* role_name(WidgetRole role) {
  switch (role) {
    case WidgetRole::Button:
      return "button";
    case WidgetRole::TextField:
      return "text_field";
    case WidgetRole::Checkbox:
      return "checkbox";
    case WidgetRole::Radio:
      return "radio";
    case WidgetRole::ListItem:
      return "list_item";
    case WidgetRole::Tab:
      return "tab";
    case WidgetRole::TreeNode:
      return "tree_node";
    case WidgetRole::Status:
      return "status";
  }
  return "button";
}

const char* input_mode_name(InputMode mode) {
  switch (mode) {
    case InputMode::Text:
      return "text";
    case InputMode::Numeric:
      return "numeric";
    case InputMode::Decimal:
      return "decimal";
    case InputMode::Email:
      return "email";
    case InputMode::Password:
      return "password";
  }
  return "text";
}

namespace {

WidgetRect intersect(WidgetRect a, WidgetRect b) {
  const float x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
  const float x1 = std::min(a.x + a.w, b.x + b.w), y1 = std::min(a.y + a.h, b.y + b.h);
  if (x1 <= x0 || y1 <= y0) return {};
  return {x0, y0, x1 - x0, y1 - y0};
}

void append_number(std::string& out, double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  out += text;
}

void append_rect(std::string& out, const char* name, WidgetRect r) {
  out += '"';
  out += name;
  out += "\":{\"x\":";
  append_number(out, r.x);
  out += ",\"y\":";
  append_number(out, r.y);
  out += ",\"w\":";
  append_number(out, r.w);
  out += ",\"h\":";
  append_number(out, r.h);
  out += '}';
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;  // UTF-8 passes through unchanged
        }
    }
  }
  out += '"';
}

void WidgetRegistry::begin_frame(std::uint64_t frame, float viewport_width, float viewport_height,
                                 float device_pixel_ratio) {
  frame_ = frame;
  viewport_w_ = viewport_width;
  viewport_h_ = viewport_height;
  dpr_ = device_pixel_ratio;
  pending_.clear();
  building_.clear();
  last_is_item_ = false;
  has_next_role_ = false;
}

void WidgetRegistry::end_frame() {
  published_.swap(building_);
  published_frame_ = frame_;
  published_w_ = viewport_w_;
  published_h_ = viewport_h_;
  published_dpr_ = dpr_;
}

void WidgetRegistry::on_item_add(std::uint32_t id, WidgetRect rect, WidgetRect clip, bool enabled) {
  pending_.push_back({id, rect, clip, enabled});
}

void WidgetRegistry::on_item_info(std::uint32_t id, std::string_view raw_label, ItemFlags flags) {
  // The info belongs to the most recent add of the same id (normally the last one).
  auto added = std::find_if(pending_.rbegin(), pending_.rend(), [&](const Pending& p) { return p.id == id; });
  if (added == pending_.rend()) return;

  WidgetInfo info;
  info.id = id;
  const std::size_t hashes = raw_label.find("##");
  info.label = std::string(raw_label.substr(0, hashes));
  if (hashes != std::string_view::npos) {
    std::string_view key = raw_label.substr(hashes + 2);
    if (!key.empty() && key.front() == '#') key.remove_prefix(1);  // "###key"
    info.key = std::string(key);
  }
  if (has_next_role_) {
    info.role = next_role_;
    has_next_role_ = false;
  } else if (flags.inputable) {
    info.role = WidgetRole::TextField;
  } else if (flags.checkable) {
    info.role = WidgetRole::Checkbox;
  } else if (flags.openable) {
    info.role = WidgetRole::TreeNode;
  }
  if (flags.checkable) {
    info.has_checked = true;
    info.checked = flags.checked;
  }
  info.rect = added->rect;
  info.visible_rect = intersect(intersect(added->rect, added->clip), {0, 0, viewport_w_, viewport_h_});
  info.enabled = added->enabled;
  building_.push_back(std::move(info));
  last_is_item_ = true;
}

void WidgetRegistry::add_status(std::string key, std::string text, WidgetRect rect) {
  WidgetInfo info;
  info.key = std::move(key);
  info.label = std::move(text);
  info.role = WidgetRole::Status;
  info.rect = rect;
  info.visible_rect = intersect(rect, {0, 0, viewport_w_, viewport_h_});
  building_.push_back(std::move(info));
  last_is_item_ = false;
}

WidgetInfo* WidgetRegistry::last_item() {
  if (building_.empty() || !last_is_item_) return nullptr;
  return &building_.back();
}

void WidgetRegistry::set_last_checked(bool checked) {
  if (WidgetInfo* item = last_item()) {
    item->has_checked = true;
    item->checked = checked;
  }
}

void WidgetRegistry::set_last_value(std::string value) {
  if (WidgetInfo* item = last_item()) {
    item->has_value = true;
    item->value = std::move(value);
  }
}

void WidgetRegistry::set_last_input_mode(InputMode mode) {
  if (WidgetInfo* item = last_item()) {
    item->has_input_mode = true;
    item->input_mode = mode;
  }
}

const WidgetInfo* WidgetRegistry::find_by_key(std::string_view key) const {
  for (const WidgetInfo& item : published_)
    if (item.key == key) return &item;
  return nullptr;
}

const WidgetInfo* WidgetRegistry::find_by_label(std::string_view label) const {
  for (const WidgetInfo& item : published_)
    if (item.label == label) return &item;
  return nullptr;
}

std::string WidgetRegistry::to_json() const {
  std::string out;
  out.reserve(128 + published_.size() * 200);
  out += "{\"frame\":";
  out += std::to_string(published_frame_);
  out += ",\"viewport\":{\"width\":";
  append_number(out, published_w_);
  out += ",\"height\":";
  append_number(out, published_h_);
  out += ",\"dpr\":";
  append_number(out, published_dpr_);
  out += "},\"items\":[";
  bool first = true;
  for (const WidgetInfo& item : published_) {
    if (!first) out += ',';
    first = false;
    out += "{\"id\":";
    out += std::to_string(item.id);
    out += ",\"key\":";
    append_json_string(out, item.key);
    out += ",\"label\":";
    append_json_string(out, item.label);
    out += ",\"role\":\"";
    out += role_name(item.role);
    out += "\",";
    append_rect(out, "rect", item.rect);
    out += ',';
    append_rect(out, "visible_rect", item.visible_rect);
    out += ",\"visible\":";
    out += item.visible_rect.w > 0 ? "true" : "false";
    out += ",\"enabled\":";
    out += item.enabled ? "true" : "false";
    if (item.has_checked) {
      out += ",\"checked\":";
      out += item.checked ? "true" : "false";
    }
    if (item.has_value) {
      out += ",\"value\":";
      append_json_string(out, item.value);
    }
    if (item.has_input_mode && item.role == WidgetRole::TextField) {
      out += ",\"input_mode\":\"";
      out += input_mode_name(item.input_mode);
      out += '"';
    }
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace b2b::client
