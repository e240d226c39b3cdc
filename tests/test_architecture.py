"""Data flows one way: each module may import only from layers below it.

content files → models → parsing → site → urls → schema/pages → render → checks → build → writer
→ embed/cli. Only the loader reads files; only the writer writes them.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "nmt_content"

# Lower index = lower layer. A module may import its own layer or lower ones.
LAYERS: list[set[str]] = [
    {"errors", "geography", "limits", "heap"},
    {"models"},
    {"content"},
    {"site"},
    {"loader", "urls", "output"},
    {"markdown", "schema", "pages"},
    {"render"},
    {"checks"},
    {"build"},
    {"writer"},
    # incremental: composes the loader, the build and the writer (reads and writes through them);
    # check_pipeline: the build and the checks in one pass
    {"embed", "jinja", "inject", "retrofit", "incremental", "check_pipeline"},
    {"cli", "__main__", "__init__", "serve", "preview_http", "scaffold"},
]


def layer_of(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if module in names:
            return index
    raise AssertionError(f"module {module!r} is not placed in a layer; add it to LAYERS")


def top_level_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def module_parts(path: Path) -> list[str]:
    parts = ["nmt_content", *path.relative_to(PACKAGE).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_top_levels(path: Path) -> set[str]:
    """The top-level package modules that ``path`` imports, resolved from relative imports."""
    own = module_parts(path)
    package = own if path.name == "__init__.py" else own[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = [*base, *(node.module.split(".") if node.module else [])]
            targets = [module] if node.module else [[*module, a.name] for a in node.names]
        else:
            continue
        for target in targets:
            if target[:1] == ["nmt_content"]:
                top = target[1] if len(target) > 1 else "__init__"
                is_module = (PACKAGE / f"{top}.py").exists() or (PACKAGE / top).is_dir()
                names.add(top if is_module else "__init__")
    return names


def test_imports_only_point_down() -> None:
    violations = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = top_level_name(path)
        for imported in imported_top_levels(path):
            if imported == own:
                continue
            if layer_of(imported) > layer_of(own):
                violations.append(f"{path.relative_to(PACKAGE)} imports {imported}")
    assert violations == []


# Modules allowed to open files, and why: the loader reads content; the writer writes output (and
# checks its own marker); schema and render read data shipped inside the package; retrofit reads
# the HTML another generator built, to enrich it (through the writer); serve and preview_http read
# the folder they built, to serve it; scaffold reads practice.yaml to fill in a new article.
MAY_READ = {
    "loader",
    "writer",
    "schema",
    "render",
    "cli",
    "retrofit",
    "serve",
    "preview_http",
    "scaffold",
}
MAY_WRITE = {"writer", "scaffold"}
READ_CALLS = (".read_text(", ".read_bytes(", "open(")
WRITE_CALLS = (".write_text(", ".write_bytes(", "os.replace(", "shutil.rmtree(")


def test_only_the_loader_reads_and_only_the_writer_writes() -> None:
    readers, writers = set(), set()
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = top_level_name(path)
        if any(call in text for call in READ_CALLS) and name not in MAY_READ:
            readers.add(name)
        if any(call in text for call in WRITE_CALLS) and name not in MAY_WRITE:
            writers.add(name)
    assert readers == set()
    assert writers == set()
