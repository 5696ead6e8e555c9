"""Build the Kyrgyz segmentation gold set from its hand-edited markup.

    python corpora/segmentation/build.py            # source/*.txt -> gold.jsonl (validated)
    python corpora/segmentation/build.py --check    # fail if gold.jsonl is stale or invalid
    python corpora/segmentation/build.py --stats    # phenomenon counts (occurrences, documents)
    python corpora/segmentation/build.py --unbuild DIR  # gold.jsonl -> DIR/seg-NNN.txt markup

Markup (one document per file ``source/seg-NNN.txt``; the file's final newline is not text):

* ``⟦`` opens a sentence. Every sentence, the first one included, starts with it; a sentence
  ends at the end of the last token before the next ``⟦`` (or the end of the document).
* ``|`` is a token boundary that whitespace does not already make: ``2025-жылы|,`` ``«|Алтын``.
  ``⟦`` is a token boundary too, so ``УЛАНУУДА⟦26-мартта`` needs no ``|``.
* Whitespace (``str.isspace``) and the zero-width characters U+200B, U+2060, U+FEFF separate
  tokens and are never inside one.
* Escapes: ``{nbsp}`` U+00A0, ``{zwsp}`` U+200B, ``{bar}`` ``|``, ``{open}`` ``⟦``,
  ``{lbrace}`` ``{``, ``{tab}`` TAB, and ``{U+XXXX}`` for any other invisible character.

The markup is canonical: ``render(parse(m)) == m`` for every source file, and
``parse(render(doc)) == doc`` for every gold document, so either side can be rebuilt.
Only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"
GOLD_PATH = HERE / "gold.jsonl"

SENT_MARK = "⟦"
TOKEN_MARK = "|"
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff")
NAMED_ESCAPES = {
    "nbsp": "\u00a0",
    "zwsp": "\u200b",
    "bar": TOKEN_MARK,
    "open": SENT_MARK,
    "lbrace": "{",
    "tab": "\t",
}
ESCAPE_OF = {char: name for name, char in NAMED_ESCAPES.items()}

Span = tuple[int, int]


class MarkupError(ValueError):
    """The markup cannot be parsed, or is not in canonical form."""


def is_separator(char: str) -> bool:
    """Characters that separate tokens and never belong to one."""
    return char.isspace() or char in ZERO_WIDTH


# --------------------------------------------------------------------------- markup


def _unescape(name: str) -> str:
    if name in NAMED_ESCAPES:
        return NAMED_ESCAPES[name]
    match = re.fullmatch(r"U\+([0-9A-F]{4,6})", name)
    if match:
        return chr(int(match.group(1), 16))
    raise MarkupError(f"unknown escape {{{name}}}")


def _escape(char: str) -> str:
    if char in ESCAPE_OF:
        return "{" + ESCAPE_OF[char] + "}"
    if char in " \n":
        return char
    if unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"}:
        return f"{{U+{ord(char):04X}}}"
    return char


def parse_markup(markup: str) -> tuple[str, list[Span], list[Span]]:
    """Return ``(text, tokens, sentences)`` for one document's markup."""
    chars: list[str] = []
    bars: list[int] = []
    starts: list[int] = []
    i = 0
    while i < len(markup):
        char = markup[i]
        if char == "{":
            close = markup.find("}", i)
            if close < 0:
                raise MarkupError(f"unclosed escape at markup offset {i}")
            chars.append(_unescape(markup[i + 1 : close]))
            i = close + 1
            continue
        if char == TOKEN_MARK:
            bars.append(len(chars))
        elif char == SENT_MARK:
            starts.append(len(chars))
        else:
            chars.append(char)
        i += 1
    text = "".join(chars)

    def context(pos: int) -> str:
        return repr(text[max(0, pos - 20) : pos] + "^" + text[pos : pos + 20])

    if len(set(bars) | set(starts)) != len(bars) + len(starts):
        raise MarkupError(f"doubled boundary mark near {context((bars + starts)[0])}")
    for pos in bars:
        if pos == 0 or pos == len(text) or is_separator(text[pos - 1]) or is_separator(text[pos]):
            raise MarkupError(f"'|' next to whitespace or at an edge (redundant) at {context(pos)}")
    for pos in starts:
        if pos == len(text) or is_separator(text[pos]):
            raise MarkupError(f"'⟦' not followed by a token at {context(pos)}")

    cuts = set(bars) | set(starts)
    tokens: list[Span] = []
    start = None
    for pos, char in enumerate(text):
        if is_separator(char):
            if start is not None:
                tokens.append((start, pos))
                start = None
            continue
        if start is not None and pos in cuts:
            tokens.append((start, pos))
            start = None
        if start is None:
            start = pos
    if start is not None:
        tokens.append((start, len(text)))

    if not tokens:
        raise MarkupError("document without tokens")
    if not starts or starts[0] != tokens[0][0]:
        raise MarkupError("the first token must open a sentence with '⟦'")
    sentences: list[Span] = []
    token_index = 0
    for k, sent_start in enumerate(starts):
        sent_end_limit = starts[k + 1] if k + 1 < len(starts) else len(text) + 1
        end = None
        while token_index < len(tokens) and tokens[token_index][0] < sent_end_limit:
            end = tokens[token_index][1]
            token_index += 1
        if end is None:
            raise MarkupError(f"empty sentence at {context(sent_start)}")
        sentences.append((sent_start, end))
    return text, tokens, sentences


