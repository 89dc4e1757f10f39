"""Load test of ``lvnews serve``: POST /v1/analyze at fixed concurrency for a fixed time.

Starts its own server on 127.0.0.1 (a free port), warms it up, then keeps
``--concurrency`` requests in flight for ``--duration`` seconds with a ~400-word
Latvian article, and prints:
  * requests, req/s, latency p50/p95/p99/max (ms), errors by kind;
  * RSS of the server (all worker processes) before and after, and the growth.

Targets (``--check`` exits 1 when one is missed): 0 errors, RSS growth <= 10 %,
p99 <= 300 ms (with --workers 2 on a quiet machine). The client runs on the
same machine and takes CPU too: compare runs made on the same machine only.

Usage: python benchmarks/load.py [--duration 60] [--concurrency 8] [--workers 2] [--json]
       python benchmarks/load.py --url http://127.0.0.1:8000   (an already running server; no RSS)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter

import httpx

from lvnews.service.process import ServerProcess

# A made-up municipal news story (all people are fictional), about 400 words.
ARTICLE = """Ventspils dome otrdien apstiprināja jauno pilsētas attīstības plānu, kas paredz līdz 2030. gadam ieguldīt vairāk nekā 40 miljonus eiro ostas, ielu un skolu atjaunošanā. Domes priekšsēdētājs Jānis Vītols žurnālistiem pastāstīja, ka plāns tapis gandrīz divus gadus un tā izstrādē piedalījušies vairāk nekā 300 iedzīvotāju.

Lielākā daļa naudas būs paredzēta ostas infrastruktūrai. Ventspils brīvostas pārvaldes valdes loceklis Pēteris Kalniņš atzina, ka piestātņu pārbūve ir steidzama, jo kravu apjoms pēdējos trīs gados pieaudzis par 15 procentiem. Pārvalde cer piesaistīt arī Eiropas Savienības fondu līdzekļus.

Plānā iekļauta arī divu skolu renovācija. Ventspils 4. vidusskolas direktore Inese Bērziņa uzsvēra, ka skolā mācās 850 skolēnu, bet ēka nav remontēta kopš 1985. gada. Darbus paredzēts sākt nākamā gada pavasarī, un tie ilgs aptuveni 18 mēnešus.

Pilsētas uzņēmēji plānu vērtē atzinīgi. Kurzemes uzņēmēju biedrība šogad uzņēma 12 jaunus biedrus, un tagad biedrība apvieno 140 biedrus no Ventspils, Kuldīgas un Talsiem. Biedrības valdes priekšsēdētāja Līga Ozola sacīja, ka uzņēmējiem vissvarīgākais ir labi ceļi un kvalificēts darbaspēks.

Ne visi tomēr ir apmierināti. Opozīcijas deputāts Andris Liepiņš norādīja, ka plānā pārāk maz uzmanības pievērsts sabiedriskajam transportam. Viņš aicināja domi paredzēt vismaz divus miljonus eiro jauniem autobusiem un velosipēdu celiņiem.

Latvijas Pašvaldību savienības pārstāvis Māris Krūmiņš atgādināja, ka līdzīgus plānus pēdējos gados pieņēmušas arī Liepāja un Jelgava. Viņaprāt, pašvaldībām būtu jāsadarbojas, lai kopīgi piesaistītu investorus un nekonkurētu savā starpā.

Pilsētas budžets šogad ir 95 miljoni eiro, no kuriem gandrīz trešdaļa paredzēta izglītībai. Finanšu komitejas vadītāja Dace Zariņa skaidroja, ka aizņēmumu apjoms nepārsniegs likumā noteiktos ierobežojumus un pilsētas kredītreitings paliks stabils.

Ventspils Tehniskās universitātes rektors Edgars Siliņš pauda cerību, ka jaunais plāns palīdzēs noturēt pilsētā jauniešus. Universitātē šobrīd studē aptuveni 1200 studentu, un daudzi no viņiem pēc studijām pārceļas uz Rīgu, jo tur ir vairāk darba iespēju un augstākas algas.

Plāna apspriešanā piedalījās arī Ventspils novada lauku kopienu pārstāvji. Biedrības „Zaļā Kurzeme” vadītājs Raimonds Jansons atgādināja, ka pilsētas attīstība nav iedomājama bez apkārtējiem ciemiem, kuros dzīvo vairāk nekā 10 000 cilvēku. Viņš ierosināja izveidot kopīgu darba grupu, kurā strādātu gan domes speciālisti, gan iedzīvotāju pārstāvji, un regulāri ziņotu par paveikto.

