"""The admin's start page per role (beheer/start/) and its "Still correct" button.

Everything runs on a frozen clock: Tuesday 1 December 2026, 10:00 in Amsterdam (no public
holiday in the first three weeks; Christmas falls in the 90 days looked ahead).
"""
