"""The rights of every role, proven on the server: role × model × action, crafted requests too.

"Forbidden" is 403 or 404 for staff and a redirect to the login page for anonymous
visitors, and after a forbidden request the database is exactly as it was. A module a
subject; the matrix of every role, model and action in test_matrix.py.
"""
