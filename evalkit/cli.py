"""The ``evalkit`` command line. Commands parse arguments, call the library and print."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from evalkit._version import __version__
from evalkit.io.errors import InputError, OutputError
from evalkit.schema import DEFAULT_LANGUAGE, DEFAULT_MIN_CELL, DEFAULT_SEED
from evalkit.stats.privacy import MIN_CELL_RANGE, check_min_cell

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from evalkit.engine.run import RunSummary

app = typer.Typer(
    name="evalkit",
    help="Offline evaluation of AI-drafted clinical notes against the notes clinicians sign.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()


def _version(value: bool) -> None:
    if value:
        out.print(f"evalkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Offline evaluation of AI-drafted clinical notes.

    Run `evalkit demo` to see a full evaluation of the bundled Danish demo data.
    """


MIN_CELL_HELP = f"Groups with fewer notes are shown as <k without estimates; {MIN_CELL_RANGE}."

EXIT_OK = 0
EXIT_STRICT = 1
"""``--strict`` and at least one row was quarantined."""
EXIT_USAGE = 2
"""Bad input, output, or option: the message says what, where and how to fix it."""
EXIT_INTERRUPTED = 130


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    one_line = " ".join(str(message).split())
    err.print(f"[bold red]error:[/] {escape(one_line)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _user_errors() -> tuple[type[BaseException], ...]:
    from evalkit.engine.checkpoint import ResumeMismatch

    # OSError covers OutputError and anything the library did not wrap (for
    # example a lexicon file without read permission); ValueError covers InputError
    # and the option checks of the library functions.
    return (InputError, OutputError, ResumeMismatch, ValueError, ImportError, OSError)


def handles_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Run ``command``; print a user error as one ``error:`` line on stderr and exit.

    Exit codes: 2 for bad input, output or options (what, where, how to fix),
    130 when interrupted. Other exceptions are evalkit bugs and keep their
    traceback.
    """

    @functools.wraps(command)
    def run(*args, **kwargs):
        from evalkit.engine.run import Interrupted

        try:
            return command(*args, **kwargs)
        except Interrupted as exc:
            _fail(str(exc), code=EXIT_INTERRUPTED)
        except _user_errors() as exc:
            _fail(str(exc) or type(exc).__name__)

    return run


def _progress(total: int | None) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _count_rows(path: Path) -> int | None:
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(path).metadata.num_rows
        except Exception:
            return None
    return None


def run_scoring(input: Path, output: Path, **kwargs) -> RunSummary:
    """Score with a progress bar on stderr; shared by `score` and `demo`."""
    import time

    from evalkit.engine.run import score_file

    total = _count_rows(input)
    with _progress(total) as progress:
        task = progress.add_task("scoring", total=total, rate="")
        started = time.perf_counter()
        done = [0]

        def on_rows(n: int) -> None:
            done[0] += n
            rate = done[0] / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=n, rate=f"{rate:,.0f} notes/s")

        return score_file(input, output, on_rows=on_rows, **kwargs)


def print_summary(summary) -> None:
    """The end-of-run summary: counts, unchanged rate, median WER."""
    lines = [
        f"notes read:        {summary.n_read}",
        f"scored:            {summary.n_scored}"
        + (
            f" (of which {summary.n_control} control notes without AI)" if summary.n_control else ""
        ),
        f"quarantined:       {summary.n_quarantined}"
        + (f"  → {summary.quarantine_file}" if summary.quarantine_file else ""),
    ]
    if summary.unchanged_rate is not None:
        lines.append(f"unchanged rate:    {summary.unchanged_rate:.1%}")
    if summary.median_wer is not None:
        lines.append(f"median WER:        {summary.median_wer:.3f}")
    lines.append(
        f"time:              {summary.seconds:.1f} s ({summary.notes_per_second:,.0f} notes/s)"
    )
    lines.append(f"output:            {summary.output}")
    out.print("\n".join(lines), highlight=False)
    for message, rows in (summary.warnings or {}).items():
        shown = ", ".join(map(str, rows[:5])) + (
            f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        )
        err.print(f"[yellow]warning:[/] {message} (rows {shown})", highlight=False)


@app.command()
@handles_errors
def score(
    input: Annotated[Path, typer.Argument(help="Notes file: .csv, .tsv, .parquet or .jsonl.")],
    out_file: Annotated[
        Path, typer.Option("--out", "-o", help="Scores file: .parquet, .csv or .jsonl.")
    ],
    lang: Annotated[
        str, typer.Option(help="Language of rows without a `language` value: da or en.")
    ] = DEFAULT_LANGUAGE,
    columns: Annotated[
        str | None, typer.Option(help="Map column names: ai_note=draft_text,final_note=signed.")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding, e.g. cp1252 (default UTF-8).")
    ] = None,
    sep: Annotated[str | None, typer.Option(help="CSV delimiter (default: sniffed).")] = None,
    lexicon: Annotated[
        list[Path] | None, typer.Option(help="Extra lexicon file (TSV/CSV); repeatable.")
    ] = None,
    sections: Annotated[
        list[Path] | None,
        typer.Option(help="Extra section-heading map (TOML, like sections.toml); repeatable."),
    ] = None,
    metrics: Annotated[
        str | None,
        typer.Option(help="Comma-separated metric families (default all), e.g. edit,terms."),
    ] = None,
    drop_text: Annotated[
        bool, typer.Option("--drop-text", help="Leave note text out of the output.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    chunksize: Annotated[int, typer.Option(min=1, help="Rows read per chunk.")] = 20_000,
    engine: Annotated[
        str, typer.Option(help="local (processes on this machine) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address for --engine dask, e.g. tcp://host:8786."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue an interrupted run from its completed chunks."),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) if any row is quarantined.")
    ] = False,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Quarantine notes longer than this (characters).")
    ] = 200_000,
) -> None:
    """Score every note in INPUT and write one row per note to --out.

    Examples:

      evalkit score notes.csv --out scores.parquet

      evalkit score export.csv --out scores.csv --encoding cp1252

      evalkit score export.csv --out scores.csv --columns ai_note=udkast,final_note=journal

      evalkit score year.parquet --out scores.parquet --jobs 2 --resume

      evalkit score year.parquet --out scores.parquet --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from evalkit.io.read import ReadOptions, parse_column_map

    options = ReadOptions(
        columns=parse_column_map(columns), encoding=encoding, sep=sep, chunksize=chunksize
    )
    families = [f.strip() for f in metrics.split(",")] if metrics else None
    summary = run_scoring(
        input,
        out_file,
        read_options=options,
        lang=lang,
        families=families,
        lexicons=lexicon or (),
        sections=sections or (),
        drop_text=drop_text,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        resume=resume,
        max_chars=max_chars,
    )
    print_summary(summary)
    if strict and summary.n_quarantined:
        _fail(
            f"--strict: {summary.n_quarantined} row(s) quarantined; see {summary.quarantine_file}",
            code=EXIT_STRICT,
        )


@app.command("metrics")
@handles_errors
def list_metrics_cmd() -> None:
    """List every registered metric with its direction, range and version.

    Example:

      evalkit metrics
    """
    from rich.table import Table

    from evalkit.metrics import list_metrics

    table = Table("name", "family", "direction", "range", "version", "definition")
    for m in list_metrics():
        lo, hi = m.range
        table.add_row(
            m.name,
            m.family,
            m.direction,
            f"[{lo if lo is not None else '-∞'}, {hi if hi is not None else '∞'}]",
            m.version,
            m.definition,
        )
    out.print(table)


@app.command()
@handles_errors
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("reports/demo"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    lang: Annotated[str, typer.Option(help="Report language: da or en.")] = DEFAULT_LANGUAGE,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave out all note text.")] = False,
) -> None:
    """Run the whole pipeline on the bundled synthetic Danish pilot data: score, summarise, report.

    Writes scores.parquet, tables/, figures/, report.html and manifest.json to --out.

    Example:

      evalkit demo --out reports/demo
    """
    from evalkit.datasets.demo import DEMO_LANGUAGE
    from evalkit.pipeline import prepare_demo, report_file

    notes = prepare_demo(out_dir, lang=lang)
    scores = out_dir / "scores.parquet"
    summary = run_scoring(notes, scores, lang=DEMO_LANGUAGE, jobs=jobs)
    print_summary(summary)
    with err.status("writing the report"):
        html = report_file(
            scores, out_dir, lang=lang, no_text=no_text, input_path=notes, read_stats=summary
        )
    out.print(f"report: {html}", highlight=False)


@app.command()
@handles_errors
def summarize(
    scores: Annotated[
        Path, typer.Argument(help="Scores file from `evalkit score` (.parquet, .csv, .jsonl).")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the CSV tables.")],
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help=(
                "Grouping column; repeatable; join columns with + for a cross "
                "(clinic_id+consultation_type)."
            ),
        ),
    ] = None,
    min_cell: Annotated[int, typer.Option(help=MIN_CELL_HELP)] = DEFAULT_MIN_CELL,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = DEFAULT_SEED,
    n_boot: Annotated[int, typer.Option(min=1, help="Bootstrap replicates B.")] = 2000,
    ci: Annotated[float, typer.Option(min=0.5, max=0.999, help="Confidence level.")] = 0.95,
    pseudonymize: Annotated[
        bool,
        typer.Option("--pseudonymize", help="Replace clinic and clinician ids by salted hashes."),
    ] = False,
    salt_file: Annotated[
        Path | None,
        typer.Option(help="File holding the secret salt (needed with --pseudonymize)."),
    ] = None,
    typing_cpm: Annotated[
        float | None,
        typer.Option(help="Typing speed (characters/minute) of the modelled baseline."),
    ] = None,
    notes_per_day: Annotated[
        float | None, typer.Option(help="Notes per clinician per day, for projections.")
    ] = None,
) -> None:
    """Summarise a scores table per group with clustered 95% CIs; write CSV tables to --out.

    Writes summary.csv and, when the scores have timing columns, time_saved.csv.

    Examples:

      evalkit summarize scores.parquet --by clinic_id --out reports/stats

      evalkit summarize scores.parquet --by clinic_id --by consultation_type --out tables/

      evalkit summarize scores.parquet --by clinic_id --out share/ --pseudonymize --salt-file s.txt
    """
    from evalkit.stats import read_salt, read_scores, write_summary_tables

    check_min_cell(min_cell)
    if pseudonymize and salt_file is None:
        _fail("--pseudonymize needs --salt-file FILE holding a secret of at least 16 characters")
    salt = read_salt(salt_file) if pseudonymize and salt_file is not None else None
    result = write_summary_tables(
        read_scores(scores),
        out_dir,
        by=by or None,
        n_boot=n_boot,
        seed=seed,
        min_cell=min_cell,
        ci=ci,
        salt=salt,
        typing_chars_per_minute=typing_cpm,
        notes_per_day=notes_per_day,
    )
    for message in result.messages:
        err.print(message, highlight=False, markup=False)
    for name, path in result.files.items():
        out.print(f"{name}: {path}", highlight=False)


