#!/usr/bin/env python3
"""Reading .docx files: unioncorpus' streamed lxml reader against python-docx, in one run.

    python scripts/bench_ingest.py [--sizes 1000,10000,40000]

For each size, a .docx of that many distinct paragraphs (plan lines with numbers, a heading every 50 and a
4-row table every 200, as compilations are) is read both ways, each in a fresh process after a warm-up read
of a small file: unioncorpus' ``docx_blocks`` (lxml iterparse, styles read once) and the baseline as
python-docx's documentation recommends (``Document(...)``, ``iter_inner_content()``, ``paragraph.style.name``
and ``paragraph.text``, rows through ``table.rows``/``row.cells``: what unioncorpus did before). Prints
seconds, the ratio, and how much each read raised the process' resident memory at its peak (MB; Linux /proc).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINES = [
    "召开第{i}次工会委员会会议，研究部署工作。",
    "组织教职工开展第{i}期读书交流活动。",
    "走访慰问困难教职工{i}人。",
]

_WORKER = r"""
import io, json, sys, time
path, how = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()

def ours(data):
    from unioncorpus._readers import docx_blocks
    return len(docx_blocks(data, path))

def python_docx(data):
    import docx
    from docx.table import Table
    document = docx.Document(io.BytesIO(data))
    n = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                "\t".join(c.text for c in row.cells)
                n += 1
        else:
            (item.style.name if item.style is not None else "", item.text)
            n += 1
    return n

read = ours if how == "unioncorpus" else python_docx
read(open(sys.argv[3], "rb").read())  # warm-up: imports and first-call costs on a small file
def status(field):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field))

with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # resets the peak (VmHWM) to the current resident size
before = status("VmRSS:")
start = time.perf_counter()
n = read(data)
seconds = time.perf_counter() - start
print(json.dumps({"blocks": n, "seconds": seconds, "peak_mb": (status("VmHWM:") - before) / 1024}))
"""


def make_docx(n: int) -> bytes:
    import docx

    d = docx.Document()
    i = 0
    while i < n:
        if i % 50 == 0:
            d.add_heading(f"第{i // 50 + 1}部分 工作安排", level=2)
        elif i % 200 == 1:
            table = d.add_table(rows=4, cols=2)
            for r in range(4):
                table.cell(r, 0).text, table.cell(r, 1).text = f"{r + 9}月", LINES[r % 3].format(i=i + r)
            i += 3
        else:
            d.add_paragraph(LINES[i % 3].format(i=i))
        i += 1
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def run(path: Path, how: str, warm: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _WORKER, str(path), how, str(warm)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,40000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp, "warm.docx")
        warm.write_bytes(make_docx(50))
        print(
            f"{'paragraphs':>10} {'KB':>6} {'unioncorpus s':>13} {'python-docx s':>13} {'ratio':>7} {'+MB ours':>8} {'+MB p-docx':>10}"
        )
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp, f"{n}.docx")
            path.write_bytes(make_docx(n))
            ours, base = run(path, "unioncorpus", warm), run(path, "python-docx", warm)
            print(f"{n:>10} {path.stat().st_size / 1e3:>6.0f} {ours['seconds']:>13.3f} {base['seconds']:>13.3f} "
                  f"{base['seconds'] / ours['seconds']:>6.1f}x {ours['peak_mb']:>8.0f} {base['peak_mb']:>10.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
