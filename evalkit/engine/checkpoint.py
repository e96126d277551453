"""Chunk checkpoints, so an interrupted run resumes where it stopped.

Every scored chunk is written to ``<out>.parts/NNNNNN.<ext>`` in the output's
own format (and its quarantined rows to ``NNNNNN.quarantine.csv``), under a
temporary name renamed when complete. ``state.json`` records what the parts
were computed from: a fingerprint of the input file and the scoring
parameters. At the end the parts are joined into the output file — text
parts byte for byte, Parquet parts row group by row group — so the output is
identical whether or not the run was interrupted. The parts folder is then
removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from evalkit._files import atomic_path
from evalkit.io.write import ScoresWriter, output_format
from evalkit.schema import MetricInfo

STATE_VERSION = 1


def input_fingerprint(path: str | Path) -> dict[str, Any]:
    """Size, mtime and a SHA-256 of the first and last MiB of a file (fast for huge files)."""
    p = Path(path)
    st = p.stat()
    digest = hashlib.sha256()
    with p.open("rb") as fh:
        digest.update(fh.read(1 << 20))
        if st.st_size > 2 << 20:
            fh.seek(-(1 << 20), os.SEEK_END)
            digest.update(fh.read())
    return {
        "name": p.name,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "head_tail_sha256": digest.hexdigest(),
    }


class ResumeMismatch(RuntimeError):
    """The parts on disk belong to another input or other parameters."""


class Checkpoint:
    """The parts folder of one output file.

    Parameters
    ----------
    out_path : Path
        The final output file.
    metrics : list of MetricInfo
        Metric columns (for the Parquet schema).
    state : dict
        What the run depends on (input fingerprint, parameters).
    resume : bool
        Keep parts of an earlier run made with the same state; otherwise start afresh.
    """

    def __init__(
        self,
        out_path: str | Path,
        metrics: Iterable[MetricInfo],
        state: dict[str, Any],
        *,
        resume: bool,
    ) -> None:
        self.out = Path(out_path)
        self.format = output_format(self.out)
        self.ext = self.out.suffix.lower()
        self.metrics = list(metrics)
        self.dir = self.out.with_name(self.out.name + ".parts")
        self.state = json.loads(json.dumps({"version": STATE_VERSION, **state}))
        state_file = self.dir / "state.json"
        if resume and state_file.exists():
            old = json.loads(state_file.read_text(encoding="utf-8"))
            if old != self.state:
                raise ResumeMismatch(
                    f"Cannot resume: {self.dir.name} was made from a different input file or "
                    "with other parameters. Run without --resume to start again."
                )
        elif self.dir.exists():
            shutil.rmtree(self.dir)
        # OSErrors here are reported by score_file, which names the output file.
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, state_file)

    def _part(self, index: int) -> Path:
        return self.dir / f"{index:06d}{self.ext}"

    def _quarantine_part(self, index: int) -> Path:
        return self.dir / f"{index:06d}.quarantine.csv"

    def done(self, index: int) -> bool:
        """Whether chunk ``index`` was completed by an earlier run."""
        return self._part(index).exists()

    def save(self, index: int, scored: pd.DataFrame, quarantine: pd.DataFrame) -> None:
        """Store one chunk's output rows and quarantined rows; the data part is renamed last."""
        if len(quarantine):
            with ScoresWriter(self._quarantine_part(index), [], header=False, neutralise=True) as w:
                w.write(quarantine)
        with ScoresWriter(self._part(index), self.metrics, header=index == 0) as writer:
            writer.write(scored)

    def join(self, n_chunks: int, quarantine_out: Path) -> bool:
        """Join parts ``0..n_chunks-1`` (at least one) into the output file.

        Returns whether any row was quarantined.
        """
        parts = [self._part(i) for i in range(n_chunks)]
        qparts = [
            self._quarantine_part(i) for i in range(n_chunks) if self._quarantine_part(i).exists()
        ]
        with atomic_path(self.out, "the scores file") as tmp:
            if self.format == "parquet":
                schema = pq.ParquetFile(parts[0]).schema_arrow
                with pq.ParquetWriter(tmp, schema) as writer:
                    for part in parts:
                        pf = pq.ParquetFile(part)
                        for i in range(pf.num_row_groups):
                            writer.write_table(pf.read_row_group(i).cast(schema))
            else:
                _concat(parts, tmp)
            if qparts:
                # Written inside the scores file's block: either both files appear or neither.
                from evalkit.io.validate import QUARANTINE_COLUMNS

                with atomic_path(quarantine_out, "the quarantine file") as qtmp:
                    with qtmp.open("wb") as fh:
                        fh.write((",".join(QUARANTINE_COLUMNS) + "\n").encode())
                        for q in qparts:
                            fh.write(q.read_bytes())
        return bool(qparts)

    def remove(self) -> None:
        """Delete the parts folder after the output is complete."""
        shutil.rmtree(self.dir, ignore_errors=True)


def _concat(parts: list[Path], target: Path) -> None:
    with target.open("wb") as out:
        for part in parts:
            with part.open("rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
