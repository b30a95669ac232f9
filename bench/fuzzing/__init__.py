"""The parts of bench/fuzz.py: what to ask (``targets``, ``range_rows``), how to make the
query strings (``queries``), sending them (``sending``, ``concurrency``) and reporting what
came back (``gunicorn_log``, ``report``)."""
