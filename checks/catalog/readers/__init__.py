"""Readers shared by several topics of the catalogue, each named for what it reads: config
files (INI and shell-style), property lists, systemd units, launchd jobs, LightDM settings,
the settings database (gsettings/dconf), listening sockets, running processes, the installed
apps, and the sentences several checks share. Pure parsers on text, or thin readers through
the Host; none of them declares a check."""
