// Dear ImGui build configuration shared by every translation unit that includes imgui.h.
#pragma once
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
// Item hooks feed the widget registry (browser tests, later accessibility); no test engine is linked.
#define IMGUI_ENABLE_TEST_ENGINE
