// The ordering client's side of embedding (docs/embedding.md): finds out whether the page that frames it
// is a portal on the shop's allowlist, passes that portal's messages to the app and the app's back, and
// posts punchout forms to procurement systems.
(function () {
  "use strict";
  const framed = window.parent !== window;
  let hostOrigin = null;  // set only when the parent's origin is on the shop's allowlist
  let appStarted = false;
  let connected = false;

  // The parent's origin as the browser reports it, not as anyone claims it.
  function parentOrigin() {
    if (location.ancestorOrigins && location.ancestorOrigins.length > 0) return location.ancestorOrigins[0];
    try {
      return document.referrer ? new URL(document.referrer).origin : "";
    } catch (error) {
      return "";
    }
  }

  function storageKind() {
    const stored = window.Module && Module.b2bStored;
    if (!stored || !stored.available) return 2;  // unavailable
    // Browsers partition (or clear) a third-party frame's storage by the top-level site: treat it as a cache.
    return hostOrigin !== location.origin ? 1 : 0;
  }

  function connectWhenBothReady() {
    if (connected || !appStarted || !hostOrigin) return;
    connected = true;
    Module._b2b_host_connected(storageKind());
  }

  // The allowlist comes from the shop; without an answer the portal is not talked to yet, so retry. A shop
  // that does not speak our protocol (Vendure, Medusa) has no such list: then it is embedding.json beside the app,
  // put there by whoever serves the app for that shop. Never from the page's URL, which the portal writes.
  function loadAllowlist(apiBase, ownProtocol, delayMs) {
    const url = ownProtocol ? apiBase + "/api/v1/embedding" : new URL("embedding.json", location.href).href;
    fetch(url, { headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((config) => {
        const origin = parentOrigin();
        const allowed = Array.isArray(config.portal_origins) ? config.portal_origins : [];
        if (!origin || allowed.indexOf(origin) < 0) {
          console.warn("Embedded by " + (origin || "an unknown origin") +
                       ", which is not on the shop's portal list: no messages are exchanged.");
          return;
        }
        hostOrigin = origin;
        connectWhenBothReady();
      })
      .catch((error) => {
        console.warn("Portal list not loaded (" + error.message + "); retrying.");
        setTimeout(() => loadAllowlist(apiBase, ownProtocol, Math.min(delayMs * 2, 30000)), delayMs);
      });
  }

  window.addEventListener("message", (event) => {
    // Only the parent, only from its checked origin; everything else gets no answer at all.
    if (!connected || event.source !== window.parent || event.origin !== hostOrigin) return;
    let json;
    try {
      json = JSON.stringify(event.data);
    } catch (error) {
      return;
    }
    if (typeof json !== "string") return;
    const size = lengthBytesUTF8(json) + 1;
    const ptr = Module._malloc(size);
    stringToUTF8(json, ptr, size);
    Module._b2b_host_message(ptr);
    Module._free(ptr);
  });

  function lengthBytesUTF8(text) { return Module.lengthBytesUTF8(text); }
  function stringToUTF8(text, ptr, size) { Module.stringToUTF8(text, ptr, size); }

  window.B2BEmbedClient = {
    // From the loader, before the app runs.
    start(apiBase, backend) {
      if (framed) loadAllowlist(apiBase || "", !backend || backend === "own", 2000);
    },
    // From the app once its store runs.
    appStarted() {
      appStarted = true;
      connectWhenBothReady();
    },
    // A complete envelope from the app, to the checked origin only (never "*").
    post(json) {
      if (!connected) return;
      window.parent.postMessage(JSON.parse(json), hostOrigin);
    },
    // Punchout: the cart goes to the procurement system as a browser form POST.
    submitForm(json) {
      const spec = JSON.parse(json);
      const form = document.createElement("form");
      form.method = spec.method || "POST";
      form.action = spec.action;
      form.target = spec.target || "_top";
      form.acceptCharset = "UTF-8";
      form.hidden = true;
      for (const [name, value] of spec.fields) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.appendChild(input);
      }
      document.body.appendChild(form);
      form.submit();
    },
  };
})();
