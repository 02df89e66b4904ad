// The on-screen keyboard bridge: phones show no keyboard for a <canvas>, so a hidden <textarea>
// takes focus while an ImGui text field is edited, and its text and editing keys go to the wasm app.
(function () {
  "use strict";

  // Frames ImGui may take to activate a tapped field before the bridge gives up and blurs.
  const ACTIVATION_FRAMES = 30;
  // A finger that moved further than this (CSS px) was scrolling, not tapping (as ImGui's drag threshold).
  const TAP_SLOP = 10;
  // DOM keyCodes routed to ImGui (see client/platform/web_text_input.hpp); the textarea itself
  // would otherwise act on them (or move the focus away, for Tab).
  const EDIT_KEYS = new Set([8, 9, 13, 27, 35, 36, 37, 38, 39, 40, 46]);
  const SHORTCUT_KEYS = new Set([65, 89, 90]);  // Ctrl+A, Ctrl+Y, Ctrl+Z
  const KEY = { backspace: 8, enter: 13, shift: 16, ctrl: 17, alt: 18, delete: 46 };

  const canvas = document.getElementById("canvas");
  const textarea = document.createElement("textarea");
  textarea.id = "b2b-text-input";
  textarea.tabIndex = -1;  // reached through taps on fields, never by the browser's Tab order
  textarea.rows = 1;
  for (const [name, value] of Object.entries({
    autocapitalize: "off", autocomplete: "off", autocorrect: "off", spellcheck: "false",
    inputmode: "text", enterkeyhint: "done",
  })) textarea.setAttribute(name, value);
  // Invisible but focusable (display:none or visibility:hidden would get no keyboard); 16px so
  // iOS does not zoom; no pointer events so taps keep reaching the canvas.
  Object.assign(textarea.style, {
    position: "fixed", left: "0px", top: "0px", width: "1px", height: "1px", margin: "0", padding: "0",
    border: "0", outline: "none", resize: "none", overflow: "hidden", opacity: "0", zIndex: "-1",
    fontSize: "16px", lineHeight: "16px", color: "transparent", background: "transparent",
    caretColor: "transparent", pointerEvents: "none", whiteSpace: "pre",
  });
  document.body.appendChild(textarea);

  const ready = () => window.b2bReady === true;
  const frameCount = () => Module._b2b_frame_count();

  // --- Talking to C++ ------------------------------------------------------------------------

  const modifiers = { shift: false, ctrl: false, alt: false };
  const keysDown = new Set();  // routed keys ImGui has seen go down

  function setModifier(name, down) {
    if (modifiers[name] === down) return;
    modifiers[name] = down;
    Module._b2b_key_event(KEY[name], down ? 1 : 0);
  }

  function syncModifiers(event) {
    setModifier("shift", event.shiftKey);
    setModifier("ctrl", event.ctrlKey || event.metaKey);
    setModifier("alt", event.altKey);
  }

  // Until ImGui has activated the tapped field, typed text would go nowhere: hold it back.
  let session = null;  // { id, startFrame, armed, pending: [fn] }

  function send(fn) {
    if (session && !session.armed) session.pending.push(fn);
    else fn();
  }

  function sendText(text) {
    if (!text) return;
    send(() => {
      // ImGui ignores characters while it believes Ctrl (without Alt) is held: a paste by Ctrl+V
      // arrives as text, so drop the modifiers first.
      setModifier("ctrl", false);
      setModifier("alt", false);
      Module.ccall("b2b_text_input", null, ["string"], [text]);
    });
  }

  function pressKey(code, withCtrl = false) {
    send(() => {
      if (withCtrl) setModifier("ctrl", true);
      Module._b2b_key_event(code, 1);
      Module._b2b_key_event(code, 0);
      if (withCtrl) setModifier("ctrl", false);
    });
  }

  function keyboardInset() {
    const vv = window.visualViewport;
    if (!vv) return 0;
    return Math.max(0, Math.round(window.innerHeight - vv.height - vv.offsetTop));
  }

  // --- Which field, where --------------------------------------------------------------------

  function registry() {
    return JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json()));
  }

  // The text field of the last drawn frame under (x, y) in the canvas's CSS px, or null.
  function textFieldAt(x, y) {
    for (const item of registry().items) {
      if (item.role !== "text_field" || !item.visible || !item.enabled) continue;
      const r = item.visible_rect;
      if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) return item;
    }
    return null;
  }

  // Keeps the textarea over the field, so the browser scrolls the field into view for the keyboard.
  function placeOver(item) {
    const canvasRect = canvas.getBoundingClientRect();
    const r = item.visible_rect;
    Object.assign(textarea.style, {
      left: canvasRect.left + r.x + "px", top: canvasRect.top + r.y + "px",
      width: Math.max(1, r.w) + "px", height: Math.max(16, r.h) + "px",
    });
  }

  function inputModeOf(item) {
    switch (item.input_mode) {
      case "numeric": return "numeric";
      case "decimal": return "decimal";
      case "email": return "email";
      default: return "text";  // password too: a text keyboard; the textarea keeps nothing typed
    }
  }

  // --- Starting and ending an edit -----------------------------------------------------------

  // Runs synchronously inside the tap's event handler: iOS opens its keyboard only then.
  function beginEditing(item) {
    const mode = inputModeOf(item);
    const wasFocused = document.activeElement === textarea;
    const modeChanged = textarea.getAttribute("inputmode") !== mode;
    textarea.setAttribute("inputmode", mode);
    textarea.setAttribute("enterkeyhint", "done");
    textarea.setAttribute("aria-label", item.label || item.key || "");
    placeOver(item);
    // Focusing an already focused element does nothing: after Android's back button hid the
    // keyboard, or for a new keyboard kind, a blur and focus brings the keyboard back.
    if (wasFocused && (modeChanged || keyboardInset() === 0)) textarea.blur();
    resetComposition();
    textarea.value = "";
    if (document.activeElement !== textarea) textarea.focus({ preventScroll: true });
    session = { id: item.id, startFrame: frameCount(), armed: false, pending: [] };
  }

  function endEditing() {
    session = null;
    textarea.blur();
    // Desktop keys go to SDL again, which listens on the canvas.
    canvas.focus({ preventScroll: true });
  }

  textarea.addEventListener("blur", () => {
    // Also when the user closed the keyboard (iOS "Done"): the field stays active in ImGui and a
    // tap on it opens the keyboard again.
    session = null;
    resetComposition();
    textarea.value = "";
    // Their key-up goes elsewhere now (Enter that ended the edit): release them in ImGui.
    for (const code of keysDown) Module._b2b_key_event(code, 0);
    keysDown.clear();
    setModifier("shift", false);
    setModifier("ctrl", false);
    setModifier("alt", false);
    if (window.visualViewport && window.visualViewport.offsetTop > 0) window.scrollTo(0, 0);  // iOS pan
  });

  // ImGui decides whether a field is being edited; the bridge follows it every animation frame.
  function poll() {
    requestAnimationFrame(poll);
    if (!ready() || !session || document.activeElement !== textarea) return;
    if (Module._b2b_wants_text_input()) {
      if (!session.armed) {
        session.armed = true;
        const pending = session.pending;
        session.pending = [];
        for (const fn of pending) fn();
      }
    } else if (session.armed || frameCount() - session.startFrame > ACTIVATION_FRAMES) {
      endEditing();  // the user tapped elsewhere, pressed Enter or Escape, or the field went away
    }
  }
  requestAnimationFrame(poll);

  // --- Taps ------------------------------------------------------------------------------------

  function onTap(clientX, clientY) {
    if (!ready()) return;
    const canvasRect = canvas.getBoundingClientRect();
    const item = textFieldAt(clientX - canvasRect.left, clientY - canvasRect.top);
    if (item) beginEditing(item);
    // Elsewhere ImGui deactivates the field by itself and poll() then blurs the textarea.
  }

  let touchStart = null;
  canvas.addEventListener("touchstart", (event) => {
    const t = event.changedTouches[0];
    touchStart = event.touches.length === 1 && t ? { x: t.clientX, y: t.clientY } : null;
  }, { passive: true });
  canvas.addEventListener("touchend", (event) => {
    const t = event.changedTouches[0];
    const start = touchStart;
    touchStart = null;
    if (!t || !start || Math.hypot(t.clientX - start.x, t.clientY - start.y) > TAP_SLOP) return;
    onTap(t.clientX, t.clientY);
  }, { passive: true });

  // Mouse and pen; touches are handled above (iOS needs touchend for the keyboard).
  let pointerStart = null;
  canvas.addEventListener("pointerdown", (event) => {
    pointerStart = event.pointerType !== "touch" && event.button === 0 ? { x: event.clientX, y: event.clientY } : null;
  });
  canvas.addEventListener("pointerup", (event) => {
    const start = pointerStart;
    pointerStart = null;
    if (event.pointerType === "touch" || event.button !== 0 || !start) return;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > TAP_SLOP) return;
    onTap(event.clientX, event.clientY);
  });

  // --- Text and keys ---------------------------------------------------------------------------

  // IME composition (Android keyboards compose whole words, CJK input methods phrases): the
  // composed text is mirrored into the field as it changes, replacing what was sent before.
  let composing = false;
  let composed = [];  // code points already sent for the current composition

  function resetComposition() {
    composing = false;
    composed = [];
  }

  function updateComposition(text) {
    const next = Array.from(text);
    let same = 0;
    while (same < composed.length && same < next.length && composed[same] === next[same]) same++;
    for (let i = same; i < composed.length; i++) pressKey(KEY.backspace);
    sendText(next.slice(same).join(""));
    composed = next;
  }

  textarea.addEventListener("compositionstart", () => {
    composing = true;
    composed = [];
  });
  textarea.addEventListener("compositionend", (event) => {
    updateComposition(event.data ?? composed.join(""));
    resetComposition();
    textarea.value = "";  // the IME is done with it: keep the textarea short
  });

  textarea.addEventListener("input", (event) => {
    if (!ready()) return;
    const type = event.inputType || "insertText";
    if (type === "insertCompositionText") {
      composing = true;
      updateComposition(event.data ?? "");
      return;  // the IME owns the textarea's content until compositionend
    }
    // Safari's leftovers around compositionend: the text was sent by updateComposition already.
    if (type === "insertFromComposition" || type === "deleteCompositionText" || type === "deleteByComposition") {
      return;
    }
    if (type === "deleteContentBackward") pressKey(KEY.backspace);
    else if (type === "deleteContentForward") pressKey(KEY.delete);
    else if (type === "deleteWordBackward") pressKey(KEY.backspace, true);
    else if (type === "deleteWordForward") pressKey(KEY.delete, true);
    else if (type === "insertLineBreak" || type === "insertParagraph") pressKey(KEY.enter);
    else if (type.startsWith("insert")) {
      // A paste or drop carries its text in the value only; typed text has it in data too.
      sendText(event.data != null && event.data !== "" ? event.data : textarea.value);
    }
    if (!composing) textarea.value = "";  // forwarded: the textarea never grows
  });

  // Editing keys of a hardware keyboard (and of on-screen keyboards that send real key codes)
  // go to ImGui directly; preventing their default keeps them from also arriving as input events.
  textarea.addEventListener("keydown", (event) => {
    if (!ready() || event.isComposing || event.keyCode === 229) return;  // 229: an IME is at work
    const code = event.keyCode;
    const shortcut = SHORTCUT_KEYS.has(code) && (event.ctrlKey || event.metaKey) && !event.altKey;
    if (!EDIT_KEYS.has(code) && !shortcut) return;  // text arrives as an input event
    event.preventDefault();
    keysDown.add(code);
    send(() => {
      syncModifiers(event);
      Module._b2b_key_event(code, 1);
    });
  });
  textarea.addEventListener("keyup", (event) => {
    if (!ready()) return;
    const code = event.keyCode;
    const wasDown = keysDown.delete(code);
    send(() => {
      if (wasDown) Module._b2b_key_event(code, 0);
      syncModifiers(event);
    });
  });

  // --- The keyboard's height -------------------------------------------------------------------

  // iOS pans the visual viewport over the keyboard instead of resizing the page: tell the views how
  // much of the canvas's bottom is covered, and keep the textarea over the field being edited.
  function onViewportChange() {
    if (!ready()) return;
    Module._b2b_set_keyboard_inset(keyboardInset());
    if (!session) return;
    const item = registry().items.find((i) => i.id === session.id);
    if (item && item.visible) placeOver(item);
  }
  if (window.visualViewport) {
    window.visualViewport.addEventListener("resize", onViewportChange);
    window.visualViewport.addEventListener("scroll", onViewportChange);
  }

  // For tests and debugging.
  window.b2bTextInput = { textarea, keyboardInset, isEditing: () => session !== null };
})();
