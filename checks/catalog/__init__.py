"""The checks: one package per topic (``checks/catalog/<topic>/``), and ``readers/``, the
small parsers and readers that several topics share. Not listed anywhere:
``checks.engine.registry.catalog_modules()`` finds the packages here, and the bundle
(packaging/checkup.spec) names them for PyInstaller the same way. A topic package's
``__init__`` declares its checks (``spec``); its other modules are the topic's own helpers."""
