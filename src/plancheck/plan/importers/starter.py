"""``plancheck init DIR``: a new plan folder that evaluates out of the box.

A small plan with one indicator per kind of target phrase (a level, a relative, a rank, a change,
a qualitative direction), two tasks with milestones, a sample submission for the plan's second
year (with the first year too, so the qualitative target has a year to compare with) and a CI job
that validates the plan and evaluates the sample. Replace the examples with your own plan.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from plancheck.errors import UserError, os_reason
from plancheck.i18n import say
from plancheck.safetext import CONTROLS, one_line

DEFAULT_PERIOD = (2026, 2030)  # the 15th five-year plan
# What the workflow installs when init is not told (--install): a pinned VCS reference to fill in.
PLACEHOLDER = "git+https://github.com/OWNER/plancheck@REF"


def install_spec(given: str | None) -> tuple[str, str]:
    """What pip installs in the workflow (a requirement or a folder) and the comment about it.

    ``given``: a VCS reference (``git+https://…@v1.2``, with or without ``plancheck @``) or a
    folder (``./plancheck``); a bare name is refused, since it would be looked up on PyPI."""
    if given is None:
        return f"plancheck @ {PLACEHOLDER}", say("init.placeholder_note")
    text = given.strip()
    if text.startswith("plancheck") and "@" in text:
        name, _, text = text.partition("@")
        if name.strip() != "plancheck":
            text = given.strip()
        text = text.strip()
    # Written in double quotes on the workflow's `run:` line: nothing the shell or YAML reads.
    if not text or not text.isprintable() or any(ch in text for ch in '"$`\\!') or " #" in text:
        raise UserError(say("init.install_unsafe", given=repr(given)))
    if "://" in text:  # a VCS reference, or an archive of a tag (…/archive/v0.1.0.tar.gz)
        return f"plancheck @ {text}", say("init.given_note", given=given)
    if text.startswith((".", "/", "~")) or "/" in text:
        return text, say("init.given_note", given=given)
    raise UserError(say("init.install_name", given=given, placeholder=PLACEHOLDER))


# The files' comments are the catalog's (init.head_*), in the run's language.
INDICATORS = """\
{head}

plan:
  id: sample-plan-{start}-{end}
  title: 示例区法治建设规划（{start}—{end}年）
  title_en: Sample District rule-of-law plan {start}–{end}
  document:
    stage: 正式文本
    stage_en: adopted text
    date: {start}-01-01
    occasion: 示例
    occasion_en: example
    source: made by plancheck init
  unit: 示例区
  period: {{start: {start}, end: {end}}}
  baseline_year: {baseline}
  target_year: {end}

categories:
  - {{name: 依法行政, name_en: Law-based administration}}
  - {{name: 法治社会, name_en: Law-based society}}

peer_groups:
  city: {{name: 全市, name_en: the districts of the city, size: 16}}

references:
  city_average: {{name: 全市平均值, name_en: city average, peers: city}}

indicators:
  - id: "1"
    category: 依法行政
    name: 重大行政决策合法性审查率
    name_en: Legality review rate of major administrative decisions
    binding: true
    unit: "%"
    target_text: "100"
    target: {{kind: threshold, op: ">=", value: 100}}
    timing: annual

  - id: "2"
    category: 依法行政
    name: 行政诉讼败诉率
    name_en: Loss rate in administrative litigation
    binding: false
    unit: "%"
    target_text: 低于全市平均值
    target: {{kind: relative, op: "<", reference: city_average}}
    timing: annual

  - id: "3"
    category: 依法行政
    name: 行政机关负责人出庭应诉率
    name_en: Court appearance rate of heads of administrative bodies
    binding: false
    unit: "%"
    target_text: 不低于90%
    target: {{kind: threshold, op: ">=", value: 90}}
    timing: by_target_year
    baseline: {{year: {baseline}, value: 80}}

  - id: "4"
    category: 法治社会
    name: 法治宣传教育覆盖率
    name_en: Coverage of rule-of-law education
    binding: false
    unit: "%"
    target_text: 提高5个百分点
    target: {{kind: change, measure: points, amount: 5}}
    timing: by_target_year
    baseline: {{year: {baseline}, value: 85}}

  - id: "5"
    category: 法治社会
    name: 刑事案件发案率
    name_en: Criminal case rate
    binding: false
    unit: "‰"
    target_text: ≤3‰
    target: {{kind: threshold, op: "<=", value: 3}}
    timing: by_target_year

  - id: "6"
    category: 法治社会
    name: 公共法律服务满意度
    name_en: Satisfaction with public legal services
    binding: false
    unit: "%"
    target_text: 全市前三
    target: {{kind: rank, peers: city, best: 3}}
    timing: annual

  - id: "7"
    category: 法治社会
    name: 群众安全感
    name_en: Residents' sense of safety
    binding: false
    unit: 分
    target_text: 持续提升
    target: {{kind: qualitative, direction: increase}}
    timing: annual
    minimum: 0
    maximum: 100
"""

TASKS = """\
{head}
tasks:
  - id: "1"
    document: plan
    section: 三、主要任务 / （一）推进依法行政
    title: 严格落实重大行政决策程序
    text: 实行重大行政决策事项目录化管理，{second}年年底前实现全覆盖。
    indicators: ["1"]
    milestones:
      - id: "1.1"
        text: {second}年年底前实现重大行政决策事项目录化管理全覆盖
        due: {second}-12-31
  - id: "2"
    document: plan
    section: 三、主要任务 / （二）建设法治社会
    title: 加强全民普法工作
    text: 每年开展宪法宣传周集中宣传活动，法治宣传教育覆盖率比{baseline}年提高5个百分点。
    indicators: ["4"]
    milestones:
      - id: "2.1"
        text: 每年开展宪法宣传周集中宣传活动
        recurring: annual
"""

SAMPLE = """\
year,indicator,name,value,reference,rank,note
{start},1,重大行政决策合法性审查率,100,,,示例数据（虚构） sample data: invented figures
{start},2,行政诉讼败诉率,2.1,2.6,,
{start},3,行政机关负责人出庭应诉率,84,,,
{start},4,法治宣传教育覆盖率,87,,,
{start},5,刑事案件发案率,2.8,,,
{start},6,公共法律服务满意度,93.5,,4,
{start},7,群众安全感,91.5,,,
{second},1,重大行政决策合法性审查率,100,,,
{second},2,行政诉讼败诉率,1.9,2.4,,
{second},3,行政机关负责人出庭应诉率,87,,,
{second},4,法治宣传教育覆盖率,88,,,
{second},5,刑事案件发案率,2.6,,,
{second},6,公共法律服务满意度,95.2,,2,
{second},7,群众安全感,92.3,,,
"""

CI = """\
{head}
{note}
name: plancheck
on: [push, pull_request]
jobs:
  plancheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install plancheck from its repository (not from PyPI)
        run: {install}
      - run: {validate}
      - run: {check}
      - run: {evaluate}
"""


def ci_job(folder: Path, sample: str, install: str | None = None) -> str:
    """The GitHub Actions job for the new plan: ``CI``, installing what ``--install`` gave, or
    the placeholder to fill in, with its comment."""
    spec, note = install_spec(install)
    head = say("init.head_ci", folder=one_line(folder.as_posix()))
    in_repository = from_repository_root(folder)
    where = shell_word(in_repository)
    sample_path = shell_word(f"{in_repository}/{sample}")
    runs = {
        "install": f'pip install "{spec}"',
        "validate": f"plancheck plan validate {where}",
        "check": f"plancheck check {sample_path} --plan {where} -f github",
        "evaluate": f"plancheck evaluate {sample_path} --plan {where} --format markdown",
    }
    return CI.format(head=head, note=note, **{k: _yaml_text(v) for k, v in runs.items()})


def from_repository_root(folder: Path) -> str:
    """``folder`` as the job finds it: CI runs at the root of the repository's checkout, where an
    absolute path or a ``..`` of this machine names nothing. The root is the git work tree's
    around the folder; without one, the current folder when the folder is inside it, else the
    folder's own parent (the folder at the top of the repository it is copied into)."""
    import os

    try:
        here, cwd = Path(os.path.abspath(folder)), Path(os.getcwd())
    except OSError:  # the current folder was removed: the folder as it was given
        return folder.as_posix()
    for root in here.parents:
        try:
            if (root / ".git").exists():
                break
        except OSError:  # a folder on the way that cannot be searched: no repository seen there
            continue
    else:
        root = cwd if cwd in here.parents else here.parent
    return here.relative_to(root).as_posix()


# What a shell reads as itself in a command's word: letters and digits of any script and these.
_SHELL_PLAIN = frozenset("@%+=:,./-_")


def shell_word(path: str) -> str:
    r"""``path`` as one word of a shell command (the workflow's ``run:`` lines, the ``next:``
    line): as it is when the shell reads it so, else quoted; never taken for an option.

    A name holding a byte that is not UTF-8 (a lone surrogate, as Python reads it) or a control
    character is quoted as bash and zsh read ``$'…'``, the one quoting that names it in
    printable text: ``$'caf\xe9'``, ``$'a\nb'`` (a message shows such a name as ``caf\udce9``,
    ``a\x0ab``: quoted so, pasted, it would name another folder)."""
    if path.startswith("-"):
        path = f"./{path}"
    if path and all(ch.isalnum() or ch in _SHELL_PLAIN for ch in path):
        return path
    if CONTROLS.search(path):
        return "$'" + "".join(_ansi_c(ch) for ch in path) + "'"
    import shlex

    return shlex.quote(path)


def _ansi_c(ch: str) -> str:
    r"""One character inside ``$'…'``: a byte that is not UTF-8 (surrogateescape's U+DC80 to
    U+DCFF) as that byte, ``\xNN``; another control character as its escape (``\x0a``,
    ``\u202e``); ``\`` and ``'`` escaped; anything else as it is."""
    if ch in "\\'":
        return "\\" + ch
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if not CONTROLS.fullmatch(ch):
        return ch
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def _yaml_text(text: str) -> str:
    """``text`` as the value of a YAML mapping: as it is when YAML reads it back unchanged (the
    usual case), else a double-quoted scalar (a ``: `` or ``#`` in a folder's name)."""
    import json

    import yaml

    try:
        if "\n" not in text and yaml.safe_load(f"run: {text}") == {"run": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # JSON's string is YAML's double-quoted scalar


def starter_files(
    folder: Path, period: tuple[int, int], install: str | None = None
) -> list[tuple[str, str]]:
    """The starter's files, by name, in the order ``write_starter`` writes them."""
    start, end = period
    years = {"start": start, "end": end, "baseline": start - 1, "second": start + 1}
    sample = f"sample-{start + 1}.csv"
    return [
        ("indicators.yaml", INDICATORS.format(head=say("init.head_indicators", end=end), **years)),
        ("tasks.yaml", TASKS.format(head=say("init.head_tasks"), **years)),
        (sample, SAMPLE.format(**years)),
        ("plancheck-ci.yml", ci_job(folder, sample, install)),
    ]


def write_starter(
    folder: Path, period: tuple[int, int] | None = None, install: str | None = None
) -> list[Path]:
    """Write the starter files into ``folder`` (new or empty); return their paths. ``install``:
    what the CI job installs plancheck from (``install_spec``).

    All or nothing: when one file cannot be written (a full disk) or a signal stops the command,
    the files already written and the folders made are removed, so ``init`` can simply run again.
    """
    from plancheck.output import write_report

    start, end = period or DEFAULT_PERIOD
    if end <= start:
        raise UserError(say("init.short_period", start=start, end=end))
    if folder.exists():
        if not folder.is_dir():
            raise UserError(say("init.not_folder"), folder)
        if any(folder.iterdir()):
            raise UserError(say("init.not_empty"), folder)
    if install is not None:
        install_spec(install)  # refused before anything is written
    files = starter_files(folder, (start, end), install)
    made = _missing_folders(folder)
    written: list[Path] = []
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(say("import.cannot_make_folder", reason=os_reason(exc)),
                            folder) from None  # fmt: skip
        for name, text in files:
            written.append(
                folder / name
            )  # before it exists: a signal while writing still undoes it
            write_report(text, folder / name, what="the file")
    except BaseException as error:
        _undo(written, made)
        if isinstance(error, UserError) and written:
            raise UserError(
                say("init.nothing_kept", message=error.message),
                error.file,
            ) from None
        raise
    return written


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, outermost first."""
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    return missing[::-1]


def _undo(written: list[Path], made: list[Path]) -> None:
    for path in written:
        with contextlib.suppress(OSError):
            path.unlink()
    for created in reversed(made):
        with contextlib.suppress(OSError):
            created.rmdir()  # only if empty: nothing of anyone else's goes
