from klusteri.clusters.tests.test_browser_map import *  # noqa

def test_debug(page, live_server, clusters):
    open_map(page, live_server)
    wait_for_markers(page, 2)
    g = page.locator("#cluster-map .marker-cluster")
    print("before", g.evaluate("e => e.outerHTML"))
    page.wait_for_timeout(500)
    print("after 500", page.locator("#cluster-map .marker-cluster").count(), g.evaluate("e => e.isConnected"))
    g.focus()
    print("active", page.evaluate("() => document.activeElement.className"))
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)
    print("after enter", page.evaluate("() => document.activeElement.className"), page.locator("#cluster-map .leaflet-marker-icon").count())
    print(page.evaluate("() => Array.from(document.querySelectorAll('#cluster-map .leaflet-marker-icon')).map(e => e.className + ' ' + (e.alt||''))"))
