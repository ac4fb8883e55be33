import os

# The suite runs with the test profile (locmem e-mail, immediate tasks); DATABASE_URL picks the database.
os.environ.setdefault("LIENTHONG_PROFILE", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lienthong.settings")
