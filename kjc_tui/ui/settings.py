"""The app's part that keeps the user's settings: the language (F2, switched in place), the
theme (F3, saved once chosen), and any [ui] setting, saved to the user's kjc.toml in a
thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.timer import Timer

from kjc_tui.ui.i18n import explained, language, set_language, t
from kjc_tui.ui.messages import relabel

if TYPE_CHECKING:
    from kjc_tui.core.config import Config

#: seconds a theme must stay chosen before it is saved
THEME_SAVE_DELAY = 1.0


class Settings(App[int]):
    """Mixed into `KjcApp` (see shell.py)."""

    config: "Config"
    _theme_timer: Timer | None

    if TYPE_CHECKING:  # provided by the other parts of KjcApp
        def _update_status(self) -> None: ...
        def _call_ui(self, fn: Any, *args: Any) -> None: ...

    def search_themes(self) -> None:
        """Textual's theme picker (F3), with the placeholder in the UI language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("cmd.theme_placeholder")))

    def action_toggle_language(self) -> None:
        """F2: German ⇄ English, in place: every widget words itself again (nothing is rebuilt,
        so every view keeps its state, its cursor and the focus)."""
        lang = "en" if language() == "de" else "de"
        set_language(lang)
        self.config.ui["language"] = lang
        self.relabel()
        self._save({"language": lang}, t("notify.language"))

    def relabel(self) -> None:
        """Word everything on screen in the current language (`messages.relabel`)."""
        relabel(self)
        self._update_status()

    def _theme_changed(self, theme: Any) -> None:
        """Save the theme once the user has settled on it (the picker previews as it moves)."""
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(THEME_SAVE_DELAY, self._save_theme)

    def _save_theme(self) -> None:
        self._theme_timer = None
        name = self.theme
        if self.config.ui.get("theme") != name:
            self.config.ui["theme"] = name
            self._save({"theme": name}, t("notify.theme", theme=name))

    def save_setting(self, key: str, value: Any, message: str) -> None:
        """Save one [ui] setting (e.g. start_district) to the user's kjc.toml; `message` tells
        the user what was saved, in their words."""
        self.config.ui[key] = value
        self._save({key: value}, message)

    def _save(self, ui: dict[str, Any], message: str) -> None:
        """Save UI settings to the user's own kjc.toml, in a thread (file I/O)."""
        path = self.config.user_file

        def run() -> None:
            from kjc_tui.core.config import ConfigError, save_user_settings

            try:
                save_user_settings({"ui": ui}, path=path)
            except (OSError, ConfigError) as e:
                failed = t("notify.save_failed", error=explained(e))
                self._call_ui(lambda: self.notify(failed, severity="warning"))
                return
            self._call_ui(lambda: self.notify(message, timeout=3))

        self.run_worker(run, thread=True, group="save", exit_on_error=False)
