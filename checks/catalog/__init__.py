"""The checks, one module per topic. Listed explicitly so bundles find them all."""

MODULES: tuple[str, ...] = (
    "disk_encryption",
)
