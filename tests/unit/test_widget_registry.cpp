// The widget registry: labels and keys, roles, visibility, frames, and the JSON for JavaScript.
#include <doctest/doctest.h>

#include "core/widget_registry.hpp"

using namespace b2b::client;

namespace {
constexpr WidgetRect kScreen{0, 0, 390, 844};
}

TEST_CASE("labels are split into what people read and the key after ##") {
  WidgetRegistry registry;
  registry.begin_frame(1, 390, 844, 3);
  registry.on_item_add(10, {0, 0, 100, 48}, kScreen, true);
  registry.on_item_info(10, "Złóż zamówienie##place_order", {});
  registry.on_item_add(11, {0, 50, 100, 48}, kScreen, true);
  registry.on_item_info(11, "Anuluj###cancel", {});
  registry.on_item_add(12, {0, 100, 100, 48}, kScreen, true);
  registry.on_item_info(12, "Plain", {});
  registry.end_frame();

  REQUIRE(registry.items().size() == 3);
  CHECK(registry.items()[0].label == "Złóż zamówienie");
  CHECK(registry.items()[0].key == "place_order");
  CHECK(registry.items()[1].key == "cancel");
  CHECK(registry.items()[2].key.empty());
  CHECK(registry.find_by_key("place_order")->id == 10);
  CHECK(registry.find_by_label("Anuluj")->id == 11);
  CHECK(registry.find_by_key("missing") == nullptr);
}

TEST_CASE("roles come from ImGui's flags unless the view names one") {
  WidgetRegistry registry;
  registry.begin_frame(1, 390, 844, 1);
  registry.on_item_add(1, {0, 0, 10, 10}, kScreen, true);
  registry.on_item_info(1, "Button", {});
  registry.on_item_add(2, {0, 0, 10, 10}, kScreen, true);
  registry.on_item_info(2, "Name", {true, false, false, false});
  registry.on_item_add(3, {0, 0, 10, 10}, kScreen, true);
  registry.on_item_info(3, "Accept", {false, true, true, false});
  registry.on_item_add(4, {0, 0, 10, 10}, kScreen, true);
  registry.set_next_role(WidgetRole::Tab);
  registry.on_item_info(4, "Carts", {});
  registry.set_last_checked(true);
  registry.set_last_value("3");
  registry.on_item_add(5, {0, 0, 10, 10}, kScreen, true);
  registry.on_item_info(5, "After the hint", {});
  registry.end_frame();

  const auto& items = registry.items();
  REQUIRE(items.size() == 5);
  CHECK(items[0].role == WidgetRole::Button);
  CHECK_FALSE(items[0].has_checked);
  CHECK(items[1].role == WidgetRole::TextField);
  CHECK(items[2].role == WidgetRole::Checkbox);
  CHECK(items[2].checked);
  CHECK(items[3].role == WidgetRole::Tab);
  CHECK(items[3].checked);
  CHECK(items[3].value == "3");
  CHECK(items[4].role == WidgetRole::Button);  // a hint applies to one item only
}

TEST_CASE("items without info (scrollbars, windows) are not listed") {
  WidgetRegistry registry;
  registry.begin_frame(1, 390, 844, 1);
  registry.on_item_add(7, {0, 0, 10, 10}, kScreen, true);
  registry.on_item_info(99, "Never added", {});
  registry.end_frame();
  CHECK(registry.items().empty());
}

TEST_CASE("the visible rectangle is clipped by the item's clip rectangle and the viewport") {
  WidgetRegistry registry;
  registry.begin_frame(1, 390, 844, 1);
  registry.on_item_add(1, {0, 800, 100, 100}, kScreen, true);  // half below the screen
  registry.on_item_info(1, "Half", {});
  registry.on_item_add(2, {0, 10, 100, 40}, {0, 100, 390, 500}, true);  // scrolled out of its list
  registry.on_item_info(2, "Gone", {});
  registry.end_frame();
  CHECK(registry.items()[0].visible_rect.h == doctest::Approx(44));
  CHECK(registry.items()[1].visible_rect.w == 0);
}

TEST_CASE("a frame becomes visible only when it ends") {
  WidgetRegistry registry;
  registry.begin_frame(1, 390, 844, 1);
  registry.on_item_add(1, {0, 0, 10, 10}, kScreen, true);
  registry.on_item_info(1, "First", {});
  registry.end_frame();
  registry.begin_frame(2, 390, 844, 1);
  registry.on_item_add(2, {0, 0, 10, 10}, kScreen, true);
  registry.on_item_info(2, "Second", {});
  CHECK(registry.frame() == 1);
  CHECK(registry.items()[0].label == "First");
  registry.end_frame();
  CHECK(registry.frame() == 2);
  CHECK(registry.items()[0].label == "Second");
}

