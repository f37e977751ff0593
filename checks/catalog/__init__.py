"""The checks, one module per topic. Not listed anywhere: ``checks.registry.catalog_modules()``
finds the modules here, and the bundle (packaging/checkup.spec) names them for PyInstaller
the same way."""