Iedzīvotāji ar plānu var iepazīties domes mājaslapā un Ventspils bibliotēkā līdz 15. decembrim. Priekšlikumus var iesniegt rakstiski vai elektroniski, un dome sola uz katru atbildēt mēneša laikā. Galīgo lēmumu deputāti pieņems janvāra sēdē, bet pirmie darbi ostā varētu sākties jau vasarā. Domes izpilddirektors Guntis Roze piebilda, ka plāna izpildi katru gadu vērtēs neatkarīgi auditori un rezultāti būs publiski pieejami.
"""

P99_TARGET_MS = 300.0
RSS_GROWTH_TARGET = 0.10
# Headers for every request (X-API-Key with --api-key); set once in main().
AUTH: dict[str, str] = {}


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (0 when there are none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


async def worker(client: httpx.AsyncClient, deadline: float, latencies: list[float], errors: Counter) -> None:
    """Send requests back to back until the deadline, recording each latency or error."""
    body = {"text": ARTICLE, "id": "load"}
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            resp = await client.post("/v1/analyze", json=body)
        except httpx.HTTPError as err:
            errors[type(err).__name__] += 1
            continue
        elapsed = time.perf_counter() - started
        if resp.status_code != 200:
            errors[f"HTTP {resp.status_code}"] += 1
        else:
            latencies.append(elapsed)


async def run_load(url: str, duration: float, concurrency: int, timeout: float) -> dict:
    """Keep ``concurrency`` requests in flight for ``duration`` seconds."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits, headers=AUTH) as client:
        latencies: list[float] = []
        errors: Counter = Counter()
        started = time.perf_counter()
        deadline = started + duration
        await asyncio.gather(*(worker(client, deadline, latencies, errors) for _ in range(concurrency)))
        wall = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "requests": len(ms), "seconds": round(wall, 2), "req_per_s": round(len(ms) / wall, 2),
        "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(ms[-1], 1) if ms else 0.0,
        "errors": sum(errors.values()), "errors_by_kind": dict(errors),
    }


async def warm_up(url: str, n: int = 5) -> None:
    """A few sequential requests so first-call costs do not count."""
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=AUTH) as client:
        for _ in range(n):
            (await client.post("/v1/analyze", json={"text": ARTICLE})).raise_for_status()



def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    ap.add_argument("--workers", type=int, default=2, help="server worker processes (default 2)")
    ap.add_argument("--timeout", type=float, default=60.0, help="client timeout per request, seconds")
    ap.add_argument("--url", default=None, help="use this running server instead of starting one")
    ap.add_argument("--api-key", default=None, help="X-API-Key for --url servers that need one")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    if args.api_key:
        AUTH["X-API-Key"] = args.api_key

    server = None
    if args.url is None:
        env = {"LVNEWS_ACCESS_LOG": "0", "LVNEWS_LOG_LEVEL": "warning", "LVNEWS_API_KEY": ""}
        server = ServerProcess(["--workers", str(args.workers)], env=env).start()
    url = args.url or server.url
    try:
        asyncio.run(warm_up(url, n=max(5, 2 * args.workers)))
        rss_before = server.rss() if server else None
        result = asyncio.run(run_load(url, args.duration, args.concurrency, args.timeout))
        rss_after = server.rss() if server else None
    finally:
        if server:
            server.stop()

    result.update({"url": url, "workers": args.workers if server else None, "concurrency": args.concurrency,
                   "article_words": len(ARTICLE.split()), "article_bytes": len(ARTICLE.encode())})
    if rss_before and rss_after:
        result.update({"rss_before_mb": round(rss_before / 2**20, 1), "rss_after_mb": round(rss_after / 2**20, 1),
                       "rss_growth": round(rss_after / rss_before - 1, 4)})
    missed = []
    if result["errors"]:
        missed.append(f"{result['errors']} errors (target 0)")
    if result.get("rss_growth", 0) > RSS_GROWTH_TARGET:
        missed.append(f"RSS grew {result['rss_growth']:.1%} (target <= {RSS_GROWTH_TARGET:.0%})")
    if result["p99_ms"] > P99_TARGET_MS:
        missed.append(f"p99 {result['p99_ms']} ms (target <= {P99_TARGET_MS:g} ms)")
    result["missed_targets"] = missed

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"{url}  workers {result['workers']}  concurrency {args.concurrency}  "
              f"article {result['article_words']} words")
        print(f"requests {result['requests']} in {result['seconds']} s  = {result['req_per_s']} req/s")
        print(f"latency ms  p50 {result['p50_ms']}  p95 {result['p95_ms']}  p99 {result['p99_ms']}  "
              f"max {result['max_ms']}")
        print(f"errors {result['errors']} {result['errors_by_kind'] or ''}".rstrip())
        if "rss_before_mb" in result:
            print(f"server RSS MB  before {result['rss_before_mb']}  after {result['rss_after_mb']}  "
                  f"growth {result['rss_growth']:+.1%}")
        print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
