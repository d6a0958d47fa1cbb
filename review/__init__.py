"""Pure Python review layer: rules and findings, corrections, sign-off, workspace store, exporters."""
