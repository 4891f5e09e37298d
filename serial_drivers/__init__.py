"""Serial and USB devices: the EM-Serial ICD, NMEA receivers, discovery, the emulator.

See docs/serial.md (guide) and docs/serial-icd-readings.md (how the ICD is read).
"""
