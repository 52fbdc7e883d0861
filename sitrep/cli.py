"""The ``sitrep`` command: a thin shell over the core (``sitrep.core``, ``open_store``, ``report``, ``export``).

    sitrep analyze FILE|URL|- [--published YYYY-MM-DD] [--source NAME] [--lang en|ru] [--format json|md]
    sitrep analyze --jsonl IN.jsonl --format jsonl
    sitrep ingest PATH... [--jsonl] [--db FILE] [--workers N | --scheduler ADDR]   analyse and store (idempotent)
    sitrep search QUERY [--fts] [--limit N] [--db FILE]   full-text search (words; the store's syntax with --fts)
    sitrep report [--actor A] [--place P] [--since D] [--until D] [--db FILE]
    sitrep export --format jsonl|csv|geojson|stix|misp [--db FILE]
    sitrep validate FILE.json                             check a document against the output contract
    sitrep serve [--db FILE] [--host H] [--port N] [--tokens]   the workspace and the REST API
    sitrep token create|list|revoke [--scope read|write] [--user NAME] [ID] [--db FILE]   access tokens
    sitrep edits list|export|undo [SEQ] [--db FILE]        the analysts' corrections (export: labelled JSONL)

Errors are printed as one line ("sitrep: error: ...") with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from sitrep import __version__
from sitrep._cli_files import json_documents, output
from sitrep.errors import SitrepError
from sitrep.model import Document
from sitrep.outputs import FORMATS
from sitrep.settings import Settings, load


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        _check_text_arguments(args)
        settings = load({"db": getattr(args, "db", None), "allow_private": getattr(args, "allow_private", None),
                         "watch_interval": getattr(args, "interval", None)})
        with output(getattr(args, "out", None)) as out:
            return int(args.run(args, settings, out) or 0)
    except SitrepError as exc:
        print(f"sitrep: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sitrep: interrupted; what was stored is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# -- commands (each: parse input, call the core, format output) -------------------------------------------


def cmd_analyze(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.core import analyze_documents

    if args.jsonl:
        from sitrep.io.jsonl import read_jsonl

        for doc in analyze_documents(read_jsonl(args.jsonl, settings), settings):
            out.write(doc.to_json() + "\n")
        return 0
    if not args.input:
        raise SitrepError("give a file, a URL or - (stdin), or --jsonl FILE")
    doc = next(analyze_documents([_read(args.input, args, settings)], settings))
    if args.format == "md":
        from sitrep.outputs.report import report

        out.write(report([doc]))
    else:
        out.write(doc.to_json(indent=None if args.format == "jsonl" else 2) + "\n")
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.core import analyze_documents
    from sitrep.store import open_store

    failures: list[str] = []
    with open_store(settings.db) as store:
        inputs = _inputs(args, settings, failures)
        if args.workers or args.scheduler:  # on a Dask cluster (sitrep.runner.cluster)
            from sitrep.runner.cluster import Cluster, ingest

            where = Cluster(workers=args.workers, scheduler=args.scheduler, progress=False if args.quiet else None)
            result = ingest(inputs, store, settings, where)
        else:
            result = store.add_many(analyze_documents(inputs, settings), commit_every=1)
    for doc_id, why in result.failed:
        failures.append(f"{doc_id}: {why}")
    for line in failures:
        print(f"sitrep: skipped {line}", file=sys.stderr)
    counts = f"{result.added} added, {result.replaced} replaced, {result.skipped} unchanged, {len(failures)} failed"
    out.write(f"{counts} ({settings.db})\n")
    return 1 if failures and not (result.added or result.replaced or result.skipped) else 0


def cmd_watch(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.store import open_store
    from sitrep.watch import watch

    with open_store(settings.db) as store:
        results = watch(store, args.sources, settings, once=args.once,
                        report=lambda r: print(r.line(), file=out, flush=True))  # fmt: skip
    return 1 if args.once and results and all(r.error for r in results) else 0


def cmd_search(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.store import open_store

    with open_store(_existing_db(settings)) as store:
        hits = store.search(" ".join(args.query), limit=args.limit, syntax=args.fts)
    for hit in hits:
        out.write(f"{hit.doc_id}\t{hit.title or ''}\t{hit.snippet}\n")
    if not hits:
        print("sitrep: no matches", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.outputs.report import report
    from sitrep.store import open_store

    with open_store(_existing_db(settings)) as store:
        docs = list(store.documents(actor=args.actor, place=args.place, since=args.since, until=args.until))
        links = store.incident_links(d.id for d in docs)
    out.write(report(docs, title=args.title, actor=args.actor, place=args.place, since=args.since, until=args.until,
                     links=links))
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.outputs import export
    from sitrep.store import open_store

    with open_store(_existing_db(settings)) as store:
        links = None if args.reports else store.incident_links()
        n = export(store.documents(), args.format, out, places=args.places, links=links)
    unit = {"jsonl": "documents", "stix": "STIX objects", "misp": "MISP events", "incidents": "incidents"}.get(
        args.format, "rows")
    print(f"sitrep: exported {n} {unit}", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.outputs.contract import problems

    bad = 0
    for n, data in enumerate(json_documents(args.file, settings), 1):
        for p in problems(data):
            bad += 1
            out.write(f"document {n} ({data.get('id', '?')}): {p}\n")
    out.write("valid\n" if not bad else f"{bad} problem(s)\n")
    return 1 if bad else 0


def cmd_serve(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.server import serve

    serve(settings, host=args.host, port=args.port, tokens=args.tokens)
    return 0


def cmd_token(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.store import open_store

    with open_store(settings.db) as store:
        if args.action == "create":
            secret, info = store.create_token(args.user, args.scope)
            out.write(secret + "\n")
            print(f"sitrep: token {info.id} for {info.user} ({info.scope}); it is shown only now", file=sys.stderr)
        elif args.action == "list":
            for t in store.tokens():
                out.write(f"{t.id}\t{t.user}\t{t.scope}\t{t.created_at}\t{t.revoked_at or 'active'}\n")
        elif not args.id or not store.revoke_token(args.id):
            raise SitrepError(f"no active token {args.id!r}; `sitrep token list` shows them")
    return 0


def cmd_edits(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.store import open_store

    with open_store(_existing_db(settings)) as store:
        if args.action == "export":
            for record in store.labelled():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif args.action == "list":
            for e in store.edits():
                what = f"{e.action} {e.target_kind} {e.target}" + (f" in {e.doc_id}" if e.doc_id else "")
                value = json.dumps(e.value, ensure_ascii=False)
                out.write(f"{e.seq}\t{e.created_at}\t{e.user}\t{what}\t{e.field or ''}\t{value}\t{e.undone_at or ''}\n")
        else:
            try:
                store.undo_edit(int(args.seq or 0), user=args.user)
            except (LookupError, ValueError) as exc:
                raise SitrepError(f"no edit {args.seq!r} to undo; `sitrep edits list` shows them") from exc
    return 0


# -- helpers ------------------------------------------------------------------------------------------------


def _read(spec: str, args: argparse.Namespace, settings: Settings) -> Document:
    from sitrep.io.ingest import read_any

    return read_any(spec, settings, published=args.published, source=args.source, title=args.title, lang=args.lang)


def _inputs(args: argparse.Namespace, settings: Settings, failures: list[str]) -> Iterator[Document]:
    """Documents from every PATH (files, folders of .txt/.md/.html, URLs, -, or JSONL with --jsonl)."""
    from sitrep.io.jsonl import read_jsonl

    for spec in args.paths:
        if args.jsonl:
            yield from read_jsonl(spec, settings)
            continue
        for item in _expand(spec):
            try:
                yield _read(item, args, settings)
            except SitrepError as exc:  # one unreadable input does not stop the batch
                failures.append(f"{item}: {exc}")


def _expand(spec: str) -> list[str]:
    p = Path(spec)
    if p.is_dir():
        suffixes = {".txt", ".md", ".markdown", ".html", ".htm"}
        return sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
    return [spec]


def _existing_db(settings: Settings) -> str:
    if settings.db != ":memory:" and "://" not in settings.db and not Path(settings.db).exists():
        raise SitrepError(f"no store at {settings.db}; run `sitrep ingest PATH... --db {settings.db}` first")
    return settings.db


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Arguments with bytes that are not UTF-8 (the shell passes them through as lone surrogates): one clear
    error instead of a failure deep in the database or the output."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\ud800" <= c <= "\udfff" for c in item):
                shown = item.encode("utf-8", "backslashreplace").decode("utf-8")
                raise SitrepError(f"argument {name} '{shown}' is not valid UTF-8; check the terminal's encoding")


def _count(value: str) -> int:
    """An argparse type: a whole number from 1 to 10,000."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= n <= 10_000:
        raise argparse.ArgumentTypeError(f"{value} is out of range (1 to 10,000)")
    return n


