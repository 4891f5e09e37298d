"""The journals' anchor outside the database: the chain key and the signed checkpoints.

- :mod:`.key` — the HMAC key file in the configuration directory (owner-only),
  handed to ``db.integrity`` as its key provider;
- :mod:`.checkpoints` — the append-only file of signed (count, head, time) lines;
- :mod:`.verify` — ``arm journal verify`` and the GUI's button: the chains with
  the key, and the chains against the latest checkpoints;
- :mod:`.rekey` — keying an existing (unkeyed) database once, and key rotation;
- :mod:`.service` — the monitoring-service component that writes a checkpoint hourly.
"""
