"""The HTTP service, tested as clients see it: a real uvicorn process on 127.0.0.1.

Two module-scoped servers (authentication off / on) keep model loads to a few;
one more test starts ``--workers 2``. The timeout, failure and CORS tests run
uvicorn in a thread with the real analyzer (a tiny timeout; a fault injected
into the real pipeline). schemathesis fuzzes every operation of /openapi.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from spacy.language import Language

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from lvnews.records import Article, Entity  # noqa: E402
from lvnews.service.limits import DRAIN_BYTES, DRAIN_SECONDS  # noqa: E402
from lvnews.service.process import ServerProcess, free_port  # noqa: E402

MAX_BYTES = 20_000
MAX_BATCH = 4
API_KEY = "test-key-7f3a"
TEXT = ("Liepājas domes priekšsēdētāja Anna Kalniņa otrdien apmeklēja Ventspili. "
        "Biedrība apvieno 120 biedrus.")
# Environment for every server: no key inherited from the caller's shell, quiet logs.
BASE_ENV = {"LVNEWS_API_KEY": "", "LVNEWS_MAX_BATCH": str(MAX_BATCH), "LVNEWS_ACCESS_LOG": "0",
            "LVNEWS_LOG_LEVEL": "info", "LVNEWS_CORS_ORIGINS": ""}


def start(args: list[str], env: dict[str, str] | None = None) -> ServerProcess:
    """A started server; the test fails with the server's log if it cannot start."""
    return ServerProcess(["--max-bytes", str(MAX_BYTES), *args], env={**BASE_ENV, **(env or {})}).start()


def stop_cleanly(server: ServerProcess) -> None:
    """SIGTERM shuts down gracefully: lifespan shutdown runs, no traceback, no SIGKILL."""
    rc = server.stop()
    log = server.final_log
    assert rc in (0, -signal.SIGTERM), f"lvnews serve exited with {rc} on SIGTERM:\n{log}"
    assert "Application shutdown complete" in log and "Traceback" not in log, log


@pytest.fixture(scope="module")
def server():
    srv = start(["--timeout", "60"])
    yield srv
    stop_cleanly(srv)


