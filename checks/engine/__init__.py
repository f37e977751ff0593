"""The engine: the Host through which every fact is read (live machine or snapshot), the
model of a check and its findings, the registry and runner, the context a check sees,
commands and their sandbox, dated data files, translations, plain-text and bounded-JSON
handling of untrusted text, and the one atomic write. Nothing here imports Qt."""
