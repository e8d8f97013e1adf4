import pytest

from pipeline.prompts import load_template, row_seed, split_messages
from pipeline.spec import SpecError


@pytest.fixture
def tpl():
    return load_template("prompts/rewrite.j2")


def test_builtin_rewrite_template(tpl):
    assert tpl.task == "rewrite" and tpl.role == "llm"
    assert tpl.sampling["max_tokens"] > 0
    assert len(tpl.example_sets) >= 3


def test_render_is_deterministic_per_row_and_varies_by_variant(tpl):
    a, set_a = tpl.render(0, row_seed("k1", "rewrite", 0), alt_text="a dog")
    b, _ = tpl.render(0, row_seed("k1", "rewrite", 0), alt_text="a dog")
    assert a == b
    assert [m["role"] for m in a] == ["system", "user"]
    assert a[1]["content"].rstrip().endswith("Alt-text: a dog\nRewrite:")
    sets = {tpl.render(v, row_seed("k1", "rewrite", v), alt_text="a dog")[1] for v in range(3)}
    assert set_a in sets and len(sets) >= 2


def test_alt_text_is_data_never_template_code(tpl):
    evil = "{{ 7*7 }} {% for x in range(3) %}X{% endfor %} {{ ''.__class__ }}"
    msgs, _ = tpl.render(0, 1, alt_text=evil)
    assert evil in msgs[1]["content"]
    assert "49" not in msgs[1]["content"]


def test_sandbox_blocks_unsafe_template_code(tmp_path):
    p = tmp_path / "bad.j2"
    p.write_text("---\ntask: rewrite\n---\n{{ alt_text.__class__.__mro__[1].__subclasses__() }}")
    from jinja2.exceptions import SecurityError

    with pytest.raises(SecurityError):
        load_template(p).render(0, 1, alt_text="x")


def test_editing_examples_changes_hash(tmp_path, tpl):
    (tmp_path / "ex.yaml").write_text("sets: {a: [{source: s, target: t}]}")
    body = "---\ntask: rewrite\nexamples: ex.yaml\nn_examples: 1\n---\n{{ alt_text }}"
    (tmp_path / "t.j2").write_text(body)
    h1 = load_template(tmp_path / "t.j2").hash
    (tmp_path / "ex.yaml").write_text("sets: {a: [{source: s, target: t2}]}")
    assert load_template(tmp_path / "t.j2").hash != h1


def test_template_errors_name_the_file(tmp_path):
    (tmp_path / "t.j2").write_text("no front matter")
    with pytest.raises(SpecError, match="t.j2"):
        load_template(tmp_path / "t.j2")
    (tmp_path / "u.j2").write_text("---\ntask: rewrite\n---\n{% for %}")
    with pytest.raises(SpecError, match="Jinja syntax"):
        load_template(tmp_path / "u.j2")
    with pytest.raises(SpecError, match="not found"):
        load_template("nope.j2")


def test_split_messages_without_markers_is_one_user_message():
    assert split_messages("hi") == [{"role": "user", "content": "hi"}]


def test_examples_drawn_per_variant_are_one_prefix_for_every_row(tpl):
    rows = [row_seed(f"k{i}", "rewrite", 0) for i in range(20)]
    per_row = {str(tpl.render(0, seed, alt_text="x")[0]) for seed in rows}
    per_variant = {str(tpl.render(0, seed, draw="variant", alt_text="x")[0]) for seed in rows}
    assert len(per_row) > 1 and len(per_variant) == 1
    v0, v1 = (tpl.render(v, rows[0], draw="variant", alt_text="x") for v in (0, 1))
    assert v0[1] != v1[1] and v0[0] != v1[0]  # each variant its own example set


def test_example_draw_unset_keeps_committed_fingerprints(tmp_path):
    from conftest import job_spec

    from pipeline.tasks import build_tasks

    def fingerprint(**task):
        rewrite = {"template": "prompts/rewrite.j2", "model": "llm", **task}
        return build_tasks(job_spec(tmp_path, [{"path": "x"}], tasks={"rewrite": rewrite}))[0].fingerprint()

    assert fingerprint() == fingerprint(example_draw=None) == fingerprint(example_draw="row")
    assert fingerprint() != fingerprint(example_draw="variant")
