"""About Checkup: the version, how old each bundled data file is, and the promise that it
never connects to the internet."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from checks import __version__
from checks.engine.datafile import bundled_data_files, data_origin
from checks.engine.html_text import dir_attr, esc
from checks.engine.i18n import isolate
from checks.engine.plain_text import plain
from checks.reports.data_age import format_day
from desktop.qt_i18n import _, current


def in_use_line() -> str:
    """Which facts this window uses now: the bundled ones or a data pack, and their date."""
    try:
        origin = data_origin()
    except Exception:  # the About view must open whatever the data's state
        return _("The date of the facts in use could not be read.")
    day = format_day(origin.released, current().lang)
    if origin.kind == "pack":
        return _("In use: the data pack “{name}” (number {sequence}), facts from {date}.").format(
            name=isolate(plain(origin.label)), sequence=origin.sequence or 0, date=day)
    return _("In use: the facts this version was shipped with, from {date}.").format(date=day)


def about_html() -> str:
    tr = current()
    a = dir_attr(tr.rtl)
    parts = [
        f"<h1{a}>Checkup</h1>",
        f"<p{a}>" + esc(_("Version {version}").format(version=isolate(__version__)))
        + "</p>",
        f"<h3{a}>" + esc(_("Checkup never connects to the internet.")) + "</h3>",
        f"<p{a}>" + esc(_("It sends nothing, ever: no statistics, no update checks, no "
                             "error reports. It reads this computer and shows you what it "
                             "found. Nothing about your findings is saved unless you save "
                             "a report yourself.")) + "</p>",
        f"<h3{a}>" + esc(_("Facts Checkup knows, and how old they are")) + "</h3>",
    ]
    files = bundled_data_files()
    if files:
        parts.append(f"<p{a}>" + esc(in_use_line()) + "</p>")
        parts.append(f"<p{a}>" + esc(_("Checkup knows only the facts it carries. Newer "
                                          "facts come with a newer version of Checkup, or "
                                          "in a signed data pack a trainer can bring."))
                     + "</p>")
        items = "".join(
            f"<li{a}>" + esc(_("{name}: gathered on {date}").format(
                name=isolate(df.name), date=isolate(df.gathered.isoformat()))) + "</li>"
            for df in files)
        parts.append(f"<ul{a}>{items}</ul>")
    else:
        parts.append(f"<p{a}>" + esc(_("No data files are bundled with this version."))
                     + "</p>")
    parts.append(f"<p{a}><small>" + esc(
        _("Built with Qt for Python {version}.").format(version=isolate(pyside_version)))
        + "</small></p>")
    return "".join(parts)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.text = QTextBrowser(self)
        self.text.setObjectName("aboutText")
        self.text.setOpenLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("About Checkup"))
        self.text.setAccessibleName(_("About Checkup"))
        self.text.setHtml(about_html())
