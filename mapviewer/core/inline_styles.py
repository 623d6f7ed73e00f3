"""Stylesheets as inline <style> text: their url() references become data: URIs, so the text works
wherever it is put (a page under another base URL, a standalone file).

Used by the window's page shell, whose stylesheets would otherwise each be a request the GUI thread
answers (app://) while it builds the window at start-up, holding the page's start back; and by the
standalone HTML export, which must carry everything."""

from __future__ import annotations

import base64
import contextlib
import re
from pathlib import Path

from mapviewer.core import assets
from mapviewer.core.lazyre import lazy_compile

_CSS_URL = lazy_compile(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)")


class InlineError(RuntimeError):
    """A stylesheet, or a file it references, cannot be inlined (missing, or outside the assets)."""


def read_asset(name: str) -> str:
    """An asset's text with the newlines the HTML parser would make (so hashes of it stay true)."""
    content = assets.read(name)
    if content is None:
        raise InlineError(f"asset {name!r} is not available")
    text = content.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def data_uri(name: str) -> str:
    path = assets.resolve(name)
    if path is None:
        raise InlineError(f"asset {name!r} (referenced from a stylesheet) is not available")
    return f"data:{assets.mime_type(path)};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _local_asset(name: str, ref: str) -> str | None:
    """The asset a url() in stylesheet `name` points to; None for what needs nothing (data:, #fragment); an
    InlineError for anything outside the assets (another scheme, an absolute path)."""
    if ref.startswith(("data:", "#")):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) or ref.startswith("/"):
        raise InlineError(f"{name}: external reference {ref!r} cannot be inlined")
    return name.rsplit("/", 1)[0] + "/" + ref


def style_text(name: str) -> str:
    """Stylesheet asset `name` ready to sit inside a <style> element."""

    def inline(m: re.Match[str]) -> str:
        target = _local_asset(name, m.group(1))
        return m.group(0) if target is None else f'url("{data_uri(target)}")'

    text = _CSS_URL.sub(inline, read_asset(name))
    return text.replace("</", "<\\/")  # cannot close the <style> element


def style_files(name: str) -> list[Path]:
    """Stylesheet asset `name` and the files its url()s bring in: everything its inline text is made of (the
    page shell's cache key covers them all; an external reference is refused when the text is inlined)."""
    out = [p for p in (assets.resolve(name),) if p is not None]
    content = assets.read(name)
    for ref in _CSS_URL.findall(content.decode("utf-8") if content else ""):
        with contextlib.suppress(InlineError):
            target = _local_asset(name, ref)
            path = assets.resolve(target) if target else None
            if path is not None:
                out.append(path)
    return out


def style_links(asset_base: str) -> re.Pattern[str]:
    """The <link rel="stylesheet"> tags of a page built with `asset_base`; group 1 is the asset's name."""
    return re.compile(r'<link\s+rel="stylesheet"\s+href="' + re.escape(asset_base) + r'([^"]+)"\s*/?>', re.I)


def inline_styles(html: str, asset_base: str) -> str:
    """`html` with each stylesheet link under `asset_base` replaced by the stylesheet itself."""
    return style_links(asset_base).sub(lambda m: "<style>\n" + style_text(m.group(1)) + "\n</style>", html)
