"""The EM-Serial ICD (../shared/icd/serial-icd.md): framing, messages, link, delivery.

Split the way Traccar splits a protocol: a framer that finds whole lines in a
byte stream, a codec that turns a line into a typed message and back, a link
that runs command/answer with retries, and delivery that stores events and
acknowledges them only after the commit.
"""
