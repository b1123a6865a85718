"""Fixture files (old schema versions, corrupt files) and record factories for storage tests."""
