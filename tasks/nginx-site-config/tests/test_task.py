"""Hidden tests for proctor/nginx-site-config: start the stack and probe it over loopback."""
import base64
import gzip
import json
import os
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.request

import pytest

BASE = "http://127.0.0.1:8080"


def wait_port(port, timeout=8):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


@pytest.fixture(scope="module")
def stack():
    for _ in range(2):  # must be safe to run twice
        r = subprocess.run(["/bin/bash", "/app/start.sh"], capture_output=True, text=True, timeout=60,
                           env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}, cwd="/")
    assert wait_port(8080), "nothing listens on 8080: %s" % r.stderr[-2000:]
    assert wait_port(9000), "backend not on 9000"
    time.sleep(0.3)
    return True


def get(path, headers=None):
    req = urllib.request.Request(BASE + path, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict((k.lower(), v) for k, v in resp.headers.items()), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict((k.lower(), v) for k, v in e.headers.items()), e.read()


def test_nginx_config_valid(stack):
    r = subprocess.run(["/usr/sbin/nginx", "-t"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_index(stack):
    code, _, body = get("/")
    assert code == 200 and b"site-index-7f3a" in body


def test_custom_404(stack):
    code, _, body = get("/definitely/not/here.html")
    assert code == 404 and b"custom-404-c91e" in body


def test_healthz(stack):
    code, h, body = get("/healthz")
    assert code == 200 and body == b"ok\n"


def test_api_proxy(stack):
    code, h, body = get("/api/items?x=1&y=two", {"Host": "inventory.example"})
    assert code == 200
    data = json.loads(body)
    assert data["service"] == "inventory-api"
    assert data["path"] == "/items" and data["query"] == "x=1&y=two"
    assert data["headers"].get("x-forwarded-for", "").startswith("127.0.0.1")
    assert data["headers"].get("host") == "inventory.example"
    code, _, body = get("/api/")
    assert code == 200 and json.loads(body)["path"] == "/"


def test_backend_only_on_loopback_9000(stack):
    out = subprocess.run(["/usr/bin/python3", "-c", "print(open('/proc/net/tcp').read())"], capture_output=True,
                         text=True).stdout
    listening = [l.split() for l in out.splitlines()[1:] if l.split() and l.split()[3] == "0A"]
    ports = {(l[1].split(":")[0], int(l[1].split(":")[1], 16)) for l in listening}
    assert ("0100007F", 9000) in ports
    assert ("00000000", 9000) not in ports


def test_static_cache_and_gzip(stack):
    code, h, body = get("/static/app.css", {"Accept-Encoding": "gzip"})
    assert code == 200
    assert h.get("cache-control") == "public, max-age=86400"
    assert h.get("content-encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"/* inventory dashboard styles */")
    code, h, body = get("/static/app.css")
    assert code == 200 and "content-encoding" not in h and body.startswith(b"/* inventory")
    code, h, _ = get("/index.html")
    assert "cache-control" not in h


def test_admin_auth(stack):
    code, _, _ = get("/admin/")
    assert code == 401
    bad = base64.b64encode(b"ops:wrong").decode()
    assert get("/admin/", {"Authorization": "Basic " + bad})[0] == 401
    good = base64.b64encode(b"ops:s3cret").decode()
    code, _, body = get("/admin/", {"Authorization": "Basic " + good})
    assert code == 200 and b"admin-area-55b0" in body


def test_worker_user_and_permissions(stack):
    users = subprocess.run(["/usr/bin/ps", "-o", "user=,args=", "-C", "nginx"], capture_output=True, text=True).stdout
    workers = [l for l in users.splitlines() if "worker process" in l]
    assert workers and all(l.split()[0] == "www-data" for l in workers), users
    for dp, dirs, files in os.walk("/srv/www"):
        for n in dirs + files:
            mode = os.stat(os.path.join(dp, n)).st_mode
            assert not mode & stat.S_IWOTH, os.path.join(dp, n)
