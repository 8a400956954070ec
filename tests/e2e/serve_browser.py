#!/usr/bin/python3
"""The page of `newssearch serve` in headless Chromium (Debian's chromium, chromium-driver
and python3-selenium), as test_serve.sh runs it:

    serve_browser.py URL QUERY SCREENSHOT

Searches QUERY (which must match more than one page of articles), clicks a facet value
and checks that the hits narrowed and the counts changed, clicks it again, pages on,
checks that the URL holds the state (a reload shows the same), goes back, narrows by a
bar of the date histogram, follows "More like this", opens an article and an entity's
page, loads a hostile query, and saves a screenshot to SCREENSHOT. Exits 0 when all passed, 1 when a check failed, 77 (skip) when
Chromium or Selenium is not installed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.select import Select
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
              facets[section.dataset.kind] = [...section.querySelectorAll(
                  'ul.facet-values button:not(.exclude)')].map(
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


def export_flow(page, query):
    """The page's CSV download holds the rows newssearch --format csv prints for the query."""
    link = page.driver.find_element(By.ID, "export-csv")
    check(link.is_displayed(), "the page offers a CSV download")
    rows = page.js("""return fetch(arguments[0]).then((r) => r.text());""",
                   link.get_attribute("href"))
    newssearch = os.environ.get("NEWSSEARCH")
    if not check(bool(newssearch), "NEWSSEARCH names newssearch"):
        return
    cli = subprocess.run([newssearch, "--format", "csv", "--limit", "100000", "--", query],
                         capture_output=True, check=False)
    check(cli.returncode == 0, f"newssearch --format csv: {cli.stderr.decode()}")
    expected = cli.stdout.decode()
    check(rows == expected,
          f"the download's rows are newssearch --format csv's: {len(rows.splitlines())} lines, "
          f"{len(expected.splitlines())} expected")


def steer_flow(page, query, shot):
    """Excludes a facet value (the hits drop by its count), shows it as a chip, removes
    the chip (the hits come back); date fields; clear all."""
    page.open("/?q=" + urllib.parse.quote(query))
    first = page.state()
    kind, value, count = None, None, 0
    for facet_kind in ("place", "org", "person"):
        for facet_value, facet_count, _ in first["facets"].get(facet_kind, []):
            if count < int(facet_count) < first["total"]:
                kind, value, count = facet_kind, facet_value, int(facet_count)
    if not check(kind is not None, "a value to exclude"):
        return
    selector = f'.facet[data-kind="{kind}"] button[data-exclude={json.dumps(value)}]'
    page.act(page.driver.find_element(By.CSS_SELECTOR, selector).click)
    excluded = page.state()
    token = f'-{kind}:"{value}"'
    check(token in page.params().get("q", ""), f"the exclusion adds {token} to the query")
    check(excluded["total"] == first["total"] - count,
          f"excluding drops its matches: {excluded['total']} = {first['total']} - {count}")
    chips = page.driver.find_elements(By.CSS_SELECTOR, "#chips button.chip")
    check([c.get_attribute("data-token") for c in chips] == [token], "a chip shows the exclusion")
    os.makedirs(os.path.dirname(shot), exist_ok=True)
    if check(page.driver.save_screenshot(shot), "exclusion screenshot saved"):
        print(f"screenshot: {shot}")
    page.act(chips[0].click)
    check(page.state()["total"] == first["total"] and token not in page.params().get("q", ""),
          "removing the chip brings the matches back")
    # The search box over the place facet's values: a name found by the start of it, in
    # another case, adds its filter.
    name = value if kind == "place" else first["facets"]["place"][0][0]
    box = page.driver.find_element(By.CSS_SELECTOR, '.facet[data-kind="place"] .facet-search')
    box.send_keys(name[:4].swapcase())
    WebDriverWait(page.driver, WAIT_SECONDS).until(lambda d: d.execute_script(
        "return !!document.querySelector('.facet[data-kind=\"place\"]').dataset.found"))
    found = [b.get_attribute("data-found") for b in page.driver.find_elements(
        By.CSS_SELECTOR, '.facet[data-kind="place"] .facet-found button')]
    check(name in found, f"the facet search finds {name} by {name[:4].swapcase()!r}: {found}")
    if name in found:
        button = page.driver.find_element(
            By.CSS_SELECTOR, f'.facet[data-kind="place"] .facet-found button[data-found={json.dumps(name)}]')
        page.act(button.click)
        check(f'place:"{name}"' in page.params().get("q", ""), "a found name adds its filter")

    # Dates by hand, then clear all.
    page.open("/?q=" + urllib.parse.quote(f'{query} {kind}:"{value}"'))
    box = page.driver.find_element(By.ID, "date-from")
    page.js("arguments[0].value = '1987-03-01'; document.getElementById('date-to').value = "
            "'1987-03-31';", box)
    page.act(lambda: page.driver.find_element(By.CSS_SELECTOR, "#date-range button").click())
    check("date:1987-03-01..1987-03-31" in page.params().get("q", ""),
          f"the date fields add the range: {page.params().get('q')}")
    page.act(page.driver.find_element(By.CSS_SELECTOR, "#chips .clear-all").click)
    check(page.params().get("q", "") == query, f"clear all leaves the words: {page.params()}")


