"""Encrypt a stream of any length with a passphrase, one chunk at a time.

Used for backup archives (BACKUP_KEY): an archive of several gigabytes is
encrypted while it is written and decrypted while it is read, never held in
memory. The format is the STREAM construction (Hoang, Reyhanitabar, Rogaway,
Vizár 2015) over AES-256-GCM:

    header  = MAGIC | salt (16 bytes) | nonce prefix (7 bytes)
    chunk   = length (4 bytes, big-endian) | AES-GCM ciphertext and tag
    nonce_i = nonce prefix | i (4 bytes) | 1 for the last chunk, else 0

The key is scrypt(passphrase, salt). The header is the associated data of every
chunk. Each chunk's nonce carries its position and whether it is the last, so
a chunk changed, moved, dropped, or the stream cut after any chunk fails to
decrypt: nothing is accepted that was not written whole with the same key.
"""

import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"CTBK\x01"
SALT_BYTES = 16
PREFIX_BYTES = 7
HEADER_BYTES = len(MAGIC) + SALT_BYTES + PREFIX_BYTES
CHUNK_BYTES = 1 << 20
MIN_PASSPHRASE = 16


class DecryptionError(Exception):
    """The stream is not ours, was cut, was altered, or the passphrase is not the one used."""


def _key(passphrase: str, salt: bytes) -> AESGCM:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())
    return AESGCM(key)


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I?", index, last)


def is_encrypted(path: os.PathLike[str] | str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


class EncryptingWriter:
    """A write-only file object: what is written reaches `target` encrypted.

    `close()` writes the last chunk; a stream that was never closed does not
    decrypt (its last chunk is missing), so a crash mid-way leaves nothing usable.
    """

    def __init__(self, target: BinaryIO, passphrase: str) -> None:
        salt, self._prefix = os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
        self._header = MAGIC + salt + self._prefix
        self._aead = _key(passphrase, salt)
        self._target = target
        self._buffer = bytearray()
        self._index = 0
        self.closed = False
        target.write(self._header)

    def write(self, data: bytes) -> int:
        self._buffer += data
        # Keep at least one byte back: only close() knows which chunk is the last.
        while len(self._buffer) > CHUNK_BYTES:
            self._emit(bytes(self._buffer[:CHUNK_BYTES]), last=False)
            del self._buffer[:CHUNK_BYTES]
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self.closed = True

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._index, last), plain, self._header)
        self._target.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1


def decrypt_stream(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    """Decrypt what `EncryptingWriter` wrote from `source` into `target`, chunk by chunk.

    Raises DecryptionError on any damage or a wrong passphrase; `target` may
    then hold a part of the plain text, which the caller must discard.
    """
    header = source.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        raise DecryptionError("not an encrypted stream")
    salt = header[len(MAGIC) : len(MAGIC) + SALT_BYTES]
    prefix = header[len(MAGIC) + SALT_BYTES :]
    aead = _key(passphrase, salt)
    index = 0
    length_bytes = source.read(4)
    while True:
        if len(length_bytes) < 4:
            raise DecryptionError("the stream was cut before its last chunk")
        (length,) = struct.unpack(">I", length_bytes)
        if length > CHUNK_BYTES + 16:
            raise DecryptionError("damaged chunk length")
        sealed = source.read(length)
        length_bytes = source.read(4)
        last = not length_bytes
        try:
            plain = aead.decrypt(_nonce(prefix, index, last), sealed, header)
        except InvalidTag:
            raise DecryptionError("wrong passphrase, or the stream was altered") from None
        target.write(plain)
        if last:
            return
        index += 1
