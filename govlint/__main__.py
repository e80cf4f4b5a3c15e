"""``python -m govlint``."""

from .cli import main

raise SystemExit(main())
