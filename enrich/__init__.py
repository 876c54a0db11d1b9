"""enrich: keep a person's pages honest about their GitHub work.

The pipeline, one package per step: ``scan`` (page text -> references),
``github`` (references -> figures, the only network I/O), ``stats`` (the
figures file), ``render`` (figures -> pages, cards, badges), ``cli`` (the
commands). ``testing`` holds the local fake GitHub.
"""

__version__ = "0.1.0"
