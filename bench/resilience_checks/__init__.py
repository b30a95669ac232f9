"""The parts of bench/resilience.py: a throw-away PostgreSQL (``postgres``), the database
outage under load (``outage``), the staff member writing in the admin all through it
(``admin_writes``) and the report with its targets (``report``)."""
