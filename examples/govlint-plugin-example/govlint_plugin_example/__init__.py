"""An example govlint plugin (see docs/plugins.md in govlint)."""