@pytest.fixture(scope="module")
def auth_server():
    srv = start(["--api-key", API_KEY])
    yield srv
    stop_cleanly(srv)


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def assert_error(resp: httpx.Response, status: int, error: str | None = None) -> dict:
    """The response is our JSON error with this status (and code)."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert body["status"] == status and body["message"]
    if error:
        assert body["error"] == error, body
    return body


# -- probes and metadata -------------------------------------------------------

def test_health_and_ready(client):
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_info_reports_version_model_labels_and_limits(client):
    import lvnews

    info = client.get("/v1/info").json()
    assert info["lvnews_version"] == lvnews.__version__
    assert info["model"]["name"] and info["model"]["version"]
    assert {"PERSON", "ORG", "GPE"} <= set(info["labels"]["ner"])
    assert info["fact_types"] == ["quantity", "member_count", "membership", "role"]
    assert info["limits"] == {"max_bytes": MAX_BYTES, "max_batch": MAX_BATCH, "timeout_seconds": 60.0}
    assert info["auth"] is False


# -- analysis --------------------------------------------------------------------

def test_analyze_returns_the_article_record(client):
    resp = client.post("/v1/analyze", json={"text": TEXT, "id": "a1", "metadata": {"url": "https://x.lv/1"},
                                            "options": {"force_language": "lv"}})
    assert resp.status_code == 200, resp.text
    article = Article.model_validate(resp.json())
    assert article.id == "a1" and article.metadata == {"url": "https://x.lv/1"}
    assert article.text == TEXT and article.language == "lv"
    assert article.sentences and article.error is None
    labels = {e.label for e in article.entities}
    assert "PERSON" in labels
    for item in [*article.entities, *article.facts]:
        assert TEXT[item.start:item.end] == item.text


def test_concurrent_requests_are_batched_and_each_gets_its_own_record(server):
    import concurrent.futures

    texts = [f"{city} dome šodien apstiprināja budžetu, ziņo {n}. avots." for n, city in
             enumerate(["Rīgas", "Cēsu", "Liepājas", "Valmieras", "Jelgavas", "Ogres"])]
    bodies = [{"text": t, "id": f"c{n}", "metadata": {"text": "not the text", "n": n}} for n, t in enumerate(texts)]

    def post(body: dict) -> dict:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            resp = c.post("/v1/analyze", json=body)
            assert resp.status_code == 200, resp.text
            return resp.json()

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        together = list(pool.map(post, bodies))
    alone = [post(b) for b in bodies]
    for a, b, body in zip(together, alone, bodies):
        assert a["id"] == body["id"] and a["text"] == body["text"] and a["metadata"] == body["metadata"]
        a["meta"].pop("seconds"), b["meta"].pop("seconds")
        assert a == b


def test_entities_and_facts_return_just_those_lists(client):
    ents = client.post("/v1/entities", json={"text": TEXT, "id": "e"}).json()
    assert set(ents) == {"id", "language", "entities"} and ents["id"] == "e"
    person = next(Entity.model_validate(e) for e in ents["entities"] if e["label"] == "PERSON")
    assert person.canonical == "Anna Kalniņa" and TEXT[person.start:person.end] == person.text

    facts = client.post("/v1/facts", json={"text": TEXT}).json()
    assert set(facts) == {"id", "language", "facts"}
    counts = [f for f in facts["facts"] if f["type"] == "member_count"]
    assert counts and counts[0]["count"] == 120
    assert TEXT[counts[0]["start"]:counts[0]["end"]] == counts[0]["text"]


def test_foreign_text_is_returned_unanalysed(client):
    text = "The city council of Riga met on Tuesday to discuss the new bridge over the river."
    article = client.post("/v1/analyze", json={"text": text}).json()
    assert article["language"] != "lv" and article["entities"] == [] and article["text"] == text


@pytest.mark.parametrize("given", ["LV", " lv ", "Lv"])
def test_force_language_ignores_case_and_spaces(client, given):
    text = "The city council of Riga met on Tuesday to discuss the new bridge over the river."
    resp = client.post("/v1/analyze", json={"text": text, "options": {"force_language": given}})
    assert resp.status_code == 200, resp.text
    assert resp.json()["language"] == "lv" and resp.json()["sentences"]


@pytest.mark.parametrize("given", ["latvian", "l", "lv-LV", "1v", ""])
def test_force_language_that_is_no_language_code_is_a_clear_422(client, given):
    resp = client.post("/v1/batch", json={"items": [{"text": "Rīga.", "options": {"force_language": given}}]})
    body = assert_error(resp, 422, "validation_error")
    assert "ISO 639" in body["message"] and repr(given) in body["message"], body
    assert body["detail"][0]["loc"] == ["body", "items", 0, "options", "force_language"]


def test_batch_keeps_order_and_ids(client):
    items = [{"text": TEXT, "id": "one"}, {"text": "Rīga ir Latvijas galvaspilsēta.", "id": "two"}]
    resp = client.post("/v1/batch", json={"items": items})
    assert resp.status_code == 200, resp.text
    out = resp.json()["items"]
    assert [a["id"] for a in out] == ["one", "two"]
    assert all(Article.model_validate(a).error is None for a in out)
    assert client.post("/v1/batch", json={"items": []}).json() == {"items": []}


def test_health_answers_while_analyses_run(server, client):
    """CPU work runs on the analysis thread: the event loop still answers probes at once."""
    long_text = "\n\n".join([TEXT] * 150)  # ~17 kB, about a second of analysis
    threads = [threading.Thread(target=lambda: httpx.post(server.url + "/v1/analyze", json={"text": long_text},
                                                          timeout=60)) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    started = time.perf_counter()
    assert client.get("/health").status_code == 200
    elapsed = time.perf_counter() - started
    busy = any(t.is_alive() for t in threads)
    for t in threads:
        t.join()
    assert busy, "the analyses finished too soon to test anything"
    assert elapsed < 1.0, f"/health took {elapsed:.2f} s while analyses ran"


# -- errors ------------------------------------------------------------------------

@pytest.mark.parametrize("content, status, error", [
    ('{"text": "Rīga'.encode(), 400, "invalid_json"),
    (b"not json at all", 400, "invalid_json"),
    (b"", 422, "validation_error"),
    (b"[]", 422, "validation_error"),
    (b'{"text": 5}', 422, "validation_error"),
    (b'{"id": "no text"}', 422, "validation_error"),
    (b'{"text": "x", "id": 7}', 422, "validation_error"),
    (b'{"text": "x", "metadata": [1, 2]}', 422, "validation_error"),
    (b'{"text": "x", "options": {"force_language": 5}}', 422, "validation_error"),
    (b'{"text": "x", "options": {"force_language": "latvian!"}}', 422, "validation_error"),
    (b'{"text": "x", "optoins": {}}', 422, "validation_error"),
    (b'{"text": "a\\ud800b"}', 422, "validation_error"),
    (b'{"text": "x", "metadata": {"k": "\\udfff"}}', 422, "validation_error"),
    (b'{"text": "\xff\xfe"}', 400, "invalid_json"),
    (b"[" * 5000 + b"]" * 5000, 400, "invalid_json"),
])
def test_bad_bodies_are_clear_json_errors(client, content, status, error):
    resp = client.post("/v1/analyze", content=content, headers={"content-type": "application/json"})
    body = assert_error(resp, status, error)
    if status == 422 and content:
        assert body["detail"] and all({"loc", "msg", "type"} <= set(d) for d in body["detail"])


def test_body_without_json_content_type_is_422_with_a_hint(client):
    for headers in ({"content-type": "text/plain"}, {}):
        body = assert_error(client.post("/v1/analyze", content=b'{"text": "x"}', headers=headers), 422)
        assert "Content-Type: application/json" in body["message"]


def test_wrong_batch_types_are_422(client):
    assert_error(client.post("/v1/batch", json={"items": "text"}), 422, "validation_error")
    assert_error(client.post("/v1/batch", json={"items": [{"text": 1}]}), 422, "validation_error")
    assert_error(client.post("/v1/batch", json={}), 422, "validation_error")


def test_batch_over_the_limit_is_413(client):
    resp = client.post("/v1/batch", json={"items": [{"text": "Rīga."}] * (MAX_BATCH + 1)})
    body = assert_error(resp, 413, "batch_too_large")
    assert str(MAX_BATCH) in body["message"]


def test_declared_body_over_max_bytes_is_413(client):
    body = json.dumps({"text": "ā" * MAX_BYTES}).encode()
    assert_error(client.post("/v1/analyze", content=body, headers={"content-type": "application/json"}),
                 413, "payload_too_large")


def test_chunked_body_over_max_bytes_is_413(client):
    """No Content-Length: the server counts bytes as they arrive."""
    def chunks():
        yield b'{"text": "'
        for _ in range(MAX_BYTES // 1000 + 1):
            yield b"a" * 1000
        yield b'"}'

    resp = client.post("/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in resp.request.headers
    assert_error(resp, 413, "payload_too_large")
    # A chunked body under the limit is read normally.
    ok = client.post("/v1/analyze", content=iter([b'{"text": ', '"Rīga."}'.encode()]),
                     headers={"content-type": "application/json"})
    assert ok.status_code == 200, ok.text


BIG_BODY = json.dumps({"text": "a" * 4_800_000}).encode()  # a 4.8 MB article


def urllib_post(url: str, data: Any, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    """POST with Python's urllib, which sends the whole body before reading the answer and asks
    for ``Connection: close``; the status and JSON body, whether 2xx or not."""
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_urllib_gets_the_413_for_a_big_body(server):
    """Answering at once and closing would reset the connection under a client still sending:
    the server reads and drops the rest of the body (bounded) before it answers."""
    status, body = urllib_post(server.url + "/v1/analyze", BIG_BODY)
    assert (status, body["error"]) == (413, "payload_too_large")
    # Without a length urllib sends chunks: the server notices at the limit, then drains the same way.
    chunks = (BIG_BODY[n:n + 65536] for n in range(0, len(BIG_BODY), 65536))
    status, body = urllib_post(server.url + "/v1/analyze", chunks)
    assert (status, body["error"]) == (413, "payload_too_large")
    # The connection was left clean: the next request is served.
    assert urllib_post(server.url + "/v1/entities", json.dumps({"text": TEXT}).encode())[0] == 200


def test_urllib_gets_the_401_for_a_big_body(auth_server):
    status, body = urllib_post(auth_server.url + "/v1/analyze", BIG_BODY)
    assert (status, body["error"]) == (401, "unauthorized")


def raw_answer(srv: ServerProcess, head: str, body: bytes = b"", seconds: float = 30) -> tuple[bytes, float]:
    """Send a request head (and part of a body), then read until the server closes: its
    answer and how long it took."""
    with socket.create_connection((srv.host, srv.port), timeout=seconds) as sock:
        started = time.perf_counter()
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer, time.perf_counter() - started


@pytest.mark.parametrize("headers", [f"Content-Length: {DRAIN_BYTES + 1}\n",
                                     f"Content-Length: {len(BIG_BODY)}\nExpect: 100-continue\n"])
def test_bodies_that_would_be_cut_off_anyway_are_refused_at_once(server, headers):
    """Over the drain budget, or a client that waits for 100 Continue: 413 without reading, then close."""
    answer, seconds = raw_answer(server, f"POST /v1/analyze HTTP/1.1\nHost: x\n{headers}")
    assert answer.startswith(b"HTTP/1.1 413 ") and b"connection: close" in answer.lower(), answer
    assert seconds < 2, f"answered after {seconds:.2f} s"


@pytest.mark.slow
def test_a_stalled_upload_gets_its_413_after_the_drain_time(server):
    """A client that stops sending holds the connection for DRAIN_SECONDS, no longer."""
    answer, seconds = raw_answer(server, f"POST /v1/analyze HTTP/1.1\nHost: x\nContent-Length: {len(BIG_BODY)}\n",
                                 BIG_BODY[:100_000])
    assert answer.startswith(b"HTTP/1.1 413 ") and b"connection: close" in answer.lower(), answer
    assert DRAIN_SECONDS - 0.5 < seconds < DRAIN_SECONDS + 5


def test_unknown_paths_and_methods_are_json(client):
    assert_error(client.get("/v1/nothing"), 404, "not_found")
    resp = client.get("/v1/analyze")
    assert_error(resp, 405, "method_not_allowed")
    assert "POST" in resp.headers["allow"]


def test_cors_is_off_by_default(client):
    resp = client.options("/v1/analyze", headers={"Origin": "https://example.org",
                                                  "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in resp.headers
    assert "access-control-allow-origin" not in client.get("/health", headers={"Origin": "https://a.b"}).headers


# -- authentication -------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"},
                                     {"X-API-Key": ""}])
def test_missing_or_wrong_key_is_401(auth_server, headers):
    with httpx.Client(base_url=auth_server.url, headers=headers, timeout=60) as c:
        for resp in (c.post("/v1/analyze", json={"text": TEXT}), c.post("/v1/batch", json={"items": []}),
                     c.get("/v1/info")):
            assert_error(resp, 401, "unauthorized")
            assert "X-API-Key" in resp.headers["www-authenticate"]


def test_401_comes_before_reading_the_body(auth_server):
    with httpx.Client(base_url=auth_server.url, timeout=60) as c:
        assert_error(c.post("/v1/analyze", content=b"{broken", headers={"content-type": "application/json"}), 401)
        assert_error(c.post("/v1/analyze", content=b"x" * (MAX_BYTES + 1)), 401)


@pytest.mark.parametrize("headers", [{"X-API-Key": API_KEY}, {"Authorization": f"Bearer {API_KEY}"}])
def test_right_key_is_accepted(auth_server, headers):
    with httpx.Client(base_url=auth_server.url, headers=headers, timeout=60) as c:
        assert c.get("/v1/info").json()["auth"] is True
        resp = c.post("/v1/entities", json={"text": TEXT})
        assert resp.status_code == 200, resp.text
        # With the key, the other errors are reported as usual.
        assert_error(c.post("/v1/analyze", json={"text": 1}), 422)


def test_probes_page_and_docs_need_no_key(auth_server):
    with httpx.Client(base_url=auth_server.url, timeout=60) as c:
        for path in ("/health", "/ready", "/", "/static/app.js", "/openapi.json", "/docs"):
            assert c.get(path).status_code == 200, path
        schema = c.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ApiKey"]["name"] == "X-API-Key"
    assert schema["paths"]["/v1/analyze"]["post"]["security"] == [{"ApiKey": []}]
    assert "security" not in schema["paths"]["/health"]["get"]


# -- OpenAPI ---------------------------------------------------------------------

def test_openapi_documents_every_endpoint_and_error(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert set(paths) == {"/v1/analyze", "/v1/entities", "/v1/facts", "/v1/batch", "/health", "/ready", "/v1/info"}
    for path in ("/v1/analyze", "/v1/entities", "/v1/facts", "/v1/batch"):
        responses = paths[path]["post"]["responses"]
        assert {"200", "400", "401", "413", "422", "504"} <= set(responses), path
        error_schema = responses["413"]["content"]["application/json"]["schema"]
        assert error_schema == {"$ref": "#/components/schemas/ErrorResponse"}
    assert paths["/v1/analyze"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/Article")
    assert schema["components"]["schemas"]["BatchRequest"]["properties"]["items"]["maxItems"] == MAX_BATCH
    assert "securitySchemes" not in schema.get("components", {})
    assert "swagger" in client.get("/docs").text.lower()
    assert client.get("/redoc").status_code == 200


# schemathesis: every generated request (valid and invalid) gets a documented status, never a 500.
# The schema is built in-process from the servers' settings (no model needed) and checked equal to the
# served /openapi.json; schemathesis' fixture-based lazy loader does not work with pytest 9.
schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402


def served_schema() -> dict:
    """/openapi.json as the auth-off test server builds it."""
    from lvnews.service.app import create_app
    from lvnews.service.settings import Settings

    return create_app(Settings(max_bytes=MAX_BYTES, max_batch=MAX_BATCH, timeout=60.0)).openapi()


# A batch over maxItems is refused with 413 (by the issue's design), which schemathesis' default
# list of "rejected" statuses lacks; everything else keeps the defaults.
SCHEMATHESIS_CONFIG = {
    "generation": {"max-examples": 20},
    "checks": {"negative_data_rejection": {"expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413,
                                                                  415, 422, 428, 429, "5XX"]}},
}
api_schema = schemathesis.openapi.from_dict(served_schema(), config=schemathesis.Config.from_dict(SCHEMATHESIS_CONFIG))


def test_schema_under_test_is_the_served_one(client):
    assert client.get("/openapi.json").json() == served_schema()


@api_schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_openapi_contract_holds_for_generated_requests(case, server):
    case.call_and_validate(base_url=server.url, timeout=60)


# -- the real analyzer in an in-thread server: timeout, failures, CORS --------------------------

@Language.component("test_fault_on_boom")
def fault_on_boom(doc):  # noqa: ANN001, ANN201
    """A fault injected into the real pipeline: texts that say ``boom`` make analysis raise."""
    if "boom" in doc.text:
        raise RuntimeError("injected failure")
    return doc


@pytest.fixture(scope="module")
def real_analyzer():
    import lvnews

    return lvnews.load()


@contextlib.contextmanager
def thread_server(analyzer=None, **settings_kwargs):  # noqa: ANN001, ANN201
    """A real uvicorn server in a thread, serving the app with ``analyzer`` (None: the
    app loads its own, as ``lvnews serve`` does); yields a client."""
    from lvnews.service.app import create_app
    from lvnews.service.process import serve_in_thread
    from lvnews.service.settings import Settings

    app = create_app(Settings(warmup=False, **settings_kwargs), analyzer=analyzer)
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


LONG_TEXT = "\n\n".join(["Rīgas dome šodien apstiprināja jauno budžetu nākamajam gadam, un deputāti to "
                          "apsprieda vairākas stundas, pirms balsojuma uzklausot iedzīvotāju pārstāvjus."] * 150)


def test_slow_analysis_is_504_and_probes_still_answer(real_analyzer):
    with thread_server(real_analyzer, timeout=0.05) as c:
        started = time.perf_counter()
        resp = c.post("/v1/analyze", json={"text": LONG_TEXT})
        assert_error(resp, 504, "timeout")
        assert time.perf_counter() - started < 0.9
        assert c.get("/health").status_code == 200
        assert_error(c.post("/v1/batch", json={"items": [{"text": LONG_TEXT}]}), 504, "timeout")


def test_a_failing_batch_item_becomes_an_error_record():
    import lvnews

    analyzer = lvnews.load()
    analyzer.nlp.add_pipe("test_fault_on_boom")
    with thread_server(analyzer) as c:
        resp = c.post("/v1/batch", json={"items": [{"text": "Rīga.", "id": "ok"}, {"text": "boom", "id": "bad"}]})
        assert resp.status_code == 200, resp.text
        ok, bad = resp.json()["items"]
        assert ok["error"] is None and bad["id"] == "bad" and "injected failure" in bad["error"]
        # A single article has no record to carry the error: a JSON 500 (a bug, never bad input).
        assert_error(c.post("/v1/analyze", json={"text": "boom"}), 500, "internal_error")
        # ... and the worker goes on serving (Starlette closes the connection after a 500: a new one).
        with httpx.Client(base_url=str(c.base_url), timeout=30) as fresh:
            assert fresh.post("/v1/analyze", json={"text": "Rīga ir galvaspilsēta."}).status_code == 200


def test_the_service_and_lvnews_analyze_share_one_model():
    """The app takes the process's shared analyzer: a process that serves and calls
    ``lvnews.analyze`` holds the model once, and both give the same record."""
    import lvnews
    from lvnews.analyzer import shared_analyzer, shared_analyzers
    from lvnews.service.app import create_app
    from lvnews.service.process import serve_in_thread
    from lvnews.service.settings import Settings

    before = shared_analyzers()
    app = create_app(Settings(warmup=False))
    with serve_in_thread(app) as url:
        served = httpx.post(url + "/v1/analyze", json={"text": TEXT, "id": "s"}, timeout=60).json()
        direct = lvnews.analyze(TEXT, id="s").model_dump(mode="json")
        assert app.state.lvnews.analyzer is shared_analyzer()
    added = [key for key in shared_analyzers() if key not in before]
    assert len(added) <= 1 and len(shared_analyzers()) == len(before) + len(added)
    if not before:  # this test alone: serving and lvnews.analyze loaded the model once between them
        assert len(shared_analyzers()) == 1
    served["meta"].pop("seconds"), direct["meta"].pop("seconds")
    assert served == direct


def test_cors_when_configured(real_analyzer):
    with thread_server(real_analyzer, cors_origins=("https://news.example",)) as c:
        resp = c.options("/v1/analyze", headers={"Origin": "https://news.example",
                                                 "Access-Control-Request-Method": "POST"})
        assert resp.headers["access-control-allow-origin"] == "https://news.example"
        other = c.options("/v1/analyze", headers={"Origin": "https://evil.example",
                                                  "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in other.headers


def test_settings_come_from_flags_then_environment(monkeypatch):
    from lvnews.service import settings_from_args
    from lvnews.service.settings import Settings

    args = argparse.Namespace(model=None, backend="spacy", max_bytes=500, api_key=None, timeout=2.0)
    monkeypatch.setenv("LVNEWS_API_KEY", "from-env")
    monkeypatch.setenv("LVNEWS_CORS_ORIGINS", "https://a.example, https://b.example")
    s = settings_from_args(args)
    assert (s.api_key, s.max_bytes, s.timeout) == ("from-env", 500, 2.0)
    assert s.cors_origins == ("https://a.example", "https://b.example")
    assert settings_from_args(argparse.Namespace(**{**vars(args), "api_key": "flag"})).api_key == "flag"
    assert Settings.from_env(s.to_env()) == s
    with pytest.raises(ValueError, match="LVNEWS_MAX_BYTES"):
        Settings.from_env({"LVNEWS_MAX_BYTES": "lots"})


def test_serve_refuses_bad_flags(capsys):
    from lvnews.cli import build_parser

    args = build_parser().parse_args(["serve", "--workers", "0"])
    assert args.func(args) == 2
    assert "--workers" in capsys.readouterr().err


def worker_infos(srv: ServerProcess, want: int, without: int | None = None, seconds: float = 90) -> list[dict]:
    """/v1/info over fresh connections until ``want`` different workers (none of them
    ``without``) have answered: each worker listens on its own socket, and one still
    loading its model takes no connections yet."""
    deadline = time.monotonic() + seconds
    infos: list[dict] = []
    while time.monotonic() < deadline:
        with httpx.Client(base_url=srv.url, headers={"X-API-Key": API_KEY}, timeout=60) as c:
            try:
                infos.append(c.get("/v1/info").json())
            except httpx.TransportError:  # the killed worker's connection
                continue
        pids = {i["worker_pid"] for i in infos} - {without}
        if len(pids) >= want:
            return [i for i in infos if i["worker_pid"] != without]
        time.sleep(0.05)
    raise AssertionError(f"only workers {sorted({i['worker_pid'] for i in infos})} answered in {seconds:g} s")


def serve_to_exit(*args: str, seconds: float = 120) -> subprocess.CompletedProcess:
    """``lvnews serve`` expected to exit on its own (it could not start)."""
    return subprocess.run([sys.executable, "-m", "lvnews.cli", "serve", *args], capture_output=True, text=True,
                          timeout=seconds, env={**os.environ, **BASE_ENV})


@pytest.mark.slow
def test_two_workers_stop_when_one_cannot_start(tmp_path):
    run = serve_to_exit("--workers", "2", "--port", str(free_port()), "--model", str(tmp_path / "no-such-model"))
    assert run.returncode == 3, run.stderr[-2000:]


@pytest.mark.slow
def test_two_workers_get_the_settings():
    """--workers 2: separate processes built from LVNEWS_* variables, each with its model."""
    srv = start(["--workers", "2", "--api-key", API_KEY, "--timeout", "7"])
    try:
        infos = worker_infos(srv, want=2)
        assert all(i["auth"] and i["limits"]["timeout_seconds"] == 7.0 for i in infos)
        # a worker that dies is replaced, and the service keeps answering meanwhile
        first = {i["worker_pid"] for i in infos}
        os.kill(min(first), signal.SIGKILL)
        pids = {i["worker_pid"] for i in worker_infos(srv, want=2, without=min(first))}
        assert max(first) in pids and min(first) not in pids
        # a second server on the same port is refused, not let into the workers' socket group
        again = serve_to_exit("--workers", "2", "--port", str(srv.port))
        assert again.returncode == 1 and "cannot listen" in again.stderr, again.stderr[-2000:]
        with httpx.Client(base_url=srv.url, headers={"X-API-Key": API_KEY}, timeout=60) as c:
            assert c.post("/v1/entities", json={"text": TEXT}).status_code == 200
        assert_error(httpx.get(srv.url + "/v1/info"), 401)
    finally:
        stop_cleanly(srv)
