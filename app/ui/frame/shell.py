"""The app frame: routing, the app bar, and navigation that adapts to width.

Phones get a bottom NavigationBar; at 840 px and wider a NavigationRail.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import cast
from urllib.parse import urlsplit

import flet as ft

from app.services import Services
from app.ui.frame.context import TOAST_ROOM, Ctx, Screen, icon_button

WIDE = 840
Builder = Callable[[Ctx, list[str]], Screen]


def screen(module: str) -> Builder:
    """A screen module's `build`, imported on first use: in the offline app every
    import costs start-up time, and only the first screen is needed to start.
    `warm_screens` imports the rest once the first screen is up."""
    return cast(Builder, importlib.import_module(f"app.ui.{module}").build)


@dataclass(frozen=True)
class Destination:
    """A top-level place in the navigation; `prefix` owns deeper routes."""

    label: str
    icon: ft.IconData
    selected_icon: ft.IconData
    prefix: str
    module: str

    @property
    def build(self) -> Builder:
        return screen(self.module)


DESTINATIONS: list[Destination] = [
    Destination("Home", ft.Icons.HOME_OUTLINED, ft.Icons.HOME, "/", "pages.home"),
    Destination("Learn", ft.Icons.MENU_BOOK_OUTLINED, ft.Icons.MENU_BOOK, "/learn", "pages.learn"),
    Destination(
        "Self-check", ft.Icons.FACT_CHECK_OUTLINED, ft.Icons.FACT_CHECK, "/check", "check.screen"
    ),
    Destination("History", ft.Icons.HISTORY, ft.Icons.HISTORY, "/history", "history.screen"),
    Destination(
        "Habits", ft.Icons.WATER_DROP_OUTLINED, ft.Icons.WATER_DROP, "/habits", "habits.screen"
    ),
]
OTHER: dict[str, str] = {"/about": "pages.about", "/settings": "pages.settings"}
SCREENS = (*(d.module for d in DESTINATIONS), *OTHER.values(), "pages.not_found")


def warm_screens() -> None:
    """Import every screen now (the server at start; the offline app after its first
    screen), so no later tap waits for an import."""
    for module in SCREENS:
        screen(module)


def split_route(route: str) -> list[str]:
    path = urlsplit(route or "/").path
    return [part for part in path.split("/") if part]


def resolve(route: str) -> tuple[int | None, Builder, list[str]]:
    """Find the destination index (None for off-menu screens) and builder."""
    parts = split_route(route)
    if not parts:
        return 0, DESTINATIONS[0].build, []
    head = "/" + parts[0]
    for index, dest in enumerate(DESTINATIONS):
        if dest.prefix == head:
            return index, dest.build, parts[1:]
    if head in OTHER:
        return None, screen(OTHER[head]), parts[1:]
    return None, screen("pages.not_found"), parts


class Shell:
    """One per browser session: owns the page's single view and redraws it per route."""

    def __init__(self, page: ft.Page, services: Services) -> None:
        self.page = page
        self.ctx = Ctx(page=page, services=services, go=self.go, rerender=self.render)
        self._wide: bool | None = None
        # Off-menu screens (Settings, About) go back to where the user came from.
        self._return_to = "/"
        page.on_route_change = lambda _e: self.render()
        page.on_resize = self._on_resize

    def go(self, route: str) -> None:
        if route == self.page.route:
            self.render()
        else:
            self.page.navigate(route)

    def _on_resize(self, _e: object) -> None:
        if self._is_wide() != self._wide:
            self.render()

    def _is_wide(self) -> bool:
        return (self.page.width or 0) >= WIDE

    def _nav_select(self, e: ft.Event[ft.NavigationBar] | ft.Event[ft.NavigationRail]) -> None:
        index = int(e.control.selected_index or 0)
        self.go(DESTINATIONS[index].prefix)

    def render(self) -> None:
        index, build, params = resolve(self.page.route)
        screen = build(self.ctx, params)
        if index is not None:
            self._return_to = self.page.route or "/"
        elif screen.back is not None:
            screen = replace(screen, back=self._return_to)
        self._wide = self._is_wide()
        self.page.title = f"{screen.title} - Lip Twitch Check"
        # One View for the whole session, refilled in place: replacing it would
        # start a page transition that steals focus from the new screen.
        view = self._view(screen, index)
        if self.page.views:
            current = self.page.views[0]
            current.route = view.route
            current.appbar = view.appbar
            current.padding = view.padding
            current.controls = view.controls
            current.navigation_bar = view.navigation_bar
            del self.page.views[1:]
        else:
            self.page.views.append(view)
        self.page.update()
        for hook in list(self.ctx.route_hooks):
            hook()

    def _appbar(self, screen: Screen) -> ft.AppBar:
        leading = None
        if screen.back is not None:
            back = screen.back
            leading = icon_button(ft.Icons.ARROW_BACK, "Back", lambda _e: self.go(back))
        return ft.AppBar(
            leading=leading,
            title=ft.Text(
                screen.title,
                max_lines=2,
                overflow=ft.TextOverflow.ELLIPSIS,
                theme_style=ft.TextThemeStyle.TITLE_MEDIUM
                if len(screen.title) > 22
                else ft.TextThemeStyle.TITLE_LARGE,
            ),
            actions=[*screen.actions, *self._corner_links()],
        )

    def _corner_links(self) -> list[ft.Control]:
        """Settings and About, except a link to the screen already open."""
        here = "/" + "/".join(split_route(self.page.route)[:1])
        links = [
            (ft.Icons.SETTINGS_OUTLINED, "Settings", "/settings"),
            (ft.Icons.INFO_OUTLINE, "About and not medical advice", "/about"),
        ]
        shown = [(icon, tip, route) for icon, tip, route in links if route != here]
        return [icon_button(icon, tip, self._opener(route)) for icon, tip, route in shown]

    def _opener(self, route: str) -> ft.ControlEventHandler[ft.IconButton]:
        def on_click(_e: ft.Event[ft.IconButton]) -> None:
            self.go(route)

        return on_click

    def _body(self, screen: Screen) -> ft.Column:
        room = [ft.Container(height=TOAST_ROOM)] if screen.scroll else []
        return ft.Column(
            [*screen.body, *room],
            spacing=12,
            scroll=ft.ScrollMode.AUTO if screen.scroll else None,
            expand=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    def _view(self, screen: Screen, index: int | None) -> ft.View:
        body = self._body(screen)
        view = ft.View(
            route=self.page.route,
            appbar=self._appbar(screen),
            padding=ft.Padding.symmetric(horizontal=16),
        )
        if self._wide:
            rail = ft.NavigationRail(
                selected_index=index,
                label_type=ft.NavigationRailLabelType.ALL,
                destinations=[
                    ft.NavigationRailDestination(
                        icon=d.icon, selected_icon=d.selected_icon, label=d.label
                    )
                    for d in DESTINATIONS
                ],
                on_change=self._nav_select,
            )
            centred = ft.Row(
                [ft.Container(body, width=720)],
                alignment=ft.MainAxisAlignment.CENTER,
                vertical_alignment=ft.CrossAxisAlignment.STRETCH,
                expand=True,
            )
            view.controls = [ft.Row([rail, ft.VerticalDivider(width=1), centred], expand=True)]
        elif index is None:
            # A bottom bar must always mark a tab, and none is true here: these
            # screens are pushed over the tabs and leave by the back arrow.
            view.controls = [body]
        else:
            view.controls = [body]
            view.navigation_bar = ft.NavigationBar(
                selected_index=index,
                destinations=[
                    ft.NavigationBarDestination(
                        icon=d.icon, selected_icon=d.selected_icon, label=d.label
                    )
                    for d in DESTINATIONS
                ],
                on_change=self._nav_select,
            )
        return view