def render_markup(text: str, tokens: list[Span], sentences: list[Span]) -> str:
    """Inverse of :func:`parse_markup` for a valid document."""
    token_starts = {s for s, _ in tokens}
    token_ends = {e for _, e in tokens}
    sent_starts = {s for s, _ in sentences}
    out: list[str] = []
    for pos, char in enumerate(text):
        if pos in sent_starts:
            out.append(SENT_MARK)
        elif pos in token_starts and pos in token_ends:
            out.append(TOKEN_MARK)
        out.append(_escape(char))
    return "".join(out)


# --------------------------------------------------------------------------- validation


def validate_doc(doc: dict) -> list[str]:
    """Structural checks: offsets, whitespace, sentence/token alignment."""
    errors: list[str] = []
    text: str = doc["text"]
    tokens = [tuple(t) for t in doc["tokens"]]
    sentences = [tuple(s) for s in doc["sentences"]]
    prev_end = 0
    for start, end in tokens:
        if not (prev_end <= start < end <= len(text)):
            errors.append(f"token {(start, end)} not increasing/non-overlapping/in range")
            continue
        gap = text[prev_end:start]
        if not all(is_separator(c) for c in gap):
            errors.append(f"non-whitespace {gap!r} between tokens before {start}")
        if any(is_separator(c) for c in text[start:end]):
            errors.append(f"whitespace inside token {text[start:end]!r}")
        prev_end = end
    if not all(is_separator(c) for c in text[prev_end:]):
        errors.append("non-whitespace after the last token")
    starts = {s for s, _ in tokens}
    ends = {e for _, e in tokens}
    prev_end = 0
    covered = 0
    for start, end in sentences:
        if start not in starts or end not in ends:
            errors.append(f"sentence {(start, end)} not aligned to tokens")
        if not (prev_end <= start < end):
            errors.append(f"sentence {(start, end)} not increasing/non-overlapping")
        prev_end = end
        covered += sum(1 for s, e in tokens if start <= s and e <= end)
    if covered != len(tokens):
        errors.append(f"sentences cover {covered} of {len(tokens)} tokens")
    return errors


END_MARKS = re.compile(r"^(?:[.!?…]|\.{2,}|[?!]{2,}|[?!]\.\.)$")
CLOSERS = set("»”\")]'’")
OPENERS = set("«“\"([„'‘")
BULLET_TOKENS = {"•", "-", "–", "—", "*", "●", "▪", "·"}
ABBREV_RE = re.compile(r"^(?:[^\W\d_]+\.)+$")
INITIAL_RE = re.compile(r"^[^\W\d_]\.$")


def _is_initial(tok: str, next_tok: str | None) -> bool:
    return bool(INITIAL_RE.match(tok) and tok[0].isupper() and next_tok and next_tok[0].isupper())


def _line_start(text: str, pos: int) -> bool:
    return all(is_separator(c) for c in text[text.rfind("\n", 0, pos) + 1 : pos])


