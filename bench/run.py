"""Build speed and size, side by side with MkDocs alone: `make bench`.

For the shipped content and for 10× and 100× as many services (synthetic services,
made here, shown on the site only), it times with several runs and prints medians:

- cold: `offre build --no-cache` (no output reused: web fonts, QR codes, brochures,
  site are all made again). What an installation makes once and keeps is used, as
  Python uses its bytecode: the static fonts cut from the font packages
  (`.offre/fonts/`) and the compiled Jinja templates (`.offre/templates/`);
- warm: `offre build` again, nothing changed;
- edit: `offre build` after one service's summary changed (site and that language's
  brochures made again, the other language's brochures reused);
- mkdocs: a plain `mkdocs build` of the same generated pages, without the generator;
- preview: after a save of that summary, the seconds until `offre serve` serves the
  changed page, against `mkdocs serve` of the same pages written by hand, and until
  offre's brochures are ready; and the floor: what WeasyPrint alone takes to lay out
  and write the four final brochures (see bench/preview.py);

then the largest process's peak memory, the output's size, the home page's weight and
each PDF's size, where a cold build and an edit spend their time stage by stage (from
OFFRE_TIMINGS, see generator/timings.py: the brochure stage apart), and whether the
targets are met at every scale (cold ≤ 1.6× mkdocs, edit ≤ 1.0×, warm ≤ 1.1×, the
preview's page ≤ 1.0× mkdocs serve's, time from 10× to 100× at most linear, peak memory
≤ 200 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
    "elapsed = time.perf_counter() - start\n"
    "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and the largest process's peak memory (MB) of one command."""
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=ROOT, capture_output=True, text=True,
                            env=env)
    seconds, peak_kb, code = result.stdout.split()
    if code != "0":
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    return float(seconds), int(peak_kb) / 1024


def stage_times(timings: Path) -> dict[str, float]:
    """Seconds per stage of one offre run (its OFFRE_TIMINGS file), and the brochure
    stage as a whole: from the first measurement sent to the last PDF made."""
    record = json.loads(timings.read_text(encoding="utf-8"))
    found: dict[str, float] = {"total": record["total"]}
    brochures = [stage for stage in record["stages"] if stage["stage"].startswith("brochures: ")
                 and stage["stage"] != "brochures: plan"]
    for stage in record["stages"]:
        found[stage["stage"]] = found.get(stage["stage"], 0.0) + stage["end"] - stage["start"]
    if brochures:
        found["brochures"] = max(s["end"] for s in brochures) - min(s["start"] for s in brochures)
    return found


def scaled_content(base: Path, factor: int, target: Path) -> Path:
    """The shipped content with (factor - 1) × as many more services, site only."""
    shutil.copytree(base, target)
    if factor == 1:
        return target
    count = len([line for line in (base / "fr" / "services.yaml").read_text(encoding="utf-8").splitlines()
                 if line.startswith("  - id: ")])
    for language, words in (("fr", ("Service d'exemple", "Un service fictif pour mesurer la construction.", "Rôle")),
                            ("en", ("Sample service", "A made-up service to measure the build.", "Role"))):
        path = target / language / "services.yaml"
        extra = []
        for number in range(count * (factor - 1)):
            extra.append(
                f"  - id: exemple-{number}\n"
                f"    title: {words[0]} {number}\n"
                f"    summary: {words[1]}\n"
                f"    brochure: false\n"
                f"    description:\n      - >-\n        {words[1]} " + " ".join([words[1]] * 6) + "\n"
                "    roles:\n      items:\n"
                + "".join(f"        - id: role-{r}\n          text: {words[2]} {r}\n" for r in range(5))
            )
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n" + "".join(extra))
    return target