def keyboard_flow(page, query):
    """Keyboard only: / to the box, a search, j to the third hit, Enter, Esc back."""
    page.open("/")
    body = page.driver.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    check(page.js("return document.activeElement.id") == "q", "/ focuses the search box")
    active = page.driver.switch_to.active_element
    active.send_keys(Keys.CONTROL, "a")
    active.send_keys(query)
    page.act(lambda: active.send_keys(Keys.ENTER))
    results = page.state()
    active.send_keys(Keys.ESCAPE)
    for _ in range(3):
        page.driver.switch_to.active_element.send_keys("j")
    third = page.js("const a = document.activeElement; const hit = a.closest('.hit');"
                    "return hit ? hit.dataset.id : null;")
    check(third == results["hits"][2], f"j three times reaches the third hit: {third}")
    page.driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait_article(page)
    shown = page.js("return new URLSearchParams(location.search).get('id')")
    check(shown == results["hits"][2], f"Enter opens the third hit: {shown}")
    page.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    page.wait_render("")
    check(page.state()["hits"] == results["hits"], "Esc goes back to the same hits")
    check(page.js("return document.querySelectorAll('h1').length") == 1, "the page has one h1")
    check(page.js("return !!document.querySelector('meta[name=description]')"),
          "the page has a meta description")


def notable_flow(page, query, shot):
    """The facet order toggle: notable values with their scores, in score order, the
    order kept in the URL; back to counts."""
    page.open("/?q=" + urllib.parse.quote(query))
    page.act(lambda: Select(page.driver.find_element(By.ID, "facet-order")).select_by_value(
        "notable"))
    check(page.params().get("order") == "notable", "the URL keeps the facet order")
    scores = page.js("""return [...document.querySelectorAll('.facet[data-kind="place"] .facet-values button:not(.exclude)')]
        .map((b) => [Number(b.dataset.score), Number(b.querySelector('.count').textContent)]);""")
    check(len(scores) > 0 and all(s == s for s, _ in scores), f"notable values have scores: {scores}")
    enough = [s for s, count in scores if count >= 3]
    check(enough == sorted(enough, reverse=True), f"places in score order: {scores}")
    os.makedirs(os.path.dirname(shot), exist_ok=True)
    if check(page.driver.save_screenshot(shot), "notable screenshot saved"):
        print(f"screenshot: {shot}")
    counts = """return Object.fromEntries([...document.querySelectorAll('.facet[data-kind="place"] .facet-values button:not(.exclude)')]
        .map((b) => [b.dataset.value, Number(b.querySelector('.count').textContent)]));"""
    page.act(lambda: Select(page.driver.find_element(By.ID, "facet-order")).select_by_value(
        "count"))
    check("order" not in page.params(), "back to the count order")
    by_article = page.js(counts)
    page.act(lambda: Select(page.driver.find_element(By.ID, "facet-order")).select_by_value(
        "stories"))
    check(page.params().get("order") == "stories", "the URL keeps the story count")
    by_story = page.js(counts)
    check(len(by_story) > 0 and all(count <= by_article.get(name, count) for name, count in by_story.items()),
          f"a place counts stories, never more than its articles: {by_story} against {by_article}")
    page.act(lambda: Select(page.driver.find_element(By.ID, "facet-order")).select_by_value(
        "count"))


def wait_article(page):
    """Until the article view has drawn its article (or its error)."""
    WebDriverWait(page.driver, WAIT_SECONDS).until(
        lambda d: d.execute_script("return document.body.dataset.state === 'ready'"))


