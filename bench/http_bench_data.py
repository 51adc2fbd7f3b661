#!/usr/bin/env python3
"""Fills a cronaca database with N synthetic documents, for bench/http_bench.sh.

    cronaca summary --db big.db          # creates the schema (Store::Open)
    python3 bench/http_bench_data.py big.db 100000

The documents do not go through the analyser (100,000 of them would take an
hour): rows are written straight into the store's tables with the shapes and
the proportions of analysed news (per document 10 sentences, 8 actor
mentions, 5 events, 2 quotations; 5 documents per story; dates spread over
2024-2025), so the queries of `cronaca serve` meet realistic table sizes and
index selectivities. Every text is made up here from small word lists (ASCII,
so byte offsets are character offsets) and every span points at the words it
claims to cover. Deterministic (seeded).
"""
import random
import sqlite3
import sys

COUNTRIES = ["RUS", "UKR", "USA", "TUR", "SRB", "ISR", "IRN", "FRA", "DEU", "ITA", "CHN", "GBR", "POL", "HUN"]
ROLES = ["GOV", "MIL", "", "OPP", "BUS", "MED"]
NAMES = {c: [f"{c.title()} Minister {i}" for i in range(12)] for c in COUNTRIES}
CITIES = ["Geneva", "Ankara", "Brussels", "Rome", "Kyiv", "Moscow", "Belgrade", "Warsaw", "Paris", "Berlin"]
# (verb, CAMEO code, PLOVER, quad class, Goldstein)
VERBS = [
    ("met", "040", "CONSULT", 1, 1.0), ("praised", "051", "AGREE", 1, 3.4), ("promised aid to", "070", "AID", 2, 7.0),
    ("criticised", "111", "ACCUSE", 3, -2.0), ("accused", "112", "ACCUSE", 3, -2.0),
    ("threatened", "130", "THREATEN", 3, -4.4), ("protested against", "140", "PROTEST", 3, -6.5),
    ("sanctioned", "163", "SANCTION", 3, -8.0), ("attacked", "190", "ASSAULT", 4, -10.0),
    ("shelled", "194", "ASSAULT", 4, -10.0), ("bombed", "195", "ASSAULT", 4, -10.0),
    ("negotiated with", "046", "CONSULT", 1, 7.0),
]
SOURCES = [f"Synthetic Outlet {i}" for i in range(40)]
DOCS_PER_STORY = 5
SENTENCES, MENTIONS_PER_SENTENCE_PAIRS, EVENTS, QUOTES = 10, 4, 5, 2


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20250101)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("BEGIN")
    docs, ids, sents, mentions, events, quotes, stories, links = [], [], [], [], [], [], [], []

    def flush():
        db.executemany("INSERT INTO documents(key, id, origin, title, source, url, date, lang, lang_confidence, "
                       "original, body_begin, body_end, pipeline, analyzed_at, n_sentences, n_tokens, quality, "
                       "machine_translation) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
        db.executemany("INSERT INTO document_ids(id, key) VALUES(?,?)", ids)
        db.executemany("INSERT INTO sentences(key, idx, begin, end, paragraph, token_begin, token_end) "
                       "VALUES(?,?,?,?,?,?,?)", sents)
        db.executemany("INSERT INTO mentions(key, idx, begin, end, sentence, type, resolution, entity, name, code, "
                       "rule, correction, antecedent, confidence, role) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       mentions)
        db.executemany("INSERT INTO events(key, idx, trigger_begin, trigger_end, sentence, source_mention, "
                       "target_mention, source, target, code, plover, plover_mode, goldstein, quad_class, date, "
                       "time, place, modality, quotation, rule, confidence) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
        db.executemany("INSERT INTO quotes(key, idx, begin, end, content_begin, content_end, sentence, kind, "
                       "indirect, speaker_mention, speaker, speaker_code, speaker_entity, relay_mention, relay, "
                       "relay_code, rule, confidence) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", quotes)
        db.executemany("INSERT INTO stories(id, first_date, last_date, label, n_documents, terms, actors) "
                       "VALUES(?,?,?,?,?,?,?)", stories)
        db.executemany("INSERT INTO document_stories(key, story) VALUES(?,?)", links)
        for rows in (docs, ids, sents, mentions, events, quotes, stories, links):
            rows.clear()

    story_dates = []
    for i in range(n):
        key = f"{i:032x}"
        doc_id = f"doc-{i:06d}"
        story_no = i // DOCS_PER_STORY
        if i % DOCS_PER_STORY == 0:
            day = rng.randrange(730)
            story_dates = [day + k for k in range(DOCS_PER_STORY)]
            a, b = rng.sample(COUNTRIES, 2)
            story_label = f"{NAMES[a][0]}, {NAMES[b][0]}"
        day = story_dates[i % DOCS_PER_STORY]
        year, rest = 2024 + day // 365, day % 365
        date = f"{year}-{rest // 30 % 12 + 1:02d}-{rest % 28 + 1:02d}"
        city = rng.choice(CITIES)
        title = f"Talks and tension in {city} ({i})"
        header = f"title: {title}\nsource: {SOURCES[i % len(SOURCES)]}\ndate: {date}\n\n"
        text = header
        body_begin = len(text)
        m_idx = 0
        sentence_rows = []
        doc_mentions = []
        for s in range(SENTENCES):
            a, b = rng.sample(COUNTRIES, 2)
            na, nb = rng.choice(NAMES[a]), rng.choice(NAMES[b])
            verb = rng.choice(VERBS)
            begin = len(text)
            sentence = f"{na} {verb[0]} {nb} in {city} on {date}, officials said."
            text += sentence + " "
            end = begin + len(sentence)
            sents.append((key, s, begin, end, 0, s * 14, s * 14 + 14))
            for name, code in ((na, a + rng.choice(ROLES)), (nb, b + rng.choice(ROLES))):
                if m_idx >= 8:
                    break
                off = text.index(name, begin)
                entity = name.lower().replace(" ", "_")
                mentions.append((key, m_idx, off, off + len(name), s, 0, 0, entity, name, code,
                                 "actors.synthetic", "", -1, 1.0, ""))
                doc_mentions.append((m_idx, s, name, code, entity))
                m_idx += 1
            sentence_rows.append((s, begin, sentence, na, nb, a, b, verb))
        for e in range(EVENTS):
            s, begin, sentence, na, nb, a, b, verb = sentence_rows[e * 2]
            t0 = begin + len(na) + 1
            src = next((m for m in doc_mentions if m[1] == s and m[2] == na), None)
            tgt = next((m for m in doc_mentions if m[1] == s and m[2] == nb), None)
            events.append((key, e, t0, t0 + len(verb[0]), s, src[0] if src else -1, tgt[0] if tgt else -1,
                           src[3] if src else a, tgt[3] if tgt else b, verb[1], verb[2], "", verb[4], verb[3],
                           date, -1, "", 0, -1, f"events.en.synthetic{verb[1]}", 0.9))
        for q in range(QUOTES):
            begin = len(text)
            content = f"We will keep talking about {city} and about point {q}"
            speaker = doc_mentions[q]
            text += f"\"{content},\" {speaker[2]} said. "
            quotes.append((key, q, begin, begin + len(content) + 3, begin + 1, begin + 1 + len(content),
                           SENTENCES + q, 0, 0, speaker[0], speaker[2], speaker[3], speaker[4], -1, "", "",
                           "quotes.synthetic", 0.9))
        docs.append((key, doc_id, doc_id + ".txt", title, SOURCES[i % len(SOURCES)], f"https://example.org/{i}",
                     date, "en", 0.99, text, body_begin, len(text), "synthetic", "2025-01-01T00:00:00Z",
                     SENTENCES, SENTENCES * 14, 1.0, 0))
        ids.append((doc_id, key))
        story_id = f"s-{story_no:06d}"
        links.append((key, story_id))
        if i % DOCS_PER_STORY == 0:
            first = date
        if i % DOCS_PER_STORY == DOCS_PER_STORY - 1 or i == n - 1:
            stories.append((story_id, first, date, story_label, i % DOCS_PER_STORY + 1, "{}", "{}"))
        if len(docs) >= 5000:
            flush()
    flush()
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