def is_bullet_sentence(text: str, toks: list[str], spans: list[Span], i: int) -> bool:
    """Token ``i`` opens a line with a bullet: ``•``, ``-``, ``1.``, ``2)``."""
    if not _line_start(text, spans[i][0]):
        return False
    if toks[i] in BULLET_TOKENS:
        return True
    return (
        toks[i].isdigit()
        and i + 1 < len(toks)
        and toks[i + 1] in {".", ")"}
        and spans[i][1] == spans[i + 1][0]
    )


def lint_doc(doc: dict) -> list[str]:
    """Checks that the annotation follows the project's conventions (see README)."""
    errors: list[str] = []
    text = doc["text"]
    spans = [tuple(t) for t in doc["tokens"]]
    toks = [text[s:e] for s, e in spans]
    sent_starts = {s for s, _ in doc["sentences"]}
    sent_ends = {e for _, e in doc["sentences"]}

    for start, end in doc["sentences"]:
        if "\n" in text[start:end]:
            errors.append(f"sentence crosses a line break: {text[start:end][:60]!r}")
    for i, (start, _) in enumerate(spans):
        if _line_start(text, start) and start not in sent_starts:
            errors.append(f"line starts inside a sentence: {toks[i]!r} at {start}")
    for i, (_, end) in enumerate(spans):
        if end not in sent_ends or i + 1 == len(spans):
            continue
        nxt = spans[i + 1][0]
        if "\n" in text[end:nxt]:
            continue  # a line break: headline, bullet item, paragraph end
        tok = toks[i]
        j = i
        while j > 0 and toks[j] in CLOSERS and spans[j - 1][1] == spans[j][0]:
            j -= 1
        ok = (
            END_MARKS.match(toks[j])
            or (ABBREV_RE.match(tok) and not _is_initial(tok, toks[i + 1]))
            or (end == nxt and tok.isupper())  # glued headline
        )
        if not ok:
            errors.append(f"sentence ends on {tok!r} at {end} without an end mark")
    # an end mark + capitalised word must be a sentence boundary
    for i, tok in enumerate(toks[:-1]):
        if not END_MARKS.match(tok):
            continue
        if i > 0 and is_bullet_sentence(text, toks, spans, i - 1):
            continue
        j = i + 1
        while j < len(toks) and toks[j] in CLOSERS and spans[j - 1][1] == spans[j][0]:
            j += 1
        if j >= len(toks):
            continue
        first = toks[j]
        k = j + 1 if first in OPENERS and j + 1 < len(toks) else j
        starts_upper = toks[k][0].isupper() or toks[k][0].isdigit()
        if starts_upper and first not in BULLET_TOKENS and spans[j][0] not in sent_starts:
            errors.append(f"{tok!r} + {toks[j]!r} at {spans[j][0]} is not a sentence boundary")
    return errors


# --------------------------------------------------------------------------- phenomena

CYR = re.compile(r"[\u0400-\u04ff]")
LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
VARIANT_LETTERS = re.compile("[ӊӉҥҤѳѲɵƟöÖüÜұҰ]")
PHENOMENA = {
    "nbsp": "U+00A0 no-break space in the text",
    "zwsp": "U+200B zero-width space in the text",
    "letter_variant": "ӊ ҥ ѳ ɵ ö ü ұ typed for ң ө ү",
    "latin_lookalike": "Cyrillic word with Latin look-alike letters (cекторго, Тoyota)",
    "number_suffix": "suffix glued to a number, date, time or percentage (2025-жылы, 80%га)",
    "percent": "percentage token (80%, 22,2%га)",
    "time": "clock time (12:00, 12:00гө)",
    "date": "dotted date (26.02.2025)",
    "decimal": "decimal number (1,5; 3.14)",
    "acronym_suffix": "Cyrillic acronym + suffix (ЖОЖдор, ЕАЭБдин)",
    "latin_acronym_suffix": "Latin acronym + Kyrgyz suffix (USAIDдин)",
    "hyphen_compound": "hyphenated compound (Ала-Тоо, иш-чара, COVID-19)",
    "abbreviation": "dotted abbreviation inside a sentence (ж.б., млн., көч.)",
    "abbreviation_sentence_end": "dotted abbreviation that ends a sentence (т.б. Кийинки…)",
    "initials": "initial with its dot (Н.Эсеналиева, А. Жапаров)",
    "guillemets": "«…» quotation",
    "curly_quotes": "“…” quotation",
    "straight_quotes": '"…" quotation',
    "glued_headline": "scraped all-caps headline glued to the paragraph (УЛАНУУДА26-мартта)",
    "headline_line": "line without final punctuation, its own sentence",
    "bullets": "bullet or numbered list item (•, -, 1.)",
    "reported_speech": "quote + dash + speech verb in one sentence («…», — деди ал.)",
    "question_exclamation": "? or ! (also ?! runs)",
    "ellipsis": "... or …",
    "closing_after_end": "closing quote/bracket after the end mark (…алынды.»)",
    "parentheses": "(…)",
    "url_email_hashtag": "URL, e-mail, domain, hashtag or mention (24.kg, info@edu.kg)",
    "numero": "№ with a number (№3)",
    "dash": "spaced em/en dash between words (Бишкек — Ош)",
}
URL_RE = re.compile(
    r"^(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[#@][^\W_][\w-]*"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:kg|com|org|net|ru|kz|info|gov|edu))$"
)
NUMBER_SUFFIX_RE = re.compile(r"^\d[\d.,:%\-]*[^\W\d_]+(?:-[^\W\d_]+)*$")