TEST_CASE("to_json escapes text and lists every field") {
  WidgetRegistry registry;
  registry.begin_frame(5, 390, 844, 3);
  registry.on_item_add(1, {1, 2, 3, 4}, kScreen, false);
  registry.on_item_info(1, "Say \"hi\"\\\n##k", {false, true, false, false});
  registry.end_frame();
  CHECK(registry.to_json() ==
        "{\"frame\":5,\"viewport\":{\"width\":390.00,\"height\":844.00,\"dpr\":3.00},\"items\":[{\"id\":1,"
        "\"key\":\"k\",\"label\":\"Say \\\"hi\\\"\\\\\\n\",\"role\":\"checkbox\","
        "\"rect\":{\"x\":1.00,\"y\":2.00,\"w\":3.00,\"h\":4.00},"
        "\"visible_rect\":{\"x\":1.00,\"y\":2.00,\"w\":3.00,\"h\":4.00},"
        "\"visible\":true,\"enabled\":false,\"checked\":false}]}");
}

TEST_CASE("status text is listed with its key, text and rectangle") {
  WidgetRegistry registry;
  registry.begin_frame(1, 390, 844, 1);
  registry.add_status("server_status", "Połączono: server-mock", {16, 300, 358, 24});
  registry.set_last_checked(true);  // annotations never attach to a status
  registry.end_frame();
  REQUIRE(registry.items().size() == 1);
  const WidgetInfo& status = registry.items()[0];
  CHECK(status.role == WidgetRole::Status);
  CHECK(status.key == "server_status");
  CHECK(status.label == "Połączono: server-mock");
  CHECK(status.visible_rect.h == doctest::Approx(24));
  CHECK_FALSE(status.has_checked);
}

TEST_CASE("text fields carry the keyboard they want into the JSON, only when the view names one") {
  WidgetRegistry registry;
  registry.begin_frame(1, 390, 844, 3);
  registry.on_item_add(1, {0, 0, 100, 48}, kScreen, true);
  registry.on_item_info(1, "Ilość##qty", {true, false, false, false});
  registry.set_last_input_mode(InputMode::Numeric);
  registry.on_item_add(2, {0, 50, 100, 48}, kScreen, true);
  registry.on_item_info(2, "##search", {true, false, false, false});
  registry.on_item_add(3, {0, 100, 100, 48}, kScreen, true);
  registry.on_item_info(3, "OK##ok", {});
  registry.set_last_input_mode(InputMode::Decimal);  // a button has no keyboard
  registry.on_item_add(4, {0, 150, 100, 48}, kScreen, true);
  registry.on_item_info(4, "Hasło##password", {true, false, false, false});
  registry.set_last_input_mode(InputMode::Password);
  registry.add_status("server_status", "Połączono", {0, 200, 100, 24});
  registry.set_last_input_mode(InputMode::Email);  // annotations never attach to a status
  registry.end_frame();

  const auto& items = registry.items();
  REQUIRE(items.size() == 5);
  CHECK(items[0].has_input_mode);
  CHECK(items[0].input_mode == InputMode::Numeric);
  CHECK_FALSE(items[1].has_input_mode);
  CHECK(items[1].input_mode == InputMode::Text);
  CHECK(items[3].input_mode == InputMode::Password);
  CHECK_FALSE(items[4].has_input_mode);

  const std::string json = registry.to_json();
  CHECK(json.find("\"key\":\"qty\",\"label\":\"Ilość\",\"role\":\"text_field\",") != std::string::npos);
  CHECK(json.find("\"enabled\":true,\"input_mode\":\"numeric\"}") != std::string::npos);
  CHECK(json.find("\"enabled\":true,\"input_mode\":\"password\"}") != std::string::npos);
  CHECK(json.find("decimal") == std::string::npos);
  CHECK(json.find("email") == std::string::npos);
  std::size_t modes = 0;
  for (std::size_t at = json.find("input_mode"); at != std::string::npos; at = json.find("input_mode", at + 1)) ++modes;
  CHECK(modes == 2);

  CHECK(std::string(input_mode_name(InputMode::Text)) == "text");
  CHECK(std::string(input_mode_name(InputMode::Decimal)) == "decimal");
  CHECK(std::string(input_mode_name(InputMode::Email)) == "email");
}