def article_flow(page, query, screenshot):
    """Opens an article from a hit, sees its marks, narrows the hits by a mention, and
    comes back to the hits as they were."""
    page.open("/?q=" + urllib.parse.quote(query))
    results = page.state()
    opened = results["hits"][0]
    page.driver.find_element(By.CSS_SELECTOR, "#results .hit h3 a.open").click()
    wait_article(page)
    check(urllib.parse.urlparse(page.driver.current_url).path == "/article",
          f"a hit's title opens the article view: {page.driver.current_url}")
    view = page.js("""return {
        id: new URLSearchParams(location.search).get('id'),
        error: document.getElementById('error').hidden ? '' :
               document.getElementById('error').textContent,
        title: document.getElementById('title').textContent,
        text: document.getElementById('text').textContent.replace(/\s+/g, '').length,
        marks: document.querySelectorAll('#text mark').length,
        mentions: [...document.querySelectorAll('#text a.mention')].map(
          (a) => [a.dataset.kind, a.dataset.entity, a.textContent]),
        entities: document.querySelectorAll('#about .entities a').length,
        h1: document.querySelectorAll('h1').length};""")
    check(view["id"] == opened and view["error"] == "", f"the view shows {opened}: {view['error']}")
    # The whole stored text, as the article API gives it (counted without white space,
    # which paragraphs and marks change).
    with urllib.request.urlopen(page.base + "/api/article?id=" + urllib.parse.quote(opened)) as r:
        stored = len("".join(json.load(r)["body"].split()))
    check(view["text"] >= stored > 0,
          f"the view shows the whole text: {view['text']} of {stored} characters")
    check(view["marks"] > 0, f"the query's words are marked: {view['marks']}")
    check(len(view["mentions"]) > 0, f"entity mentions are marked: {len(view['mentions'])}")
    check(view["entities"] > 0, "the article's entities are listed")
    check(view["h1"] == 1, "the view has one h1, the title")
    os.makedirs(os.path.dirname(screenshot), exist_ok=True)
    if check(page.driver.save_screenshot(screenshot), "article screenshot saved"):
        print(f"screenshot: {screenshot}")
    if not view["mentions"]:
        return
    kind, entity, _ = view["mentions"][0]
    link = page.driver.find_element(By.CSS_SELECTOR, "#text a.mention")
    link.click()
    page.wait_render("")
    narrowed = page.state()
    token = f'{kind}:"{entity}"'
    check(token in page.params().get("q", ""), f"a mention's click filters on {token}")
    check(0 < narrowed["total"] <= results["total"],
          f"the hits narrowed to those naming it: {narrowed['total']} of {results['total']}")
    page.driver.back()
    wait_article(page)
    page.driver.find_element(By.ID, "back").click()
    page.wait_render("")
    check(page.state()["hits"] == results["hits"] and page.state()["url"] == results["url"],
          f"Back returns to the hits as they were: {page.state()['url']}")


def wait_entity(page, name):
    """Until the entity page has drawn the entity `name` (or its error)."""
    WebDriverWait(page.driver, WAIT_SECONDS).until(
        lambda d: d.execute_script(
            "return document.body.dataset.state === 'ready' && "
            "document.getElementById('name').textContent") not in (False, None, ""))
    return page.js("""return {
        name: document.getElementById('name').textContent,
        summary: document.getElementById('summary').textContent,
        error: document.getElementById('error').hidden ? '' :
               document.getElementById('error').textContent,
        bars: [...document.querySelectorAll('#month-chart rect.bar')].map(
          (b) => b.getAttribute('aria-label')),
        named: [...document.querySelectorAll('#named-with a')].map((a) => a.dataset.value),
        newest: [...document.querySelectorAll('#newest a')].length,
        h1: document.querySelectorAll('h1').length};""")


