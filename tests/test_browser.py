"""A real browser (Debian's chromium, driven by Playwright) types a prompt, sees the playlist, sends a follow-up
and exports a file. Skipped only where chromium or playwright is not installed (.ci/run installs both)."""

import os
import shutil
from pathlib import Path

import pytest

from assistant.config import Settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def local_app(index_dir, tmp_path_factory):
    import app as app_module

    home = tmp_path_factory.mktemp("browser-home")
    monkey = pytest.MonkeyPatch()
    monkey.delenv("PLAYLIST_ACCOUNTS", raising=False)
    demo, _ = app_module.create_app(
        Settings.from_env(home=home, index_dir=index_dir, db=str(home / "db.sqlite"), llm="none"), show_progress=False
    )
    demo.queue().launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()
    monkey.undo()


def test_prompt_follow_up_and_export_in_a_browser(local_app, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, "HOME": str(tmp_path)}
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.goto(local_app)
        prompt = page.locator("#prompt textarea")
        prompt.fill("80s hard rock, no Guns N' Roses, 4 songs")
        page.locator("#send").click()
        table = page.locator("#playlist-table")
        sync_api.expect(table).to_contain_text("Hard rock from 198", timeout=60_000)
        sync_api.expect(page.locator("#summary")).to_contain_text("4 tracks")
        assert "Guns N' Roses" not in table.inner_text()
        prompt.fill("make it 5 songs")
        page.locator("#send").click()
        sync_api.expect(page.locator("#summary")).to_contain_text("1 added, 0 removed, 4 kept", timeout=60_000)
        page.screenshot(path=os.environ.get("PLAYLIST_SCREENSHOT") or str(tmp_path / "screen.png"), full_page=True)
        page.locator("#export").click()
        link = page.locator("#export-file a").first
        sync_api.expect(link).to_be_visible(timeout=30_000)
        with page.expect_download() as download:
            link.click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert (
            text.startswith("#EXTM3U") and text.count("# not in a file or on the web: ") == 5
        )  # fixture ids: no location
        cells = table.get_by_text("✕", exact=True)  # the header, then one per row (and a hidden sizing copy)
        remove_cells = [cells.nth(i) for i in range(cells.count()) if cells.nth(i).is_visible()][1:]
        assert len(remove_cells) == 5
        remove_cells[0].click()  # the row's own remove action
        sync_api.expect(page.locator("#summary")).to_contain_text("4 tracks", timeout=30_000)
        browser.close()
