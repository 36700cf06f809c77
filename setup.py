"""The compiled TMX unit reader and text folder; all other packaging is in pyproject.toml.

Both are optional: without a C compiler the install still succeeds, TmxReader reads every
unit in Python, with the same result but about 1.7 times the CPU time (20,000 units, this
machine), and tmkit.phrases folds text in Python, with the same result but slower. lxml, a
build requirement, provides the headers of its C API.
"""

import lxml
from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "tmkit._tmxunits",
            ["tmkit/_tmxunits.c"],
            include_dirs=lxml.get_include(),
            optional=True,
        ),
        Extension("tmkit._fold", ["tmkit/_fold.c"], optional=True),
    ]
)
