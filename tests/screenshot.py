"""The README's picture of report.html: the bundled example story in headless Chromium, one quote selected.

    python -m tests.screenshot docs/report-html.png     (or: make screenshot)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains

from claimcheck import api

from . import browser
from .conftest import STORY

SELECTED = "joongang-daily:q:cbf991"  # the poly-crises quote, reworded in the other outlet


def main(target: str = "docs/report-html.png") -> None:
    why = browser.missing()
    if why:
        sys.exit(f"error: {why}")
    with tempfile.TemporaryDirectory() as tmp:
        api.check([STORY], out=tmp, formats=["html"])
        with browser.chromium(1300, 2050) as driver:
            driver.get((Path(tmp) / "report.html").as_uri())
            driver.find_element("id", SELECTED).click()
            driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")  # the page from its top
            ActionChains(driver).move_to_element(driver.find_element("tag name", "h1")).perform()  # no tip
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main(*sys.argv[1:])
