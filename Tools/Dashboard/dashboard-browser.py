#!/usr/bin/python3
"""Drive the monitor's dashboard in headless Chromium through the DevTools protocol.

Opens the dashboard at --url, saves screenshots of the devices and overview pages into --out,
and prints one JSON line of what the DOM shows (device rows, capacity bars, open alert rows).
With --wait-alert KIND:SUBJECT it then prints `ready`, waits until the file --go-file exists (the
caller opens the alert, then creates it), and checks - without reloading - that the overview page
shows that alert within --timeout seconds: it prints a second JSON line and saves
overview-alert.png.

Used by the devnet tests; handy by hand too:
  ip netns exec dz-core python3 Tools/Dashboard/dashboard-browser.py --url http://127.0.0.1:8081 --out /tmp/shots
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # Debian python3-websocket


class Page:
    """One Chromium tab spoken to over its DevTools websocket."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError("%s failed: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_event(self, name, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == name:
                    del self.events[index]
                    return event
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                pass
        raise RuntimeError("no %s within %ss" % (name, timeout))

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired", 30)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError("script failed: %s" % result["exceptionDetails"])
        return result["result"].get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))


DOM_FACTS = """(() => ({
  page: document.getElementById('content') ? document.getElementById('content').dataset.page : null,
  devices: Array.from(document.querySelectorAll('tr.device')).map(row => row.dataset.device),
  capacityBars: document.querySelectorAll('svg.capacity-bar').length,
  alerts: Array.from(document.querySelectorAll('tr.alert')).map(row => row.dataset.alertKind + ':' + row.dataset.subject),
  sequence: (document.getElementById('status-line') || {dataset: {}}).dataset.sequence || null,
  marker: window.__dashboardMarker || null,
}))()"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the dashboard, e.g. http://127.0.0.1:8081")
    parser.add_argument("--out", required=True, help="folder for the screenshots")
    parser.add_argument("--wait-alert", help="KIND:SUBJECT of an alert the caller opens after `ready`")
    parser.add_argument("--go-file", help="with --wait-alert: the file whose creation says the alert is open")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for that alert")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("dashboard-browser: chromium is not installed (Debian package chromium)")
    profile = tempfile.mkdtemp(prefix="dashboard-chromium-")
    process = subprocess.Popen(
        [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
         "--window-size=1400,1000", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.time() > deadline or process.poll() is not None:
                sys.exit("dashboard-browser: chromium did not open its DevTools port")
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=10))
        page = Page(next(t for t in targets if t.get("type") == "page")["webSocketDebuggerUrl"])
        page.call("Page.enable")
        page.call("Runtime.enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
        base = args.url.rstrip("/")
        page.navigate(base + "/devices")
        page.screenshot(os.path.join(args.out, "devices.png"))
        devices = page.evaluate(DOM_FACTS)
        page.navigate(base + "/")
        page.screenshot(os.path.join(args.out, "overview.png"))
        overview = page.evaluate(DOM_FACTS)
        print(json.dumps({"devices_page": devices, "overview_page": overview}), flush=True)
        if not args.wait_alert:
            return
        page.evaluate("window.__dashboardMarker = 'still-here'")
        print("ready", flush=True)
        deadline = time.time() + 300
        while args.go_file and not os.path.exists(args.go_file) and time.time() < deadline:
            time.sleep(0.1)
        deadline = time.time() + args.timeout
        facts = page.evaluate(DOM_FACTS)
        while args.wait_alert not in facts["alerts"] and time.time() < deadline:
            time.sleep(0.2)
            facts = page.evaluate(DOM_FACTS)
        page.screenshot(os.path.join(args.out, "overview-alert.png"))
        print(json.dumps({"after_alert": facts}), flush=True)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