def _is_headline(
    text: str, toks: list[str], spans: list[Span], index: dict, start: int, end: int
) -> bool:
    """A sentence that fills a line and has no final punctuation (closing quotes aside)."""
    if text[end : end + 1] not in {"\n", ""} or not _line_start(text, start):
        return False
    j = max(i for i, (s, _) in enumerate(spans) if s < end)
    while j > index[start] and toks[j] in CLOSERS:
        j -= 1
    return not (END_MARKS.match(toks[j]) or toks[j] in {":", ";", ","})


def detect_phenomena(doc: dict) -> Counter:
    """Occurrences of each phenomenon, computed from the gold annotation."""
    text = doc["text"]
    spans = [tuple(t) for t in doc["tokens"]]
    toks = [text[s:e] for s, e in spans]
    sents = [tuple(s) for s in doc["sentences"]]
    sent_starts = {s for s, _ in sents}
    sent_ends = {e for _, e in sents}
    found: Counter = Counter()
    found["nbsp"] = text.count("\u00a0")
    found["zwsp"] = text.count("\u200b")
    found["straight_quotes"] = toks.count('"') // 2
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        prev = toks[i - 1] if i else None
        if VARIANT_LETTERS.search(tok):
            found["letter_variant"] += 1
        latin_acronym = re.fullmatch(r"[A-Z]{2,}[а-яёөүң]+", tok)
        if latin_acronym:
            found["latin_acronym_suffix"] += 1
        elif CYR.search(tok) and re.search(r"[A-Za-z]", tok):
            found["latin_lookalike"] += 1
        if re.fullmatch(r"[А-ЯЁӨҮҢ]{2,}[а-яёөүң]+", tok):
            found["acronym_suffix"] += 1
        if NUMBER_SUFFIX_RE.match(tok):
            found["number_suffix"] += 1
        if tok[0].isdigit() and "%" in tok:
            found["percent"] += 1
        if re.match(r"\d{1,2}:\d\d(?!\d)", tok):
            found["time"] += 1
        if re.match(r"\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)", tok):
            found["date"] += 1
        if re.match(r"\d+[.,]\d+(?![.,]?\d)", tok):
            found["decimal"] += 1
        if not tok[0].isdigit() and re.search(r"[^\W_]-[^\W_]", tok) and not URL_RE.match(tok):
            found["hyphen_compound"] += 1
        if ABBREV_RE.match(tok):
            if _is_initial(tok, nxt):
                found["initials"] += 1
            elif spans[i][1] in sent_ends and nxt is not None:
                found["abbreviation_sentence_end"] += 1
            else:
                found["abbreviation"] += 1
        if tok == "«":
            found["guillemets"] += 1
        if tok == "“":
            found["curly_quotes"] += 1
        if "?" in tok or "!" in tok:
            found["question_exclamation"] += 1
        if tok in {"...", "…"}:
            found["ellipsis"] += 1
        if tok == "(":
            found["parentheses"] += 1
        if URL_RE.match(tok):
            found["url_email_hashtag"] += 1
        if tok.startswith("№") and len(tok) > 1:
            found["numero"] += 1
        if tok in {"—", "–", "-"} and spans[i][0] not in sent_starts and prev and nxt:
            if prev in {",", "»", "”", '"', "!", "?", "?!", "...", "…"} and nxt[0].islower():
                found["reported_speech"] += 1
            elif tok != "-" and prev[-1].isalnum() and nxt[0].isalnum():
                found["dash"] += 1
        if tok in CLOSERS and spans[i][1] in sent_ends and i > 0:
            j = i - 1
            while j > 0 and toks[j] in CLOSERS:
                j -= 1
            if END_MARKS.match(toks[j]):
                found["closing_after_end"] += 1
    index = {s: i for i, (s, _) in enumerate(spans)}
    for start, end in sents:
        i = index[start]
        if is_bullet_sentence(text, toks, spans, i):
            found["bullets"] += 1
        elif i > 0 and spans[i - 1][1] == start:
            found["glued_headline"] += 1
        elif _is_headline(text, toks, spans, index, start, end):
            found["headline_line"] += 1
    return +found


