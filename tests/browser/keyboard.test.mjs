// The on-screen keyboard bridge (web/text_input.js): a tap on a text field focuses the hidden
// textarea, its input events (typed text, Polish letters, IME composition, deletions) reach the
// field exactly once, a tap elsewhere closes it, and a desktop keyboard types without doubling.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PHONE, openApp, screenshot, tap, useServerAndBrowser, waitForWidget, waitFrames,
} from "./harness.mjs";

const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

const env = useServerAndBrowser();


const activeElementId = (page) => page.evaluate(() => document.activeElement?.id ?? "");

async function searchValue(page) {
  return page.evaluate(() => {
    const registry = JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json()));
    return registry.items.find((i) => i.key === "email")?.value;
  });
}

// Waits until the search field holds `expected`, then checks it stays so (nothing arrives twice).
async function expectSearchValue(page, expected) {
  try {
    await page.waitForFunction((text) => {
      const registry = JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json()));
      return registry.items.find((i) => i.key === "email")?.value === text;
    }, expected, { timeout: 10000 });
  } catch {
    assert.equal(await searchValue(page), expected, "the search field's text");
  }
  await waitFrames(page, 6);
  assert.equal(await searchValue(page), expected, "the search field's text, a few frames later");
  assert.equal(await page.evaluate(() => window.b2bTextInput.textarea.value), "", "the textarea is kept empty");
}

// An input event as a phone's keyboard sends it (headless Chromium has no on-screen keyboard).
async function dispatchInput(page, inputType, data = null) {
  await page.evaluate(({ inputType, data }) => {
    const textarea = document.getElementById("b2b-text-input");
    textarea.dispatchEvent(new InputEvent("input", { inputType, data, bubbles: true }));
  }, { inputType, data });
}

async function dispatchComposition(page, steps, final) {
  await page.evaluate(({ steps, final }) => {
    const textarea = document.getElementById("b2b-text-input");
    textarea.dispatchEvent(new CompositionEvent("compositionstart", { data: "" }));
    for (const step of steps) {
      textarea.dispatchEvent(new InputEvent("input", { inputType: "insertCompositionText", data: step, isComposing: true }));
    }
    textarea.dispatchEvent(new CompositionEvent("compositionend", { data: final }));
  }, { steps, final });
}

const waitForEditing = (page) => page.waitForFunction(() => Module._b2b_wants_text_input() === 1);

test("phone: a tap on the search field opens the keyboard bridge and typed text reaches the field", async () => {
  const { context, page, problems } = await openApp(env, PHONE);
  const search = await waitForWidget(page, "email");
  assert.equal(search.role, "text_field");
  assert.equal(search.value, "");
  assert.equal(search.input_mode, "email", "the e-mail field asks for an e-mail keyboard");
  assert.ok(search.rect.h >= 44, "the field is touch-sized");

  await tap(page, search);
  assert.equal(await activeElementId(page), "b2b-text-input", "the tap focused the textarea at once");
  const attributes = await page.evaluate(() => {
    const t = document.getElementById("b2b-text-input");
    const style = getComputedStyle(t);
    return {
      inputmode: t.getAttribute("inputmode"), enterkeyhint: t.getAttribute("enterkeyhint"),
      autocapitalize: t.getAttribute("autocapitalize"), autocorrect: t.getAttribute("autocorrect"),
      spellcheck: t.spellcheck, fontSize: style.fontSize, opacity: style.opacity,
      top: parseFloat(style.top), tag: t.tagName,
    };
  });
  assert.deepEqual(attributes, {
    inputmode: "email", enterkeyhint: "done", autocapitalize: "off", autocorrect: "off", spellcheck: false,
    fontSize: "16px", opacity: "0", top: search.visible_rect.y, tag: "TEXTAREA",
  });
  await waitForEditing(page);
  // No on-screen keyboard in headless Chromium: the inset the views read stays 0.
  assert.equal(await page.evaluate(() => window.b2bTextInput.keyboardInset()), 0);
  assert.equal(await page.evaluate(() => typeof Module._b2b_set_keyboard_inset), "function");

  await page.keyboard.insertText("łącznik");  // what an on-screen keyboard's commit produces
  await expectSearchValue(page, "łącznik");
  await dispatchInput(page, "deleteContentBackward");
  await expectSearchValue(page, "łączni");
  await dispatchInput(page, "insertText", "k M8 ");
  await expectSearchValue(page, "łącznik M8 ");
  // Android keyboards compose whole words: each update replaces the previous one in the field.
  await dispatchComposition(page, ["ś", "śr", "śru", "śrub", "śruba"], "śruba");
  await expectSearchValue(page, "łącznik M8 śruba");
  await dispatchComposition(page, ["ż", "żó"], "żółw");  // the IME's final text wins
  await expectSearchValue(page, "łącznik M8 śrubażółw");
  await dispatchInput(page, "deleteContentBackward");
  await dispatchInput(page, "deleteContentBackward");
  await dispatchInput(page, "deleteContentBackward");
  await dispatchInput(page, "deleteContentBackward");
  await expectSearchValue(page, "łącznik M8 śruba");
  assert.equal(await activeElementId(page), "b2b-text-input", "still editing");
  await screenshot(page, "phone-search-focused");

  // A tap outside every field ends the edit: ImGui lets go of the field, the bridge blurs.
  await page.touchscreen.tap(195, 820);
  await page.waitForFunction(() => document.activeElement?.id !== "b2b-text-input");
  assert.equal(await page.evaluate(() => Module._b2b_wants_text_input()), 0);
  assert.equal(await page.evaluate(() => window.b2bTextInput.isEditing()), false);
  assert.equal(await searchValue(page), "łącznik M8 śruba", "the text stays in the field");

  // A tap on the field again resumes editing at the end of the text.
  await tap(page, await waitForWidget(page, "email"));
  assert.equal(await activeElementId(page), "b2b-text-input");
  await dispatchInput(page, "insertText", "!");
  await expectSearchValue(page, "łącznik M8 śruba!");

  // Enter (insertLineBreak from a phone keyboard) ends the edit too.
  await dispatchInput(page, "insertLineBreak");
  await page.waitForFunction(() => document.activeElement?.id !== "b2b-text-input");
  assert.equal(await searchValue(page), "łącznik M8 śruba!");

  assert.deepEqual(problems, []);
  await context.close();
});

test("desktop: a hardware keyboard types into the clicked field once, editing keys work", async () => {
  const { context, page, problems } = await openApp(env, DESKTOP);
  const search = await waitForWidget(page, "email");
  const r = search.visible_rect;
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  assert.equal(await activeElementId(page), "b2b-text-input", "the click focused the textarea");

  // Typed at once: the bridge holds text back until ImGui has activated the field.
  await page.keyboard.type("łącznik 42");
  await expectSearchValue(page, "łącznik 42");
  await page.keyboard.press("Backspace");
  await expectSearchValue(page, "łącznik 4");
  await page.keyboard.press("Home");
  await page.keyboard.type("M");
  await expectSearchValue(page, "Młącznik 4");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Delete");
  await page.keyboard.type("ą");
  await expectSearchValue(page, "Młącznik ą");  // End, Left, Delete removed the "4"

  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id !== "b2b-text-input");
  assert.equal(await page.evaluate(() => Module._b2b_wants_text_input()), 0);
  await screenshot(page, "desktop-search-typed");
  assert.deepEqual(problems, []);
  await context.close();
});
