"""Chunked encryption of backup archives: what comes out is what went in, or nothing is accepted."""

import io
import os

import pytest

from lib import stream_crypto
from lib.stream_crypto import DecryptionError, EncryptingWriter, decrypt_stream

KEY = "một câu dài làm khoá sao lưu 2026"


def encrypt(data: bytes, key: str = KEY, pieces: int = 7) -> bytes:
    sink = io.BytesIO()
    writer = EncryptingWriter(sink, key)
    step = max(1, len(data) // pieces)
    for start in range(0, len(data), step):
        writer.write(data[start : start + step])
    writer.close()
    return sink.getvalue()


def decrypt(data: bytes, key: str = KEY) -> bytes:
    out = io.BytesIO()
    decrypt_stream(io.BytesIO(data), out, key)
    return out.getvalue()


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(stream_crypto, "CHUNK_BYTES", 1000)


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5000, 12345])
def test_any_length_comes_back_whole(small_chunks, size):
    data = os.urandom(size)

    sealed = encrypt(data)

    assert decrypt(sealed) == data
    # A few random bytes may turn up in any ciphertext by chance; 16 or more never do.
    assert data[:64] not in sealed or size < 16


def test_a_wrong_key_is_refused(small_chunks):
    sealed = encrypt(b"database dump" * 500)

    with pytest.raises(DecryptionError):
        decrypt(sealed, key="không phải khoá này, khoá khác")


def test_a_stream_cut_at_a_chunk_boundary_is_refused(small_chunks):
    sealed = encrypt(os.urandom(5000))
    header, first_chunk = stream_crypto.HEADER_BYTES, 4 + 1000 + 16

    with pytest.raises(DecryptionError, match="altered|cut"):
        decrypt(sealed[: header + 2 * first_chunk])


@pytest.mark.parametrize("where", [0.3, 0.99])
def test_a_changed_byte_is_refused(small_chunks, where):
    sealed = bytearray(encrypt(os.urandom(5000)))
    sealed[int(len(sealed) * where)] ^= 1

    with pytest.raises(DecryptionError):
        decrypt(bytes(sealed))


def test_swapped_chunks_are_refused(small_chunks):
    sealed = encrypt(os.urandom(3000))
    header, chunk = stream_crypto.HEADER_BYTES, 4 + 1000 + 16
    first, second = sealed[header : header + chunk], sealed[header + chunk : header + 2 * chunk]

    with pytest.raises(DecryptionError):
        decrypt(sealed[:header] + second + first + sealed[header + 2 * chunk :])


def test_a_short_passphrase_is_refused():
    with pytest.raises(ValueError, match="16"):
        EncryptingWriter(io.BytesIO(), "ngắn")


def test_memory_stays_one_chunk_whatever_the_size():
    # 8 MB written in 64 KB pieces never buffers more than one chunk.
    writer = EncryptingWriter(io.BytesIO(), KEY)
    biggest = 0
    for _ in range(128):
        writer.write(b"x" * 65536)
        biggest = max(biggest, len(writer._buffer))
    writer.close()
    assert biggest <= stream_crypto.CHUNK_BYTES
