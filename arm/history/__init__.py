"""History at national scale: "who was here" (``near``), its PDF (``near_pdf``), ``arm near``, ``arm db migrate-to``."""
