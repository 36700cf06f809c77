"""What the benchmarks share: tmkit's modules byte-compiled, as an installed package has them.

pip compiles a package's modules when it installs it. An editable checkout run with
PYTHONDONTWRITEBYTECODE (as on the development machine) compiles every module it imports at
every start instead, which a user never pays; the peers, installed from wheels, do not pay
it either. Each benchmark that times a whole tmkit process calls this first.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import tmkit


def compile_like_an_install() -> None:
    """Write tmkit's bytecode next to its sources (__pycache__, which git ignores)."""
    compileall.compile_dir(Path(tmkit.__file__).parent, quiet=1)
