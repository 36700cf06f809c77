"""The team server: amaGama's API as Weblate calls it, tmkit's JSON API, writes behind a
token, bounds on what a request may ask; in process and as a real server on a port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree
from starlette.testclient import TestClient

from conftest import GOLD, assert_bad_input, run_tmkit
from tmkit.serve import app as server

UNITS = (
    "en\tes\n"
    "The Kremlin confirmed the visit.\tEl Kremlin confirmó la visita.\n"
    "The Kremlin confirmed the talks.\tEl Kremlin confirmó las conversaciones.\n"
    "Cuba and Russia signed four agreements.\tCuba y Rusia firmaron cuatro acuerdos.\n"
)
MORE = "en\tpt-BR\nThe Kremlin confirmed the visit.\tO Kremlin confirmou a visita.\n"


@pytest.fixture
def memory(tmp_path: Path) -> Path:
    table = tmp_path / "units.tsv"
    table.write_text(UNITS, "utf-8")
    more = tmp_path / "more.tsv"
    more.write_text(MORE, "utf-8")
    db = tmp_path / "tm.sqlite"
    result = run_tmkit("tm", "import", str(table), str(more), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    return db


@pytest.fixture
def client(memory: Path, tmp_path: Path) -> TestClient:
    glossary = tmp_path / "g.json"
    built = run_tmkit("glossary", "build", str(GOLD / "bilingual" / "putin.en.txt"), "-o",
                      str(glossary))  # fmt: skip
    assert built.returncode == 0, built.stderr.decode()
    return TestClient(server.create_app(str(memory), str(glossary), token="s3cret"))


def test_amagama_languages_and_units_as_weblate_asks(client: TestClient) -> None:
    languages = client.get("/tmserver/languages/").json()
    assert languages == {"sourceLanguages": ["en"], "targetLanguages": ["es", "pt_br"]}
    text = urllib.parse.quote("The Kremlin confirmed the visit today.")
    found = client.get(f"/tmserver/en/es/unit/{text}").json()
    assert found[0]["source"] == "The Kremlin confirmed the visit."
    assert found[0]["target"] == "El Kremlin confirmó la visita."
    assert isinstance(found[0]["quality"], int) and 75 <= found[0]["quality"] <= 100
    assert all(f["quality"] >= 70 for f in found)  # amaGama's default floor
    brazil = client.get(f"/tmserver/en/pt_br/unit/{text}").json()  # Weblate's code style
    assert [f["target"] for f in brazil] == ["O Kremlin confirmou a visita."]
    strict = client.get(f"/tmserver/en/es/unit/{text}", params={"min_similarity": 100})
    assert strict.json() == []
    one = client.get(f"/tmserver/en/es/unit/{text}", params={"max_candidates": 1}).json()
    assert len(one) == 1


def test_json_api_lookup_concordance_glossary_and_stats(client: TestClient) -> None:
    matches = client.get("/api/lookup", params={"q": "The Kremlin confirmed the talks.",
                                                "tgt": "es"}).json()  # fmt: skip
    assert matches[0]["score"] == 100 and matches[0]["tgt"].endswith("conversaciones.")
    assert set(matches[0]) == {"score", "src", "tgt", "src_lang", "tgt_lang", "tuid", "props",
                               "origin", "penalty", "id"}  # fmt: skip
    units = client.get("/api/concordance", params={"q": "agreements"}).json()
    assert [u["tgt"] for u in units] == ["Cuba y Rusia firmaron cuatro acuerdos."]
    hits = client.get("/api/glossary", params={"q": "leningrad"}).json()
    assert hits[0]["term"] == "Leningrad" and hits[0]["match"] == "folded"
    stats = client.get("/api/stats").json()
    assert stats["units"] == 4
    assert {"src_lang": "en", "tgt_lang": "es", "units": 3} in stats["pairs"]
    assert stats["origins"] == [{"origin": None, "units": 4, "penalty": 0}]


def test_export_streams_valid_tmx(client: TestClient) -> None:
    answer = client.get("/api/export")
    assert answer.status_code == 200 and answer.headers["x-units"] == "4"
    root = etree.fromstring(answer.content, etree.XMLParser(resolve_entities=False))
    assert root.tag == "tmx" and len(root.findall(".//tu")) == 4


def test_writes_need_the_token_and_import_all_or_nothing(client: TestClient) -> None:
    body = "en\tes\nGood morning.\tBuenos días.\n".encode()
    assert client.post("/api/import?format=tsv", content=body).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/api/import?format=tsv", content=body, headers=wrong).status_code == 401
    right = {"Authorization": "Bearer s3cret"}
    added = client.post("/api/import?format=tsv", content=body, headers=right)
    assert added.json() == {"read": 1, "added": 1, "units": 5}
    broken = client.post("/api/import?format=tmx", content=b"<tmx><body><tu>", headers=right)
    assert broken.status_code == 400 and broken.json()["error"]
    assert client.get("/api/stats").json()["units"] == 5  # the broken import added nothing


def test_a_server_without_a_token_takes_no_writes(memory: Path) -> None:
    client = TestClient(server.create_app(str(memory)))
    refused = client.post("/api/import?format=tsv", content=b"en\tes\na\tb\n")
    assert refused.status_code == 403 and "--token-file" in refused.json()["error"]
    missing = client.get("/api/glossary", params={"q": "x"})
    assert missing.status_code == 404 and "--glossary" in missing.json()["error"]


@pytest.mark.parametrize(
    ("url", "status", "problem"),
    [
        ("/api/lookup", 400, "'q' is required"),
        ("/api/lookup?q=x&min=200", 400, "min must be from 0 to 101"),
        ("/api/lookup?q=x&limit=ten", 400, "whole number"),
        ("/api/lookup?q=x&src=klingon", 400, "unknown language tag"),
        ("/tmserver/xx/es/unit/hello", 400, "unknown language tag 'xx'"),
        (f"/api/lookup?q={'a' * 2001}", 414, "longer than 2000"),
    ],
)
def test_bad_requests_get_a_status_and_one_line(
    client: TestClient, url: str, status: int, problem: str
) -> None:
    answer = client.get(url)
    assert answer.status_code == status and problem in answer.json()["error"]


def test_bodies_are_bounded(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "MAX_BODY_BYTES", 100)
    right = {"Authorization": "Bearer s3cret"}
    answer = client.post("/api/import?format=tsv", content=b"x" * 101, headers=right)
    assert answer.status_code == 413


def test_a_request_past_its_time_gets_503_and_the_server_goes_on(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tmkit.tm.sqlite import SqliteTM

    looked_up = SqliteTM.lookup

    def slow(self, text, *args, **kwargs):
        if text.startswith("slow"):
            time.sleep(0.5)
        return looked_up(self, text, *args, **kwargs)

    monkeypatch.setattr(server, "REQUEST_SECONDS", 0.1)
    monkeypatch.setattr(SqliteTM, "lookup", slow)
    late = client.get("/api/lookup", params={"q": "slow query"})
    assert late.status_code == 503 and "longer than 0.1 s" in late.json()["error"]
    found = client.get("/api/lookup", params={"q": "The Kremlin confirmed the visit."})
    assert found.status_code == 200 and found.json()[0]["score"] == 100


def test_openapi_describes_every_route(client: TestClient) -> None:
    description = client.get("/openapi.json").json()
    assert description["openapi"].startswith("3.")
    assert {"/tmserver/languages/", "/tmserver/{src}/{tgt}/unit/{text}", "/api/lookup",
            "/api/import"} <= description["paths"].keys()  # fmt: skip


def test_the_search_page_is_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<input id="query" type="search"' in page.text and "/api/" in page.text
    assert "<script src=" not in page.text  # nothing fetched from elsewhere


CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)
def test_a_browser_searches_the_glossary_and_the_tm(memory: Path, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    glossary = tmp_path / "g.json"
    built = run_tmkit("glossary", "build", str(GOLD / "bilingual" / "putin.en.txt"), "-o",
                      str(glossary))  # fmt: skip
    assert built.returncode == 0
    with _serving(memory, "--glossary", str(glossary)) as base:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={tmp_path / 'profile'}"):  # fmt: skip
            options.add_argument(flag)
        browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            browser.get(base + "/")
            box = browser.switch_to.active_element  # the search box has the focus
            assert box.get_attribute("id") == "query"
            box.send_keys("leningrad", Keys.ENTER)
            wait = WebDriverWait(browser, 10)
            wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#results li"))
            assert "Leningrad" in browser.find_element(By.ID, "results").text
            browser.find_element(By.CSS_SELECTOR, "input[value=lookup]").click()
            box = browser.find_element(By.ID, "query")
            box.clear()
            box.send_keys("The Kremlin confirmed the visit today.", Keys.ENTER)
            wait.until(lambda b: "%" in b.find_element(By.ID, "results").text)
            found = browser.find_element(By.ID, "results").text
            assert "El Kremlin confirmó la visita." in found and "[en→es]" in found
            browser.find_element(By.CSS_SELECTOR, "input[value=concordance]").click()
            box.clear()
            box.send_keys("agreements", Keys.ENTER)
            wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#results mark"))
            assert browser.find_element(By.CSS_SELECTOR, "#results mark").text == "agreements."
            shot = tmp_path / "search-page.png"
            assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 1000
        finally:
            browser.quit()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _serving(memory: Path, *options: str) -> Iterator[str]:
    """`tmkit serve` on a free port, as a real process; its base URL while it runs."""
    port = _free_port()
    command = [sys.executable, "-P", "-m", "tmkit", "serve", "--db", str(memory), "--port",
               str(port), *options]  # fmt: skip
    with subprocess.Popen(command, stderr=subprocess.PIPE) as process:
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"{base}/tmserver/languages/", timeout=2):
                        break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.1)
            else:
                pytest.fail("tmkit serve did not answer")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_tmkit_serve_answers_over_http(memory: Path, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("t0ken\n")
    with _serving(memory, "--token-file", str(token)) as base:
        with urllib.request.urlopen(f"{base}/tmserver/languages/", timeout=5) as answer:
            assert json.load(answer)["sourceLanguages"] == ["en"]
        text = urllib.parse.quote(b"Cuba and Russia signed four agreements.")
        with urllib.request.urlopen(f"{base}/tmserver/en/es/unit/{text}", timeout=5) as answer:
            found = json.load(answer)
        assert found[0]["target"] == "Cuba y Rusia firmaron cuatro acuerdos."
        assert found[0]["quality"] == 100
        request = urllib.request.Request(f"{base}/api/import?format=tsv", method="POST",
                                         data=b"en\tes\nYes.\tS\xc3\xad.\n")  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 401


def test_serve_refuses_a_missing_memory_or_empty_token(tmp_path: Path) -> None:
    result = run_tmkit("serve", "--db", str(tmp_path / "none.sqlite"))
    assert_bad_input(result, "no such translation memory")
    (tmp_path / "tm.sqlite").write_bytes(b"")
    empty = tmp_path / "token"
    empty.write_text("  \n")
    result = run_tmkit("serve", "--db", str(tmp_path / "tm.sqlite"), "--token-file", str(empty))
    assert_bad_input(result, "the token file is empty")


def test_serve_on_a_taken_port_says_so_in_one_line(memory: Path) -> None:
    """uvicorn found the port taken after tmkit had announced it served there, and exited
    3; a host that does not resolve likewise."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run_tmkit("serve", "--db", str(memory), "--port", port)
        assert_bad_input(result, f"cannot listen on 127.0.0.1:{port}", "in use")
    result = run_tmkit("serve", "--db", str(memory), "--host", "no-such-host.invalid")
    assert_bad_input(result, "cannot listen on no-such-host.invalid:8000")


def test_every_connection_sends_without_waiting_for_acks() -> None:
    """With --workers N uvicorn binds the listening socket itself, and asyncio then leaves
    Nagle's algorithm on for each connection: every keep-alive answer waited ~40 ms for the
    client's delayed ACK. tmkit's protocol turns it off on the socket uvicorn makes."""
    import asyncio
    import http.client
    import threading

    import uvicorn

    from tmkit.serve.protocol import NoDelayProtocol

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    config = uvicorn.Config(app, host="127.0.0.1", port=0, http=NoDelayProtocol,
                            log_level="warning", lifespan="off")  # fmt: skip
    listening = config.bind_socket()  # as the --workers supervisor binds it
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(instance.serve(sockets=[listening])))
    thread.start()
    try:
        while not instance.started:
            time.sleep(0.01)
        connection = http.client.HTTPConnection(*listening.getsockname()[:2], timeout=5)
        for _ in range(2):
            connection.request("GET", "/")
            assert connection.getresponse().read() == b"ok"
        (served,) = instance.server_state.connections
        accepted = served.transport.get_extra_info("socket")
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        connection.close()
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
        listening.close()