@app.command()
@handles_errors
def compare(
    scores: Annotated[
        list[Path],
        typer.Argument(help="Scores file with a system column, or one scores file per system."),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the CSV tables.")],
    by: Annotated[str, typer.Option("--by", help="Column naming the system.")] = "system",
    on: Annotated[
        str | None,
        typer.Option(help="Column naming the consultation (default: encounter_id or note_id)."),
    ] = None,
    baseline: Annotated[
        str | None, typer.Option(help="Compare each system with this one (default: all pairs).")
    ] = None,
    metrics: Annotated[
        str | None, typer.Option(help="Comma-separated scores columns, e.g. wer,unchanged.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = DEFAULT_SEED,
    n_boot: Annotated[int, typer.Option(min=1, help="Bootstrap replicates B.")] = 2000,
    ci: Annotated[float, typer.Option(min=0.5, max=0.999, help="Confidence level.")] = 0.95,
) -> None:
    """Compare systems that drafted the same consultations: paired differences, McNemar, ranks.

    Writes systems.csv, differences.csv and ranks.csv to --out and prints the WER ranking.

    Examples:

      evalkit compare scores.parquet --by system --out compare/

      evalkit compare scores.parquet --baseline vendor_a --metrics wer,unchanged --out compare/

      evalkit compare vendor_a.parquet vendor_b.parquet --on note_id --out compare/
    """
    from evalkit.stats.compare import compare_systems, read_system_scores

    try:
        result = compare_systems(
            read_system_scores(scores, by=by),
            by=by,
            on=on,
            baseline=baseline,
            metrics=[m.strip() for m in metrics.split(",")] if metrics else None,
            n_boot=n_boot,
            seed=seed,
            ci=ci,
        )
        files = result.write(out_dir)
    except (InputError, ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    ranks = result.ranks
    metric = "wer" if "wer" in set(ranks["metric"]) else ranks["metric"].iloc[0]
    shown = ranks[ranks["metric"] == metric].sort_values("rank")
    out.print(
        shown[["system", "estimate", "rank", "rank_low", "rank_high", "p_best"]]
        .rename(columns={"estimate": f"{metric}_mean"})
        .to_string(index=False, float_format=lambda v: f"{v:.3f}"),
        highlight=False,
    )
    for name, path in files.items():
        out.print(f"{name}: {path}", highlight=False)


@app.command()
@handles_errors
def plan(
    out_dir: Annotated[
        Path,
        typer.Option("--out", help="Folder for plan.csv, power_curve.csv and power_curve.png."),
    ],
    effect: Annotated[
        list[float],
        typer.Option(help="Time: relative reduction (0.2 = 20%); rate: difference. Repeatable."),
    ],
    icc: Annotated[
        list[float], typer.Option(help="Intra-class correlation within clinicians. Repeatable.")
    ],
    notes_per_clinician: Annotated[
        list[float], typer.Option(help="Notes per clinician. Repeatable.")
    ],
    power: Annotated[float, typer.Option(help="Target power.")] = 0.8,
    alpha: Annotated[float, typer.Option(help="Two-sided significance level.")] = 0.05,
    outcome: Annotated[
        str, typer.Option(help="time or rate (e.g. the unchanged-note rate).")
    ] = "time",
    sd_log: Annotated[
        float, typer.Option(help="SD of log documentation time (time outcome).")
    ] = 0.5,
    baseline_rate: Annotated[
        float | None, typer.Option(help="Rate in the comparison arm (rate outcome).")
    ] = None,
    design: Annotated[
        str, typer.Option(help="parallel (clinicians in one arm) or within (both arms).")
    ] = "parallel",
    effect_sd: Annotated[
        float,
        typer.Option(help="SD between clinicians of the AI effect on log time (time outcome)."),
    ] = 0.0,
    max_clinicians: Annotated[
        int, typer.Option(min=2, help="Largest number of clinicians on the power curve.")
    ] = 60,
) -> None:
    """Clinicians and notes needed to detect a time saving or a rate difference.

    Examples:

      evalkit plan --effect 0.2 --icc 0.05 --notes-per-clinician 40 --out reports/plan

      evalkit plan --outcome rate --baseline-rate 0.3 --effect 0.1 --icc 0.1 --out reports/plan
    """
    import matplotlib.pyplot as plt

    from evalkit.plots.power import plot_power_curve
    from evalkit.plots.style import save_figure
    from evalkit.stats import write_plan_tables

    files, curve = write_plan_tables(
        out_dir,
        effect=effect,
        icc=icc,
        notes_per_clinician=notes_per_clinician,
        power=power,
        alpha=alpha,
        outcome=outcome,
        sd_log=sd_log,
        baseline_rate=baseline_rate,
        design=design,
        effect_sd=effect_sd,
        max_clinicians=max_clinicians,
    )
    ax = plot_power_curve(curve, hue="scenario", target=power)
    figure = cast("Figure", ax.figure)  # a top-level figure: plot_power_curve made the axes
    try:
        save_figure(figure, out_dir / "power_curve", formats=("png",), dpi=150)
    finally:
        plt.close(figure)
    for name, path in {**files, "figure": out_dir / "power_curve.png"}.items():
        out.print(f"{name}: {path}", highlight=False)


@app.command()
@handles_errors
def report(
    input: Annotated[
        Path,
        typer.Argument(help="Notes file (scored first) or a scores file from `evalkit score`."),
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Report folder: report.html, figures/, tables/, scores.parquet, manifest.json.",
        ),
    ],
    lang: Annotated[str, typer.Option(help="Report language: da or en.")] = DEFAULT_LANGUAGE,
    notes_lang: Annotated[
        str | None,
        typer.Option(
            "--notes-lang",
            help="Language of raw notes without a language column or value (default: --lang).",
        ),
    ] = None,
    no_text: Annotated[
        bool,
        typer.Option(
            "--no-text", help="Leave out all note text (for sharing beyond the research team)."
        ),
    ] = False,
    min_cell: Annotated[int, typer.Option(help=MIN_CELL_HELP)] = DEFAULT_MIN_CELL,
    seed: Annotated[
        int, typer.Option(help="Seed for the bootstrap and the note viewer's sample.")
    ] = DEFAULT_SEED,
    n_boot: Annotated[int, typer.Option(min=1, help="Bootstrap replicates B.")] = 2000,
    max_viewer_notes: Annotated[
        int, typer.Option(min=0, help="Notes shown in the per-note viewer.")
    ] = 200,
    columns: Annotated[
        str | None,
        typer.Option(help="Map column names of raw notes: ai_note=draft_text,final_note=signed."),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding of raw notes, e.g. cp1252 (default UTF-8).")
    ] = None,
    sep: Annotated[
        str | None, typer.Option(help="CSV delimiter of raw notes (default: sniffed).")
    ] = None,
) -> None:
    """Write the HTML evaluation report (figures, tables, scores, manifest) to --out.

    Examples:

      evalkit report scores.parquet --out reports/pilot

      evalkit report notes.csv --out reports/share --lang en --no-text --min-cell 10
    """
    from evalkit.pipeline import report_file

    html = report_file(
        input,
        out_dir,
        columns=columns,
        encoding=encoding,
        sep=sep,
        lang=lang,
        notes_lang=notes_lang,
        no_text=no_text,
        min_cell=min_cell,
        seed=seed,
        n_boot=n_boot,
        max_viewer_notes=max_viewer_notes,
    )
    out.print(f"report: {html}", highlight=False)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="evalkit")


if __name__ == "__main__":
    main()
