import pytest

from assistant.templates.store import TemplateStore, validate
from index.errors import PlaylistError


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("reason", "{{ era }}\n{% if facts %}", "line 2"),
        ("reason", "{{ era }}\n\n{{ secret_key }}", "line 3: unknown variable “secret_key”"),
        ("curate", "Choose {{ count }} tracks.", "must use candidates"),
        ("title", "{% if false %}{{ query }}{% endif %}", "renders to nothing"),
        ("../../etc/passwd", "x", "no template called"),
    ],
)
def test_validate_rejects_with_line_numbers(name, text, message):
    with pytest.raises(PlaylistError, match=message):
        validate(name, text)


@pytest.mark.parametrize(
    "attack",
    [
        "{{ era.__class__.__mro__[1].__subclasses__() }}",
        "{{ facts.__class__.__init__.__globals__ }}",
        "{{ era.format.__globals__['os'].environ }}",
    ],
)
def test_sandbox_blocks_python_internals(attack, db_spec):
    store = TemplateStore(db_spec)
    with pytest.raises(PlaylistError):
        store.save("reason", attack, "mallory")
    assert store.live("reason").version == "file"


def test_versions_publish_and_rollback(db_spec):
    store = TemplateStore(db_spec)
    assert store.live("title").version == "file"
    first = store.save("title", "Mix: {{ query }}", "ana")
    second = store.save("title", "{{ query }} ({{ count }} tracks)", "ben")
    assert (first.version, second.version) == ("v1", "v2")
    assert store.render("title", query="Rock", genres=[], count=3, minutes=9) == "Rock (3 tracks)"
    assert [v.version for v in store.history("title")] == ["v2", "v1", "file"]
    assert store.rollback("title").version == "v1"
    assert TemplateStore(db_spec).live("title").text == "Mix: {{ query }}"  # persisted
    store.rollback("title")
    assert store.live("title").version == "file"
    with pytest.raises(PlaylistError, match="nothing to roll back"):
        store.rollback("title")
    with pytest.raises(PlaylistError, match="no version"):
        store.publish("title", "v9")


def test_a_version_published_by_another_process_goes_live_after_the_refresh(db_spec):
    curator_side = TemplateStore(db_spec)
    cached = TemplateStore(db_spec, refresh_s=3600)
    fresh = TemplateStore(db_spec, refresh_s=0)
    assert cached.live("title").version == fresh.live("title").version == "file"
    curator_side.save("title", "Mix: {{ query }}", "ana")
    assert cached.live("title").version == "file"  # within its refresh interval
    assert fresh.live("title").version == "v1"
    assert fresh.render("title", query="Rock", genres=[], count=3, minutes=9) == "Mix: Rock"


def test_every_shipped_template_is_valid():
    store = TemplateStore()
    for name in store.names():
        validate(name, store.shipped(name).text)
