#!/usr/bin/env python3
"""Browser test of the web app: headless Chromium (Debian's chromium and
chromium-driver, driven by selenium from PyPI) loads the plan, runs one
what-if through the form (which carries the server's token in a hidden field)
and waits until it appears side by side with the base. The same form sent
without the token, from another origin, or to another Host name, is refused.
Screenshots are kept in ARTIFACTS (default ci-artifacts/).

Usage: python3 scripts/browser_test.py HUBPLAN SCENARIO_DIR [ARTIFACTS]
Exit 0 on success, 1 with a message otherwise.
"""
import http.client, os, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def status(port, method, path, body=None, headers=None):
    """The status code of one request sent outside the browser (as another page or program would)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        return conn.getresponse().status
    finally:
        conn.close()

def refusals(port, token):
    """What the server answers to forged requests, as (what, expected, got)."""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    good = urllib.parse.urlencode({"token": token, "name": "forged", "venue": "WIG-TC"})
    return [
        ("POST without the token", 403, status(port, "POST", "/whatif", "name=forged&venue=WIG-TC", form)),
        ("POST from another origin", 403, status(port, "POST", "/whatif", good, {**form, "Origin": "http://evil.example"})),
        ("POST with a raw space", 400, status(port, "POST", "/whatif", "token=" + token + "&name=a b", form)),
        ("GET with a foreign Host", 421, status(port, "GET", "/download/plan.json", None, {"Host": "evil.example"})),
    ]

def main():
    hubplan, scenario = sys.argv[1], sys.argv[2]
    artifacts = sys.argv[3] if len(sys.argv) > 3 else "ci-artifacts"
    os.makedirs(artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="browser-")
    copy = os.path.join(work, "scenario")
    shutil.copytree(scenario, copy, ignore=shutil.ignore_patterns(".hubplan", "out"))
    port = free_port()
    server = subprocess.Popen([hubplan, "serve", copy, "--port", str(port), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    options = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"):
        options.add_argument(a)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    driver = None
    try:
        # The server plans the scenario before it listens: wait for it (bounded).
        deadline = time.time() + 180
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("browser test: the server did not start: " + (server.stderr.read().decode() if server.poll() is not None else "timeout"))
                time.sleep(1)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        driver.set_page_load_timeout(120)
        driver.get(base + "/plan")
        assert "plan 2026-27" in driver.title, driver.title
        assert driver.find_elements(By.ID, "by-cohort"), "no timetable by cohort on /plan"
        driver.save_screenshot(os.path.join(artifacts, "plan.png"))
        driver.get(base + "/whatif")
        tokens = driver.find_elements(By.CSS_SELECTOR, "form input[type=hidden][name=token]")
        assert len(tokens) == 1 and len(tokens[0].get_attribute("value")) == 64, "the what-if form carries no token"
        token = tokens[0].get_attribute("value")
        for what, expected, got in refusals(port, token):
            assert got == expected, f"{what}: expected {expected}, got {got}"
        driver.find_element(By.ID, "name").send_keys("browser-npqh-half")
        Select(driver.find_element(By.ID, "programme")).select_by_value("NPQH")
        scale = driver.find_element(By.ID, "scale")
        scale.clear()
        scale.send_keys("50")
        driver.save_screenshot(os.path.join(artifacts, "whatif-form.png"))
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        # The job page follows progress over server-sent events and reloads when done.
        WebDriverWait(driver, 300).until(lambda d: "Variants side by side" in d.page_source)
        assert "browser-npqh-half" in driver.page_source
        driver.save_screenshot(os.path.join(artifacts, "whatif-result.png"))
        overlays = os.path.join(copy, ".hubplan", "overlays")
        assert os.path.exists(os.path.join(overlays, "browser-npqh-half.yaml")), "the overlay is not in .hubplan/overlays"
        print(f"browser test: plan loaded, what-if sent with its token, run and shown side by side; forged requests refused; screenshots in {artifacts}/")
    finally:
        if driver:
            driver.quit()
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
