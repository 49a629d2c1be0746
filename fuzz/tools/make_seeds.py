#!/usr/bin/env python3
"""Writes the text seed corpora under fuzz/corpus/ from the checked-in fixtures and scenarios.

    python3 fuzz/tools/make_seeds.py          # from the repository root

Deterministic: the same fixtures give the same files (named by content hash). The journal and
snapshot seeds come from fuzz/tools/binary_seeds.cpp instead (they need the server's encoders).
"""
import glob
import hashlib
import json
import os
import re
import shutil
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
MAX_SEED = 8 * 1024  # bytes; larger fixtures are left out to keep the corpus small


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_SEED:
        return
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def reset(target):
    shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)


def fixtures(profile):
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", profile, "*.json"))):
        with open(path) as f:
            doc = json.load(f)
        yield path, doc if isinstance(doc, list) else [doc]


def requests(fixture):
    for phase in ("setup", "steps", "teardown"):
        for step in fixture.get(phase, []):
            for key in ("request",):
                if key in step:
                    yield step[key]
            if "poll" in step and "request" in step["poll"]:
                yield step["poll"]["request"]


VAR = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")


def substitute(text, profile):
    def value(m):
        name = m.group(1).lower()
        if profile == "elasticsearch":
            return "node-0:1" if "id" in name or "task" in name else "node-0"
        return "0"
    return VAR.sub(value, text)


def raw_http(request, profile):
    method = request.get("method", "GET")
    path = substitute(request.get("path", "/"), profile)
    body = None
    if "body" in request:
        body = json.dumps(request["body"], separators=(",", ":"))
    elif "raw" in request:
        body = request["raw"]
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    for name, val in (request.get("headers") or {}).items():
        lines.append(f"{name}: {substitute(str(val), profile)}")
    if body is not None:
        body = substitute(body, profile)
        if not any(n.lower() == "content-type" for n in (request.get("headers") or {})):
            lines.append("Content-Type: application/json")
        lines.append(f"Content-Length: {len(body.encode())}")
    return "\r\n".join(lines) + "\r\n\r\n" + (body or "")


def http_seeds(profile, target):
    reset(target)
    for _, doc in fixtures(profile):
        for fixture in doc:
            reqs = [raw_http(r, profile) for r in requests(fixture)]
            for r in reqs:
                write(target, r)
            write(target, "".join(reqs[:8]))  # a keep-alive sequence, as the driver serves it
    # chunked, Expect and malformed shapes the fixtures never send
    body = '{"uid":"movies"}' if profile == "meilisearch" else '{"settings":{}}'
    path = "/indexes" if profile == "meilisearch" else "/movies"
    method = "POST" if profile == "meilisearch" else "PUT"
    write(target, f"{method} {path} HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                  f"Content-Type: application/json\r\n\r\n{len(body):x}\r\n{body}\r\n0\r\n\r\n")
    write(target, f"{method} {path} HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: "
                  f"{len(body)}\r\nContent-Type: application/json\r\n\r\n{body}")
    write(target, "GET / HTTP/1.0\r\nConnection: close\r\n\r\n")


def meili_query_seeds():
    target = "meili_task_query_fuzz"
    reset(target)
    for _, doc in fixtures("meilisearch"):
        for fixture in doc:
            for r in requests(fixture):
                path = substitute(r.get("path", ""), "meilisearch")
                route, _, query = path.partition("?")
                method = r.get("method", "GET")
                if route == "/tasks":
                    write(target, bytes([{"GET": 0, "POST": 1, "DELETE": 2}.get(method, 0)])
                          + query.encode())
                elif route.startswith("/tasks/") and route != "/tasks/cancel":
                    write(target, b"\x03" + route[len("/tasks/"):].encode())
                elif route.startswith("/indexes"):
                    write(target, (b"\x04" if "/documents" in route else b"\x05") + query.encode())
    for q in ["limit=%2B1&from=4294967295", "uids=1,,2,*&types=DOCUMENTADDITIONORUPDATE",
              "beforeEnqueuedAt=2023-01-01&afterStartedAt=2023-01-01T00:00:00.5%2B01:00",
              "statuses=enqueued,processing,succeeded,failed,canceled&indexUids=a-b_c",
              "canceledBy=0&afterFinishedAt=*&%ZZ=1&a+b=c"]:
        for route in range(3):
            write(target, bytes([route]) + q.encode())
    write(target, b"\x04offset=1&limit=2&fields=a,b,*")
    write(target, b"\x05primaryKey=id&limit=1")


def es_param_seeds():
    target = "es_rest_params_fuzz"
    reset(target)
    seeds = [
        b"\x00node-0:1", b"\x00unset", b"\x00a:-1", b"\x00n:9223372036854775807", b"\x00:",
        b"\x01timeout\n30s", b"\x01timeout\n-1", b"\x01detailed\n500micros",
        b"\x01actions\n1.5m", b"\x01nodes\n10nanos",
        b"\x02nodes", b"\x02parents", b"\x02none",
        b"\x03metadata.persistent_tasks.tasks.id", b"\x03**.persistent_tasks,cluster_name",
        b"\x03metadata.*, ,master_node", b"\x03-metadata", b"\x03a\\.b",
        b"\x04*reindex*\nindices:data/write/reindex", b"\x04cluster:*/tasks/*\ncluster:a/tasks/b",
        b"\x05X-Opaque-Id: abc\ntraceparent: 00-1\nX-elastic-product-origin: kibana",
    ]
    for s in seeds:
        write(target, s)


def copies():
    reset("fixture_file_fuzz")
    for profile in ("meilisearch", "elasticsearch"):
        for _, doc in fixtures(profile):
            for fixture in doc:
                write("fixture_file_fuzz", json.dumps(fixture, separators=(",", ":")))
    reset("scenario_file_fuzz")
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "scenarios", "*", "*.json"))):
        with open(path, "rb") as f:
            write("scenario_file_fuzz", f.read())
    reset("known_failures_fuzz")
    with open(os.path.join(ROOT, "examples", "ctest-consumer", "known-failures.json"), "rb") as f:
        write("known_failures_fuzz", f.read())
    write("known_failures_fuzz", '{"known_failures": []}')
    write("known_failures_fuzz", '{"known_failures": [{"fixture": "b", "reason": "x"},'
                                 ' {"fixture": "a", "reason": "\\u00e9"}]}')


if __name__ == "__main__":
    copies()
    meili_query_seeds()
    es_param_seeds()
    http_seeds("meilisearch", "meili_http_fuzz")
    http_seeds("elasticsearch", "es_http_fuzz")
    for target in sorted(os.listdir(CORPUS)):
        files = os.listdir(os.path.join(CORPUS, target))
        size = sum(os.path.getsize(os.path.join(CORPUS, target, f)) for f in files)
        print(f"{target}: {len(files)} seeds, {size} bytes")