def plain_mkdocs_config(content: Path, work: Path) -> Path:
    """The same pages and config the generator gives MkDocs, written once."""
    from generator.build import Project
    from generator.content import load_content
    from generator.downloads import planned
    from generator.site.build import prepare_site

    from generator.content.dates import content_date

    offers = load_content(content)
    dates = {language: content_date(content / language) for language in offers}
    config, _ = prepare_site(offers, Project(ROOT).root, work, planned(offers), dates)
    return config


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def median_runs(command: list[str], runs: int, before=None, env: dict[str, str] | None = None,
                stages: dict[str, float] | None = None) -> tuple[float, float]:
    """Median seconds and largest peak memory of `runs` runs; with `stages`, filled with
    the median seconds of each stage (offre only)."""
    times, peaks, recorded = [], [], []
    for _ in range(runs):
        if before:
            before()
        with tempfile.NamedTemporaryFile(suffix=".json") as timings:
            seconds, peak = run(command, {**(env or os.environ), "OFFRE_TIMINGS": timings.name})
            if stages is not None:
                recorded.append(stage_times(Path(timings.name)))
        times.append(seconds)
        peaks.append(peak)
    if stages is not None:
        for name in recorded[0]:
            stages[name] = statistics.median(r.get(name, 0.0) for r in recorded)
    return statistics.median(times), max(peaks)


