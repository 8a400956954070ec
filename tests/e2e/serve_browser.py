#!/usr/bin/python3
"""The page of `newssearch serve` in headless Chromium (Debian's chromium, chromium-driver
and python3-selenium), as test_serve.sh runs it:

    serve_browser.py URL QUERY SCREENSHOT

Searches QUERY (which must match more than one page of articles), clicks a facet value
and checks that the hits narrowed and the counts changed, clicks it again, pages on,
checks that the URL holds the state (a reload shows the same), goes back, narrows by a
bar of the date histogram, follows "More like this", loads a hostile query, and saves a
screenshot to SCREENSHOT. Exits 0 when all passed, 1 when a check failed, 77 (skip) when
Chromium or Selenium is not installed.
"""
import json
import os
import shutil
import sys
import tempfile
import urllib.parse

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("SKIP: python3-selenium is not installed (apt-get install python3-selenium)")
    sys.exit(77)

WAIT_SECONDS = 15  # generous: the server may run under AddressSanitizer

from checks import check, failures  # noqa: E402 (beside this script)


def start_browser(profile):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chromium or not os.path.exists(driver_path):
        print("SKIP: chromium and chromium-driver are not installed")
        sys.exit(77)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", "--no-first-run", "--disable-extensions",
                     "--window-size=1280,1000", "--user-data-dir=" + profile):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver_path), options=options)


class Page:
    def __init__(self, driver, base):
        self.driver = driver
        self.base = base

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def ticket(self):
        return self.js("return document.body.dataset.render || ''")

    def wait_render(self, previous):
        """Until the page has drawn a newer answer than `previous` (a render ticket)."""
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            lambda d: d.execute_script(
                "return document.body.dataset.state === 'ready' && document.body.dataset.render")
            not in (False, None, "", previous))

    def open(self, path):
        self.driver.get(self.base + path)
        self.wait_render("")

    def act(self, action):
        """Runs `action` (a click, a key) and waits for the page to draw its answer."""
        before = self.ticket()
        action()
        self.wait_render(before)

    def state(self):
        return self.js("""
            const total = document.getElementById('total');
            const facets = {};
            for (const section of document.querySelectorAll('.facet')) {
              facets[section.dataset.kind] = [...section.querySelectorAll('button')].map(
                (b) => [b.dataset.value, b.querySelector('.count').textContent,
                        b.getAttribute('aria-pressed')]);
            }
            return {
              total: total ? Number(total.dataset.total) : null,
              hits: [...document.querySelectorAll('#results .hit')].map((h) => h.dataset.id),
              summary: document.getElementById('summary').textContent,
              error: document.getElementById('error').hidden ? ''
                     : document.getElementById('error').textContent,
              input: document.getElementById('q').value,
              facets,
              bars: [...document.querySelectorAll('#histogram rect.bar')].map(
                (b) => b.getAttribute('aria-label')),
              url: location.pathname + location.search,
            };""")

    def params(self):
        query = urllib.parse.urlparse(self.driver.current_url).query
        return dict(urllib.parse.parse_qsl(query))


