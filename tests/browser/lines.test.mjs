// Quick order and reorder through the UI on phone and tablet: pasted lines come back as added,
// adjusted or rejected with the reason, and reordering an order whose product was withdrawn and
// whose price changed says so while the rest goes into a new cart.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PHONE, TABLET, pasteInto, screenshot, tapKey, typeInto, useServerAndBrowser, waitForWidget, widget } from "./harness.mjs";
import { apiSession, checkOut, openTab, signIn } from "./flows.mjs";

const env = useServerAndBrowser(["--enable-test-endpoints"]);

// Active priced products of the buyer's list: `single` sells by the piece, `packed` in packs of more than one.
async function pickProducts(buyer, exclude = []) {
  const api = await apiSession(env, buyer.email, buyer.password);
  const priceList = await api.get("/price-list");
  const products = (await api.get("/catalog?limit=1000")).products;
  const usable = products.filter((p) => p.active && !exclude.includes(p.sku) &&
                                        priceList.entries.some((e) => e.sku === p.sku && e.tiers.length === 0));
  const singles = usable.filter((p) => p.pack_size === 1 && p.min_order_quantity === 1);
  const packed = usable.filter((p) => p.pack_size > 1 && p.min_order_quantity <= p.pack_size);
  const withdrawn = products.find((p) => !p.active);
  return { api, priceList, singles, packed, withdrawn };
}

for (const [profile, name, buyer] of [
  [PHONE, "phone", { email: "kupiec1@budmax.pl", password: "haslo-buyer-1" }],
  [TABLET, "tablet", { email: "kupiec2@budmax.pl", password: "haslo-buyer-2" }],
]) {
  test(`${name}: quick order with valid, adjusted and invalid lines, then reorder after a withdrawal and a price change`, async () => {
    const picked = await pickProducts(buyer);
    const single = picked.singles[name === "phone" ? 0 : 1];
    const packed = picked.packed[name === "phone" ? 0 : 1];
    const app = await signIn(env, profile, buyer.email, buyer.password);
    const { page } = app;

    await openTab(page, "tab_carts");
    await tapKey(page, "open_quick_order");
    const text = [
      `${single.sku} 3`,                         // added as asked
      `${packed.ean || packed.sku};1`,           // by EAN where it has one: raised to a whole pack
      "NIE-MA-TAKIEGO 2",                        // unknown code
      `${single.sku} trzy`,                      // not a quantity
      `${picked.withdrawn.sku} 1`,               // withdrawn from sale
    ].join("\n");
    await pasteInto(page, "quick_order_text", text);
    // Typed on, after the pasted lines: a line break from the keyboard starts a new line.
    await page.keyboard.press("Enter");
    await page.keyboard.insertText("# koniec");
    await waitForWidget(page, "quick_order_text", `(i) => i.value.endsWith("\\n# koniec")`);
    await tapKey(page, "quick_order_add");
    const summary = await waitForWidget(page, "import_summary", "(i) => /Dodano: 1, poprawiono: 1, odrzucono: 3/.test(i.label)");
    assert.ok(summary);
    assert.match((await widget(page, "import_line_1")).label, new RegExp(`dodano — ${single.sku} × 3`));
    assert.match((await widget(page, "import_line_2")).label,
                 new RegExp(`poprawiono — ${packed.sku} × ${packed.pack_size} — ` +
                            `(zaokrąglono do pełnych opakowań|podniesiono do minimum) ${packed.pack_size}`));
    assert.match((await widget(page, "import_line_3")).label, /odrzucono — nie ma produktu o tym indeksie ani EAN/);
    assert.match((await widget(page, "import_line_4")).label, /odrzucono — ilość musi być liczbą całkowitą/);
    assert.match((await widget(page, "import_line_5")).label, /odrzucono — produkt wycofany ze sprzedaży/);
    // The rejected lines are back in the box to be fixed; the good ones are in the cart.
    const box = await widget(page, "quick_order_text");
    assert.equal(box.value, `NIE-MA-TAKIEGO 2\n${single.sku} trzy\n${picked.withdrawn.sku} 1\n`);
    await screenshot(page, `${name}-quick-order`);

    await tapKey(page, "go_to_cart");
    await waitForWidget(page, `minus_${single.sku}`);
    await waitForWidget(page, `minus_${packed.sku}`);
    const placed = await checkOut(page, `PO/QO/${name}`);
    assert.match(placed.status, /Złożone|akceptacj/);

    // The packed product is withdrawn and the single one's price goes up by 1,00 zł.
    await picked.api.test("/product", { sku: packed.sku, active: false });
    const entry = picked.priceList.entries.find((e) => e.sku === single.sku);
    await picked.api.test("/price", { price_list_id: picked.priceList.id, sku: single.sku, unit_net_minor: entry.unit_net_minor + 100 });

    await openTab(page, "tab_orders");
    await tapKey(page, `details_${placed.number}`);
    await tapKey(page, `reorder_${placed.number}`);
    await waitForWidget(page, "import_summary", "(i) => /Dodano: 1, poprawiono: 0, odrzucono: 1/.test(i.label)");
    const lines = [await widget(page, "import_line_1"), await widget(page, "import_line_2")].map((i) => i.label);
    const singleLine = lines.find((l) => l.includes(single.sku));
    const packedLine = lines.find((l) => l.includes(packed.sku) || /wycofany/.test(l));
    assert.match(singleLine, /dodano .* cena zmieniła się/);
    assert.match(packedLine, /odrzucono — produkt wycofany ze sprzedaży/);
    await screenshot(page, `${name}-reorder`);

    await tapKey(page, "go_to_cart");
    const cart = await waitForWidget(page, "cart_total");
    assert.ok(cart);
    const reorderCart = JSON.parse(await page.evaluate(() => Module.UTF8ToString(Module._b2b_widgets_json())))
      .items.find((i) => i.key.startsWith("cart_") && i.checked);
    assert.match(reorderCart.label, new RegExp(`Ponowienie ${placed.number.replace(/\//g, "\\/")} \\(1\\)`));
    await waitForWidget(page, `minus_${single.sku}`);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
}
