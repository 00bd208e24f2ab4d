"""The shared task store (SQLAlchemy models + Alembic migrations): arrives with issue 3."""