def entity_flow(page, query, screenshot):
    """An entity's page, reached from a facet value: its count, its months (a bar opens
    that month's articles), the names with it (each opens its own page), its newest
    articles (each opens its article)."""
    page.open("/?q=" + urllib.parse.quote(query))
    about = page.driver.find_element(By.CSS_SELECTOR, '.facet[data-kind="person"] a.about')
    name = urllib.parse.parse_qs(urllib.parse.urlparse(about.get_attribute("href")).query)["name"][0]
    about.click()
    entity = wait_entity(page, name)
    check(urllib.parse.urlparse(page.driver.current_url).path == "/entity",
          f"a facet value's page link opens the entity page: {page.driver.current_url}")
    check(entity["error"] == "" and entity["name"] == name and entity["h1"] == 1,
          f"the page names the entity: {entity['name']} ({entity['error']})")
    # The archive's count of that facet value (person:"Name" may find namesakes too).
    total = page.js("""return fetch('/api/facet_values?kind=person&limit=100&prefix=' +
        encodeURIComponent(arguments[0])).then((r) => r.json()).then(
        (d) => d.values.find((v) => v.value === arguments[0]).count);""", name)
    check(f" {total} article" in entity["summary"],
          f"the page counts its articles as the facet does ({total}): {entity['summary']}")
    counted = [(label.rsplit(": ", 1)[0], int(label.rsplit(": ", 1)[1])) for label in entity["bars"]]
    check(len(counted) > 0 and sum(c for _, c in counted) <= total,
          f"the months chart holds its dated articles: {counted}")
    check(entity["newest"] == min(total, 10), f"its newest articles are listed: {entity['newest']}")
    os.makedirs(os.path.dirname(screenshot), exist_ok=True)
    if check(page.driver.save_screenshot(screenshot), "entity screenshot saved"):
        print(f"screenshot: {screenshot}")
    # The tallest bar: that month's articles on the search page.
    if counted:
        month, bar_count = max(counted, key=lambda c: c[1])
        page.driver.find_element(By.CSS_SELECTOR, f'#month-chart rect.bar[data-value="{month}"]').click()
        page.wait_render("")
        check(f"date:{month}..{month}" in page.params().get("q", "") and
              page.state()["total"] == bar_count,
              f"a month's bar opens its {bar_count} articles: {page.state()['total']}")
        page.driver.back()
        wait_entity(page, name)
    # A name with it opens its own page.
    if entity["named"]:
        other = entity["named"][0]
        page.driver.find_element(By.CSS_SELECTOR, "#named-with a").click()
        check(wait_entity(page, other)["name"] == other, f"a name with it opens its page: {other}")
        page.driver.back()
        wait_entity(page, name)
    # The newest article opens in the article view, the entity's name marked.
    page.driver.find_element(By.CSS_SELECTOR, "#newest a").click()
    wait_article(page)
    check(urllib.parse.urlparse(page.driver.current_url).path == "/article" and
          page.js("return document.getElementById('error').hidden"),
          f"a newest article opens its view: {page.driver.current_url}")
    page.driver.back()
    wait_entity(page, name)
    # A name beside an article opens its page too.
    page.driver.find_element(By.CSS_SELECTOR, "#newest a").click()
    wait_article(page)
    link = page.driver.find_element(By.CSS_SELECTOR, "#about .entities a")
    check(urllib.parse.urlparse(link.get_attribute("href")).path == "/entity",
          "an article's names link to their pages")
    page.driver.get(page.base + "/entity?kind=person&name=" + urllib.parse.quote("no such person"))
    missing = wait_entity(page, "")
    check("no article names person" in missing["error"], f"an unknown entity says so: {missing['error']}")


def more_flow(page, query):
    """A facet's "more": up to 50 of its values, kept in the URL; "fewer" goes back to 10.
    Shown only when the facet has more than ten."""
    page.open("/?q=" + urllib.parse.quote(query))
    values = """return document.querySelectorAll('.facet[data-kind="place"] .facet-values button:not(.exclude)').length;"""
    more = page.driver.find_element(By.CSS_SELECTOR, '.facet[data-kind="place"] .facet-more')
    total = page.js("""return fetch('/api/search?facets=place&facet_limit=100&limit=0&q=' +
        encodeURIComponent(arguments[0])).then((r) => r.json()).then((d) => d.facets.place.length);""", query)
    check(page.js(values) == min(total, 10), f"ten places at most before more: {page.js(values)} of {total}")
    if not check(more.is_displayed() == (total > 10), f"more is shown when there are more than ten places ({total})"):
        return
    if total <= 10:
        return
    page.act(more.click)
    check(page.params().get("more") == "place", "the URL keeps the open facet")
    check(page.js(values) == min(total, 50), f"more shows up to 50 places: {page.js(values)} of {total}")
    more = page.driver.find_element(By.CSS_SELECTOR, '.facet[data-kind="place"] .facet-more')
    check(more.text == "fewer" and more.get_attribute("aria-expanded") == "true", "the button says fewer")
    page.act(more.click)
    check("more" not in page.params() and page.js(values) == 10, "fewer goes back to ten")


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

    export_flow(page, query)
    steer_flow(page, query, os.path.join(os.path.dirname(os.path.abspath(screenshot)),
                                         "serve-exclude.png"))
    keyboard_flow(page, query)
    more_flow(page, query)
    notable_flow(page, query, os.path.join(os.path.dirname(os.path.abspath(screenshot)),
                                           "serve-notable.png"))

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

    article_flow(page, query, os.path.join(os.path.dirname(os.path.abspath(screenshot)),
                                           "serve-article.png"))
    entity_flow(page, query, os.path.join(os.path.dirname(os.path.abspath(screenshot)),
                                         "serve-entity.png"))

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
