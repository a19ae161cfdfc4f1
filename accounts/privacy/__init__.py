"""Privacy rights: the export ZIP and erasure (`data`), deletion requests
(`requests`), and the registrations of accounts' own models (`own`).

The registry itself, and the contract every app's `privacy.py` follows, is
`lib.privacy`.
"""
