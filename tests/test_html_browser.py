"""report.html in a real browser (headless Chromium): its script runs, and an editor can filter, click and navigate."""
from __future__ import annotations

import os

import pytest

from claimcheck import api

from . import browser
from .conftest import FIXTURES, STORY
from .test_html import hostile  # noqa: F401  (the fixture)

why = browser.missing()
if why and os.environ.get("CI"):
    raise RuntimeError(f"the page tests need a browser in CI: {why}")
pytestmark = pytest.mark.skipif(bool(why), reason=why or "")

CONTRAST = """
function lum(c) {
  var m = c.match(/[\\d.]+/g).map(Number);
  var v = m.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function bg(e) {
  for (; e; e = e.parentElement) {
    var c = getComputedStyle(e).backgroundColor;
    if (c && !/rgba\\(.*,\\s*0\\)$/.test(c) && c !== 'transparent') { return c; }
  }
  return 'rgb(255, 255, 255)';
}
var worst = [99, ''];
document.querySelectorAll(arguments[0]).forEach(function (e) {
  var a = lum(getComputedStyle(e).color), b = lum(bg(e));
  var r = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (r < worst[0]) { worst = [r, e.className + ': ' + e.textContent.slice(0, 40)]; }
});
return worst;
"""


def write_page(path, out):
    outcome = api.check([path], out=out, formats=["html"])
    return outcome.report, (out / "report.html").as_uri()


@pytest.fixture(scope="module")
def driver():
    with browser.chromium() as d:
        yield d


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return write_page(STORY, tmp_path_factory.mktemp("example"))


def test_every_item_is_marked_with_its_status_and_a_label(driver, example):
    report, url = example
    driver.get(url)
    shown = driver.execute_script("""
        return Array.from(document.querySelectorAll('#articles [data-id][id]')).map(function (e) {
          var l = e.querySelector(':scope > .lbl');
          return [e.id, e.className, l ? l.textContent : null, getComputedStyle(e).backgroundColor];
        });""")
    items = {i["id"]: i for i in report["quotes"] + report["sentences"]}
    assert sorted(s[0] for s in shown) == sorted(items)
    for ident, cls, label, background in shown:
        item = items[ident]
        assert f"st-{item['status']}" in cls
        if not item.get("quoted"):
            assert label == {"corroborated": "corroborated", "variant": "variant wording",
                             "single-source": "single source"}[item["status"]]
            assert background != "rgba(0, 0, 0, 0)"
    assert driver.find_element("id", "shown").text == f"{len(items)} of {len(items)} items match the filters"


def test_filters_by_status_speaker_and_outlet(driver, example):
    report, url = example
    driver.get(url)
    driver.find_element("css selector", "input[name=status][value=single-source]").click()
    off = set(driver.execute_script("return Array.from(document.querySelectorAll('[data-id][id].off')).map(e => e.id)"))
    single = {i["id"] for i in report["quotes"] + report["sentences"] if i["status"] == "single-source"}
    assert off == single
    driver.find_element("css selector", "input[name=status][value=single-source]").click()
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element("id", "f-speaker")).select_by_visible_text("Park Jin")
    on = set(driver.execute_script("return Array.from(document.querySelectorAll('[data-id][id]:not(.off)')).map(e => e.id)"))
    assert on == {q["id"] for q in report["quotes"] if q["speaker"] == "Park Jin"}
    assert driver.find_element("id", "shown").text.startswith(f"{len(on)} of ")
    driver.find_element("css selector", "input[name=article][value=joongang-daily]").click()
    assert driver.execute_script("return document.querySelector('article[data-article=joongang-daily]').hidden")


def test_click_shows_matches_with_word_diff_and_the_counterpart(driver, example):
    _, url = example
    driver.get(url)
    driver.find_element("id", "joongang-daily:q:cbf991").click()
    detail = driver.find_element("id", "detail")
    assert detail.is_displayed()
    assert "The Korea Herald: reworded, score 87.0 · Park Jin" in detail.text
    assert [e.text for e in detail.find_elements("css selector", "del")] == ["international", "poly-crises"]
    assert [e.text for e in detail.find_elements("css selector", "ins")] == ["poly-crisis"]
    other = driver.find_element("id", "koreaherald-yonhap:q:4c39c9")
    assert "counterpart" in other.get_attribute("class")
    detail.find_element("css selector", "button:not(#detail-close)").click()
    assert driver.switch_to.active_element.get_attribute("id") == "koreaherald-yonhap:q:4c39c9"
    assert driver.execute_script("var r = arguments[0].getBoundingClientRect(); "
                                 "return r.top >= 0 && r.bottom <= innerHeight", other)
    assert "Quote · variant wording · The Korea Herald" in detail.text  # the counterpart's own matches now
    assert "Korea JoongAng Daily: reworded, score 87.0" in detail.text