def cmd_gazetteer(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from sitrep.knowledge.gazetteer_add import add

    for source in args.sources:
        got = add(source)
        out.write(f"added {got.rows:,} rows from {got.source}; {got.places:,} places added in all ({got.path})\n")
    return 0


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "analyst"


def _formats_help() -> str:
    return "; ".join(f"{name}: {f.description}" for name, f in FORMATS.items())


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sitrep", description="Source-linked situation, facts and events from reporting.")
    p.add_argument("--version", action="version", version=f"sitrep {__version__}")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, func: Callable[..., int], help: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help, description=help)
        c.set_defaults(run=func)
        c.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
        return c

    def meta(c: argparse.ArgumentParser) -> None:
        c.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (relative dates need it)")
        c.add_argument("--source", metavar="NAME", help="who published it")
        c.add_argument("--title", help="the document's title")
        c.add_argument("--lang", choices=["en", "ru"], help="language (detected when not given)")
        c.add_argument(
            "--allow-private",
            action="store_true",
            default=None,
            help="fetch URLs on loopback or private addresses too (setting allow_private; off by default)",
        )

    a = command("analyze", cmd_analyze, "analyse one document and print its JSON or a Markdown report")
    a.add_argument("input", nargs="?", help="a file, an http(s) URL, or - for stdin")
    a.add_argument("--jsonl", metavar="IN.jsonl", help="analyse a batch: one JSON object per line")
    a.add_argument("--format", "-f", choices=["json", "md", "jsonl"], default="json")
    meta(a)
    i = command("ingest", cmd_ingest, "analyse documents and store them (the same document twice is stored once)")
    i.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, URLs, - (stdin); JSONL with --jsonl")
    i.add_argument("--jsonl", action="store_true", help="the PATHs are JSONL batches")
    where = i.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_count, metavar="N", help="analyse on a local Dask cluster of N processes")
    where.add_argument("--scheduler", metavar="tcp://HOST:8786", help="analyse on the Dask cluster at this scheduler")
    i.add_argument("--quiet", "-q", action="store_true", help="no progress line (--workers, --scheduler)")
    meta(i)
    wa = command("watch", cmd_watch, "follow folders and RSS/Atom feeds: store what is new, poll after poll")
    wa.add_argument("sources", nargs="+", metavar="FOLDER|FEED_URL", help="folders and http(s) feed URLs to follow")
    wa.add_argument("--interval", type=float, metavar="SECONDS", help="between polls (setting watch_interval: 300)")
    wa.add_argument("--once", action="store_true", help="poll every source once, then exit (for cron)")
    wa.add_argument("--allow-private", action="store_true", default=None,
                    help="fetch feeds and pages on loopback or private addresses too (setting allow_private)")
    s = command("search", cmd_search, "full-text search over the stored documents")
    s.add_argument("query", nargs="+")
    s.add_argument("--limit", type=_count, default=20, help="most hits shown (1 to 10,000; default 20)")
    s.add_argument("--fts", action="store_true", help="the store's query syntax: SQLite AND, OR, NOT, NEAR(...), "
                   '"phrases", prefix*; PostgreSQL "phrases", or, -word')
    r = command("report", cmd_report, "a situation report over the stored documents")
    r.add_argument("--actor")
    r.add_argument("--place")
    r.add_argument("--since", metavar="YYYY[-MM[-DD]]")
    r.add_argument("--until", metavar="YYYY[-MM[-DD]]")
    r.add_argument("--title")
    e = command("export", cmd_export, "export the stored documents")
    e.add_argument("--format", "-f", choices=list(FORMATS), required=True, help=_formats_help())
    e.add_argument("--places", action="store_true", help="geojson: add one feature per place")
    e.add_argument("--reports", action="store_true",
                   help="csv, geojson: one row per report (event of a document), not one per incident")
    v = command("validate", cmd_validate, "check document JSON (a file, JSONL, or -) against the output contract")
    v.add_argument("file")
    g = command("gazetteer", cmd_gazetteer, "add places from GeoNames dump files (AF.zip, cities500.zip, ...)")
    g.add_argument("action", choices=["add"])
    g.add_argument("sources", nargs="+", metavar="FILE|URL", help="GeoNames files or their URLs (resumed)")
    w = command("serve", cmd_serve, "the workspace and the REST API (http://127.0.0.1:8765/ by default)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on; off this machine tokens are required")
    w.add_argument("--port", type=int, default=8765)
    w.add_argument("--tokens", action="store_true", help="require tokens on 127.0.0.1 too")
    t = command("token", cmd_token, "access tokens for sitrep serve (kept hashed in the store)")
    t.add_argument("action", choices=["create", "list", "revoke"])
    t.add_argument("id", nargs="?", help="revoke: the token's id (from list)")
    t.add_argument("--scope", choices=["read", "write"], default="read")
    t.add_argument("--user", default=_user(), help="who the token is for (edits are recorded under it)")
    d = command("edits", cmd_edits, "the analysts' corrections: list, export as labelled data, undo")
    d.add_argument("action", choices=["list", "export", "undo"])
    d.add_argument("seq", nargs="?", help="undo: the edit's number (from list)")
    d.add_argument("--user", default=_user(), help="who undoes it")
    for c in (i, wa, s, r, e, w, t, d):
        c.add_argument("--db", metavar="FILE|URL", help="the store: a SQLite file or a postgresql:// URL (default: "
                       "setting db, sitrep.db)")
    return p


if __name__ == "__main__":
    sys.exit(main())
