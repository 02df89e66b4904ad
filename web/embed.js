// The one script a partner page includes (the shop serves it at /embed.js): B2BOrdering.mount() puts the
// ordering client in an iframe and speaks embedding protocol v1 with it (docs/embedding.md).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.B2BOrdering = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const PROTOCOL = "b2b-embed";
  const VERSION = 1;
  const CLIENT_TYPES = ["ready", "initialized", "resize", "session", "cart_changed", "order_placed", "touchpoint",
                        "prefill_report", "error"];
  const LOCALES = ["pl", "en"];
  // The client refuses more than this anyway; failing here points at the partner's own call.
  const MAX_LINES = 500;

  function fail(what, problem) {
    throw new Error("B2BOrdering: " + what + " " + problem);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function checkLocale(what, locale) {
    if (LOCALES.indexOf(locale) < 0) fail(what, 'must be "pl" or "en", got ' + JSON.stringify(locale));
    return locale;
  }

  function checkTheme(what, theme) {
    if (!isPlainObject(theme)) fail(what, "must be an object {mode?, accent?}");
    if (theme.mode !== undefined && theme.mode !== "light" && theme.mode !== "dark") {
      fail(what + ".mode", 'must be "light" or "dark", got ' + JSON.stringify(theme.mode));
    }
    if (theme.accent !== undefined && !/^#[0-9a-fA-F]{6}$/.test(String(theme.accent))) {
      fail(what + ".accent", 'must be a colour "#rrggbb", got ' + JSON.stringify(theme.accent));
    }
    const out = {};
    if (theme.mode !== undefined) out.mode = theme.mode;
    if (theme.accent !== undefined) out.accent = theme.accent;
    return out;
  }

  function checkName(what, name) {
    if (typeof name !== "string" || name.length > 100) fail(what, "must be a string of at most 100 characters");
    return name;
  }

  function checkSku(what, sku) {
    if (typeof sku !== "string" || sku === "" || sku.length > 64) fail(what, "must be a string of 1 to 64 characters");
    return sku;
  }

  function checkLines(what, lines) {
    if (!Array.isArray(lines)) fail(what, "must be an array of {sku, quantity}");
    if (lines.length > MAX_LINES) fail(what, "has " + lines.length + " lines; at most " + MAX_LINES + " are allowed");
    return lines.map(function (line, i) {
      if (!isPlainObject(line)) fail(what + "[" + i + "]", "must be an object {sku, quantity}");
      const quantity = line.quantity;
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1000000) {
        fail(what + "[" + i + "].quantity", "must be a whole number from 1 to 1000000, got " + JSON.stringify(quantity));
      }
      return { sku: checkSku(what + "[" + i + "].sku", line.sku), quantity: quantity };
    });
  }

  function checkCart(what, cart) {
    if (!isPlainObject(cart)) fail(what, "must be an object {name?, lines}");
    const out = { lines: checkLines(what + ".lines", cart.lines) };
    if (cart.name !== undefined) out.name = checkName(what + ".name", cart.name);
    return out;
  }

  // Turns the options into the iframe URL, the origin to trust and the init data, or throws naming the option.
  function readOptions(element, options) {
    if (!element || element.nodeType !== 1) fail("mount(element)", "must be a DOM element");
    if (!isPlainObject(options)) fail("mount(element, options)", "options must be an object");
    if (typeof options.src !== "string" || options.src === "") fail("options.src", "is required (the client page URL)");
    let src;
    try {
      src = new URL(options.src, document.baseURI);
    } catch (error) {
      fail("options.src", "is not a valid URL: " + JSON.stringify(options.src));
    }
    if (src.protocol !== "https:" && src.protocol !== "http:") fail("options.src", "must be an http(s) URL");
    src.searchParams.set("embed", "1");
    // Which shop the client talks to travels in the frame's URL: the client must know it before it trusts
    // any message, since the portal allowlist comes from that shop (or from embedding.json beside the app).
    if (options.backend !== undefined) {
      const backend = options.backend;
      if (!isPlainObject(backend)) fail("options.backend", "must be an object {kind, api?, key?}");
      if (backend.kind !== "own" && backend.kind !== "vendure" && backend.kind !== "medusa") {
        fail("options.backend.kind", 'must be "own", "vendure" or "medusa", got ' + JSON.stringify(backend.kind));
      }
      src.searchParams.set("backend", backend.kind);
      if (backend.api !== undefined) {
        let api = null;
        try {
          api = new URL(backend.api);
        } catch (error) { /* reported below */ }
        if (!api || (api.protocol !== "https:" && api.protocol !== "http:")) {
          fail("options.backend.api", "must be the shop API's http(s) URL, got " + JSON.stringify(backend.api));
        }
        src.searchParams.set("api", backend.api);
      }
      if (backend.key !== undefined) {
        if (typeof backend.key !== "string") fail("options.backend.key", "must be a string (Vendure's channel token, Medusa's publishable key)");
        src.searchParams.set("key", backend.key);
      }
    }

    let allowedOrigin = src.origin;
    if (options.allowedOrigin !== undefined) {
      let parsed = null;
      try {
        parsed = new URL(options.allowedOrigin);
      } catch (error) { /* reported below */ }
      // Exactly an origin: "*" or a URL with a path would quietly widen or break the check.
      if (!parsed || parsed.origin === "null" || parsed.origin !== options.allowedOrigin) {
        fail("options.allowedOrigin", 'must be an origin such as "https://shop.example.com", got ' +
             JSON.stringify(options.allowedOrigin));
      }
      allowedOrigin = parsed.origin;
    }

    const height = options.height === undefined ? "container" : options.height;
    if (height !== "container" && height !== "content") fail("options.height", 'must be "content" or "container"');
    const minHeight = options.minHeight === undefined ? 480 : options.minHeight;
    const maxHeight = options.maxHeight === undefined ? 2000 : options.maxHeight;
    if (typeof minHeight !== "number" || !(minHeight >= 0) || !isFinite(minHeight)) fail("options.minHeight", "must be a number >= 0");
    if (typeof maxHeight !== "number" || !(maxHeight >= minHeight)) fail("options.maxHeight", "must be a number >= minHeight");
    if (options.onEvent !== undefined && typeof options.onEvent !== "function") fail("options.onEvent", "must be a function");

    const init = {};
    if (options.locale !== undefined) init.locale = checkLocale("options.locale", options.locale);
    if (options.theme !== undefined) init.theme = checkTheme("options.theme", options.theme);
    if (options.catalog !== undefined) {
      if (!isPlainObject(options.catalog)) fail("options.catalog", "must be an object {category?}");
      init.catalog = {};
      if (options.catalog.category !== undefined) {
        if (typeof options.catalog.category !== "string") fail("options.catalog.category", "must be a string");
        init.catalog.category = options.catalog.category;
      }
    }
    if (options.cart !== undefined) init.cart = checkCart("options.cart", options.cart);
    if (options.auth !== undefined) {
      if (!isPlainObject(options.auth) || typeof options.auth.start_token !== "string" || options.auth.start_token === "") {
        fail("options.auth", "must be {start_token: string}");
      }
      init.auth = { start_token: options.auth.start_token };
    }
    return {
      src: src.href, allowedOrigin: allowedOrigin, height: height, minHeight: minHeight, maxHeight: maxHeight,
      title: typeof options.title === "string" ? options.title : "Zamówienia B2B / B2B ordering",
      onEvent: options.onEvent || function () {}, init: init,
    };
  }

  function mount(element, options) {
    const settings = readOptions(element, options);
    const iframe = document.createElement("iframe");
    iframe.title = settings.title;
    iframe.setAttribute("allow", "");
    // So document.referrer tells the client our origin where location.ancestorOrigins is missing (Firefox).
    iframe.setAttribute("referrerpolicy", "origin");
    iframe.style.border = "0";
    iframe.style.display = "block";
    iframe.style.width = "100%";
    iframe.style.height = settings.height === "container" ? "100%" : settings.minHeight + "px";
    iframe.src = settings.src;

    let isReady = false;
    let destroyed = false;
    let nextId = 1;
    const queue = [];
    let resolveReady, rejectReady;
    const ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
    ready.catch(function () {});  // destroy() before ready must not surface as an unhandled rejection

    function post(type, data, id) {
      const message = { protocol: PROTOCOL, version: VERSION, type: type, data: data };
      if (id) message.id = id;
      if (iframe.contentWindow) iframe.contentWindow.postMessage(message, settings.allowedOrigin);
    }

    // Returns the message id, so a partner can match an `error` whose data.reply_to names it.
    function send(type, data) {
      if (destroyed) fail(type, "cannot be sent: this handle was destroyed");
      const id = "h" + nextId++;
      if (isReady) post(type, data, id);
      else queue.push([type, data, id]);
      return id;
    }

    function drop(event, why) {
      if (typeof console !== "undefined" && console.debug) console.debug("B2BOrdering: message ignored (" + why + ")", event.origin);
    }

    function onMessage(event) {
      if (event.source !== iframe.contentWindow || event.source === null) return drop(event, "not from our iframe");
      if (event.origin !== settings.allowedOrigin) return drop(event, "origin not allowed");
      const message = event.data;
      if (!isPlainObject(message) || message.protocol !== PROTOCOL) return drop(event, "not a b2b-embed message");
      if (message.version !== VERSION) return drop(event, "version " + message.version);
      if (CLIENT_TYPES.indexOf(message.type) < 0) return drop(event, "unknown type " + message.type);
      if (!isPlainObject(message.data)) return drop(event, "data is not an object");
      const data = message.data;

      if (message.type === "ready") {
        if (!isReady) {
          isReady = true;
          post("init", settings.init, "h" + nextId++);
          // A one-time token and a prefill must not be replayed if the client page reloads and says ready again.
          delete settings.init.auth;
          delete settings.init.cart;
          queue.splice(0).forEach(function (m) { post(m[0], m[1], m[2]); });
          resolveReady(data);
        } else {
          post("init", settings.init, "h" + nextId++);
        }
      } else if (message.type === "resize" && settings.height === "content") {
        if (typeof data.height === "number" && isFinite(data.height)) {
          const clamped = Math.min(settings.maxHeight, Math.max(settings.minHeight, data.height));
          iframe.style.height = Math.round(clamped) + "px";
        }
      }
      try {
        settings.onEvent(message.type, data);
      } catch (error) {
        // A partner's handler throwing must not stop the protocol.
        setTimeout(function () { throw error; });
      }
    }

    window.addEventListener("message", onMessage);
    element.appendChild(iframe);

    return {
      iframe: iframe,
      ready: ready,
      openProduct: function (sku) {
        return send("open_product", { sku: checkSku("openProduct(sku)", sku) });
      },
      prefillCart: function (lines, name) {
        const data = { lines: checkLines("prefillCart(lines)", lines) };
        if (name !== undefined) data.name = checkName("prefillCart(lines, name)", name);
        return send("prefill_cart", data);
      },
      setLocale: function (locale) {
        const id = send("set_locale", { locale: checkLocale("setLocale(locale)", locale) });
        settings.init.locale = locale;
        return id;
      },
      setTheme: function (theme) {
        const checked = checkTheme("setTheme(theme)", theme);
        const id = send("set_theme", checked);
        settings.init.theme = Object.assign({}, settings.init.theme, checked);
        return id;
      },
      destroy: function () {
        if (destroyed) return;
        destroyed = true;
        window.removeEventListener("message", onMessage);
        queue.length = 0;
        if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
        if (!isReady) rejectReady(new Error("B2BOrdering: destroyed before the client was ready"));
      },
    };
  }

  return { mount: mount, protocol: PROTOCOL, version: VERSION };
});
