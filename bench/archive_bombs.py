"""Peak memory of every hostile upload through every reader (issue 12: under 300 MB each).

Builds the zip bombs, entity bombs, truncated and damaged archives of tests/bombs.py, then
runs each reader on each file in a fresh subprocess and reads that process's peak resident
memory (VmHWM, else getrusage ru_maxrss; it includes the interpreter and the imported libraries). A
small real file, the largest real sheet the limits let through ("largest-ok": about 45 MB
inflated) and a large real document ("large-ok") are measured the same way for comparison.

    .venv/bin/python bench/archive_bombs.py [--limit-mb 300] [--readers roster bank document]

Prints a table and, as its last line, one JSON object with every case's figures. Exits non-zero
when any case goes over the limit or is not answered with a message.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READERS = {"roster": "xlsx", "bank": "xlsx", "document": "docx"}


def largest_xlsx(rows: int = 54_000) -> bytes:
    """A real bank whose sheet inflates to about 45 MB, just under core.archives.MAX_ENTRY_BYTES."""
    import io

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["工号", "姓名", "班组", "题型", "题干", "答案"])
    for i in range(rows):
        stem = f"第{i}题 井下发现瓦斯浓度超过规定时应当立即采取什么措施以保证作业人员的安全"
        sheet.append([str(100000 + i), f"职工{i}", "综采一班", "单选题", stem, "A"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def largest_docx(paragraphs: int = 50_000) -> bytes:
    """A real document of 50,000 paragraphs (document.xml about 11 MB inflated). python-docx
    needs minutes for 200,000 (about 45 MB, still within the limits): time, not memory, is
    what bounds a document upload then."""
    from tests import bombs

    body = "".join(
        f"<w:p><w:r><w:t>第{i}条 井下作业人员必须随身携带自救器，并熟练掌握使用方法。</w:t></w:r></w:p>"
        for i in range(paragraphs)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    template = bombs.template_docx()
    return bombs.replace_part(template, bombs.DOCUMENT_PART, lambda archive: archive.writestr(bombs.DOCUMENT_PART, xml))


def run_one(reader: str, path: Path) -> dict:
    """In the child: read `path` with `reader`; print the outcome and peak memory as JSON."""
    sys.path.insert(0, str(ROOT))
    from accounts.roster import read_roster
    from core.sheets import SheetError
    from corpus.readers import UnreadableDocument, read_bytes
    from quiz.bank.importer import parse_files

    started = time.perf_counter()
    message = ""
    try:
        if reader == "roster":
            people, _ = read_roster(path)
            message = f"读出 {len(people)} 人"
        elif reader == "bank":
            report = parse_files([(path.name, path.read_bytes())])
            message = report.file_errors[0].reason if report.file_errors else f"读出 {report.rows} 行"
        else:
            message = f"读出 {len(read_bytes(path.read_bytes(), path.name).text)} 字"
    except SheetError as exc:
        message = str(exc)
    except UnreadableDocument as exc:
        message = exc.reason
    return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb(), "message": message}


def peak_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the process image, while
    ru_maxrss survives exec and so would count the parent's size at fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(reader: str, path: Path) -> dict:
    """Run one case in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, __file__, "--one", reader, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"seconds": 0.0, "peak_mb": 0.0, "message": "", "crash": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-mb", type=float, default=300)
    parser.add_argument("--readers", nargs="*", choices=list(READERS), default=list(READERS))
    parser.add_argument("--one", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], Path(args.one[1])), ensure_ascii=False))
        return 0

    sys.path.insert(0, str(ROOT))
    from tests import bombs

    print("building the hostile files …", file=sys.stderr)
    kinds = {READERS[reader] for reader in args.readers}
    files = {}
    if "xlsx" in kinds:
        files["xlsx"] = {"real": bombs.template_xlsx(), "largest-ok": largest_xlsx(), **bombs.xlsx_bombs()}
    if "docx" in kinds:
        files["docx"] = {"real": bombs.template_docx(), "large-ok": largest_docx(), **bombs.docx_bombs()}
    failed = False
    cases = []
    print(f"{'reader':<9} {'case':<15} {'upload':>9} {'seconds':>8} {'peak MB':>8}  answer")
    with tempfile.TemporaryDirectory() as folder:
        for reader in args.readers:
            kind = READERS[reader]
            for case, data in files[kind].items():
                path = Path(folder) / f"{case}.{kind}"
                path.write_bytes(data)
                result = measure(reader, path)
                over = result["peak_mb"] > args.limit_mb
                unanswered = not result["message"] or "crash" in result
                failed |= over or unanswered
                flag = "  OVER LIMIT" if over else ("  NO MESSAGE" if unanswered else "")
                cases.append({"reader": reader, "case": case, "upload_kb": round(len(data) / 1024),
                              "seconds": round(result["seconds"], 2), "peak_mb": round(result["peak_mb"], 1),
                              "answered": not unanswered, "over_limit": over})
                print(
                    f"{reader:<9} {case:<15} {len(data) / 1024:>7.0f}KB {result['seconds']:>8.2f} "
                    f"{result['peak_mb']:>8.1f}  {result['message'][:60] or result.get('crash')}{flag}"
                )
    print(f"limit {args.limit_mb:.0f} MB: {'FAILED' if failed else 'all cases within it'}")
    # Last line: one JSON object with the figures, as every bench script ends.
    print(json.dumps({"limit_mb": args.limit_mb, "failed": failed,
                      "peak_mb_max": max((c["peak_mb"] for c in cases), default=0.0), "cases": cases},
                     ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