def bench(factor: int, runs: int, scratch: Path) -> dict:
    content = scaled_content(ROOT / "content", factor, scratch / f"content-{factor}")
    output = scratch / f"site-{factor}"
    offre = [str(VENV_BIN / "offre"), "build", "--content", str(content), "--output", str(output)]
    env = {**os.environ, "OFFRE_CACHE_DIR": str(scratch / f"cache-{factor}")}  # its own cache, empty at first
    row: dict = {"factor": factor}
    row["cold_stages"], row["edit_stages"] = {}, {}
    row["cold"], row["cold_peak"] = median_runs(offre + ["--no-cache"], runs, env=env, stages=row["cold_stages"])
    # Fill the cache (a cold build stores nothing), in another folder: the output stays
    # as the cold build left it, so the warm build finds nothing to do.
    run(offre[:-1] + [str(scratch / f"fill-{factor}")], env)
    row["warm"], row["warm_peak"] = median_runs(offre, runs, env=env)
    services = content / "fr" / "services.yaml"
    original = services.read_text(encoding="utf-8")
    # the PSOC's summary (the first service's says the flap's title again: the brochure leaves
    # it out, so an edit of it would be a new block in French alone, not an ordinary edit)
    summary = "communautaires, tout en leur apportant un soutien financier."
    if summary not in original:
        raise SystemExit(f"the edit benchmark changes a summary that is no longer in {services}: {summary}")
    counter = iter(range(1000))

    def edit() -> None:  # a new text each time: the edited language's brochures are made again
        services.write_text(original.replace(summary, f"{summary[:-1]} ({next(counter)})."), encoding="utf-8")
    row["edit"], row["edit_peak"] = median_runs(offre, runs, before=edit, env=env, stages=row["edit_stages"])
    services.write_text(original, encoding="utf-8")
    run(offre, env)
    config = plain_mkdocs_config(content, scratch / f"plain-{factor}")
    row["mkdocs"], row["mkdocs_peak"] = median_runs([str(VENV_BIN / "mkdocs"), "build", "-q", "-f", str(config)], runs)
    from bench.preview import brochure_floor, mkdocs_serve, offre_serve

    preview = offre_serve(content, scratch / f"preview-{factor}", runs, env)
    row["preview"], row["preview_brochures"] = preview["page"], preview["brochures"]
    row["mkdocs_serve"] = mkdocs_serve(config, runs)
    if factor == 1:  # the brochures hold the shipped services only: the same at every scale
        row["floor"] = brochure_floor(content, runs)
    row["output_mb"] = folder_size(output) / 1e6
    row["pages"] = len(list(output.rglob("*.html")))
    row["pdfs"] = {pdf.name: pdf.stat().st_size for pdf in sorted((output / "downloads").glob("*.pdf"))}
    try:
        from bench.page_weight import page_weight
        row["home_kb"] = sum(r[1] for r in page_weight(output)) / 1024
    except Exception as error:  # no browser here: say so, do not guess
        row["home_kb"] = None
        row["home_error"] = str(error).splitlines()[0]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description="offre build speed and size benchmark")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    arguments = parser.parse_args()
    scales = [int(value) for value in arguments.scales.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="offre-bench-") as scratch:
        for factor in scales:
            print(f"… {factor}× content", file=sys.stderr, flush=True)
            rows.append(bench(factor, arguments.runs, Path(scratch)))
    print(f"offre benchmark — {arguments.runs} runs each, medians; {os.cpu_count()} cores\n")
    print(f"{'content':>8} {'pages':>6} {'cold s':>7} {'warm s':>7} {'edit s':>7} {'mkdocs s':>9} "
          f"{'cold/mk':>8} {'edit/mk':>8} {'warm/mk':>8} {'peak MB':>8} {'site MB':>8} {'home KB':>8}")
    for row in rows:
        peak = max(row["cold_peak"], row["warm_peak"], row["edit_peak"])
        home = f"{row['home_kb']:.1f}" if row["home_kb"] is not None else "n/a"
        print(f"{row['factor']:>7}× {row['pages']:>6} {row['cold']:>7.2f} {row['warm']:>7.2f} {row['edit']:>7.2f} "
              f"{row['mkdocs']:>9.2f} {row['cold'] / row['mkdocs']:>8.2f} {row['edit'] / row['mkdocs']:>8.2f} "
              f"{row['warm'] / row['mkdocs']:>8.2f} {peak:>8.0f} {row['output_mb']:>8.2f} {home:>8}")
    print("\nWhere the time goes (seconds, medians; stages overlap: the brochures are made by the print")
    print("worker while the site is built; 'brochures' runs from the first measurement to the last PDF):")
    names = [name for name in rows[0]["cold_stages"] if name != "total"]
    names = sorted(names, key=lambda name: (name != "brochures", not name.startswith("brochures"), name))
    header = "".join(f"{f'{row[0]}× {kind}':>11}" for row in [(r["factor"],) for r in rows] for kind in ("cold", "edit"))
    print(f"  {'stage':<32}{header}")
    for name in ["total", *names]:
        cells = "".join(f"{row[kind + '_stages'].get(name, 0.0):>11.2f}" for row in rows for kind in ("cold", "edit"))
        print(f"  {name:<32}{cells}")
    print("\nThe preview: from a save to the changed page served (offre serve, mkdocs serve of the same")
    print("pages written by hand), and to offre's four brochures ready; the floor: WeasyPrint alone laying")
    print("out and writing the four final brochures (one process per language, imports excluded):")
    print(f"  {'content':>8} {'offre page s':>13} {'mkdocs serve s':>15} {'ratio':>6} {'brochures s':>12} {'floor s':>8}")
    floor = next((row["floor"] for row in rows if "floor" in row), None)
    for row in rows:
        print(f"  {row['factor']:>7}× {row['preview']:>13.2f} {row['mkdocs_serve']:>15.2f} "
              f"{row['preview'] / row['mkdocs_serve']:>6.2f} {row['preview_brochures']:>12.2f} "
              f"{floor if floor is not None else float('nan'):>8.2f}")
    print("\nPDF sizes (shipped content):")
    for name, size in rows[0]["pdfs"].items():
        print(f"  {name:<28} {size / 1024:7.1f} KB")
    print("\nTargets:")
    checks = []
    for row in rows:
        for kind, limit in (("cold", 1.6), ("edit", 1.0), ("warm", 1.1)):
            ratio = row[kind] / row["mkdocs"]
            checks.append((f"{row['factor']}×: {kind} ≤ {limit}× mkdocs", ratio <= limit, f"{ratio:.2f}×"))
        ratio = row["preview"] / row["mkdocs_serve"]
        checks.append((f"{row['factor']}×: preview page ≤ 1.0× mkdocs serve", ratio <= 1.0, f"{ratio:.2f}×"))
    by_factor = {row["factor"]: row for row in rows}
    if 10 in by_factor and 100 in by_factor:
        growth = by_factor[100]["cold"] / by_factor[10]["cold"]
        checks.append(("10× → 100×: time grows at most linearly (≤ 10×)", growth <= 10, f"{growth:.1f}×"))
    peak = max(max(r["cold_peak"], r["warm_peak"], r["edit_peak"]) for r in rows)
    checks.append(("peak memory ≤ 200 MB", peak <= 200, f"{peak:.0f} MB"))
    for label, ok, value in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {label}: {value}")
    if arguments.json:
        arguments.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