def run(page, query, screenshot):
    # Search: typed into the box, Enter.
    page.open("/")
    check(page.state()["error"] == "", "the start page loads without an error")
    box = page.driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query)
    page.act(lambda: box.send_keys(Keys.ENTER))
    first = page.state()
    check(page.params().get("q") == query, f"the URL carries the query: {first['url']}")
    check(first["total"] is not None and first["total"] > 10,
          f"'{query}' finds more than a page: {first['total']}")
    check(len(first["hits"]) == 10, f"ten hits on the first page: {len(first['hits'])}")
    check(page.js("return document.querySelectorAll('#results mark').length") > 0,
          "snippets mark the query's words")

    # A facet value whose count is below the total narrows the hits to that count.
    # (The largest such count, which also makes the richest screenshot below.)
    kind, value, count = None, None, 0
    for facet_kind in ("person", "org", "place"):
        for facet_value, facet_count, _ in first["facets"].get(facet_kind, []):
            if count < int(facet_count) < first["total"]:
                kind, value, count = facet_kind, facet_value, int(facet_count)
    if not check(kind is not None, "a facet value narrower than the total"):
        return
    selector = f'.facet[data-kind="{kind}"] button[data-value={json.dumps(value)}]'
    button = page.driver.find_element(By.CSS_SELECTOR, selector)
    page.act(button.click)
    narrowed = page.state()
    token = f'{kind}:"{value}"'
    check(token in page.params().get("q", ""), f"the facet click adds {token} to the query")
    check(narrowed["total"] == count,
          f"the hits narrowed to the facet's count: {narrowed['total']} (count {count})")
    check(narrowed["total"] < first["total"], "the total went down")
    check(narrowed["facets"] != first["facets"], "the facet counts changed")
    pressed = page.driver.find_element(By.CSS_SELECTOR, selector)
    check(pressed.get_attribute("aria-pressed") == "true", "the chosen value shows as chosen")
    page.act(pressed.click)
    check(page.state()["total"] == first["total"] and token not in page.params().get("q", ""),
          "a second click takes the filter off again")

    # Page 2, and the state in the URL: a reload (a bookmark) shows the same page.
    page.act(page.driver.find_element(By.CSS_SELECTOR, '#pager a[rel="next"]').click)
    second = page.state()
    check(page.params().get("page") == "2" and page.params().get("q") == query,
          f"the URL carries the query and the page: {second['url']}")
    check(" 11\u2013" in second["summary"], f"page 2 shows hits from 11: {second['summary']}")
    check(second["hits"] and not set(second["hits"]) & set(first["hits"]),
          "page 2 shows other hits than page 1")
    page.driver.refresh()
    page.wait_render("")
    reloaded = page.state()
    check(reloaded["hits"] == second["hits"] and reloaded["input"] == query,
          "a reload of the URL shows the same page and query")
    page.act(page.driver.back)
    check(page.state()["hits"] == first["hits"], "Back returns to page 1")

    # A bar of the date histogram narrows the dates to it.
    bars = page.driver.find_elements(By.CSS_SELECTOR, "#histogram rect.bar")
    if check(len(bars) > 0, f"the date histogram has bars: {len(bars)}"):
        bar = max(bars, key=lambda b: float(b.get_attribute("height")))
        label = bar.get_attribute("aria-label")  # "1987-03: 120"
        bucket, bar_count = label.rsplit(": ", 1)
        page.act(bar.click)
        dated = page.state()
        check(f"date:{bucket}..{bucket}" in page.params().get("q", ""),
              f"the bar adds date:{bucket}..{bucket} to the query")
        check(dated["total"] == int(bar_count),
              f"the dates narrowed to the bar's count: {dated['total']} (bar {bar_count})")
        page.act(page.driver.back)

    # A drag from the first bar to the last narrows the dates to the buckets it crossed.
    bars = [b for b in page.driver.find_elements(By.CSS_SELECTOR, "#histogram rect.bar")
            if float(b.get_attribute("height")) > 0]
    if len(bars) >= 2:
        labels = [b.get_attribute("aria-label").rsplit(": ", 1)
                  for b in page.driver.find_elements(By.CSS_SELECTOR, "#histogram rect.bar")]
        first_bucket, last_bucket = bars[0].get_attribute("data-value"), bars[-1].get_attribute(
            "data-value")
        crossed = sum(int(count) for bucket, count in labels
                      if first_bucket <= bucket <= last_bucket)
        drag = ActionChains(page.driver).click_and_hold(bars[0]).move_to_element(bars[-1])
        page.act(drag.release().perform)
        check(f"date:{first_bucket}..{last_bucket}" in page.params().get("q", ""),
              f"the drag adds date:{first_bucket}..{last_bucket} to the query")
        check(page.state()["total"] == crossed,
              f"the dates narrowed to the dragged bars: {page.state()['total']} (bars {crossed})")
        page.act(page.driver.back)

    # More like this: articles like the first hit, without it.
    liked = page.state()["hits"][0]
    page.act(page.driver.find_element(By.CSS_SELECTOR, "#results .hit .like").click)
    related = page.state()
    check(page.params().get("like") == liked, f"the URL carries like={liked}")
    check(related["error"] == "" and related["total"] > 0 and liked not in related["hits"],
          f"more like this finds other articles: {related['total']}")
    check(page.driver.find_element(By.ID, "like-banner").is_displayed(), "the banner says so")

    # A hostile query is shown as text and runs nothing.
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    page.open("/?q=" + urllib.parse.quote(hostile))
    state = page.state()
    check(page.js("return window.__pwned === undefined"), "the hostile query ran no script")
    check(page.js("return document.querySelectorAll('main img, main script').length") == 0,
          "the hostile query made no elements")
    check(state["input"] == hostile, "the search box shows the hostile query as it was typed")
    check(hostile in state["summary"] or state["error"] != "",
          "the summary quotes the hostile query as text")

    # The screenshot: the query with a facet chosen.
    page.open("/?q=" + urllib.parse.quote(f"{query} {token}"))
    os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
    if check(page.driver.save_screenshot(screenshot), "screenshot saved"):
        print(f"screenshot: {os.path.abspath(screenshot)}")

    # The page broke no rule of its Content-Security-Policy and threw nothing.
    errors = [entry["message"] for entry in page.driver.get_log("browser")
              if entry["level"] == "SEVERE" and "/api/" not in entry["message"]]
    check(not errors, f"no errors in the browser console: {errors}")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    base, query, screenshot = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    with tempfile.TemporaryDirectory() as profile:
        try:
            driver = start_browser(profile)
        except WebDriverException as e:
            print(f"SKIP: chromium does not start: {e.msg}")
            return 77
        try:
            run(Page(driver, base), query, screenshot)
        except (TimeoutException, WebDriverException) as e:
            check(False, f"the page did not answer: {type(e).__name__}: {e}")
        finally:
            driver.quit()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