# --------------------------------------------------------------------------- build


def source_files(source_dir: Path = SOURCE_DIR) -> list[Path]:
    return sorted(source_dir.glob("seg-*.txt"))


def read_markup(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if not raw.endswith("\n") or raw.endswith("\n\n"):
        raise MarkupError(f"{path.name}: must end with exactly one newline")
    return raw[:-1]


def doc_from_markup(doc_id: str, markup: str) -> dict:
    text, tokens, sentences = parse_markup(markup)
    doc = {
        "id": doc_id,
        "text": text,
        "tokens": [list(t) for t in tokens],
        "sentences": [list(s) for s in sentences],
    }
    doc["phenomena"] = sorted(detect_phenomena(doc))
    return doc


def build_docs(source_dir: Path = SOURCE_DIR) -> tuple[list[dict], list[str]]:
    docs: list[dict] = []
    errors: list[str] = []
    for path in source_files(source_dir):
        try:
            markup = read_markup(path)
            doc = doc_from_markup(path.stem, markup)
        except MarkupError as exc:
            errors.append(f"{path.name}: {exc}")
            continue
        if render_markup(doc["text"], doc["tokens"], doc["sentences"]) != markup:
            errors.append(f"{path.name}: markup is not canonical (render differs)")
        for problem in validate_doc(doc) + lint_doc(doc):
            errors.append(f"{path.name}: {problem}")
        docs.append(doc)
    return docs, errors


def dump_jsonl(docs: list[dict]) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def load_gold(path: Path = GOLD_PATH) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def stats(docs: list[dict]) -> tuple[Counter, Counter]:
    occurrences: Counter = Counter()
    documents: Counter = Counter()
    for doc in docs:
        found = detect_phenomena(doc)
        occurrences.update(found)
        documents.update(found.keys())
    return occurrences, documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="verify gold.jsonl, write nothing")
    parser.add_argument("--stats", action="store_true", help="print phenomenon counts")
    parser.add_argument("--unbuild", metavar="DIR", help="write markup files from gold.jsonl")
    args = parser.parse_args(argv)

    if args.unbuild:
        out = Path(args.unbuild)
        out.mkdir(parents=True, exist_ok=True)
        for doc in load_gold():
            markup = render_markup(doc["text"], doc["tokens"], doc["sentences"])
            (out / f"{doc['id']}.txt").write_text(markup + "\n", encoding="utf-8")
        return 0

    docs, errors = build_docs()
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    payload = dump_jsonl(docs)
    if args.check:
        if not GOLD_PATH.exists() or GOLD_PATH.read_text(encoding="utf-8") != payload:
            print("gold.jsonl is stale: run python corpora/segmentation/build.py", file=sys.stderr)
            return 1
    else:
        GOLD_PATH.write_text(payload, encoding="utf-8")
    n_sent = sum(len(d["sentences"]) for d in docs)
    n_tok = sum(len(d["tokens"]) for d in docs)
    print(f"{len(docs)} documents, {n_sent} sentences, {n_tok} tokens")
    if args.stats:
        occurrences, documents = stats(docs)
        for name in PHENOMENA:
            print(f"{name:28} {occurrences[name]:5} occurrences in {documents[name]:3} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
