import pytest

from sitrep.errors import PipelineError, SitrepError
from sitrep.model import Document
from sitrep.pipeline import Pipeline, Stage, stage


@stage("upper", needs=("text",), adds=("upper",))
def upper(doc):
    doc.text = doc.text.upper()
    return doc


@stage("boom", needs=("upper",), adds=("boom",))
def boom(doc):
    if "BAD" in doc.text:
        raise ValueError("cannot handle this")
    doc.warnings.append("boom ran")
    return doc


@stage("after", needs=("boom",), adds=("after",))
def after(doc):
    doc.warnings.append("after ran")
    return doc


def test_pipeline_rejects_a_stage_whose_needs_nobody_adds():
    with pytest.raises(PipelineError, match="needs upper"):
        Pipeline([boom, upper])


def test_pipeline_runs_stages_in_order_and_records_them():
    doc = Pipeline([upper, boom, after])(Document(id="1", text="fine"))
    assert doc.text == "FINE"
    assert doc.layers.done == ["upper", "boom", "after"]
    assert doc.warnings == ["boom ran", "after ran"]


def test_pipeline_failure_becomes_a_warning_and_skips_dependants_only_for_that_document():
    docs = [Document(id="1", text="ok"), Document(id="2", text="bad"), Document(id="3", text="ok too")]
    out = list(Pipeline([upper, boom, after]).pipe(docs, batch_size=2))
    assert [d.id for d in out] == ["1", "2", "3"]
    assert out[0].warnings == ["boom ran", "after ran"]
    assert out[1].warnings[0].startswith("boom: internal error (ValueError: cannot handle this)")
    assert out[1].warnings[1] == "after: skipped because boom could not be computed"
    assert out[2].layers.done == ["upper", "boom", "after"]


def test_pipeline_sitrep_errors_are_reported_plainly():
    def fail(doc):
        raise SitrepError("the model is missing; reinstall")

    doc = Pipeline([Stage("x", fail, needs=("text",), adds=("x",))])(Document(id="1", text="t"))
    assert doc.warnings == ["x: the model is missing; reinstall"]


def test_pipeline_batch_path_falls_back_to_single_documents_on_failure():
    calls = []

    def one(doc):
        calls.append(doc.id)
        return doc

    def many(docs):
        raise RuntimeError("batch broke")

    st = Stage("b", one, needs=("text",), adds=("b",), batch=many)
    out = list(Pipeline([st]).pipe([Document(id="1", text="a"), Document(id="2", text="b")]))
    assert calls == ["1", "2"] and all(d.layers.done == ["b"] for d in out)


def test_pipeline_time_budget_stops_further_stages_with_a_warning():
    import time

    @stage("slow", adds=("a",))
    def slow(doc):
        time.sleep(0.05)
        return doc

    @stage("after", needs=("a",), adds=("b",))
    def after(doc):
        doc.title = "ran"
        return doc

    pipe = Pipeline([slow, after])
    docs = list(pipe.pipe([Document(id="1", text="x"), Document(id="2", text="y")], budget=0.001))
    assert [d.title for d in docs] == [None, None]
    assert all(d.layers.done == ["slow"] and "setting time_budget" in d.warnings[0] for d in docs)
    assert [d.title for d in pipe.pipe([Document(id="3", text="z")], budget=60)] == ["ran"]
    assert [d.title for d in pipe.pipe([Document(id="4", text="z")])] == ["ran"]  # no budget
