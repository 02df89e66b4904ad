// The walking skeleton in headless Chromium: the page loads and draws, Polish letters are in the
// font, the canvas follows size and pixel density, and taps found through the registry work.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PHONE, TABLET, distinctColours, fetchedWasm, frameCount, openApp, pixelAt, screenshot, tap, useServerAndBrowser,
  waitForApp, waitForWidget, waitFrames, widgets,
} from "./harness.mjs";

const env = useServerAndBrowser();


async function canvasSize(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById("canvas");
    return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight };
  });
}

function isAccent([r, g, b]) {
  return r < 80 && g < 120 && b > 150;
}

test("phone: the app loads, draws, has Polish letters, and a tap switches the language", async () => {
  const { context, page, problems } = await openApp(env, PHONE);
  assert.equal(await page.locator("#loading").isHidden(), true, "the loading overlay is gone after the first frame");
  assert.deepEqual(await fetchedWasm(page), ["b2b_client.wasm"], "our protocol's build, without the adapters");

  const fontHasGlyphs = (text) =>
    page.evaluate((t) => Module.ccall("b2b_font_has_glyphs", "number", ["string"], [t]), text);
  assert.equal(await fontHasGlyphs("Złóż zamówienie ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ"), 1);
  assert.equal(await fontHasGlyphs("日本"), 0, "the glyph check can fail");
  // The first frame may have only the interface's glyphs; what shops and buyers write follows a frame later.
  await page.waitForFunction(
    () => Module.ccall("b2b_font_has_glyphs", "number", ["string"], ["Müller Dřevo 3×2,5 mm² 20 °C ½"]) === 1);

  const status = await waitForWidget(page, "server_status", "(i) => i.label.startsWith('Połączono')");
  assert.match(status.label, /server-mock/, "the client reached server-mock through fetch");

  const registry = await widgets(page);
  assert.deepEqual(registry.viewport, { width: 390, height: 844, dpr: 3 });
  const polish = registry.items.find((i) => i.key === "lang_pl");
  const english = registry.items.find((i) => i.key === "lang_en");
  assert.equal(polish.checked, true);
  assert.equal(english.checked, false);
  assert.equal(english.label, "English");
  for (const item of registry.items.filter((i) => i.role !== "status")) {
    assert.ok(item.rect.h >= 44 && item.rect.w >= 44, `${item.key} is at least 44x44 CSS px`);
  }

  const pl = await screenshot(page, "phone-start-pl");
  assert.ok(distinctColours(pl, { x: 0, y: 0, w: 390, h: 844 }, 3) > 20, "a frame with text was drawn");
  const leftEdge = (item) => [item.rect.x + 8, item.rect.y + item.rect.h / 2];
  assert.ok(isAccent(pixelAt(pl, ...leftEdge(polish), 3)), "the selected language is highlighted");
  assert.ok(!isAccent(pixelAt(pl, ...leftEdge(english), 3)));

  await tap(page, english);
  await waitForWidget(page, "check_connection", "(i) => i.label === 'Check connection'");
  const switched = await waitForWidget(page, "lang_en", "(i) => i.checked");
  assert.equal(switched.label, "English");
  await waitFrames(page, 2);
  const en = await screenshot(page, "phone-start-en");
  assert.ok(isAccent(pixelAt(en, ...leftEdge(english), 3)), "the highlight moved to English");
  assert.ok(!isAccent(pixelAt(en, ...leftEdge(polish), 3)));

  assert.deepEqual(problems, []);
  await context.close();
});

test("the canvas follows the viewport and rotation at pixel density 1, 2 and 3", async () => {
  for (const dpr of [1, 2, 3]) {
    const { context, page, problems } = await openApp(env, { ...PHONE, deviceScaleFactor: dpr });
    await waitFrames(page, 2);
    assert.deepEqual(await canvasSize(page), { width: 390 * dpr, height: 844 * dpr, cssWidth: 390, cssHeight: 844 });

    await page.setViewportSize({ width: 844, height: 390 });
    await page.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._b2b_widgets_json())).viewport.width === 844);
    assert.deepEqual(await canvasSize(page), { width: 844 * dpr, height: 390 * dpr, cssWidth: 844, cssHeight: 390 });
    const registry = await widgets(page);
    assert.equal(registry.viewport.dpr, dpr);
    const email = registry.items.find((i) => i.key === "email");
    assert.ok(email.visible, "the sign-in form is on screen after rotation");
    if (dpr === 3) await screenshot(page, "phone-landscape");
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("tablet: one centred column", async () => {
  const { context, page, problems } = await openApp(env, TABLET);
  const check = await waitForWidget(page, "check_connection", "(i) => i.enabled");
  assert.equal(check.rect.w, 480);  // the sign-in column
  assert.ok(Math.abs(check.rect.x + check.rect.w / 2 - 512) < 2, "centred");
  await screenshot(page, "tablet-start");
  assert.deepEqual(problems, []);
  await context.close();
});

test("no server: the status says so, and a tap on check connection recovers", async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.route("**/api/v1/health", (route) => route.abort("connectionrefused"));
  await page.goto(env.server.url);
  await waitForApp(page);
  const offline = await waitForWidget(page, "server_status", "(i) => i.label.startsWith('Brak połączenia')");
  assert.equal(offline.label, "Brak połączenia: serwer nie odpowiada");
  await screenshot(page, "phone-no-server");

  await page.unroute("**/api/v1/health");
  const check = await waitForWidget(page, "check_connection", "(i) => i.enabled");
  const framesBefore = await frameCount(page);
  await tap(page, check);
  await waitForWidget(page, "server_status", "(i) => i.label.startsWith('Połączono')");
  assert.ok((await frameCount(page)) > framesBefore);
  await context.close();
});

test("a browser without WebAssembly exceptions is told to update it", async () => {
  const { context, page } = await openApp(env, PHONE, { wait: false,
    // The loader validates a module with a try block; an older engine (Safari 15.1) rejects it.
    initScript: () => { WebAssembly.validate = () => false; },
  });
  await page.locator("#problem").waitFor({ state: "visible" });
  assert.match(await page.locator("#problem-pl").textContent(), /za stara/);
  assert.match(await page.locator("#problem-en").textContent(), /lacks WebAssembly exceptions/);
  assert.equal(await page.evaluate(() => typeof window.Module), "undefined");  // the app was not started
  await screenshot(page, "phone-no-wasm-exceptions");
  await context.close();
});

test("without WebGL 2 the page explains why the app cannot start", async () => {
  const { context, page } = await openApp(env, PHONE, { wait: false,
    initScript: () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === "webgl2" ? null : original.call(this, kind, ...rest);
      };
    },
  });
  await page.locator("#problem").waitFor({ state: "visible" });
  assert.match(await page.locator("#problem-pl").textContent(), /WebGL 2/);
  assert.match(await page.locator("#problem-en").textContent(), /does not support WebGL 2/);
  assert.equal(await page.locator("#loading").isHidden(), true);
  await screenshot(page, "phone-no-webgl");
  await context.close();
});
