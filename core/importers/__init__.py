"""Importers for published DfE and Ofsted data: one module per file format, one runner.

``peerqa import KIND FILE`` streams a file, turns each row into per-school values for a year,
and upserts them in one transaction, so an interrupted import leaves nothing half-done.
"""
