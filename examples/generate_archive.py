"""Generate a synthetic archive of Latvian news-like articles (for benchmarks and tests).

Every sentence comes from templates written for this file and filled with
names, places, organisations and numbers in the grammatical case the template
needs; nothing is copied from real articles. The same ``--seed`` gives the
same archive.

    python examples/generate_archive.py archive.jsonl --articles 500 --seed 1
    python examples/generate_archive.py archive/ --articles 500 --format dir   # one .txt per article
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

# (nominative, genitive, locative)
CITIES = [
    ("Rīga", "Rīgas", "Rīgā"), ("Ventspils", "Ventspils", "Ventspilī"), ("Liepāja", "Liepājas", "Liepājā"),
    ("Daugavpils", "Daugavpils", "Daugavpilī"), ("Jelgava", "Jelgavas", "Jelgavā"),
    ("Valmiera", "Valmieras", "Valmierā"), ("Cēsis", "Cēsu", "Cēsīs"), ("Kuldīga", "Kuldīgas", "Kuldīgā"),
    ("Jūrmala", "Jūrmalas", "Jūrmalā"), ("Rēzekne", "Rēzeknes", "Rēzeknē"), ("Sigulda", "Siguldas", "Siguldā"),
    ("Talsi", "Talsu", "Talsos"), ("Ogre", "Ogres", "Ogrē"), ("Tukums", "Tukuma", "Tukumā"),
]
# (nominative, genitive) by gender
FIRST = {
    "m": [("Jānis", "Jāņa"), ("Andris", "Andra"), ("Pēteris", "Pētera"), ("Mārtiņš", "Mārtiņa"),
          ("Edgars", "Edgara"), ("Kristaps", "Kristapa"), ("Raimonds", "Raimonda"), ("Aivars", "Aivara"),
          ("Gatis", "Gata"), ("Normunds", "Normunda")],
    "f": [("Ilze", "Ilzes"), ("Anna", "Annas"), ("Laura", "Lauras"), ("Dace", "Daces"), ("Inese", "Ineses"),
          ("Santa", "Santas"), ("Līga", "Līgas"), ("Kristīne", "Kristīnes"), ("Zane", "Zanes"),
          ("Baiba", "Baibas")],
}
LAST = {
    "m": [("Kalniņš", "Kalniņa"), ("Ozols", "Ozola"), ("Bērziņš", "Bērziņa"), ("Liepiņš", "Liepiņa"),
          ("Krūmiņš", "Krūmiņa"), ("Zariņš", "Zariņa"), ("Vītols", "Vītola"), ("Jansons", "Jansona"),
          ("Eglītis", "Eglīša"), ("Siliņš", "Siliņa"), ("Apinis", "Apiņa"), ("Grants", "Granta")],
    "f": [("Kalniņa", "Kalniņas"), ("Ozola", "Ozolas"), ("Bērziņa", "Bērziņas"), ("Liepiņa", "Liepiņas"),
          ("Krūmiņa", "Krūmiņas"), ("Zariņa", "Zariņas"), ("Vītola", "Vītolas"), ("Jansone", "Jansones"),
          ("Eglīte", "Eglītes"), ("Siliņa", "Siliņas"), ("Apine", "Apines"), ("Granta", "Grantas")],
}
# roles: (masculine, feminine)
ROLES = [("valdes priekšsēdētājs", "valdes priekšsēdētāja"), ("direktors", "direktore"),
         ("pārstāvis", "pārstāve"), ("valdes loceklis", "valdes locekle"), ("vadītājs", "vadītāja"),
         ("padomes priekšsēdētājs", "padomes priekšsēdētāja")]
# organisations: (nominative, genitive); "{c}" is a city genitive
ORGS = [
    ("{c} dome", "{c} domes"), ("{c} valstspilsētas pašvaldība", "{c} valstspilsētas pašvaldības"),
    ("Latvijas Banka", "Latvijas Bankas"), ("Latvijas Universitāte", "Latvijas Universitātes"),
    ("Rīgas Tehniskā universitāte", "Rīgas Tehniskās universitātes"),
    ("Latvijas Pašvaldību savienība", "Latvijas Pašvaldību savienības"),
    ("Valsts ieņēmumu dienests", "Valsts ieņēmumu dienesta"),
    ("Latvijas Darba devēju konfederācija", "Latvijas Darba devēju konfederācijas"),
    ("Satiksmes ministrija", "Satiksmes ministrijas"), ("Veselības ministrija", "Veselības ministrijas"),
    ("Izglītības un zinātnes ministrija", "Izglītības un zinātnes ministrijas"),
    ("Latvijas Olimpiskā komiteja", "Latvijas Olimpiskās komitejas"),
    ("biedrība „Zaļā Daugava”", "biedrības „Zaļā Daugava”"), ("AS „Latvijas Dzelzceļš”", "AS „Latvijas Dzelzceļš”"),
    ("{c} slimnīca", "{c} slimnīcas"), ("{c} Valsts ģimnāzija", "{c} Valsts ģimnāzijas"),
]
NETWORKS = ["Eiropas universitāšu alianses", "Baltijas pilsētu savienības", "UNESCO Radošo pilsētu tīkla",
            "Eiropas Vēsturisko pilsētu asociācijas", "Ziemeļvalstu sadarbības tīkla"]
SECTIONS = ["Ekonomika", "Sabiedrība", "Izglītība", "Sports", "Kultūra", "Reģionos", "Politika", "Veselība"]
WEEKDAYS = ["pirmdien", "otrdien", "trešdien", "ceturtdien", "piektdien", "šodien", "vakar"]
MONTHS_GEN = ["janvāra", "februāra", "marta", "aprīļa", "maija", "jūnija", "jūlija", "augusta", "septembra",
              "oktobra", "novembra", "decembra"]
# Numbers that take plural agreement (none ends in 1).
COUNTS = [3, 4, 5, 6, 7, 8, 9, 12, 15, 18, 24, 36, 40, 45, 56, 68, 75, 120, 240, 300, 450, 1200, 2500]
MILLIONS = ["2", "3", "4", "5", "7", "12", "15", "2,5", "3,8", "6,4", "18", "40"]
PERCENTS = [15, 20, 25, 30, 40, 45, 60, 75, 85]

CLAUSES = [
    "darbs turpināsies arī nākamgad",
    "jaunais projekts palīdzēs piesaistīt investīcijas",
    "iedzīvotāju skaits pilsētā pēdējos gados ir stabilizējies",
    "pašvaldība ir gatava sadarbībai ar uzņēmējiem",
    "finansējums tiks novirzīts ceļu un tiltu remontam",
    "sarunas notika konstruktīvā gaisotnē",
    "lēmums tiks pieņemts līdz gada beigām",
    "pieprasījums pēc pakalpojuma ir pieaudzis",
    "būvdarbi norit atbilstoši grafikam",
    "skolēnu skaits novadā šogad ir palielinājies",
    "cenu kāpums iedzīvotājus ietekmēs mazāk nekā gaidīts",
    "sadarbība ar kaimiņvalstīm kļūst arvien ciešāka",
]

SENTENCES = [
    "{org_gen_cap} {role} {person} pastāstīja, ka {clause}.",
    "{person} atzina, ka {clause}.",
    "Kā informēja {org_gen} pārstāvji, {clause}.",
    "Pēc {person_gen} teiktā, {clause}.",
    "{city_loc_cap} {weekday} viesojās {org_gen} delegācija.",
    "{year}. gadā {org} kļuva par {network} dalībnieku.",
    "Šogad {city_loc} plānots ieguldīt aptuveni {millions} miljonus eiro.",
    "Biedrība apvieno vairāk nekā {count} biedrus no {count2} novadiem.",
    "Pašlaik {network} darbā iesaistītas {count} organizācijas no {count2} valstīm.",
    "Darbi {city_loc} ilgs līdz {year}. gada {month} beigām.",
    ("Projekta kopējās izmaksas sasniedz {millions} miljonus eiro, no kurām {percent} procentus sedz "
     "Eiropas Savienības fondi."),
    "Iedzīvotāji var pieteikties līdz {month} vidum.",
    "Sanāksmē piedalījās {count} pašvaldību pārstāvji.",
    "Jaunā skola {city_loc} uzņems aptuveni {count} skolēnus.",
    "Sacensībās {city_loc} startēja {count} sportisti no {count2} valstīm.",
    "Festivāla programmā {city_loc} ir {count} koncerti un {count2} izstādes.",
    "{org_cap} {weekday} paziņoja, ka {clause}.",
    "{city_gen_cap} {mayor} {person} uzsvēra, ka {clause}.",
    "Eksperti norāda, ka {clause}.",
    "Sīkāka informācija pieejama {org_gen} mājaslapā.",
]
HEADLINES = [
    "{city_loc_cap} atklāj jaunu skolu", "{org_cap} plāno pārmaiņas", "{city_loc_cap} sākas ielu remonts",
    "Investīcijas {city_loc} pieaug", "{city_gen_cap} sportisti gatavojas sacensībām",
    "Festivāls {city_loc} pulcē apmeklētājus",
]
CAPTIONS = ["Foto: LETA", "Foto: ilustratīvs attēls", "{city}. Publicitātes attēls.", "Foto: {org_gen} arhīvs"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slots(rng: random.Random) -> dict[str, str]:
    """Fresh fillers for one sentence, every case form agreeing with its name."""
    city, city_gen, city_loc = rng.choice(CITIES)
    gender = rng.choice("mf")
    first, first_gen = rng.choice(FIRST[gender])
    last, last_gen = rng.choice(LAST[gender])
    org_city = rng.choice(CITIES)[1]
    org, org_gen = (form.format(c=org_city) for form in rng.choice(ORGS))
    count, count2 = rng.sample(COUNTS, 2)
    return {
        "city": city, "city_gen": city_gen, "city_loc": city_loc, "city_loc_cap": _cap(city_loc),
        "city_gen_cap": _cap(city_gen), "person": f"{first} {last}", "person_gen": f"{first_gen} {last_gen}",
        "role": rng.choice(ROLES)[gender == "f"], "mayor": "mēre" if gender == "f" else "mērs",
        "org": org, "org_cap": _cap(org), "org_gen": org_gen,
        "org_gen_cap": _cap(org_gen), "clause": rng.choice(CLAUSES), "weekday": rng.choice(WEEKDAYS),
        "year": str(rng.randint(2015, 2030)), "month": rng.choice(MONTHS_GEN),
        "network": rng.choice(NETWORKS), "millions": rng.choice(MILLIONS), "percent": str(rng.choice(PERCENTS)),
        "count": str(count), "count2": str(count2),
    }


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES).format(**_slots(rng)) for _ in range(rng.randint(2, 4)))


def generate_article(rng: random.Random) -> tuple[str, str]:
    """(headline, text): a rubric line, sometimes a photo caption, 3-6 paragraphs."""
    lines = [rng.choice(SECTIONS)]
    if rng.random() < 0.6:
        lines.append(rng.choice(CAPTIONS).format(**_slots(rng)))
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(3, 6))]
    return rng.choice(HEADLINES).format(**_slots(rng)), "\n".join(lines) + "\n\n" + "\n\n".join(paragraphs)


def generate_articles(n: int, seed: int = 0) -> list[dict]:
    """``n`` articles as dicts (``id``, ``text``, ``title``, ``date``), the same for the same seed."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    articles = []
    for i in range(n):
        title, text = generate_article(rng)
        articles.append({"id": f"a{i + 1:05d}", "text": text, "title": title,
                         "date": (start + timedelta(days=i // 5)).isoformat()})
    return articles


def write_archive(path: Path, n: int, seed: int = 0, fmt: str = "jsonl") -> Path:
    """Write the archive as JSONL (one article per line) or a directory of .txt files."""
    articles = generate_articles(n, seed)
    if fmt == "dir":
        path.mkdir(parents=True, exist_ok=True)
        for article in articles:
            (path / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
    else:
        with open(path, "w", encoding="utf-8") as f:
            for article in articles:
                f.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output", type=Path)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--format", choices=["jsonl", "dir"], default="jsonl")
    args = ap.parse_args()
    write_archive(args.output, args.articles, args.seed, args.format)


if __name__ == "__main__":
    main()
