"""External converters for the formats no Python library reads well: legacy Word (.doc), WPS (.wps),
RTF and OpenDocument through LibreOffice, legacy Excel (.xls) too, and PDF through poppler's pdftotext.

They are programs found on ``PATH`` (``soffice``, ``pdftotext``), run without a shell in a temporary
folder of their own, with a time limit, and killed with their children when it passes. When one is
missing the file is reported with reason ``needs_converter`` and how to install it; nothing else in a
batch changes.

Install (Debian/Ubuntu): ``apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils``;
macOS: ``brew install --cask libreoffice`` and ``brew install poppler``; Windows: LibreOffice's installer,
and poppler's binaries with their ``bin`` folder added to PATH.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError

__all__ = ["CONVERTERS", "Converter", "available", "convert"]


@dataclass(frozen=True)
class Converter:
    """One external program and what it turns a format into.

    Attributes:
        program: the executable looked up on PATH.
        output: ``docx``, ``xlsx`` or ``txt`` (UTF-8 text), read then by unioncorpus' own readers.
        package: what to install, for the message.
    """

    program: str
    output: str
    package: str
    alternatives: tuple[str, ...] = ()

    def which(self) -> str | None:
        for name in (self.program, *self.alternatives):
            found = shutil.which(name)
            if found:
                return found
        return None


_OFFICE = (
    "LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; other systems: libreoffice.org)"
)
_WRITER = Converter("soffice", "docx", _OFFICE, ("libreoffice", "lowriter"))
_CALC = Converter(
    "soffice", "xlsx", _OFFICE.replace("libreoffice-writer-nogui", "libreoffice-calc-nogui"), ("libreoffice",)
)
_PDF = Converter("pdftotext", "txt", "poppler's pdftotext (Debian/Ubuntu: apt-get install poppler-utils)")
#: Converter by file extension.
CONVERTERS: dict[str, Converter] = {
    ".doc": _WRITER, ".wps": _WRITER, ".wpt": _WRITER, ".dot": _WRITER, ".rtf": _WRITER, ".odt": _WRITER,
    ".xls": _CALC, ".et": _CALC, ".ods": _CALC,
    ".pdf": _PDF,
}  # fmt: skip


def available() -> dict[str, str | None]:
    """Which converter program each extension would use here (``None``: not installed)."""
    return {suffix: c.which() for suffix, c in CONVERTERS.items()}


def _run(args: list[str], *, cwd: str, timeout: float, source: str) -> subprocess.CompletedProcess[bytes]:
    """Run a converter in its own process group, so that a timeout ends it and every child it started."""
    env = {**os.environ, "HOME": cwd, "LC_ALL": "C.UTF-8"}  # LibreOffice writes its profile under HOME
    with subprocess.Popen(
        args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    ) as proc:  # fmt: skip
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ReadError(
                source, "converter_failed", f"{Path(args[0]).name} took more than {timeout:.0f} s; stopped"
            ) from None
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def convert(data: bytes, *, source: str, suffix: str, timeout: float = 120.0) -> tuple[str, bytes]:
    """Convert the bytes of a ``suffix`` file with its external converter: ``(output kind, bytes)``.

    Raises:
        ReadError: ``needs_converter`` (the program is not on PATH; the message says what to install),
            ``converter_failed`` (it failed, gave nothing, or ran past ``timeout`` seconds).
    """
    converter = CONVERTERS[suffix]
    program = converter.which()
    if program is None:
        raise ReadError(
            source,
            "needs_converter",
            f"reading {suffix} files needs {converter.package}; install it so that `{converter.program}` "
            "is on PATH, or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="unioncorpus-") as tmp:
        src = Path(tmp, "input" + suffix)
        src.write_bytes(data)
        if converter.output == "txt":
            out = Path(tmp, "output.txt")
            args = [program, "-layout", "-enc", "UTF-8", "-q", str(src), str(out)]
        else:
            out = Path(tmp, "out", f"input.{converter.output}")
            args = [program, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                    "--convert-to", converter.output, "--outdir", str(out.parent), str(src)]  # fmt: skip
        done = _run(args, cwd=tmp, timeout=timeout, source=source)
        if not out.is_file() or out.stat().st_size == 0:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise ReadError(
                source,
                "converter_failed",
                f"{converter.program} could not convert it (exit {done.returncode}"
                f"{': ' + said[-1][:200] if said else ''}); the file may be damaged or protected",
            )
        return converter.output, out.read_bytes()