def test_keyboard_speaker_on_focus_enter_and_escape(driver, example):
    _, url = example
    driver.get(url)
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    keys = ActionChains(driver)
    keys.send_keys("j").perform()
    first = driver.switch_to.active_element
    assert first.get_attribute("data-id")
    keys.send_keys("j").perform()
    assert driver.switch_to.active_element.get_attribute("id") != first.get_attribute("id")
    quote = driver.find_element("id", "koreaherald-yonhap:q:433b0a")
    driver.execute_script("arguments[0].focus()", quote)
    tip = driver.find_element("id", "tip")
    assert tip.is_displayed() and tip.text == "Park Jin (he noted) · single source"
    assert quote.get_attribute("aria-describedby") == "tip"
    keys.send_keys(Keys.ENTER).perform()
    assert driver.find_element("id", "detail").is_displayed()
    assert driver.switch_to.active_element.get_attribute("id") == "detail-h"
    assert "Found in no other article" in driver.find_element("id", "detail").text
    keys.send_keys(Keys.ESCAPE).perform()
    assert not driver.find_element("id", "detail").is_displayed()
    assert driver.switch_to.active_element.get_attribute("id") == "koreaherald-yonhap:q:433b0a"


def test_summary_lists_check_first_and_links_to_items(driver, tmp_path):
    report, url = write_page(FIXTURES / "port-strike", tmp_path)
    driver.get(url)
    heads = [h.text for h in driver.find_elements("css selector", "#summary h3")]
    assert heads == ["Speaker conflicts (1)", "Substantive changes (2)", "Variant wording of quotes (1)",
                     "Single-source quotes (4)"]  # five quotes: the wire's and its reprint's are one entry
    conflicts = driver.find_element("css selector", ".cf-speaker-conflict").text
    assert "Willie Adams in Associated Press" in conflicts and "Dana Whitfield in Coast Times" in conflicts
    driver.find_element("css selector", ".cf-substantive a[data-go='coast-times:q:59c21b']").click()
    assert driver.switch_to.active_element.get_attribute("id") == "coast-times:q:59c21b"
    assert "number changed: $5 → $1" in driver.find_element("id", "detail").text


def test_article_script_never_runs(driver, hostile):  # noqa: F811
    _, url = write_page(hostile, hostile)
    driver.get(url)
    assert driver.execute_script("return window.__pwned === undefined")
    assert "<script>window.__pwned = 1</script>" in driver.find_element("css selector", "#articles").text
    assert driver.find_element("id", "shown").text.endswith("items match the filters")  # our script did run


def test_readable_at_200_percent_zoom_and_contrast(driver, example):
    _, url = example
    # A 1,400 x 1,000 window at 200% zoom: 700 x 500 CSS pixels, two device pixels to each.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 700, "height": 500, "deviceScaleFactor": 2, "mobile": False})
    try:
        driver.get(url)
        assert driver.execute_script("return document.documentElement.scrollWidth <= innerWidth")
        lefts = driver.execute_script("return Array.from(document.querySelectorAll('#articles article'))"
                                      ".map(a => a.getBoundingClientRect().left)")
        assert len(set(lefts)) == 1  # the articles stack into one column
        driver.find_element("id", "joongang-daily:q:cbf991").click()
        assert driver.execute_script("var r = document.getElementById('detail').getBoundingClientRect();"
                                     "return r.left >= 0 && r.right <= innerWidth && r.height <= innerHeight")
        # the counterpart is scrolled into view above the details panel, not under it
        assert driver.execute_script("var c = document.getElementById('koreaherald-yonhap:q:4c39c9').getBoundingClientRect();"
                                     "var d = document.getElementById('detail').getBoundingClientRect();"
                                     "return c.top >= 0 && c.bottom <= d.top")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    ratio, where = driver.execute_script(CONTRAST, ".lbl, #articles .s, #articles mark, #summary li, .help, .meta")
    assert ratio >= 4.5, where
